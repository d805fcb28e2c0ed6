import { Link } from 'react-router-dom';
import { Flex, Skeleton } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Device, Source } from '@sievert/core';
import { api } from '../../app/api/client';
import { registryPath } from '../../app/layout/navigation';
import { CategoryTag, DeviceFlags, RestrictedTag, SourceLicenceTag } from '../registry/badges';
import { deviceTitle, sourceTitle } from '../registry/labels';

/** The devices and sources a dossier or a licence is about, each with its flags. */
export function CoveredItems({ deviceIds, sourceIds }: { deviceIds: number[]; sourceIds: number[] }) {
  const { t } = useTranslation();
  const devices = useQueries({
    queries: deviceIds.map((id) => ({
      queryKey: ['registry', 'devices', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Device>(`/devices/${id}`, undefined, signal),
    })),
  });
  const sources = useQueries({
    queries: sourceIds.map((id) => ({
      queryKey: ['registry', 'sources', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Source>(`/sources/${id}`, undefined, signal),
    })),
  });
  if (deviceIds.length === 0 && sourceIds.length === 0)
    return <span className="muted">{t('licensing.application.noItems')}</span>;
  return (
    <Flex vertical gap={10} data-testid="application-items">
      {devices.map((query, index) => {
        const id = deviceIds[index]!;
        const device = query.data;
        if (!device) return <Skeleton.Input key={`d${id}`} active size="small" />;
        const title = deviceTitle(device, t);
        return (
          <Flex key={`d${id}`} gap={8} wrap align="center" justify="space-between" className="item-row">
            <div style={{ minWidth: 0 }}>
              <Link to={registryPath('devices', device.id)}>{title.type}</Link>
              <div className="muted" style={{ fontSize: 12 }}>
                {[title.model, device.serial].filter(Boolean).join(' · ')}
              </div>
            </div>
            <DeviceFlags device={device} showOk />
          </Flex>
        );
      })}
      {sources.map((query, index) => {
        const id = sourceIds[index]!;
        const source = query.data;
        if (!source) return <Skeleton.Input key={`s${id}`} active size="small" />;
        return (
          <Flex key={`s${id}`} gap={8} wrap align="center" justify="space-between" className="item-row">
            <Link to={registryPath('sources', source.id)}>{sourceTitle(source)}</Link>
            <Flex gap={4}>
              <CategoryTag category={source.category} />
              <SourceLicenceTag source={source} />
              {source.restricted ? <RestrictedTag /> : null}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
