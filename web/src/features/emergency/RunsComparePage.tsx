import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Breadcrumb, Card, Col, Flex, Row, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { Run } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMediaQuery';
import { useCommuneShapes } from '../geo/api';
import { EMERGENCY_PATH, RUNS_PATH, runPath } from './paths';
import { useRuns } from './runApi';
import { differs, parseCompareIds, unionKeys } from './runCompare';
import { RunMap } from './RunMap';
import {
  runTitle,
  useArrivalLabels,
  useRunInputRows,
  useRunMapLabels,
  useZoneLabel,
  zonePopulationText,
} from './runDisplay';
import { formatDose } from './runFormat';
import { periodParts, zoneColour } from './runView';
import './emergency.css';

/** Card titles wrap on a phone rather than end in an ellipsis. */
const CARD_STYLES = { title: { whiteSpace: 'normal' as const } };

interface CompareRow {
  key: string;
  label: ReactNode;
  cells: ReactNode[];
  differ: boolean;
}

/** A table with one column per run; rows whose values differ are highlighted. */
function CompareTable({
  runs,
  rows,
  testId,
  firstTitle,
}: {
  runs: readonly Run[];
  rows: CompareRow[];
  testId: string;
  firstTitle: string;
}) {
  const { t } = useTranslation();
  const phone = useIsMobile();
  const columns: ColumnsType<CompareRow> = [
    {
      title: firstTitle,
      key: 'label',
      fixed: 'left',
      // On a phone the labels keep a third of the width, the runs scroll beside them.
      width: phone ? 120 : 200,
      render: (_: unknown, row) => <span className="run-compare-label">{row.label}</span>,
    },
    ...runs.map((run, index) => ({
      title: <Link to={runPath(run.id)}>{runTitle(run, t)}</Link>,
      key: `run-${run.id}`,
      render: (_: unknown, row: CompareRow) => <div className="run-compare-cell">{row.cells[index]}</div>,
    })),
  ];
  return (
    <Table<CompareRow>
      size="small"
      rowKey="key"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      rowClassName={(row) => (row.differ ? 'run-compare-differs' : '')}
      data-testid={testId}
      onRow={(row) => ({ 'data-differs': row.differ ? 'true' : 'false' }) as object}
    />
  );
}

/** The inputs side by side. */
function InputsCard({ runs }: { runs: readonly Run[] }) {
  const { t } = useTranslation();
  const describe = useRunInputRows();
  const rows = useMemo(() => {
    const perRun = runs.map((run) => describe(run));
    return perRun[0]!.map((first, k) => {
      const texts = perRun.map((rowsOfRun) => rowsOfRun[k]!.text);
      return {
        key: first.key,
        label: first.label,
        cells: texts.map((text) => text || '—'),
        differ: differs(texts),
      };
    });
  }, [runs, describe]);
  return (
    <Card title={t('emergency.runs.compareInputs')} size="small" styles={CARD_STYLES}>
      <CompareTable
        runs={runs}
        rows={rows}
        testId="compare-inputs"
        firstTitle={t('emergency.runs.parameter')}
      />
    </Card>
  );
}

function DiffLegend() {
  const { t } = useTranslation();
  return (
    <Flex gap={6} align="center" className="run-compare-legend" style={{ marginBottom: 12 }}>
      <span className="run-compare-swatch" aria-hidden />
      <Typography.Text type="secondary">{t('emergency.runs.differs')}</Typography.Text>
    </Flex>
  );
}

