import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Measurement, Station, ValidationState } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { ALL_FROM_MS, maxPointsForWidth, type TimeWindow } from '../../ui/chart/chartData';
import { TimeSeriesChart, type ChartSeries } from '../../ui/chart/TimeSeriesChart';
import type { ChartWindow } from '../../ui/chart/useChartWindow';
import { ErrorAlert, LoadError } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useDebounced } from '../../ui/useDebounced';
import { AlarmRows, compareAlarms } from './alarms';
import {
  alarmsPath,
  useAlarms,
  useStationMeasurements,
  useStationSeries,
  useValidateMeasurements,
} from './api';
import { DOSE_RATE_DISPLAY_UNIT, doseRatePoints, rainPoints, resolutionInfo } from './display';
import { useDoseRateText } from './useDoseRateText';

const DOSE_COLOUR = '#1d4e89';
const RAIN_COLOUR = '#4a90c2';
const FLAGGED_PAGE = 10;

const iso = (ms: number) => new Date(ms).toISOString();

/** The resolution the server chose, as a tag with its explanation. */
function ResolutionTag({ resolution, bucketS }: { resolution: string; bucketS: number }) {
  const { t } = useTranslation();
  const info = resolutionInfo(resolution, bucketS);
  const text =
    info.kind === 'raw'
      ? t('monitoring.chart.resolution.raw')
      : t(`monitoring.chart.resolution.${info.kind}`, { count: info.count });
  return (
    <Tooltip title={t('monitoring.chart.resolutionHint')}>
      <Tag
        color={info.kind === 'raw' ? 'green' : 'blue'}
        style={{ marginInlineEnd: 0 }}
        data-testid="chart-resolution"
        data-resolution={resolution}
      >
        {t('monitoring.chart.resolutionLabel')}: {text}
      </Tag>
    </Tooltip>
  );
}

/**
 * The station's dose rate over the chosen window, with its rain as bars when the station measures it. The
 * number of points follows the chart's width; the server picks the resolution that fits, so zooming in fetches
 * finer values (a short pause first, so a burst of zooms costs one request).
 */
