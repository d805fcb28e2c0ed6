import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, ExperimentOutlined, FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Application, Device, Licence, QaTest } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { ApplicationDrawer } from '../../licensing/applications/ApplicationDrawer';
import { useApplications, useLicences, MAX_PAGE } from '../../licensing/api';
import {
  ApplicationStatusTag,
  LicenceStatusTag,
  ReminderTag,
  WorkingDaysBadge,
} from '../../licensing/badges';
import { useDevice, useQaTests } from '../api';
import { DeviceFlags, DeviceStatusTag, QaResultTag } from '../badges';
import { deviceTitle } from '../labels';
import { RegistryBreadcrumb } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { DeviceDrawer } from './DeviceDrawer';
import { QaTestDrawer } from './QaTestDrawer';
import { RecordHistory } from '../RecordHistory';

/** Applications still on their way, which will cover the device once approved. */
const OPEN_STATUSES = new Set<Application['status']>([
  'draft',
  'submitted',
  'returned',
  'in_appraisal',
  'awaiting_decision',
]);

function LicenceCoverage({ device }: { device: Device }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const licences = useLicences({ facilityId: device.facilityId, limit: MAX_PAGE, offset: 0 });
  const applications = useApplications(
    { facilityId: device.facilityId, limit: MAX_PAGE, offset: 0 },
    rights.canReadApplications,
  );
  const covering = (licences.data?.items ?? []).filter((licence) => licence.deviceIds.includes(device.id));
  const pending = (applications.data?.items ?? []).filter(
    (application) => application.deviceIds.includes(device.id) && OPEN_STATUSES.has(application.status),
  );
  const columns: ColumnsType<Licence> = [
    {
      title: t('licensing.licence.number'),
      dataIndex: 'number',
      render: (number: string, licence) => (
        <div style={{ minWidth: 140 }}>
          <Link to={registryPath('licences', licence.id)} className="mono" style={{ whiteSpace: 'nowrap' }}>
            {number}
          </Link>
          <div className="muted" style={{ fontSize: 12 }}>
            {t(`licensing.licenceKinds.${licence.kind}`)}
          </div>
        </div>
      ),
    },
    {
      title: t('licensing.licence.validUntil'),
      dataIndex: 'validUntil',
      render: (date: string | null) =>
        date ? (
          <span style={{ whiteSpace: 'nowrap' }}>{format.date(date)}</span>
        ) : (
          t('licensing.licence.noExpiry')
        ),
    },
    {
      title: t('licensing.licence.status'),
      key: 'status',
      render: (_value, licence) => (
        <Flex vertical gap={4} align="flex-start">
          <LicenceStatusTag status={licence.status} />
          <ReminderTag licence={licence} />
        </Flex>
      ),
    },
  ];
  return (
    <Card title={t('registry.device.licenceCoverage')} className="detail-card" data-testid="device-licences">
      {licences.isError ? (
        <LoadError error={licences.error} onRetry={() => void licences.refetch()} />
      ) : (
        <Table<Licence>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={covering}
          loading={licences.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('registry.device.noLicence')} /> }}
        />
      )}
      {pending.length > 0 ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('registry.device.pendingApplications')}</Typography.Text>
          <Flex vertical gap={6} style={{ marginTop: 6 }}>
            {pending.map((application) => (
              <Flex key={application.id} gap={8} wrap align="center">
                <Link to={registryPath('applications', application.id)}>
                  {t('licensing.application.number', { id: application.id })} ·{' '}
                  {t(`licensing.procedureShort.${application.procedure}`)}
                </Link>
                <ApplicationStatusTag status={application.status} />
                <WorkingDaysBadge days={application.workingDaysLeft} dueOn={application.dueOn} />
              </Flex>
            ))}
          </Flex>
        </div>
      ) : null}
    </Card>
  );
}

function QaHistory({ device }: { device: Device }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tests = useQaTests(device.id);
  const columns: ColumnsType<QaTest> = [
    {
      title: t('registry.qa.testedOn'),
      dataIndex: 'testedOn',
      render: (date: string) => <span style={{ whiteSpace: 'nowrap' }}>{format.date(date)}</span>,
    },
    {
      title: t('registry.qa.result'),
      dataIndex: 'result',
      render: (result: QaTest['result']) => <QaResultTag result={result} />,
    },
    {
      title: t('registry.qa.certificateNumber'),
      dataIndex: 'certificateNumber',
      render: (value: string | null) => (value ? <span className="mono">{value}</span> : '—'),
    },
    { title: t('registry.qa.tester'), dataIndex: 'tester', render: (value: string | null) => value ?? '—' },
    {
      title: t('registry.qa.nextDue'),
      dataIndex: 'nextDue',
      render: (date: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{format.date(date)}</span>,
    },
    {
      title: t('registry.qa.note'),
      dataIndex: 'note',
      render: (value: string | null) => (value ? <div style={{ maxWidth: 280 }}>{value}</div> : '—'),
    },
  ];
  return (
    <Card title={t('registry.qa.history')} className="detail-card">
      {tests.isError ? (
        <LoadError error={tests.error} onRetry={() => void tests.refetch()} />
      ) : (
        <Table<QaTest>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tests.data}
          loading={tests.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('registry.qa.empty')} /> }}
          data-testid="qa-history"
        />
      )}
    </Card>
  );
}

