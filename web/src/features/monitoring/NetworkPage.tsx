import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  AlertOutlined,
  CheckCircleOutlined,
  DisconnectOutlined,
  RadarChartOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type NetworkStation } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useIsMobile } from '../../ui/useMediaQuery';
import { useNow } from '../../ui/useNow';
import { useCommuneShapes } from '../geo/api';
import { AlarmRows, TimeAgo, compareAlarms } from './alarms';
import { alarmsPath, stationPath, useAlarms, useNetwork } from './api';
import {
  DOSE_RATE_DISPLAY_UNIT,
  compareForAttention,
  doseRateColour,
  networkCounts,
  showsDoseRate,
  stationMapState,
  type StationMapState,
} from './display';
import { useMonitoringLiveUpdates } from './live';
import { MonitoringSection } from './MonitoringSection';
import { NetworkMap } from './NetworkMap';
import { useDoseRateText } from './useDoseRateText';

const STATE_COLOURS: Record<StationMapState, string> = {
  alarm: 'red',
  offline: 'default',
  out_of_service: 'default',
  no_data: 'default',
  normal: 'green',
};

function Counter({
  title,
  value,
  icon,
  tone,
  note,
  loading,
  testId,
}: {
  title: string;
  value: number;
  icon: ReactNode;
  tone?: 'danger' | 'muted';
  note?: ReactNode;
  loading: boolean;
  testId: string;
}) {
  const format = useFormat();
  return (
    <Card className="stat-card" data-testid={testId} data-value={loading ? '' : value}>
      <Statistic
        title={
          <Flex gap={6} align="center">
            {icon}
            {title}
          </Flex>
        }
        loading={loading}
        value={value}
        formatter={(raw) => format.number(Number(raw))}
        styles={{
          content: tone === 'danger' && value > 0 ? { color: '#b3001b' } : undefined,
        }}
      />
      {note ? (
        <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
          {note}
        </div>
      ) : null}
    </Card>
  );
}

/** The latest values; on a phone two columns (station; value, time and state) so nothing hides off-screen. */
function useLatestColumns(now: number, compact: boolean): ColumnsType<NetworkStation> {
  const { t } = useTranslation();
  const format = useFormat();
  const doseRateText = useDoseRateText();
  const value = (station: NetworkStation) => {
    const shown = station.latest ? doseRateText(station.latest.value, false) : null;
    return (
      <span
        className="value-cell"
        data-testid={`network-value-${station.code}`}
        data-value={station.latest?.value ?? ''}
      >
        {shown === null ? (
          <span className="muted">—</span>
        ) : (
          <Flex gap={6} align="center" justify="flex-end" component="span">
            <span
              className="map-legend-swatch network-legend-dot"
              style={{ background: doseRateColour(station.latest?.value ?? 0), margin: 0 }}
            />
            {shown}
          </Flex>
        )}
      </span>
    );
  };
  const time = (station: NetworkStation) =>
    station.latest ? <TimeAgo iso={station.latest.time} now={now} /> : <span className="muted">—</span>;
  const state = (station: NetworkStation) => {
    const mapState = stationMapState(station);
    return (
      <Flex gap={4} wrap justify={compact ? 'flex-end' : undefined}>
        <Tag
          color={STATE_COLOURS[mapState]}
          style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
          data-testid={`network-state-${station.code}`}
          data-state={mapState}
        >
          {t(`monitoring.network.states.${mapState}`)}
        </Tag>
        {station.rain && station.rain.value > 0 ? (
          <Tag style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
            {t('monitoring.network.rain', { value: format.number(station.rain.value, 1) })}
          </Tag>
        ) : null}
      </Flex>
    );
  };
  const stationColumn: ColumnsType<NetworkStation>[number] = {
    title: t('monitoring.network.station'),
    key: 'station',
    render: (_value, station) => (
      <div style={compact ? { minWidth: 0 } : { minWidth: 160, maxWidth: 280 }}>
        <Link to={stationPath(station.code)} data-testid={`network-station-${station.code}`}>
          <span className="mono">{station.code}</span>
        </Link>
        <div className="muted" style={{ fontSize: 12 }}>
          {station.name}
        </div>
      </div>
    ),
  };
  const valueTitle = `${t('monitoring.network.value')} (${DOSE_RATE_DISPLAY_UNIT})`;
  if (compact) {
    return [
      stationColumn,
      {
        title: valueTitle,
        key: 'value',
        align: 'right',
        render: (_value, station) => (
          <Flex vertical gap={2} align="flex-end">
            {value(station)}
            <span className="muted" style={{ fontSize: 12 }}>
              {time(station)}
            </span>
            {state(station)}
          </Flex>
        ),
      },
    ];
  }
  return [
    stationColumn,
    { title: valueTitle, key: 'value', align: 'right', render: (_value, station) => value(station) },
    { title: t('monitoring.network.time'), key: 'time', render: (_value, station) => time(station) },
    { title: t('monitoring.network.state'), key: 'state', render: (_value, station) => state(station) },
  ];
}