/** The highest projected doses per period, effective and thyroid. */
function MaximaCard({ runs }: { runs: readonly Run[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const periods = unionKeys(
    runs.map((run) => run.maxima),
    (m) => m.periodS,
  );
  const rows: CompareRow[] = periods.flatMap((periodS) => {
    const p = periodParts(periodS);
    const periodText = t(`emergency.run.period.${p.key}`, { count: p.count });
    const pick = (run: Run) => run.maxima.find((m) => m.periodS === periodS);
    return (['effective', 'thyroid'] as const).map((kind) => {
      const texts = runs.map((run) => {
        const m = pick(run);
        if (!m) return '';
        return formatDose(kind === 'effective' ? m.effectiveSv : m.thyroidSv, format.number);
      });
      return {
        key: `${periodS}-${kind}`,
        label: `${periodText} · ${t(`emergency.run.result.${kind}`)}`,
        cells: texts.map((text) => text || '—'),
        differ: differs(texts),
      };
    });
  });
  return (
    <Card title={t('emergency.runs.compareMaxima')} size="small" styles={CARD_STYLES}>
      <CompareTable
        runs={runs}
        rows={rows}
        testId="compare-maxima"
        firstTitle={t('emergency.run.result.period')}
      />
    </Card>
  );
}

/** The zones of every run: area, population, and the communes in each. */
function ZonesCard({ runs }: { runs: readonly Run[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const zoneLabel = useZoneLabel();
  const codes = unionKeys(
    runs.map((run) => run.zones),
    (z) => z.code,
  );
  const rows: CompareRow[] = codes.map((code) => {
    const zones = runs.map((run) => run.zones.find((z) => z.code === code));
    const any = zones.find((z) => z !== undefined)!;
    const texts = zones.map((zone) =>
      zone ? `${format.number(zone.areaKm2, 2)}|${zonePopulationText(zone, t, format.number)}` : '',
    );
    return {
      key: code,
      label: (
        <Flex gap={6} align="flex-start">
          <span
            className="run-legend-swatch"
            style={{ borderColor: zoneColour(code), background: `${zoneColour(code)}55` }}
          />
          <span>{zoneLabel(any)}</span>
        </Flex>
      ),
      cells: zones.map((zone) =>
        zone ? (
          <Flex vertical gap={4} className="run-compare-zone" data-testid={`compare-zone-${code}`}>
            <span>
              {t('emergency.run.result.area', { value: format.number(zone.areaKm2, 2) })}
              {' · '}
              {zonePopulationText(zone, t, format.number)}
            </span>
            {zone.communes.length > 0 ? (
              <Flex wrap gap={4}>
                {zone.communes.map((c) => (
                  <Tag key={c.code} style={{ marginInlineEnd: 0 }}>
                    {c.name}
                    {typeof c.population === 'number'
                      ? ` · ${t('emergency.run.population.value', { value: format.number(Math.round(c.population)) })}`
                      : ''}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('emergency.run.result.noCommunes')}</Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('emergency.runs.noSuchZone')}</Typography.Text>
        ),
      ),
      differ: differs(texts),
    };
  });
  return (
    <Card title={t('emergency.runs.compareZones')} size="small" styles={CARD_STYLES}>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('emergency.run.result.noZones')}</Typography.Text>
      ) : (
        <CompareTable
          runs={runs}
          rows={rows}
          testId="compare-zones"
          firstTitle={t('emergency.run.result.zones')}
        />
      )}
    </Card>
  );
}

/** One run's map, read-only. */
function CompareMap({ run }: { run: Run }) {
  const { t } = useTranslation();
  const meta = useMeta().data;
  const shapes = useCommuneShapes();
  const zoneLabels = useRunMapLabels(run);
  const arrivalLabels = useArrivalLabels();
  const labels = useMemo(() => ({ ...zoneLabels, arrivals: arrivalLabels }), [zoneLabels, arrivalLabels]);
  const point = useMemo(() => ({ lat: run.inputs.release.lat, lon: run.inputs.release.lon }), [run]);
  return (
    <Card size="small" title={<Link to={runPath(run.id)}>{runTitle(run, t)}</Link>}>
      <RunMap
        shapes={shapes.data}
        point={point}
        zones={run.zones}
        arrivals={run.arrivals}
        downwindBearingDeg={run.downwindBearingDeg}
        fitKey={1}
        labels={labels}
        tileUrl={meta?.map.tileUrl}
        tileAttribution={meta?.map.tileAttribution}
        ariaLabel={t('emergency.run.map.ariaLabelStored')}
        compact
      />
    </Card>
  );
}

/** "So sánh các lần tính": 2–3 stored runs side by side (`?ids=1,2`). */
export default function RunsComparePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ids = parseCompareIds(params.get('ids'));
  const queries = useRuns(ids);
  const runs = queries.map((q) => q.data).filter((run): run is Run => run !== undefined);
  const pending = queries.some((q) => q.isPending);
  const failed = queries.some((q) => q.isError);

  const breadcrumb = (
    <Breadcrumb
      className="registry-breadcrumb"
      items={[
        {
          title: (
            <Link to={EMERGENCY_PATH} data-testid="breadcrumb-emergency">
              {t('domains.emergency.title')}
            </Link>
          ),
        },
        { title: <Link to={RUNS_PATH}>{t('emergency.runs.nav')}</Link> },
        { title: t('emergency.runs.compareCrumb') },
      ]}
    />
  );
  const header = (
    <PageHeader title={t('emergency.runs.compareTitle')} subtitle={t('emergency.runs.compareSubtitle')} />
  );
  if (ids.length < 2)
    return (
      <>
        {breadcrumb}
        {header}
        <Alert
          type="info"
          showIcon
          title={t('emergency.runs.compareNeedTwo')}
          data-testid="compare-need-two"
        />
      </>
    );
  if (pending) return <Spin />;
  if (failed || runs.length < ids.length)
    return (
      <>
        {breadcrumb}
        {header}
        <Alert
          type="error"
          showIcon
          title={t('emergency.runs.compareNotFound')}
          data-testid="compare-not-found"
        />
      </>
    );

  const mapSpan = runs.length === 3 ? { xs: 24, lg: 8 } : { xs: 24, md: 12 };
  return (
    <div className="run-page" data-testid="compare-page">
      {breadcrumb}
      {header}
      <DiffLegend />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          {runs.map((run) => (
            <Col key={run.id} {...mapSpan}>
              <CompareMap run={run} />
            </Col>
          ))}
        </Row>
        <InputsCard runs={runs} />
        <MaximaCard runs={runs} />
        <ZonesCard runs={runs} />
      </Flex>
    </div>
  );
}
