import { App, Button, Card, Flex, Popconfirm, Tag, Typography } from 'antd';
import { CheckOutlined, FieldTimeOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Clock, Incident } from '@sievert/core';
import { translateOptional, useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useMeetClock } from './api';
import { Countdown } from './badges';

/** One statutory deadline: what must be done, for whom, by when, the live countdown and "Đã thực hiện". */
function ClockRow({ incident, clock }: { incident: Incident; clock: Clock }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const language = useLanguage();
  const format = useFormat();
  const meet = useMeetClock(incident.id);
  const addressees = clock.addressees
    .map((code) => translateOptional(`incidents.addressees.${code}`, code))
    .join(', ');
  return (
    <div
      className={`incident-clock incident-clock-${clock.state}`}
      data-testid={`clock-${clock.code}`}
      data-state={clock.state}
    >
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <div className="incident-clock-obligation">{clock.obligation[language]}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {addressees ? `${t('incidents.clocks.to')}: ${addressees} · ` : ''}
            {t('incidents.clocks.dueAt', { time: format.dateTime(clock.dueAt) })} ·{' '}
            {t(`incidents.clocks.from.${clock.startsFrom}`)}
          </div>
          <Flex gap={6} align="center" className="muted" style={{ fontSize: 12, minWidth: 0 }}>
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: clock.source }}
              style={{ fontSize: 12, minWidth: 0, flex: '0 1 auto' }}
            >
              <InfoCircleOutlined /> {t('incidents.clocks.source')}: {clock.citation[language]}
            </Typography.Text>
            {clock.status === 'to_verify' ? (
              <Tag color="orange" style={{ marginInlineEnd: 0, flex: 'none' }}>
                {t('incidents.clocks.toVerify')}
              </Tag>
            ) : null}
          </Flex>
        </div>
        <Flex vertical align="flex-end" gap={6}>
          <span className="incident-clock-countdown">
            <Countdown dueAt={clock.dueAt} state={clock.state} metAt={clock.metAt} />
          </span>
          {clock.state === 'met' && clock.metBy ? (
            <span className="muted" style={{ fontSize: 12 }}>
              {clock.metBy}
            </span>
          ) : null}
          {clock.state !== 'met' && incident.can.manage ? (
            <Popconfirm
              title={t('incidents.clocks.meetConfirm')}
              okText={t('incidents.clocks.meet')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                meet.mutate(clock.code, {
                  onSuccess: () => void message.success(t('incidents.clocks.metDone')),
                })
              }
            >
              <Button
                size="small"
                icon={<CheckOutlined />}
                loading={meet.isPending}
                data-testid={`meet-clock-${clock.code}`}
              >
                {t('incidents.clocks.meet')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      </Flex>
      <ErrorAlert error={meet.error} style={{ marginTop: 8 }} />
    </div>
  );
}

/** The statutory deadlines of the incident (clocks as data, core/src/reference/incident-clocks.json). */
export function ClocksCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <Card
      title={
        <span>
          <FieldTimeOutlined /> {t('incidents.clocks.title')}
        </span>
      }
      className="detail-card"
      data-testid="incident-clocks"
    >
      {incident.clocks.length === 0 ? (
        <Typography.Text type="secondary">{t('incidents.clocks.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {incident.clocks.map((clock) => (
            <ClockRow key={clock.code} incident={incident} clock={clock} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
