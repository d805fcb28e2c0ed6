import { useNavigate } from 'react-router-dom';
import { App, Button } from 'antd';
import { ArrowRightOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type Alarm } from '@sievert/core';
import { isApiError } from '../../app/api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { useDescribeError } from '../../ui/errors/ErrorAlert';
import { useOpenIncidentFromAlarm } from './api';
import { incidentPath } from './paths';

/** The incident an answer names: an alarm that already has one answers 409 with its id. */
function existingIncident(error: unknown): number | null {
  if (!isApiError(error, 'entity.conflict')) return null;
  const details = error.details as { incidentId?: unknown } | undefined;
  return typeof details?.incidentId === 'number' ? details.incidentId : null;
}

/**
 * "Mở sự cố" on a monitoring alarm: one click opens an incident pre-filled by the server (station, readings,
 * place, commune) and goes to its board; an alarm that already has one links to it instead.
 */
export function OpenIncidentButton({
  alarm,
  size = 'small',
}: {
  alarm: Pick<Alarm, 'id' | 'incidentId'>;
  size?: 'small' | 'middle';
}) {
  const alarmId = alarm.id;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const navigate = useNavigate();
  const describe = useDescribeError();
  const open = useOpenIncidentFromAlarm();
  const incidentId = alarm.incidentId;
  if (incidentId)
    return can(Permission.IncidentRead) ? (
      <Button
        size={size}
        icon={<ArrowRightOutlined />}
        onClick={() => void navigate(incidentPath(incidentId))}
        data-testid={`alarm-incident-${alarmId}`}
      >
        {t('incidents.alarm.view')}
      </Button>
    ) : null;
  if (!can(Permission.IncidentReport)) return null;
  return (
    <Button
      size={size}
      danger
      icon={<WarningOutlined />}
      loading={open.isPending}
      onClick={() =>
        open.mutate(alarmId, {
          onSuccess: (incident) => {
            void message.success(t('incidents.alarm.opened', { number: incident.number }));
            void navigate(incidentPath(incident.id));
          },
          onError: (error) => {
            const existing = existingIncident(error);
            if (existing === null) return void message.error(describe(error).message);
            void message.info(t('incidents.alarm.already'));
            void navigate(incidentPath(existing));
          },
        })
      }
      data-testid={`alarm-open-incident-${alarmId}`}
    >
      {t('incidents.alarm.open')}
    </Button>
  );
}
