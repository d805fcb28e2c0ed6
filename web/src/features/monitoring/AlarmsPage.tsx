import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ALARM_SEVERITIES, type Alarm, type AlarmListQuery, type AlarmSeverity } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { FilterBar, ListTable } from '../../ui/table/ListTable';
import { useListParams } from '../../ui/table/useListParams';
import { useNow } from '../../ui/useNow';
import {
  AlarmActions,
  AlarmSeverityTag,
  AlarmStateTag,
  AlarmStation,
  TimeAgo,
  useAlarmReasons,
  usePeakText,
} from './alarms';
import { useAlarms } from './api';
import { useMonitoringLiveUpdates } from './live';
import { MonitoringSection } from './MonitoringSection';

const FILTERS = ['state', 'severity', 'station'] as const;
const STATE_FILTERS = ['open', 'raised', 'acknowledged', 'closed', 'resolved', 'false_alarm'] as const;
type StateFilter = (typeof STATE_FILTERS)[number];
const STATION_CODE = /^[A-Z]{2}[A-Z0-9]{1,18}$/;

function useAlarmColumns(): ColumnsType<Alarm> {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonsOf = useAlarmReasons();
  const peakText = usePeakText();
  const now = useNow(30_000);
  return [
    {
      title: t('monitoring.alarm.severity'),
      key: 'severity',
      render: (_value, alarm) => (
        <span data-testid={`alarm-item-${alarm.id}`} data-state={alarm.state} data-severity={alarm.severity}>
          <AlarmSeverityTag severity={alarm.severity} />
        </span>
      ),
    },
    {
      title: t('monitoring.alarm.state'),
      key: 'state',
      render: (_value, alarm) => (
        <Flex vertical gap={2} style={{ minWidth: 130 }}>
          <span>
            <AlarmStateTag state={alarm.state} />
          </span>
          {alarm.acknowledgedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.alarm.acknowledgedBy', {
                name: alarm.acknowledgedBy ?? '—',
                time: format.dateTime(alarm.acknowledgedAt),
              })}
            </Typography.Text>
          ) : null}
          {alarm.closedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.alarm.closedBy', {
                name: alarm.closedBy ?? '—',
                time: format.dateTime(alarm.closedAt),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('monitoring.alarm.station'),
      key: 'station',
      render: (_value, alarm) => (
        <div style={{ minWidth: 160, maxWidth: 260 }}>
          <AlarmStation alarm={alarm} />
        </div>
      ),
    },
    {
      title: t('monitoring.alarm.reasonsTitle'),
      key: 'reasons',
      render: (_value, alarm) => (
        <div style={{ minWidth: 220, maxWidth: 420 }}>
          <div className="muted" style={{ fontSize: 12 }}>
            {t(`monitoring.alarm.rules.${alarm.rule}`)}
          </div>
          {reasonsOf(alarm).map((reason, index) => (
            <div key={index}>{reason}</div>
          ))}
          <Tag style={{ marginTop: 4 }} data-cause={alarm.cause}>
            {t(`monitoring.alarm.causes.${alarm.cause}`)}
          </Tag>
          {alarm.note ? (
            <div className="muted" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {t('monitoring.alarm.note')}: {alarm.note}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('monitoring.alarm.peak'),
      key: 'peak',
      align: 'right',
      render: (_value, alarm) => {
        const peak = peakText(alarm);
        return peak ? (
          <Flex vertical align="flex-end">
            <span className="value-cell">{peak}</span>
            {alarm.peakTime ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {format.dateTime(alarm.peakTime)}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <span className="muted">—</span>
        );
      },
    },
    {
      title: t('monitoring.alarm.startedAt'),
      key: 'startedAt',
      render: (_value, alarm) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{format.dateTime(alarm.startedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('monitoring.alarm.lastSeenAt')}: <TimeAgo iso={alarm.lastSeenAt} now={now} />
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, alarm) => <AlarmActions alarm={alarm} />,
    },
  ];
}

/** Every alarm of the network: filters in the address bar, acknowledge and close where the user may. */
export default function AlarmsPage() {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const state = STATE_FILTERS.find((value) => value === filters.state);
  const severity = ALARM_SEVERITIES.find((value) => value === filters.severity);
  const stationFilter = filters.station?.trim().toUpperCase();
  const station = stationFilter && STATION_CODE.test(stationFilter) ? stationFilter : undefined;
  const query: AlarmListQuery = { state, severity, station, limit: list.pageSize, offset: list.offset };
  const alarms = useAlarms(query);
  useMonitoringLiveUpdates();
  const columns = useAlarmColumns();

  return (
    <MonitoringSection section="alarms">
      <Card>
        <FilterBar list={list}>
          <Select<StateFilter>
            value={state}
            allowClear
            placeholder={t('monitoring.alarm.allStates')}
            onChange={(value) => list.setFilters({ state: value })}
            options={STATE_FILTERS.map((value) => ({
              value,
              label: t(`monitoring.alarm.stateFilters.${value}`),
            }))}
            style={{ width: 190 }}
            data-testid="alarm-filter-state"
          />
          <Select<AlarmSeverity>
            value={severity}
            allowClear
            placeholder={t('monitoring.alarm.allSeverities')}
            onChange={(value) => list.setFilters({ severity: value })}
            options={ALARM_SEVERITIES.map((value) => ({
              value,
              label: t(`monitoring.alarm.severities.${value}`),
            }))}
            style={{ width: 170 }}
            data-testid="alarm-filter-severity"
          />
          <Input.Search
            key={`station-${filters.station ?? ''}`}
            defaultValue={filters.station}
            placeholder={t('monitoring.alarm.stationFilter')}
            allowClear
            onSearch={(value) => list.setFilters({ station: value.trim().toUpperCase() })}
            style={{ width: 200 }}
            data-testid="alarm-filter-station"
          />
        </FilterBar>
        <ListTable<Alarm>
          list={list}
          query={alarms}
          columns={columns}
          empty={t('monitoring.alarm.empty')}
          rowClassName={(alarm) =>
            alarm.state === 'raised' ? 'row-alert' : alarm.state === 'acknowledged' ? 'row-warning' : ''
          }
          testId="alarms-table"
        />
      </Card>
    </MonitoringSection>
  );
}