function OpenAlarms() {
  const { t } = useTranslation();
  const alarms = useAlarms({ state: 'open', limit: 50 });
  const sorted = useMemo(() => [...(alarms.data?.items ?? [])].sort(compareAlarms), [alarms.data]);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <AlertOutlined />
          {t('monitoring.alarm.openTitle')}
          {alarms.data ? <Tag style={{ marginInlineEnd: 0 }}>{alarms.data.total}</Tag> : null}
        </Flex>
      }
      extra={
        <Link to={alarmsPath({ state: 'open' })} data-testid="network-alarms-all">
          {t('monitoring.alarm.viewAll')}
        </Link>
      }
      className="detail-card"
      data-testid="network-alarms"
      styles={{ body: { paddingTop: 4 } }}
    >
      {alarms.isError ? (
        <LoadError error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : !alarms.data ? (
        <Skeleton active />
      ) : sorted.length === 0 ? (
        <TableEmpty text={t('monitoring.alarm.noneOpen')} />
      ) : (
        <div className="alarm-panel">
          <AlarmRows alarms={sorted} />
        </div>
      )}
    </Card>
  );
}

/** The network dashboard: the map, the open alarms, the counters and every station's latest value. */
export default function NetworkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const meta = useMeta().data;
  const network = useNetwork();
  useMonitoringLiveUpdates();
  const shapes = useCommuneShapes();
  const now = useNow(30_000);
  const compact = useIsMobile();
  const columns = useLatestColumns(now, compact);
  const stations = useMemo(
    () => (network.data?.stations ?? []).filter(showsDoseRate).sort(compareForAttention),
    [network.data],
  );
  const counts = networkCounts(stations, network.data?.openAlarms ?? 0);
  const loading = !network.data;
  const showAlarms = can(Permission.AlarmRead);

  return (
    <MonitoringSection
      section="overview"
      extra={
        network.data ? (
          <Typography.Text
            type="secondary"
            data-testid="network-updated"
            data-time={network.data.generatedAt}
          >
            {t('monitoring.network.updated', { time: format.dateTimeSeconds(network.data.generatedAt) })}
          </Typography.Text>
        ) : null
      }
    >
      {network.isError ? <LoadError error={network.error} onRetry={() => void network.refetch()} /> : null}
      <Row gutter={[16, 16]} className="network-counters">
        <Col xs={12} md={6}>
          <Counter
            testId="network-count-total"
            title={t('monitoring.network.counters.total')}
            value={counts.total}
            icon={<RadarChartOutlined />}
            loading={loading}
            note={
              counts.outOfService > 0
                ? `${t('monitoring.network.counters.outOfService')}: ${format.number(counts.outOfService)}`
                : undefined
            }
          />
        </Col>
        <Col xs={12} md={6}>
          <Counter
            testId="network-count-online"
            title={t('monitoring.network.counters.online')}
            value={counts.online}
            icon={<CheckCircleOutlined />}
            loading={loading}
          />
        </Col>
        <Col xs={12} md={6}>
          <Counter
            testId="network-count-offline"
            title={t('monitoring.network.counters.offline')}
            value={counts.offline}
            icon={<DisconnectOutlined />}
            tone="danger"
            loading={loading}
          />
        </Col>
        <Col xs={12} md={6}>
          <Counter
            testId="network-count-alarms"
            title={t('monitoring.network.counters.alarms')}
            value={counts.alarms}
            icon={<AlertOutlined />}
            tone="danger"
            loading={loading}
          />
        </Col>
        <Col xs={24} xl={showAlarms ? 16 : 24}>
          <Card
            title={t('monitoring.network.mapTitle')}
            className="detail-card"
            styles={{ body: { padding: 12 } }}
          >
            <NetworkMap
              shapes={shapes.data}
              stations={stations}
              now={now}
              tileUrl={meta?.map.tileUrl}
              tileAttribution={meta?.map.tileAttribution}
              ariaLabel={t('monitoring.network.mapLabel')}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 4px 0', fontSize: 12 }}>
              {t('monitoring.network.mapHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        {showAlarms ? (
          <Col xs={24} xl={8}>
            <OpenAlarms />
          </Col>
        ) : null}
        <Col span={24}>
          <Card title={t('monitoring.network.latestTitle')} className="detail-card">
            <Alert
              type="info"
              showIcon
              title={t('monitoring.network.disclaimer')}
              style={{ marginBottom: 12 }}
            />
            <Table<NetworkStation>
              rowKey="code"
              size="small"
              columns={columns}
              dataSource={stations}
              loading={network.isLoading}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={compact ? undefined : { x: 'max-content' }}
              rowClassName={(station) =>
                station.alarm ? 'row-alert' : station.offline ? 'row-restricted' : ''
              }
              locale={{ emptyText: <TableEmpty text={t('monitoring.network.empty')} /> }}
              data-testid="network-table"
            />
          </Card>
        </Col>
      </Row>
    </MonitoringSection>
  );
}
