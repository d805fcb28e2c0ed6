import { Link } from 'react-router-dom';
import { Button, Card, Flex, Typography } from 'antd';
import { AlertOutlined, CloudOutlined, LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@sievert/core';
import { translateOptional } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { registryPath } from '../../app/layout/navigation';
import { runNewForIncidentPath, runPath, RUNS_PATH } from '../emergency/paths';
import { useRunList } from '../emergency/runApi';
import { alarmsPath, stationPath } from '../monitoring/api';

/**
 * Where the incident connects to the rest of the platform: dispersion runs started for it ("Tính phát tán"),
 * the alarm and station it came from, the facility and the source of the registry.
 */
export function LinksCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const runs = useRunList({ incidentId: incident.id, limit: 20, offset: 0 });
  const { alarm, facility, source } = incident.links;
  return (
    <Card
      title={
        <span>
          <LinkOutlined /> {t('incidents.links.title')}
        </span>
      }
      className="detail-card"
      data-testid="incident-links"
    >
      <Flex vertical gap={12}>
        <div>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('incidents.links.runs')}</Typography.Text>
            <Link to={runNewForIncidentPath(incident.id)} data-testid="incident-run-new">
              <Button size="small" type="primary" icon={<CloudOutlined />}>
                {t('incidents.links.newRun')}
              </Button>
            </Link>
          </Flex>
          {runs.data && runs.data.items.length > 0 ? (
            <ul className="incident-nearby" data-testid="incident-runs">
              {runs.data.items.map((run) => (
                <li key={run.id}>
                  <Link to={runPath(run.id)}>
                    {run.title ?? t('emergency.run.stored.title', { id: run.id })}
                  </Link>{' '}
                  <span className="muted">
                    {format.dateTime(run.createdAt)} · {run.nuclides.join(', ')}
                  </span>
                </li>
              ))}
              {runs.data.total > runs.data.items.length ? (
                <li>
                  <Link to={`${RUNS_PATH}?incident=${incident.id}`}>
                    {t('incidents.links.allRuns', { count: runs.data.total })}
                  </Link>
                </li>
              ) : null}
            </ul>
          ) : (
            <div className="muted" style={{ fontSize: 13 }}>
              {runs.isPending ? t('common.loading') : t('incidents.links.noRuns')}
            </div>
          )}
        </div>
        {alarm ? (
          <div data-testid="incident-alarm-link">
            <Typography.Text strong>{t('incidents.links.alarm')}</Typography.Text>
            <div>
              <Link to={alarmsPath({ station: alarm.stationCode ?? undefined })}>
                <AlertOutlined /> {t('incidents.links.alarmNumber', { id: alarm.id })}
              </Link>{' '}
              <span className="muted">
                ({translateOptional(`monitoring.alarm.states.${alarm.state}`, alarm.state)})
              </span>
              {alarm.stationCode ? (
                <>
                  {' · '}
                  <Link to={stationPath(alarm.stationCode)} data-testid="incident-station-link">
                    {t('incidents.links.station', { code: alarm.stationCode })}
                  </Link>
                </>
              ) : null}
            </div>
          </div>
        ) : null}
        {facility ? (
          <div>
            <Typography.Text strong>{t('incidents.fields.facility')}</Typography.Text>
            <div>
              <Link to={registryPath('facilities', facility.id)} data-testid="incident-facility-link">
                {facility.name}
              </Link>
            </div>
          </div>
        ) : null}
        {source ? (
          <div>
            <Typography.Text strong>{t('incidents.fields.source')}</Typography.Text>
            <div>
              <Link to={registryPath('sources', source.id)} data-testid="incident-source-link">
                {source.label}
              </Link>{' '}
              <span className="muted">
                ({translateOptional(`registry.sourceStatuses.${source.status}`, source.status)})
              </span>
            </div>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
