import { App, Card, Descriptions, Flex } from 'antd';
import { CrownOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type Incident } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { UserSelect } from '../auth/users/UserSelect';
import { communeLabel, useCommunes } from '../geo/api';
import { usePatchIncident } from './api';
import { IncidentSeverityTag, InesTag } from './badges';
import { localiseIncidentError } from './errors';

/** The commander: chosen by the command, shown to everyone else. */
function Commander({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const patch = usePatchIncident(incident.id);
  if (!incident.can.manage || !can(Permission.UserRead) || incident.state === 'closed')
    return incident.commanderName ? (
      <span data-testid="incident-commander">{incident.commanderName}</span>
    ) : (
      <span className="muted">{t('incidents.board.noCommander')}</span>
    );
  return (
    <div data-testid="incident-commander-select" style={{ width: '100%' }}>
      <UserSelect
        value={incident.commanderUserId}
        onChange={(commanderUserId) =>
          patch.mutate(
            { commanderUserId, version: incident.version },
            { onSuccess: () => void message.success(t('incidents.board.commanderSaved')) },
          )
        }
        placeholder={t('incidents.board.chooseCommander')}
        style={{ width: '100%', maxWidth: 360 }}
        disabled={patch.isPending}
      />
      <ErrorAlert
        error={patch.error ? localiseIncidentError(patch.error, t) : null}
        style={{ marginTop: 6 }}
      />
    </div>
  );
}

/** What is known of the incident: the report, the assessment, the command, the closing. */
export function DetailsCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const communes = useCommunes();
  const commune = communes.data?.find((c) => c.code === incident.communeCode);
  const dash = <span className="muted">—</span>;
  const text = (value: string | null) =>
    value ? <div style={{ whiteSpace: 'pre-wrap' }}>{value}</div> : dash;
  const items = [
    {
      key: 'commander',
      label: (
        <span>
          <CrownOutlined /> {t('incidents.fields.commander')}
        </span>
      ),
      children: <Commander incident={incident} />,
    },
    { key: 'kind', label: t('incidents.fields.kind'), children: t(`incidents.kinds.${incident.kind}`) },
    {
      key: 'assessment',
      label: t('incidents.fields.assessment'),
      children:
        incident.severity === null && incident.ines === null ? (
          <span className="muted">{t('incidents.list.notAssessed')}</span>
        ) : (
          <Flex vertical gap={4}>
            <Flex gap={4} wrap>
              {incident.severity ? <IncidentSeverityTag severity={incident.severity} /> : null}
              {incident.ines !== null ? <InesTag level={incident.ines} /> : null}
            </Flex>
            {incident.assessmentReasons ? text(incident.assessmentReasons) : null}
          </Flex>
        ),
    },
    {
      key: 'origin',
      label: t('incidents.fields.origin'),
      children: t(`incidents.origins.${incident.origin}`),
    },
    {
      key: 'discovered',
      label: t('incidents.fields.discoveredAt'),
      children: format.dateTime(incident.discoveredAt),
    },
    {
      key: 'reported',
      label: t('incidents.fields.reportedAt'),
      children: (
        <span>
          {format.dateTime(incident.reportedAt)}
          {incident.createdBy || incident.organisationName ? (
            <span className="muted">
              {' '}
              · {[incident.createdBy, incident.organisationName].filter(Boolean).join(', ')}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      key: 'place',
      label: t('incidents.fields.place'),
      children: (
        <span>
          {commune ? communeLabel(commune, language) : (incident.communeCode ?? '—')}
          <span className="muted mono" style={{ fontSize: 12 }}>
            {' '}
            ({format.number(incident.lat, 5)}, {format.number(incident.lon, 5)})
          </span>
        </span>
      ),
    },
    { key: 'description', label: t('incidents.fields.description'), children: text(incident.description) },
    ...(incident.closedAt
      ? [
          {
            key: 'closed',
            label: t('incidents.fields.closedAt'),
            children: format.dateTime(incident.closedAt),
          },
          ...(incident.finalReport
            ? [
                {
                  key: 'final',
                  label: t('incidents.fields.finalReport'),
                  children: text(incident.finalReport),
                },
              ]
            : []),
          ...(incident.closingReason
            ? [
                {
                  key: 'closingReason',
                  label: t('incidents.fields.closingReason'),
                  children: text(incident.closingReason),
                },
              ]
            : []),
        ]
      : []),
  ];
  return (
    <Card
      title={
        <span>
          <FileTextOutlined /> {t('incidents.board.details')}
        </span>
      }
      className="detail-card"
      data-testid="incident-details"
    >
      <Descriptions column={1} size="small" layout="vertical" colon={false} items={items} />
    </Card>
  );
}
