import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Typography } from 'antd';
import { CrownOutlined, FileWordOutlined, PrinterOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '@sievert/core';
import { ApiError } from '../../app/api/client';
import { useFormat } from '../../app/i18n/format';
import { registryPath } from '../../app/layout/navigation';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { RegistryBreadcrumb } from '../registry/RegistrySection';
import { inspectionRecordUrl, useInspection } from './api';
import { InspectionStatusTag, PersonName } from './badges';
import { ChecklistCard } from './Checklist';
import { overdueCount } from './columns';
import { FindingsCard } from './Findings';
import { InspectionActions } from './InspectionActions';
import { useInspectionRights } from './rights';
import { RecordHistory } from '../registry/RecordHistory';

function TeamCard({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const rights = useInspectionRights();
  const members = inspection.teamUserIds.filter((id) => id !== inspection.leadInspectorId);
  const size = members.length + (inspection.leadInspectorId ? 1 : 0);
  return (
    <Card title={t('inspections.team.title')} className="detail-card" data-testid="inspection-team">
      {size === 0 ? (
        <span className="muted">{t('inspections.team.none')}</span>
      ) : !rights.seesNames ? (
        // A facility cannot read the Department's accounts: the record names the team.
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('inspections.team.size', { count: size })}
          <br />
          <span className="muted">{t('inspections.team.namesInRecord')}</span>
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={0}>
          {inspection.leadInspectorId ? (
            <Flex gap={8} align="center" className="item-row" data-testid="inspection-team-lead">
              <CrownOutlined style={{ color: '#d48806' }} />
              <PersonName id={inspection.leadInspectorId} />
              <span className="muted" style={{ fontSize: 12 }}>
                {t('inspections.team.lead')}
              </span>
            </Flex>
          ) : null}
          {members.map((id) => (
            <Flex key={id} gap={8} align="center" className="item-row">
              <UserOutlined className="muted" />
              <PersonName id={id} />
              <span className="muted" style={{ fontSize: 12 }}>
                {t('inspections.team.member')}
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** What the page says first: late corrections, and what still stands between the inspection and its close. */
function Notices({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const rights = useInspectionRights();
  const late = overdueCount(inspection);
  const unanswered = inspection.findings.filter((finding) => finding.status === 'open').length;
  const notices: ReactNode[] = [];
  if (late > 0)
    notices.push(
      <Alert
        key="late"
        type="error"
        showIcon
        title={t('inspections.alerts.overdue', { count: late })}
        data-testid="inspection-overdue-alert"
      />,
    );
  if (rights.canRespond(inspection) && unanswered > 0)
    notices.push(
      <Alert
        key="respond"
        type="warning"
        showIcon
        title={t('inspections.alerts.respond', { count: unanswered })}
        data-testid="inspection-respond-alert"
      />,
    );
  if (inspection.status === 'completed' && inspection.openFindings > 0 && rights.manage)
    notices.push(
      <Alert
        key="close"
        type="info"
        showIcon
        title={t('inspections.alerts.cannotClose', { count: inspection.openFindings })}
        data-testid="inspection-close-blocked"
      />,
    );
  if (inspection.status === 'completed' && inspection.openFindings === 0 && rights.manage)
    notices.push(
      <Alert
        key="close"
        type="success"
        showIcon
        title={t('inspections.alerts.readyToClose')}
        data-testid="inspection-close-ready"
      />,
    );
  if (notices.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {notices}
    </Flex>
  );
}

export default function InspectionDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const inspection = useInspection(valid ? id : null);

  if (inspection.isError || !valid)
    return (
      <>
        <RegistryBreadcrumb section="inspections" current={`#${params.id ?? ''}`} />
        <LoadError
          error={
            valid
              ? inspection.error
              : new ApiError(404, 'entity.not_found', 'Not found', { entity: 'inspection', id: params.id })
          }
          onRetry={() => void inspection.refetch()}
        />
      </>
    );
  const data = inspection.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const number = t('inspections.number', { id: data.id });
  const dash = <span className="muted">—</span>;

  return (
    <>
      <RegistryBreadcrumb section="inspections" current={number} />
      <PageHeader
        title={t('inspections.detail.title', { facility: data.facilityName })}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <InspectionStatusTag status={data.status} />
            <span>
              {t(`inspections.kinds.${data.kind}`)} ·{' '}
              {t('inspections.numberYear', { id: data.id, year: data.year })}
            </span>
            <Link to={registryPath('facilities', data.facilityId)} data-testid="inspection-facility-link">
              {data.facilityName}
            </Link>
          </Flex>
        }
        extra={
          <>
            <Button
              icon={<FileWordOutlined />}
              href={inspectionRecordUrl(data.id)}
              download={`bien-ban-kiem-tra-${data.id}.docx`}
              data-testid="inspection-record"
            >
              {t('inspections.detail.record')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              href={inspectionRecordUrl(data.id, 'html')}
              target="_blank"
              rel="noopener"
              data-testid="inspection-record-print"
            >
              {t('inspections.detail.recordPrint')}
            </Button>
            <InspectionActions inspection={data} />
          </>
        }
      />
      <Notices inspection={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('inspections.detail.general')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'facility',
                  label: t('registry.facilityColumn'),
                  children: <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>,
                },
                { key: 'year', label: t('inspections.fields.year'), children: String(data.year) },
                {
                  key: 'kind',
                  label: t('inspections.fields.kind'),
                  children: t(`inspections.kinds.${data.kind}`),
                },
                {
                  key: 'planned',
                  label: t('inspections.fields.plannedOn'),
                  children: data.plannedOn ? format.date(data.plannedOn) : dash,
                },
                {
                  key: 'conducted',
                  label: t('inspections.fields.conductedOn'),
                  children: data.conductedOn ? format.date(data.conductedOn) : dash,
                },
                {
                  key: 'status',
                  label: t('inspections.fields.status'),
                  children: <InspectionStatusTag status={data.status} />,
                },
                {
                  key: 'summary',
                  label: t('inspections.fields.summary'),
                  children: data.summary ? (
                    <div style={{ whiteSpace: 'pre-wrap' }} data-testid="inspection-summary-text">
                      {data.summary}
                    </div>
                  ) : (
                    dash
                  ),
                },
                { key: 'updated', label: t('common.updatedAt'), children: format.dateTime(data.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <TeamCard inspection={data} />
        </Col>
        <Col span={24}>
          <FindingsCard inspection={data} />
        </Col>
        <Col span={24}>
          <ChecklistCard inspection={data} />
        </Col>
      </Row>
      <Card title={t('registry.history.title')} className="detail-card" style={{ marginTop: 16 }}>
        <RecordHistory kind="inspections" id={data.id} />
      </Card>
    </>
  );
}