export default function DeviceDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const params = useParams();
  const id = Number(params.id);
  const device = useDevice(Number.isInteger(id) && id > 0 ? id : null);
  const [drawer, setDrawer] = useState<{ kind: 'edit' | 'qa' | 'apply' | null; session: number }>({
    kind: null,
    session: 0,
  });
  const open = (kind: 'edit' | 'qa' | 'apply') =>
    setDrawer((current) => ({ kind, session: current.session + 1 }));
  const closeDrawer = () => setDrawer((current) => ({ ...current, kind: null }));

  if (device.isError)
    return (
      <>
        <RegistryBreadcrumb section="devices" current={`#${params.id ?? ''}`} />
        <LoadError error={device.error} onRetry={() => void device.refetch()} />
      </>
    );
  const data = device.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const title = deviceTitle(data, t);
  const manage = rights.canManageDevice(data.facilityId);
  const dash = <span className="muted">—</span>;

  return (
    <>
      <RegistryBreadcrumb section="devices" current={title.model ?? title.type} />
      <PageHeader
        title={title.type}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            {title.model ? <span>{title.model}</span> : null}
            {data.serial ? <span className="mono">{data.serial}</span> : null}
            <DeviceStatusTag status={data.status} />
            <DeviceFlags device={data} showOk />
          </Flex>
        }
        extra={
          <>
            {manage ? (
              <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="device-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {manage ? (
              <Button icon={<ExperimentOutlined />} onClick={() => open('qa')} data-testid="device-record-qa">
                {t('registry.qa.record')}
              </Button>
            ) : null}
            {rights.canApplyFor(data.facilityId) && !data.licensed ? (
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                onClick={() => open('apply')}
                data-testid="device-apply"
              >
                {t('licensing.application.applyForDevice')}
              </Button>
            ) : null}
          </>
        }
      />
      {data.unlicensed ? (
        <Alert
          type="error"
          showIcon
          title={t('registry.device.unlicensedAlert')}
          description={t('registry.device.unlicensedAlertText')}
          style={{ marginBottom: 16 }}
          data-testid="device-unlicensed-alert"
        />
      ) : null}
      {data.qaOverdue ? (
        <Alert
          type="warning"
          showIcon
          title={
            data.lastQa
              ? data.lastQa.result === 'fail'
                ? t('registry.device.qaFailedAlert', { date: format.date(data.lastQa.testedOn) })
                : t('registry.device.qaOverdueAlert', { date: format.date(data.qaDue) })
              : t('registry.device.qaMissingAlert')
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('registry.device.profile')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'facility',
                  label: t('registry.facilityColumn'),
                  children: <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>,
                },
                { key: 'type', label: t('registry.device.type'), children: title.type },
                ...(data.digital !== null
                  ? [
                      {
                        key: 'digital',
                        label: t('registry.device.digital'),
                        children: t(`registry.device.digitalValues.${data.digital ? 'digital' : 'analog'}`),
                      },
                    ]
                  : []),
                { key: 'maker', label: t('registry.device.maker'), children: data.maker ?? dash },
                { key: 'model', label: t('registry.device.model'), children: data.model ?? dash },
                {
                  key: 'serial',
                  label: t('registry.device.serial'),
                  children: data.serial ? <span className="mono">{data.serial}</span> : dash,
                },
                {
                  key: 'year',
                  label: t('registry.device.yearMade'),
                  children: data.yearMade !== null ? String(data.yearMade) : dash,
                },
                { key: 'location', label: t('registry.device.location'), children: data.location ?? dash },
                {
                  key: 'qa',
                  label: t('registry.device.qaDue'),
                  children: data.qaDue ? (
                    <Typography.Text type={data.qaOverdue ? 'danger' : undefined}>
                      {format.date(data.qaDue)}
                    </Typography.Text>
                  ) : (
                    dash
                  ),
                },
                { key: 'updated', label: t('common.updatedAt'), children: format.dateTime(data.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <LicenceCoverage device={data} />
        </Col>
        <Col span={24}>
          <QaHistory device={data} />
        </Col>
      </Row>
      <Card title={t('registry.history.title')} className="detail-card" style={{ marginTop: 16 }}>
        <RecordHistory kind="devices" id={data.id} />
      </Card>
      {drawer.kind === 'edit' ? (
        <DeviceDrawer key={drawer.session} open deviceId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'qa' ? (
        <QaTestDrawer key={drawer.session} open deviceId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'apply' ? (
        <ApplicationDrawer
          key={drawer.session}
          open
          applicationId={null}
          facilityId={data.facilityId}
          deviceIds={[data.id]}
          onClose={closeDrawer}
        />
      ) : null}
    </>
  );
}
