import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  Card,
  Col,
  Empty,
  Flex,
  Grid,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ISOTOPE_OUTLIER_REFERENCE, type IsotopeRiverSummary, type IsotopeSample } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { useIsotopeSummary } from './api';
import { IsotopeScatter, IsotopeTimeChart } from './IsotopeCharts';
import { lineFormula } from './isotopeChartData';
import { IsotopePointsCard } from './IsotopePointsCard';
import { IsotopeFlags, IsotopeSection } from './IsotopeSection';
import { useFixed } from './isotopeFormat';

const d18oOf = (s: IsotopeSample) => s.d18o;
const dExcessOf = (s: IsotopeSample) => s.dExcess;

function OutliersTable({ samples }: { samples: IsotopeSample[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = useFixed();
  const screens = Grid.useBreakpoint();
  const columns: ColumnsType<IsotopeSample> = [
    {
      title: t('isotopes.fields.sampledAt'),
      key: 'sampledAt',
      render: (_v, s) => <span style={{ whiteSpace: 'nowrap' }}>{format.date(s.sampledAt)}</span>,
    },
    {
      title: t('isotopes.fields.station'),
      key: 'station',
      render: (_v, s) => (
        <Tooltip title={s.stationName}>
          <span className="mono">{s.stationCode}</span>
        </Tooltip>
      ),
    },
    {
      title: t('isotopes.fields.sampleCode'),
      key: 'sampleCode',
      render: (_v, s) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {s.sampleCode}
        </span>
      ),
    },
    { title: t('isotopes.fields.d18o'), key: 'd18o', align: 'right', render: (_v, s) => number(s.d18o, 2) },
    { title: t('isotopes.fields.d2h'), key: 'd2h', align: 'right', render: (_v, s) => number(s.d2h, 1) },
    {
      title: <Tooltip title={t('isotopes.fields.dExcess')}>{t('isotopes.fields.dExcessShort')}</Tooltip>,
      key: 'dExcess',
      align: 'right',
      render: (_v, s) => number(s.dExcess, 1),
    },
    {
      title: t('isotopes.fields.flags'),
      key: 'flags',
      render: (_v, s) => (
        <div style={{ minWidth: 120, maxWidth: 220 }}>
          <IsotopeFlags flags={s.flags} />
        </div>
      ),
    },
    {
      title: t('isotopes.fields.note'),
      key: 'note',
      render: (_v, s) => <div style={{ minWidth: 160, maxWidth: 360 }}>{s.note ?? '—'}</div>,
    },
  ];
  return (
    <Table<IsotopeSample>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={samples}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      // On a wide screen the notes wrap and the table fits; a phone scrolls it sideways.
      scroll={screens.lg ? undefined : { x: 'max-content' }}
      locale={{ emptyText: <TableEmpty text={t('isotopes.analysis.noOutliers')} /> }}
      data-testid="isotope-outliers"
    />
  );
}

function RiverView({
  river,
  name,
  gmwl,
  dExcessOnGmwl,
  dExcessSlope,
}: {
  river: IsotopeRiverSummary;
  name: string;
  gmwl: { slope: number; intercept: number };
  /** d of every point of the GMWL, when the d-excess slope is the GMWL's (8): drawn on the d-excess chart. */
  dExcessOnGmwl: number | null;
  /** d = δ²H − slope·δ¹⁸O. */
  dExcessSlope: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fixed = useFixed();
  const series = useMemo(() => river.series ?? [], [river.series]);
  const reference = useMemo(
    () =>
      dExcessOnGmwl === null
        ? null
        : {
            value: dExcessOnGmwl,
            label: t('isotopes.analysis.gmwlDExcess', { value: format.number(dExcessOnGmwl, 1) }),
          },
    [dExcessOnGmwl, t, format],
  );
  const mean = (v: number | null, digits: number, unit: string) =>
    v === null ? '—' : `${fixed(v, digits)} ${unit}`;
  if (river.samples === 0) return <Empty description={t('isotopes.analysis.noSamples')} />;
  return (
    <Flex vertical gap={16}>
      <Card className="isotope-stats" data-testid="isotope-stats">
        <Row gutter={[24, 16]}>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('isotopes.analysis.points')}
              value={river.points.length}
              formatter={(v) => format.number(Number(v))}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('isotopes.analysis.samples')}
              value={river.samples}
              formatter={(v) => <span data-testid="isotope-sample-count">{format.number(Number(v))}</span>}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Typography.Text type="secondary">{t('isotopes.analysis.line')}</Typography.Text>
            <div data-testid="isotope-line" style={{ fontSize: 18, marginTop: 4 }}>
              {river.line ? (
                <>
                  <span style={{ whiteSpace: 'nowrap' }}>{lineFormula(river.line, fixed)}</span>
                  <span
                    className="muted"
                    style={{ fontSize: 14, marginInlineStart: 8, whiteSpace: 'nowrap' }}
                  >
                    R² = {fixed(river.line.r2, 3)} · n = {format.number(river.line.n)}
                  </span>
                </>
              ) : (
                <span className="muted" style={{ fontSize: 14 }}>
                  {t('isotopes.analysis.noLine')}
                </span>
              )}
            </div>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={
                <Tooltip title={t('isotopes.analysis.meansHint')}>
                  {t('isotopes.analysis.meanDExcess')}
                </Tooltip>
              }
              value={mean(river.meanDExcess, 1, '‰')}
              formatter={(v) => <span data-testid="isotope-mean-dexcess">{String(v)}</span>}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('isotopes.analysis.flagged')}
              value={river.flagged}
              styles={{ content: { color: river.flagged > 0 ? '#d55e00' : undefined } }}
              formatter={(v) => <span data-testid="isotope-flagged-count">{format.number(Number(v))}</span>}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={
                <Tooltip title={t('isotopes.analysis.meansHint')}>{t('isotopes.analysis.meanD18o')}</Tooltip>
              }
              value={mean(river.meanD18o, 2, '‰')}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={
                <Tooltip title={t('isotopes.analysis.meansHint')}>
                  {t('isotopes.analysis.meanTritium')}
                </Tooltip>
              }
              value={mean(river.meanTritiumTu, 1, 'TU')}
            />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Statistic
              title={t('isotopes.analysis.period')}
              value={`${format.date(river.firstSampledAt)} – ${format.date(river.lastSampledAt)}`}
            />
          </Col>
        </Row>
      </Card>
      <Card title={t('isotopes.analysis.scatterTitle')} className="detail-card isotope-chart-card">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('isotopes.analysis.scatterHint')}
        </Typography.Paragraph>
        <IsotopeScatter samples={series} gmwl={gmwl} line={river.line} river={name} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('isotopes.analysis.d18oOverTime')} className="detail-card isotope-chart-card">
            <IsotopeTimeChart
              samples={series}
              value={d18oOf}
              what={t('isotopes.fields.d18o')}
              river={name}
              testId="isotope-d18o-time"
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('isotopes.analysis.dExcessOverTime')} className="detail-card isotope-chart-card">
            <IsotopeTimeChart
              samples={series}
              value={dExcessOf}
              what={t('isotopes.fields.dExcess')}
              river={name}
              reference={reference}
              digits={1}
              testId="isotope-dexcess-time"
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('isotopes.analysis.outliersTitle')} className="detail-card">
        <OutliersTable samples={river.outliers} />
      </Card>
      <Alert
        type="info"
        showIcon
        title={t('isotopes.analysis.formulas', {
          slope: format.number(dExcessSlope),
          z: format.number(ISOTOPE_OUTLIER_REFERENCE.robustZ.value, 1),
          min: format.number(ISOTOPE_OUTLIER_REFERENCE.minSamples.value),
        })}
      />
    </Flex>
  );
}

