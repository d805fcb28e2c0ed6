import { Flex, Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  LockOutlined,
  SwapOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceStatus, QaResult, Source, SourceStatus } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';

/** IAEA categories: 1 is the most dangerous. Colours from red to green, like the RS-G-1.9 tables in print. */
const CATEGORY_COLOURS: Record<number, string> = {
  1: 'magenta',
  2: 'red',
  3: 'volcano',
  4: 'gold',
  5: 'green',
};

export function CategoryTag({ category }: { category: number | null }) {
  const { t } = useTranslation();
  if (category === null) return <Tag>{t('registry.categoryUnknown')}</Tag>;
  const key = String(category) as '1' | '2' | '3' | '4' | '5';
  return (
    <Tooltip title={t(`registry.categoryHints.${key}`)}>
      <Tag
        color={CATEGORY_COLOURS[category]}
        variant={category <= 3 ? 'solid' : 'filled'}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="source-category"
        data-category={category}
      >
        {t('registry.category', { category })}
      </Tag>
    </Tooltip>
  );
}

const SOURCE_STATUS_COLOURS: Record<SourceStatus, string> = {
  in_use: 'blue',
  stored: 'cyan',
  disused: 'default',
  returned: 'default',
  transferred_out: 'purple',
  lost_stolen: 'red',
  found: 'orange',
  in_waste: 'default',
};

export function SourceStatusTag({ status }: { status: SourceStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={SOURCE_STATUS_COLOURS[status]}
      icon={status === 'lost_stolen' ? <WarningOutlined /> : undefined}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
    >
      {t(`registry.sourceStatuses.${status}`)}
    </Tag>
  );
}

/** A category 1–3 source whose details the user may not see: said plainly, never shown as missing data. */
export function RestrictedTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('registry.restrictedHint')}>
      <Tag icon={<LockOutlined />} style={{ marginInlineEnd: 0 }} data-testid="source-restricted">
        {t('registry.restricted')}
      </Tag>
    </Tooltip>
  );
}

export function PendingTransferTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('registry.pendingTransferHint')}>
      <Tag color="purple" icon={<SwapOutlined />} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
        {t('registry.pendingTransfer')}
      </Tag>
    </Tooltip>
  );
}

/** A transfer between two facilities of the province whose other half is not recorded. */
export function UnmatchedTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('registry.unmatchedHint')}>
      <Tag
        color="red"
        icon={<DisconnectOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="ledger-unmatched"
      >
        {t('registry.unmatched')}
      </Tag>
    </Tooltip>
  );
}

const DEVICE_STATUS_COLOURS: Record<DeviceStatus, string> = {
  in_use: 'blue',
  stored: 'cyan',
  retired: 'default',
};

export function DeviceStatusTag({ status }: { status: DeviceStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEVICE_STATUS_COLOURS[status]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
      {t(`registry.deviceStatuses.${status}`)}
    </Tag>
  );
}

const QA_COLOURS: Record<QaResult, string> = { pass: 'green', conditional: 'gold', fail: 'red' };

export function QaResultTag({ result }: { result: QaResult }) {
  const { t } = useTranslation();
  return (
    <Tag color={QA_COLOURS[result]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
      {t(`registry.qaResults.${result}`)}
    </Tag>
  );
}

/**
 * The two flags a device carries wherever it appears: in use without a valid licence (red) and QA test overdue
 * (orange). With `showOk`, a device in good standing says so in green.
 */
export function DeviceFlags({
  device,
  showOk = false,
}: {
  device: Pick<Device, 'unlicensed' | 'qaOverdue' | 'lastQa' | 'qaDue' | 'licensed' | 'status'>;
  showOk?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const qaLabel = !device.lastQa
    ? t('registry.flags.qaMissing')
    : device.lastQa.result === 'fail'
      ? t('registry.flags.qaFailed')
      : t('registry.flags.qaOverdue');
  const tags = [];
  if (device.unlicensed)
    tags.push(
      <Tooltip key="licence" title={t('registry.flags.unlicensedHint')}>
        <Tag
          color="red"
          variant="solid"
          icon={<ExclamationCircleOutlined />}
          style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
          data-testid="device-flag-unlicensed"
        >
          {t('registry.flags.unlicensed')}
        </Tag>
      </Tooltip>,
    );
  if (device.qaOverdue)
    tags.push(
      <Tooltip
        key="qa"
        title={
          device.qaDue
            ? t('registry.flags.qaDueOn', { date: format.date(device.qaDue) })
            : t('registry.flags.qaOverdueHint')
        }
      >
        <Tag
          color="orange"
          icon={<ClockCircleOutlined />}
          style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
          data-testid="device-flag-qa"
        >
          {qaLabel}
        </Tag>
      </Tooltip>,
    );
  if (showOk && device.licensed)
    tags.push(
      <Tag
        key="licensed"
        color="green"
        icon={<CheckCircleOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="device-flag-licensed"
      >
        {t('registry.flags.licensed')}
      </Tag>,
    );
  if (tags.length === 0) return showOk ? null : <span className="muted">—</span>;
  return (
    <Flex gap={4} wrap>
      {tags}
    </Flex>
  );
}

/** A source held (in use or stored) without a valid licence covering it. */
export function SourceLicenceTag({ source }: { source: Pick<Source, 'unlicensed'> }) {
  const { t } = useTranslation();
  if (!source.unlicensed) return null;
  return (
    <Tooltip title={t('registry.flags.sourceUnlicensedHint')}>
      <Tag
        color="red"
        variant="solid"
        icon={<ExclamationCircleOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="source-flag-unlicensed"
      >
        {t('registry.flags.unlicensed')}
      </Tag>
    </Tooltip>
  );
}