export function StationChartCard({
  station,
  chartWindow,
  canValidate,
  selection,
  onSelect,
}: {
  station: Station;
  chartWindow: ChartWindow;
  canValidate: boolean;
  selection: TimeWindow | null;
  onSelect: (window: TimeWindow | null) => void;
}) {
  const { t } = useTranslation();
  const [width, setWidth] = useState(0);
  const [mode, setMode] = useState<'zoom' | 'select'>('zoom');
  // "All": the first answer (coarse, since 2000) says where the data begin; then the window starts there, and the
  // server can pick a finer resolution for it.
  const [allStart, setAllStart] = useState<number | null>(null);
  const isAll = chartWindow.preset === 'all';
  const shown = useMemo(
    () => (isAll && allStart !== null ? { from: allStart, to: chartWindow.view.to } : chartWindow.view),
    [isAll, allStart, chartWindow.view],
  );
  const view = useDebounced(shown, 250);
  const live = chartWindow.preset !== null;
  const enabled = width > 0;
  const range = { from: iso(view.from), to: iso(view.to) };
  const dose = useStationSeries(
    station.code,
    { quantity: 'ambient_dose_rate', ...range, maxPoints: maxPointsForWidth(width) },
    { enabled, live },
  );
  // Bars need room: about one every four pixels.
  const rain = useStationSeries(
    station.code,
    { quantity: 'precipitation', ...range, maxPoints: maxPointsForWidth(width, 0.25) },
    { enabled, live },
  );
  const doseData = dose.data;
  const rainData = rain.data;
  const firstTime = doseData?.points[0]?.time;
  if (
    isAll &&
    allStart === null &&
    doseData &&
    !dose.isPlaceholderData &&
    Date.parse(doseData.from) === ALL_FROM_MS &&
    firstTime !== undefined
  ) {
    const start = Date.parse(firstTime);
    if (Number.isFinite(start) && start > ALL_FROM_MS) setAllStart(start);
  }
  const series = useMemo(() => {
    const list: ChartSeries[] = [];
    list.push({
      key: 'dose',
      label: t('monitoring.chart.doseLabel'),
      unit: DOSE_RATE_DISPLAY_UNIT,
      colour: DOSE_COLOUR,
      points: doseData ? doseRatePoints(doseData) : [],
      stepS: doseData ? (doseData.bucketS > 0 ? doseData.bucketS : station.intervalS) : station.intervalS,
      band: true,
      digits: 3,
    });
    if (rainData && rainData.points.length > 0) {
      list.push({
        key: 'rain',
        label: t('monitoring.chart.rainLabel'),
        unit: 'mm',
        colour: RAIN_COLOUR,
        axis: 'right',
        kind: 'bars',
        points: rainPoints(rainData),
        stepS: rainData.bucketS > 0 ? rainData.bucketS : station.intervalS,
        digits: 1,
      });
    }
    return list;
  }, [doseData, rainData, station.intervalS, t]);
  const onWidthChange = useCallback((next: number) => setWidth(next), []);

  return (
    <Card title={t('monitoring.chart.doseTitle')} className="detail-card" data-testid="station-chart-card">
      {dose.isError ? <LoadError error={dose.error} onRetry={() => void dose.refetch()} /> : null}
      <TimeSeriesChart
        testId="station-chart"
        ariaLabel={t('monitoring.chart.ariaLabel', { code: station.code })}
        series={series}
        view={shown}
        fitToData={isAll}
        preset={chartWindow.preset}
        onPresetChange={chartWindow.setPreset}
        onZoom={chartWindow.zoom}
        onReset={chartWindow.reset}
        onWidthChange={onWidthChange}
        dragMode={canValidate ? mode : 'zoom'}
        onSelectRange={onSelect}
        highlight={selection}
        loading={dose.isFetching || rain.isFetching}
        toolbar={
          <>
            {doseData ? <ResolutionTag resolution={doseData.resolution} bucketS={doseData.bucketS} /> : null}
            {canValidate ? (
              <Segmented<'zoom' | 'select'>
                size="small"
                value={mode}
                onChange={setMode}
                data-testid="chart-mode"
                options={[
                  {
                    value: 'zoom',
                    label: <span data-testid="chart-mode-zoom">{t('monitoring.chart.modeZoom')}</span>,
                  },
                  {
                    value: 'select',
                    label: <span data-testid="chart-mode-select">{t('monitoring.chart.modeSelect')}</span>,
                  },
                ]}
              />
            ) : null}
          </>
        }
      />
    </Card>
  );
}

interface ValidationValues {
  decision: ValidationState;
  note?: string;
}

