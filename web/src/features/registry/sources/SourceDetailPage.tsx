import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { findNuclide, Permission, type SourceTransaction, type TransactionType } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { communeLabel, useCommunes } from '../../geo/api';
import { useSource, useSourceTransactions } from '../api';
import {
  CategoryTag,
  PendingTransferTag,
  RestrictedTag,
  SourceLicenceTag,
  SourceStatusTag,
  UnmatchedTag,
} from '../badges';
import { formatActivity, formatCuries, formatRatio } from '../format';
import { sourceTitle } from '../labels';
import { RegistryBreadcrumb } from '../RegistrySection';
import { useRegistryRights } from '../rights';
import { SourceDrawer } from './SourceDrawer';
import { TransactionDrawer, transactionChoices } from './TransactionDrawer';
import { RecordHistory } from '../RecordHistory';

/** Another facility, named as the server gives it: a link for those who see every facility, text otherwise. */
function FacilityName({ id, name }: { id: number; name: string | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const label = name ?? t('registry.facilityNumber', { id });
  return can(Permission.FacilityManage) ? (
    <Link to={registryPath('facilities', id)}>{label}</Link>
  ) : (
    <span>{label}</span>
  );
}

const ARRIVALS: ReadonlySet<TransactionType> = new Set(['receipt', 'import', 'transfer_in', 'found']);

function Ledger({ entries }: { entries: SourceTransaction[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Timeline
      data-testid="source-ledger"
      items={entries.map((entry) => ({
        key: entry.id,
        color:
          entry.type === 'loss_theft'
            ? 'red'
            : entry.unmatched
              ? 'orange'
              : ARRIVALS.has(entry.type)
                ? 'green'
                : 'blue',
        content: (
          <div className="ledger-entry" data-testid={`ledger-${entry.type}`}>
            <Flex gap={6} wrap align="center">
              <span className="ledger-date">{format.date(entry.occurredOn)}</span>
              <strong>{t(`registry.transactionTypes.${entry.type}`)}</strong>
              <span className="muted">→</span>
              <SourceStatusTag status={entry.statusAfter} />
              {entry.unmatched ? <UnmatchedTag /> : null}
            </Flex>
            {entry.counterpartyFacilityId !== null || entry.counterpartyName ? (
              <div style={{ fontSize: 13, marginTop: 2 }}>
                <span className="muted">
                  {entry.type === 'transfer_in' ? t('registry.ledger.from') : t('registry.ledger.to')}:{' '}
                </span>
                {entry.counterpartyFacilityId !== null ? (
                  <FacilityName id={entry.counterpartyFacilityId} name={entry.counterpartyName} />
                ) : (
                  entry.counterpartyName
                )}
              </div>
            ) : null}
            {entry.location ? (
              <div style={{ fontSize: 13 }}>
                <span className="muted">{t('registry.ledger.location')}: </span>
                {entry.location}
              </div>
            ) : null}
            {entry.note ? <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{entry.note}</div> : null}
            <div className="muted" style={{ fontSize: 12 }}>
              {t('registry.ledger.recordedAt', { time: format.dateTime(entry.recordedAt) })}
            </div>
          </div>
        ),
      }))}
    />
  );
}

export default function SourceDetailPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const rights = useRegistryRights();
  const params = useParams();
  const id = Number(params.id);
  const source = useSource(Number.isInteger(id) && id > 0 ? id : null);
  const ledger = useSourceTransactions(source.data?.id, source.data ? !source.data.restricted : false);
  const communes = useCommunes();
  const [drawer, setDrawer] = useState<{ kind: 'edit' | 'transaction' | 'receive' | null; session: number }>({
    kind: null,
    session: 0,
  });
  const open = (kind: 'edit' | 'transaction' | 'receive') =>
    setDrawer((current) => ({ kind, session: current.session + 1 }));
  const closeDrawer = () => setDrawer((current) => ({ ...current, kind: null }));

  if (source.isError)
    return (
      <>
        <RegistryBreadcrumb section="sources" current={`#${params.id ?? ''}`} />
        <LoadError error={source.error} onRetry={() => void source.refetch()} />
      </>
    );
  const data = source.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const holder = rights.canManageSource(data.facilityId);
  // The facility the source is on its way to confirms its arrival (the Department may record it for them).
  const receiving = data.pendingTransferTo !== null && rights.canManageSource(data.pendingTransferTo);
  const incomingForMe = data.pendingTransferTo !== null && rights.myFacilityId === data.pendingTransferTo;
  const choices = transactionChoices(data, receiving).filter((type) => type === 'transfer_in' || holder);
  const nuclide = findNuclide(data.nuclide);
  const commune = communes.data?.find((c) => c.code === data.communeCode);
  const lastDate = ledger.data?.at(-1)?.occurredOn ?? null;
  const dash = <span className="muted">—</span>;
  const withheld = (
    <span className="muted">
      <RestrictedTag />
    </span>
  );
  const shown = (value: string | null) => (data.restricted ? withheld : (value ?? dash));

  return (
    <>
      <RegistryBreadcrumb section="sources" current={sourceTitle(data)} />
      <PageHeader
        title={sourceTitle(data)}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <CategoryTag category={data.category} />
            {data.pendingTransferTo !== null ? (
              <PendingTransferTag />
            ) : (
              <SourceStatusTag status={data.status} />
            )}
            <SourceLicenceTag source={data} />
            {data.restricted ? <RestrictedTag /> : null}
            <span>{t(`registry.sourceUses.${data.use}`)}</span>
          </Flex>
        }
        extra={
          <>
            {holder && !data.restricted ? (
              <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="source-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {choices.some((type) => type !== 'transfer_in') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => open('transaction')}
                data-testid="source-record"
              >
                {t('registry.ledger.record')}
              </Button>
            ) : null}
          </>
        }
      />
      {data.pendingTransferTo !== null ? (
        <Alert
          type={incomingForMe ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={incomingForMe ? t('registry.ledger.incomingTitle') : t('registry.ledger.outgoingTitle')}
          description={
            <Flex vertical gap={8} align="flex-start">
              {incomingForMe ? (
                <span>{t('registry.ledger.incomingText', { facility: data.facilityName })}</span>
              ) : (
                <span>
                  {t('registry.ledger.outgoingText')}{' '}
                  <FacilityName id={data.pendingTransferTo} name={data.pendingTransferToName} />
                </span>
              )}
              {receiving ? (
                <Button
                  type="primary"
                  icon={<ImportOutlined />}
                  onClick={() => open('receive')}
                  data-testid="source-receive"
                >
                  {t('registry.ledger.confirmReceipt')}
                </Button>
              ) : null}
            </Flex>
          }
          data-testid="source-transfer-alert"
        />
      ) : null}
      {data.restricted ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('registry.restricted')}
          description={t('registry.restrictedHint')}
          data-testid="source-restricted-alert"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('registry.source.identity')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'nuclide', label: t('registry.source.nuclide'), children: data.nuclide },
                {
                  key: 'serial',
                  label: t('registry.source.serial'),
                  children: data.restricted ? withheld : <span className="mono">{data.serial}</span>,
                },
                {
                  key: 'manufacturer',
                  label: t('registry.source.manufacturer'),
                  children: shown(data.manufacturer),
                },
                { key: 'model', label: t('registry.source.model'), children: shown(data.model) },
                { key: 'form', label: t('registry.source.form'), children: data.form ?? dash },
                {
                  key: 'use',
                  label: t('registry.source.use'),
                  children: t(`registry.sourceUses.${data.use}`),
                },
                {
                  key: 'holder',
                  label: t('registry.source.holder'),
                  children: <Link to={registryPath('facilities', data.facilityId)}>{data.facilityName}</Link>,
                },
                {
                  key: 'commune',
                  label: t('organisations.commune'),
                  children: commune ? communeLabel(commune, language) : (data.communeCode ?? dash),
                },
                { key: 'location', label: t('registry.source.location'), children: shown(data.location) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('registry.source.activityTitle')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'current',
                  label: t('registry.source.currentActivity'),
                  children: data.restricted ? (
                    withheld
                  ) : (
                    <span data-testid="source-current-activity">
                      <strong>{formatActivity(data.currentActivityBq, format.number)}</strong>{' '}
                      <span className="muted">({formatCuries(data.currentActivityBq, format.number)})</span>
                    </span>
                  ),
                },
                {
                  key: 'reference',
                  label: t('registry.source.referenceActivity'),
                  children: data.restricted
                    ? withheld
                    : t('registry.source.referenceOn', {
                        activity: formatActivity(data.referenceActivityBq, format.number),
                        date: format.date(data.referenceDate),
                      }),
                },
                {
                  key: 'ratio',
                  label: t('registry.source.aOverD'),
                  children: data.restricted ? withheld : formatRatio(data.aOverD, format.number),
                },
                {
                  key: 'category',
                  label: t('registry.source.category'),
                  children: (
                    <Flex vertical gap={4}>
                      <span>
                        <CategoryTag category={data.category} />
                      </span>
                      {data.category !== null ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(
                            `registry.categoryHints.${String(data.category) as '1' | '2' | '3' | '4' | '5'}`,
                          )}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  ),
                },
                ...(nuclide
                  ? [
                      {
                        key: 'halfLife',
                        label: t('registry.source.halfLife'),
                        children: `${format.number(nuclide.halfLife.value, 3)} ${t(`registry.timeUnits.${nuclide.halfLife.unit}`)}`,
                      },
                      {
                        key: 'dValue',
                        label: t('registry.source.dValue'),
                        children: nuclide.dValueTBq
                          ? `${format.number(nuclide.dValueTBq.value, 4)} TBq`
                          : dash,
                      },
                    ]
                  : []),
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
              {t('registry.source.activityNote', {
                halfLife: nuclide
                  ? `${format.number(nuclide.halfLife.value, 3)} ${t(`registry.timeUnits.${nuclide.halfLife.unit}`)}`
                  : '—',
              })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('registry.ledger.title')}
            className="detail-card"
            extra={<Tag style={{ marginInlineEnd: 0 }}>{t('registry.ledger.appendOnly')}</Tag>}
          >
            {data.restricted ? (
              <span className="muted">{t('registry.ledger.restricted')}</span>
            ) : ledger.isError ? (
              <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} />
            ) : ledger.data ? (
              <Ledger entries={ledger.data} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('registry.history.title')} className="detail-card" style={{ marginTop: 16 }}>
        <RecordHistory kind="sources" id={data.id} />
      </Card>
      {drawer.kind === 'edit' ? (
        <SourceDrawer key={drawer.session} open sourceId={data.id} onClose={closeDrawer} />
      ) : null}
      {drawer.kind === 'transaction' || drawer.kind === 'receive' ? (
        <TransactionDrawer
          key={drawer.session}
          open
          source={data}
          choices={
            drawer.kind === 'receive' ? ['transfer_in'] : choices.filter((type) => type !== 'transfer_in')
          }
          lastDate={lastDate}
          onClose={closeDrawer}
        />
      ) : null}
    </>
  );
}
