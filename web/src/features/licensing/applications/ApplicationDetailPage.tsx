import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Flex,
  Row,
  Skeleton,
  Steps,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  DOSSIER_DOCUMENTS_SOURCE,
  type Application,
  type ApplicationEvent,
  type ApplicationStatus,
} from '@sievert/core';
import { translateOptional, useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { RegistryBreadcrumb } from '../../registry/RegistrySection';
import { useApplication, useApplicationEvents } from '../api';
import { ApplicationStatusTag, procedureName, procedureOf, WorkingDaysBadge } from '../badges';
import { CoveredItems } from '../CoveredItems';
import { LicenceLink } from '../licences/LicenceLink';
import { ApplicationActions } from './ApplicationActions';
import { DossierFiles } from './DossierFiles';

/** Where each status sits on the way from draft to decision. */
const STEP_OF: Record<ApplicationStatus, number> = {
  draft: 0,
  submitted: 1,
  returned: 1,
  in_appraisal: 2,
  awaiting_decision: 3,
  approved: 4,
  refused: 4,
  withdrawn: 0,
};

function ApplicationSteps({ application, events }: { application: Application; events: ApplicationEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const { status } = application;
  // A withdrawn application stops where it was withdrawn from.
  const withdrawnFrom = status === 'withdrawn' ? (events.at(-1)?.fromStatus ?? 'draft') : null;
  const current = withdrawnFrom ? STEP_OF[withdrawnFrom] : STEP_OF[status];
  const failed = status === 'returned' || status === 'refused' || status === 'withdrawn';
  const titles = [
    t('licensing.steps.draft'),
    status === 'returned' ? t('licensing.statuses.returned') : t('licensing.steps.submitted'),
    t('licensing.steps.appraisal'),
    t('licensing.steps.decision'),
    status === 'refused'
      ? t('licensing.statuses.refused')
      : status === 'approved'
        ? t('licensing.statuses.approved')
        : t('licensing.steps.result'),
  ];
  if (withdrawnFrom) titles[current] = t('licensing.statuses.withdrawn');
  return (
    <Steps
      current={current}
      status={failed ? 'error' : status === 'approved' ? 'finish' : 'process'}
      orientation={isMobile ? 'vertical' : 'horizontal'}
      size="small"
      data-testid="application-steps"
      items={titles.map((title, index) => ({
        title,
        content:
          index === 1 && application.receivedOn
            ? t('licensing.steps.receivedOn', { date: format.date(application.receivedOn) })
            : index === 3 && application.dueOn
              ? t('licensing.steps.dueOn', { date: format.date(application.dueOn) })
              : undefined,
      }))}
    />
  );
}

function History({ events }: { events: ApplicationEvent[] }) {
  // Re-rendered on a language switch: the action names come through translateOptional.
  useTranslation();
  const format = useFormat();
  return (
    <Timeline
      data-testid="application-history"
      items={events.map((event) => ({
        key: event.id,
        color:
          event.toStatus === 'approved'
            ? 'green'
            : event.toStatus === 'refused' || event.toStatus === 'returned'
              ? 'red'
              : event.toStatus === 'withdrawn'
                ? 'gray'
                : 'blue',
        content: (
          <div>
            <div className="muted" style={{ fontSize: 12 }}>
              {format.dateTime(event.at)}
            </div>
            <Flex gap={6} wrap align="center">
              <strong>{translateOptional(`licensing.actions.${event.action}`, event.action)}</strong>
              <ApplicationStatusTag status={event.toStatus} />
            </Flex>
            {event.actorName ? (
              <div className="muted" style={{ fontSize: 12 }}>
                {event.actorName}
              </div>
            ) : null}
            {event.note ? (
              <div style={{ fontSize: 13, whiteSpace: 'pre-wrap', marginTop: 2 }}>{event.note}</div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

export default function ApplicationDetailPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const params = useParams();
  const id = Number(params.id);
  const application = useApplication(Number.isInteger(id) && id > 0 ? id : null);
  const events = useApplicationEvents(application.data?.id);

  if (application.isError)
    return (
      <>
        <RegistryBreadcrumb section="applications" current={`#${params.id ?? ''}`} />
        <LoadError error={application.error} onRetry={() => void application.refetch()} />
      </>
    );
  const data = application.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const procedure = procedureOf(data.procedure);
  const number = t('licensing.application.number', { id: data.id });

  return (
    <>
      <RegistryBreadcrumb section="applications" current={number} />
      <PageHeader
        title={`${number} · ${t(`licensing.procedureShort.${data.procedure}`)}`}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <ApplicationStatusTag status={data.status} />
            <WorkingDaysBadge days={data.workingDaysLeft} dueOn={data.dueOn} />
            <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>
          </Flex>
        }
        extra={<ApplicationActions application={data} />}
      />
      <Card className="detail-card" style={{ marginBottom: 16 }}>
        <ApplicationSteps application={data} events={events.data ?? []} />
      </Card>
      {data.status === 'returned' && data.returnReasons.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('licensing.application.returnedTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="application-return-reasons">
              {data.returnReasons.map((reason, index) => (
                <li key={index}>{reason}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {data.status === 'refused' && data.refusalReasons.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('licensing.application.refusedTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.refusalReasons.map((reason, index) => (
                <li key={index}>{reason}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {data.status === 'approved' && data.issuedLicenceId !== null ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('licensing.application.approvedTitle')}
          description={
            <span>
              {t('licensing.application.issuedLicence')}{' '}
              <LicenceLink id={data.issuedLicenceId} testId="application-licence-link" />
            </span>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card title={t('licensing.application.details')} className="detail-card">
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'procedure',
                    label: t('licensing.application.procedure'),
                    children: procedureName(data.procedure, language),
                  },
                  {
                    key: 'days',
                    label: t('licensing.application.statutoryTime'),
                    children: procedure
                      ? t('licensing.application.workingDays', {
                          days: format.number(procedure.processingWorkingDays),
                        })
                      : '—',
                  },
                  {
                    key: 'facility',
                    label: t('registry.facilityColumn'),
                    children: (
                      <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>
                    ),
                  },
                  {
                    key: 'received',
                    label: t('licensing.application.receivedOn'),
                    children: format.date(data.receivedOn),
                  },
                  {
                    key: 'due',
                    label: t('licensing.application.dueOn'),
                    children: (
                      <Flex gap={8} wrap align="center">
                        {format.date(data.dueOn)}
                        <WorkingDaysBadge days={data.workingDaysLeft} />
                      </Flex>
                    ),
                  },
                  ...(data.licenceId !== null
                    ? [
                        {
                          key: 'licence',
                          label: t('licensing.application.licence'),
                          children: <LicenceLink id={data.licenceId} />,
                        },
                      ]
                    : []),
                  {
                    key: 'note',
                    label: t('licensing.application.note'),
                    children: data.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{data.note}</span> : '—',
                  },
                  {
                    key: 'created',
                    label: t('licensing.application.createdAt'),
                    children: format.dateTime(data.createdAt),
                  },
                ]}
              />
            </Card>
            <Card title={t('licensing.application.items')} className="detail-card">
              <CoveredItems deviceIds={data.deviceIds} sourceIds={data.sourceIds} />
            </Card>
            <Card
              title={t('licensing.dossier.title')}
              className="detail-card"
              extra={
                DOSSIER_DOCUMENTS_SOURCE.status === 'to_verify' ? (
                  <Tooltip title={t('licensing.dossier.referenceNote')}>
                    <InfoCircleOutlined className="muted" aria-label={t('licensing.dossier.referenceNote')} />
                  </Tooltip>
                ) : null
              }
            >
              <DossierFiles application={data} />
            </Card>
            {data.checklist.length > 0 ? (
              <Card
                title={t('licensing.appraisal.checklist')}
                className="detail-card"
                extra={
                  data.recommendation ? (
                    <Tag
                      color={data.recommendation === 'approve' ? 'green' : 'red'}
                      style={{ marginInlineEnd: 0 }}
                    >
                      {data.recommendation === 'approve'
                        ? t('licensing.appraisal.recommendApprove')
                        : t('licensing.appraisal.recommendRefuse')}
                    </Tag>
                  ) : null
                }
              >
                <Flex vertical gap={8} data-testid="application-checklist">
                  {data.checklist.map((entry, index) => (
                    <Flex key={index} gap={8} align="flex-start">
                      {entry.ok ? (
                        <CheckCircleFilled style={{ color: '#389e0d', marginTop: 4 }} />
                      ) : (
                        <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} />
                      )}
                      <div>
                        <div>{entry.item}</div>
                        {entry.note ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {entry.note}
                          </Typography.Text>
                        ) : null}
                      </div>
                    </Flex>
                  ))}
                </Flex>
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('licensing.application.history')} className="detail-card">
            {events.isError ? (
              <LoadError error={events.error} onRetry={() => void events.refetch()} />
            ) : events.data ? (
              <History events={events.data} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