/** One river at a time: its δ²H–δ¹⁸O plot against the GMWL, its own line, its values over time, its outliers. */
export default function IsotopeAnalysisPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const all = useIsotopeSummary();
  const rivers = useMemo(
    () =>
      (all.data?.rivers ?? []).filter(
        (r): r is IsotopeRiverSummary & { riverVi: string } => r.riverVi !== null,
      ),
    [all.data],
  );
  const requested = params.get('river');
  // Without a choice: the river sampled most (the main river, with the most points).
  const busiest = rivers.reduce<(typeof rivers)[number] | null>(
    (best, r) => (best === null || r.samples > best.samples ? r : best),
    null,
  );
  const chosen = rivers.find((r) => r.riverVi === requested) ?? busiest;
  const one = useIsotopeSummary(chosen?.riverVi ?? null);
  // Only the river's own answer: while it loads, the one shown is the summary of every river (without the
  // samples), which would draw an empty plot under the river's name.
  const detail =
    chosen && !one.isPlaceholderData ? one.data?.rivers.find((r) => r.riverVi === chosen.riverVi) : undefined;
  const label = (r: { riverVi: string | null; riverEn: string | null }) =>
    (language === 'en' ? (r.riverEn ?? r.riverVi) : r.riverVi) ?? '';
  const summary = all.data;
  const dExcessOnGmwl =
    summary && summary.dExcessSlope === summary.gmwl.slope ? summary.gmwl.intercept : null;

  return (
    <IsotopeSection section="analysis">
      {all.isError ? (
        <LoadError error={all.error} onRetry={() => void all.refetch()} />
      ) : all.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : rivers.length === 0 || !chosen || !summary ? (
        <Flex vertical gap={16}>
          <Card>
            <Empty description={t('isotopes.analysis.noRivers')} />
          </Card>
          <IsotopePointsCard />
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t('isotopes.analysis.chooseRiver')}</Typography.Text>
            <Select<string>
              value={chosen.riverVi}
              onChange={(value) => setParams({ river: value }, { replace: true })}
              options={rivers.map((r) => ({
                value: r.riverVi,
                label: `${label(r)} (${r.samples})`,
              }))}
              style={{ minWidth: 240 }}
              data-testid="isotope-river"
            />
          </Flex>
          {one.isError ? (
            <LoadError error={one.error} onRetry={() => void one.refetch()} />
          ) : !detail ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : (
            <RiverView
              key={detail.riverVi}
              river={detail}
              name={label(detail)}
              gmwl={summary.gmwl}
              dExcessOnGmwl={dExcessOnGmwl}
              dExcessSlope={summary.dExcessSlope}
            />
          )}
          <IsotopePointsCard />
        </Flex>
      )}
    </IsotopeSection>
  );
}