/** Recording a decision on every dose-rate value of a period. */
function ValidationModal({
  station,
  period,
  decision,
  onClose,
  onDone,
}: {
  station: Station;
  period: TimeWindow;
  decision: ValidationState;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<ValidationValues>();
  const labels = { decision: t('monitoring.validation.decision'), note: t('monitoring.validation.note') };
  const { error, handle, clear } = useFormError(form, ['decision', 'note'], labels);
  const validate = useValidateMeasurements(station.code);
  const chosen = Form.useWatch('decision', form) ?? decision;
  const submit = (values: ValidationValues) => {
    clear();
    const note = values.note?.trim() || undefined;
    validate.mutate(
      {
        quantity: 'ambient_dose_rate',
        from: iso(period.from),
        to: iso(period.to),
        decision: values.decision,
        note,
      },
      {
        onSuccess: (result) => {
          void message.success(t('monitoring.validation.done', { count: result.changed }));
          onDone();
        },
        onError: handle,
      },
    );
  };
  return (
    <Modal
      open
      title={t('monitoring.validation.modalTitle', {
        from: format.dateTime(iso(period.from)),
        to: format.dateTime(iso(period.to)),
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('monitoring.validation.submit')}
      okButtonProps={{ 'data-testid': 'validation-submit', danger: chosen === 'rejected' }}
      cancelText={t('common.cancel')}
      confirmLoading={validate.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('monitoring.validation.explain')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision }}>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        <Form.Item name="decision" label={labels.decision} rules={[{ required: true }]}>
          <Radio.Group data-testid="validation-decision">
            <Flex vertical gap={4}>
              {(['validated', 'rejected', 'unvalidated'] as const).map((value) => (
                <Radio key={value} value={value} data-testid={`validation-decision-${value}`}>
                  {t(`monitoring.validation.decisions.${value}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[
            { max: 1000, message: t('form.maxLength', { max: 1000 }) },
            ...(chosen === 'rejected'
              ? [{ required: true, whitespace: true, message: t('monitoring.validation.noteRequired') }]
              : []),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('monitoring.validation.notePlaceholder')}
            data-testid="validation-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The period picked on the chart or in the table, and what a validator can do with it. */
export function ValidationBar({
  station,
  selection,
  onClear,
}: {
  station: Station;
  selection: TimeWindow | null;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [decision, setDecision] = useState<{ value: ValidationState; session: number } | null>(null);
  const start = (value: ValidationState) =>
    setDecision((current) => ({ value, session: (current?.session ?? 0) + 1 }));
  if (!selection) {
    return (
      <Alert type="info" showIcon title={t('monitoring.validation.hint')} data-testid="validation-hint" />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="validation-selection"
      data-from={iso(selection.from)}
      data-to={iso(selection.to)}
      title={t('monitoring.validation.selected', {
        from: format.dateTime(iso(selection.from)),
        to: format.dateTime(iso(selection.to)),
      })}
      action={
        <Flex gap={6} wrap>
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => start('validated')}
            data-testid="validation-validate"
          >
            {t('monitoring.validation.decisions.validated')}
          </Button>
          <Button
            size="small"
            danger
            icon={<StopOutlined />}
            onClick={() => start('rejected')}
            data-testid="validation-reject"
          >
            {t('monitoring.validation.decisions.rejected')}
          </Button>
          <Button size="small" icon={<CloseOutlined />} onClick={onClear} data-testid="validation-clear">
            {t('monitoring.validation.clear')}
          </Button>
          {decision ? (
            <ValidationModal
              key={decision.session}
              station={station}
              period={selection}
              decision={decision.value}
              onClose={() => setDecision(null)}
              onDone={() => {
                setDecision(null);
                onClear();
              }}
            />
          ) : null}
        </Flex>
      }
    />
  );
}

const VALIDATION_COLOURS: Record<ValidationState, string> = {
  unvalidated: 'default',
  validated: 'green',
  rejected: 'red',
};

/** Flagged dose-rate values in the chart's window; validators tick rows to select their period. */
export function FlaggedValues({
  station,
  view,
  canValidate,
  selection,
  onSelect,
}: {
  station: Station;
  view: TimeWindow;
  canValidate: boolean;
  selection: TimeWindow | null;
  onSelect: (window: TimeWindow | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const doseRateText = useDoseRateText();
  const debounced = useDebounced(view, 400);
  const [page, setPage] = useState(1);
  // The ticked rows count only while the selection is still theirs (a drag on the chart replaces it).
  const [picked, setPicked] = useState<{ keys: string[]; window: TimeWindow } | null>(null);
  const ticked =
    picked && selection && picked.window.from === selection.from && picked.window.to === selection.to
      ? picked.keys
      : [];
  const from = iso(debounced.from);
  const to = iso(debounced.to);
  const [windowKey, setWindowKey] = useState(`${from}|${to}`);
  // A new window starts at its first page.
  if (windowKey !== `${from}|${to}`) {
    setWindowKey(`${from}|${to}`);
    setPage(1);
  }
  const measurements = useStationMeasurements(station.code, {
    quantity: 'ambient_dose_rate',
    flagged: true,
    from,
    to,
    limit: FLAGGED_PAGE,
    offset: (page - 1) * FLAGGED_PAGE,
  });
  const columns: ColumnsType<Measurement> = [
    {
      title: t('monitoring.flagged.time'),
      key: 'end',
      render: (_value, item) => (
        <span style={{ whiteSpace: 'nowrap' }}>{format.dateTimeSeconds(item.end)}</span>
      ),
    },
    {
      title: t('monitoring.flagged.value'),
      key: 'value',
      align: 'right',
      render: (_value, item) => {
        const shown =
          item.unit === 'nSv/h'
            ? doseRateText(item.value, false)
            : `${format.number(item.value, 3)} ${item.unit}`;
        return <span className="value-cell">{shown ?? '—'}</span>;
      },
    },
    {
      title: t('monitoring.flagged.flags'),
      key: 'flags',
      render: (_value, item) => (
        <Flex gap={4} wrap style={{ minWidth: 160, maxWidth: 340 }}>
          {item.flags.map((flag) => (
            <Tag key={flag} color="orange" style={{ marginInlineEnd: 0 }} data-flag={flag}>
              {t(`monitoring.flags.${flag}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('monitoring.flagged.validation'),
      key: 'validation',
      render: (_value, item) => (
        <Tag
          color={VALIDATION_COLOURS[item.validation]}
          style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
          data-validation={item.validation}
        >
          {t(`monitoring.validation.states.${item.validation}`)}
        </Tag>
      ),
    },
    {
      title: t('monitoring.flagged.source'),
      key: 'source',
      render: (_value, item) => t(`monitoring.sources.${item.source}`),
    },
    {
      title: t('monitoring.flagged.revision'),
      key: 'revision',
      align: 'right',
      render: (_value, item) => format.number(item.revision),
    },
  ];
  const pickRows = (keys: string[], rows: Measurement[]) => {
    const ends = rows.map((row) => Date.parse(row.end)).filter(Number.isFinite);
    if (ends.length === 0) {
      setPicked(null);
      onSelect(null);
      return;
    }
    const window = { from: Math.min(...ends), to: Math.max(...ends) };
    setPicked({ keys, window });
    onSelect(window);
  };
  return (
    <Card title={t('monitoring.flagged.title')} className="detail-card" data-testid="station-flagged">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
        {t('monitoring.flagged.subtitle')}
      </Typography.Paragraph>
      {measurements.isError ? (
        <LoadError error={measurements.error} onRetry={() => void measurements.refetch()} />
      ) : (
        <Table<Measurement>
          rowKey="end"
          size="small"
          columns={columns}
          dataSource={measurements.data?.items}
          loading={measurements.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={
            canValidate
              ? {
                  selectedRowKeys: ticked,
                  onChange: (keys, rows) => pickRows(keys.map(String), rows),
                }
              : undefined
          }
          pagination={{
            current: page,
            pageSize: FLAGGED_PAGE,
            total: measurements.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: (next) => setPage(next),
          }}
          locale={{ emptyText: <TableEmpty text={t('monitoring.flagged.empty')} /> }}
          data-testid="flagged-table"
        />
      )}
    </Card>
  );
}

/** The station's latest alarms, with their actions and the way to all of them. */
export function StationAlarms({ station }: { station: Station }) {
  const { t } = useTranslation();
  const alarms = useAlarms({ station: station.code, limit: 10 });
  const sorted = useMemo(() => {
    const items = [...(alarms.data?.items ?? [])];
    // Open ones first (most severe first), then the closed ones, newest first.
    const open = (state: string) => state === 'raised' || state === 'acknowledged';
    return items.sort((a, b) =>
      open(a.state) !== open(b.state) ? (open(a.state) ? -1 : 1) : compareAlarms(a, b),
    );
  }, [alarms.data]);
  return (
    <Card
      title={t('monitoring.alarm.stationTitle')}
      extra={
        <Link to={alarmsPath({ station: station.code })} data-testid="station-alarms-all">
          {t('monitoring.alarm.viewAll')}
        </Link>
      }
      className="detail-card"
      data-testid="station-alarms"
      styles={{ body: { paddingTop: 4 } }}
    >
      {alarms.isError ? (
        <LoadError error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : !alarms.data ? (
        <Skeleton active />
      ) : sorted.length === 0 ? (
        <TableEmpty text={t('monitoring.alarm.stationEmpty')} />
      ) : (
        <AlarmRows alarms={sorted} showStation={false} />
      )}
    </Card>
  );
}
