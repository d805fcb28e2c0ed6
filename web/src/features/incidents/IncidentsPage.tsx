import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, DatePicker, Flex, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  INCIDENT_KINDS,
  INCIDENT_STATES,
  Permission,
  type IncidentKind,
  type IncidentListItem,
  type IncidentListQuery,
} from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { PageHeader } from '../../ui/PageHeader';
import { FilterBar, ListTable } from '../../ui/table/ListTable';
import { useListParams } from '../../ui/table/useListParams';
import { communeLabel, useCommunes } from '../geo/api';
import { CommuneSelect } from '../geo/CommuneSelect';
import { incidentRegisterUrl, useIncidents } from './api';
import { Countdown, ExerciseTag, IncidentSeverityTag, IncidentStateTag, InesTag } from './badges';
import { useIncidentLiveUpdates } from './live';
import { INCIDENT_NEW_PATH, incidentPath } from './paths';
import '../registry/registry.css';
import './incidents.css';

const FILTERS = ['state', 'kind', 'exercise', 'communeCode', 'q', 'from', 'to'] as const;
const STATE_FILTERS = ['open', ...INCIDENT_STATES] as const;
type StateFilter = (typeof STATE_FILTERS)[number];
const EXERCISE_FILTERS = ['real', 'exercise'] as const;
type ExerciseFilter = (typeof EXERCISE_FILTERS)[number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day of the period filter as the instants it starts and ends, in the province's time (UTC+7). */
function dayStart(date: string | undefined): string | undefined {
  return date && DATE.test(date) ? `${date}T00:00:00+07:00` : undefined;
}
function dayEnd(date: string | undefined): string | undefined {
  return date && DATE.test(date) ? `${date}T23:59:59.999+07:00` : undefined;
}

/** The nearest statutory deadline of a row: its countdown, or how many have passed. */
function NextClock({ incident }: { incident: IncidentListItem }) {
  const { t } = useTranslation();
  if (!incident.nextClockDueAt) return <span className="muted">—</span>;
  return (
    <Flex vertical gap={2} style={{ minWidth: 120 }} data-testid={`incident-next-clock-${incident.id}`}>
      <Countdown
        dueAt={incident.nextClockDueAt}
        state={incident.overdueClocks > 0 ? 'overdue' : 'running'}
        compact
      />
      {incident.overdueClocks > 0 ? (
        <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('incidents.list.overdueClocks', { count: incident.overdueClocks })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function useColumns(): ColumnsType<IncidentListItem> {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const communes = useCommunes();
  const communeName = (code: string | null) => {
    const commune = code ? communes.data?.find((c) => c.code === code) : undefined;
    return commune ? communeLabel(commune, language) : (code ?? '—');
  };
  return [
    {
      title: t('incidents.fields.number'),
      key: 'number',
      render: (_value, incident) => (
        <Link to={incidentPath(incident.id)} className="mono" style={{ whiteSpace: 'nowrap' }}>
          {incident.number}
        </Link>
      ),
    },
    {
      title: t('incidents.fields.title'),
      key: 'title',
      render: (_value, incident) => (
        <div style={{ minWidth: 200, maxWidth: 270 }}>
          {incident.exercise ? (
            <div style={{ marginBottom: 2 }}>
              <ExerciseTag />
            </div>
          ) : null}
          <Link to={incidentPath(incident.id)} data-testid={`incident-link-${incident.id}`}>
            {incident.title}
          </Link>
          <div className="muted" style={{ fontSize: 12 }} data-kind={incident.kind}>
            {t(`incidents.kinds.${incident.kind}`)}
            {incident.organisationName ? ` · ${incident.organisationName}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: t('incidents.list.stateSeverity'),
      key: 'state',
      render: (_value, incident) => (
        <Flex vertical gap={4} align="flex-start">
          <IncidentStateTag state={incident.state} />
          {incident.severity === null && incident.ines === null ? (
            <span className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('incidents.list.notAssessed')}
            </span>
          ) : (
            <Flex gap={4} wrap>
              {incident.severity ? <IncidentSeverityTag severity={incident.severity} /> : null}
              {incident.ines !== null ? <InesTag level={incident.ines} /> : null}
            </Flex>
          )}
        </Flex>
      ),
    },
    {
      title: t('incidents.fields.commune'),
      key: 'commune',
      render: (_value, incident) => (
        <div style={{ minWidth: 100, maxWidth: 160 }}>{communeName(incident.communeCode)}</div>
      ),
    },
    {
      title: t('incidents.list.reportedAt'),
      key: 'reportedAt',
      render: (_value, incident) => {
        // Date over time: the list keeps its width for the deadlines.
        const [day, time] = format.dateTime(incident.reportedAt).split(' ');
        return (
          <div style={{ whiteSpace: 'nowrap' }}>
            <div>{day}</div>
            <span className="muted">{time}</span>
          </div>
        );
      },
    },
    {
      title: t('incidents.list.clocks'),
      key: 'clocks',
      render: (_value, incident) =>
        incident.state === 'closed' ? <span className="muted">—</span> : <NextClock incident={incident} />,
    },
    {
      title: t('incidents.list.openTasks'),
      key: 'openTasks',
      align: 'right',
      render: (_value, incident) => incident.openTasks,
    },
  ];
}

/** "Sự cố bức xạ": every incident the user may see, newest first, with their nearest statutory deadline. */
export default function IncidentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const state = STATE_FILTERS.find((value) => value === filters.state);
  const kind = INCIDENT_KINDS.find((value) => value === filters.kind);
  const exerciseFilter = EXERCISE_FILTERS.find((value) => value === filters.exercise);
  const filterQuery: Omit<IncidentListQuery, 'limit' | 'offset'> = {
    state,
    kind,
    exercise: exerciseFilter === undefined ? undefined : exerciseFilter === 'exercise',
    communeCode: filters.communeCode || undefined,
    q: filters.q || undefined,
    from: dayStart(filters.from),
    to: dayEnd(filters.to),
  };
  const incidents = useIncidents({ ...filterQuery, limit: list.pageSize, offset: list.offset });
  useIncidentLiveUpdates();
  const columns = useColumns();

  return (
    <>
      <PageHeader
        title={t('domains.incidents.title')}
        subtitle={t('incidents.list.subtitle')}
        extra={
          <>
            <Button
              icon={<FileExcelOutlined />}
              href={incidentRegisterUrl(filterQuery)}
              download
              data-testid="incident-register-xlsx"
            >
              {t('incidents.list.register')}
            </Button>
            {can(Permission.IncidentReport) ? (
              <Button
                type="primary"
                danger
                icon={<PlusOutlined />}
                onClick={() => void navigate(INCIDENT_NEW_PATH)}
                data-testid="incident-new"
              >
                {t('incidents.list.report')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <FilterBar
          list={list}
          search={{ placeholder: t('incidents.list.search'), testId: 'incident-filter-q', width: 230 }}
        >
          <Select<StateFilter>
            value={state}
            allowClear
            placeholder={t('incidents.list.allStates')}
            onChange={(value) => list.setFilters({ state: value })}
            options={STATE_FILTERS.map((value) => ({
              value,
              label: value === 'open' ? t('incidents.list.openState') : t(`incidents.states.${value}`),
            }))}
            style={{ width: 170 }}
            data-testid="incident-filter-state"
          />
          <Select<IncidentKind>
            value={kind}
            allowClear
            placeholder={t('incidents.list.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={INCIDENT_KINDS.map((value) => ({ value, label: t(`incidents.kinds.${value}`) }))}
            style={{ width: 210 }}
            popupMatchSelectWidth={false}
            data-testid="incident-filter-kind"
          />
          <Select<ExerciseFilter>
            value={exerciseFilter}
            allowClear
            placeholder={t('incidents.list.allExercise')}
            onChange={(value) => list.setFilters({ exercise: value })}
            options={EXERCISE_FILTERS.map((value) => ({
              value,
              label: t(`incidents.list.exerciseFilter.${value}`),
            }))}
            style={{ width: 170 }}
            data-testid="incident-filter-exercise"
          />
          <CommuneSelect
            value={filters.communeCode ?? null}
            onChange={(value) => list.setFilters({ communeCode: value })}
            placeholder={t('incidents.list.allCommunes')}
            style={{ width: 200 }}
            data-testid="incident-filter-commune"
          />
          <DatePicker.RangePicker
            value={[
              filters.from && DATE.test(filters.from) ? dayjs(filters.from) : null,
              filters.to && DATE.test(filters.to) ? dayjs(filters.to) : null,
            ]}
            allowEmpty={[true, true]}
            format="DD/MM/YYYY"
            placeholder={[t('incidents.list.from'), t('incidents.list.to')]}
            onChange={(range) =>
              list.setFilters({
                from: range?.[0]?.format('YYYY-MM-DD') ?? null,
                to: range?.[1]?.format('YYYY-MM-DD') ?? null,
              })
            }
            style={{ width: 240 }}
            data-testid="incident-filter-period"
          />
        </FilterBar>
        <ListTable<IncidentListItem>
          list={list}
          query={incidents}
          columns={columns}
          empty={t('incidents.list.empty')}
          rowClassName={(incident) =>
            incident.overdueClocks > 0 && incident.state !== 'closed'
              ? 'row-alert'
              : incident.exercise
                ? 'row-exercise'
                : ''
          }
          testId="incidents-table"
        />
      </Card>
    </>
  );
}
