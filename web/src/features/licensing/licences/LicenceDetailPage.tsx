import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Flex, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { RegistryBreadcrumb } from '../../registry/RegistrySection';
import { useRegistryRights } from '../../registry/rights';
import { useLicence } from '../api';
import { LicenceStatusTag, ReminderTag } from '../badges';
import { CoveredItems } from '../CoveredItems';
import { RecordHistory } from '../../registry/RecordHistory';

export default function LicenceDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useRegistryRights();
  const params = useParams();
  const id = Number(params.id);
  const licence = useLicence(Number.isInteger(id) && id > 0 ? id : null);

  if (licence.isError)
    return (
      <>
        <RegistryBreadcrumb section="licences" current={`#${params.id ?? ''}`} />
        <LoadError error={licence.error} onRetry={() => void licence.refetch()} />
      </>
    );
  const data = licence.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const validity =
    data.validUntil === null
      ? t('licensing.licence.noExpiry')
      : data.daysToExpiry !== null && data.daysToExpiry >= 0
        ? t('licensing.licence.daysLeft', { days: format.number(data.daysToExpiry) })
        : t('licensing.licence.expiredSince', { days: format.number(-(data.daysToExpiry ?? 0)) });

  return (
    <>
      <RegistryBreadcrumb section="licences" current={data.number} />
      <PageHeader
        title={data.number}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span>{t(`licensing.licenceKinds.${data.kind}`)}</span>
            <LicenceStatusTag status={data.status} />
            <ReminderTag licence={data} />
          </Flex>
        }
      />
      {data.reminder && data.status !== 'revoked' ? (
        <Alert
          type={data.reminder === 'expired' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            data.reminder === 'expired'
              ? t('licensing.licence.expiredAlert', { date: format.date(data.validUntil) })
              : t('licensing.licence.dueAlert', {
                  date: format.date(data.validUntil),
                  days: format.number(data.daysToExpiry ?? 0),
                })
          }
          description={rights.canApplyFor(data.facilityId) ? t('licensing.licence.renewHint') : undefined}
          data-testid="licence-reminder-alert"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('licensing.licence.details')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'facility',
                  label: t('registry.facilityColumn'),
                  children: <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>,
                },
                {
                  key: 'kind',
                  label: t('licensing.licence.kind'),
                  children: t(`licensing.licenceKinds.${data.kind}`),
                },
                {
                  key: 'authority',
                  label: t('licensing.licence.authority'),
                  children: t(`licensing.authorities.${data.competentAuthority}`),
                },
                {
                  key: 'issued',
                  label: t('licensing.licence.issuedOn'),
                  children: format.date(data.issuedOn),
                },
                {
                  key: 'until',
                  label: t('licensing.licence.validUntil'),
                  children: (
                    <Flex gap={8} wrap align="center">
                      {data.validUntil ? format.date(data.validUntil) : null}
                      <span className="muted">{validity}</span>
                    </Flex>
                  ),
                },
                {
                  key: 'status',
                  label: t('licensing.licence.status'),
                  children: (
                    <Flex gap={4} wrap>
                      <LicenceStatusTag status={data.status} />
                      <ReminderTag licence={data} />
                    </Flex>
                  ),
                },
                ...(data.applicationId !== null
                  ? [
                      {
                        key: 'application',
                        label: t('licensing.licence.application'),
                        children: rights.canReadApplications ? (
                          <Link to={registryPath('applications', data.applicationId)}>
                            {t('licensing.application.number', { id: data.applicationId })}
                          </Link>
                        ) : (
                          t('licensing.application.number', { id: data.applicationId })
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'created',
                  label: t('licensing.licence.recordedAt'),
                  children: format.dateTime(data.createdAt),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('licensing.licence.covered')} className="detail-card" data-testid="licence-items">
            <CoveredItems deviceIds={data.deviceIds} sourceIds={data.sourceIds} />
          </Card>
        </Col>
      </Row>
      <Card title={t('registry.history.title')} className="detail-card" style={{ marginTop: 16 }}>
        <RecordHistory kind="licences" id={data.id} />
      </Card>
    </>
  );
}
