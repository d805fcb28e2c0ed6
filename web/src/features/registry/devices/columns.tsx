import { Link } from 'react-router-dom';
import { Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Device } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { DeviceFlags, DeviceStatusTag, QaResultTag } from '../badges';
import { deviceTitle } from '../labels';

/**
 * The columns a device has wherever it is listed: the register, a facility's page.
 * `sortable`: the columns the API sorts by (their `key` is the sort field) offer server sorting, for ListTable.
 */
export function useDeviceColumns({
  showFacility,
  sortable = false,
}: {
  showFacility: boolean;
  sortable?: boolean;
}): ColumnsType<Device> {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: ColumnsType<Device> = [
    {
      title: t('registry.device.device'),
      key: 'type',
      sorter: sortable,
      render: (_value, device) => {
        const title = deviceTitle(device, t);
        return (
          <div style={{ minWidth: 180, maxWidth: 280 }}>
            <Link to={registryPath('devices', device.id)} data-testid={`device-link-${device.id}`}>
              {title.type}
            </Link>
            {title.model ? <div style={{ fontSize: 13 }}>{title.model}</div> : null}
            {device.serial ? (
              <div className="muted" style={{ fontSize: 12 }}>
                {t('registry.device.serialShort')} <span className="mono">{device.serial}</span>
              </div>
            ) : null}
          </div>
        );
      },
    },
    ...(showFacility
      ? [
          {
            title: t('registry.facilityColumn'),
            key: 'facilityName',
            sorter: sortable,
            render: (_value: unknown, device: Device) => (
              <div style={{ minWidth: 160, maxWidth: 220 }}>
                <Link to={registryPath('facilities', device.facilityId)}>{device.facilityName}</Link>
              </div>
            ),
          },
        ]
      : []),
    {
      title: t('registry.device.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: sortable,
      render: (status: Device['status']) => <DeviceStatusTag status={status} />,
    },
    {
      title: t('registry.device.flags'),
      key: 'flags',
      render: (_value, device) => (
        <div style={{ minWidth: 130, maxWidth: 160 }}>
          <DeviceFlags device={device} />
        </div>
      ),
    },
    {
      title: t('registry.device.lastQa'),
      key: 'qaDue',
      sorter: sortable,
      render: (_value, device) =>
        device.lastQa ? (
          <Flex vertical gap={2} style={{ minWidth: 120 }}>
            <span style={{ whiteSpace: 'nowrap' }}>
              {format.date(device.lastQa.testedOn)} <QaResultTag result={device.lastQa.result} />
            </span>
            {device.qaDue ? (
              <Typography.Text type={device.qaOverdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('registry.device.qaDueShort', { date: format.date(device.qaDue) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <span className="muted">{t('registry.device.noQa')}</span>
        ),
    },
    {
      title: t('registry.device.location'),
      dataIndex: 'location',
      responsive: ['xl'],
      render: (location: string | null) =>
        location ? <div style={{ maxWidth: 220 }}>{location}</div> : <span className="muted">—</span>,
    },
  ];
  return columns;
}
