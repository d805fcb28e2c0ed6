import { Flex, List, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SourceLocation } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useFormat } from '../../../app/i18n/format';
import { LoadError } from '../../../ui/errors/ErrorAlert';
import { CategoryTag } from '../badges';
import { formatRatio } from '../format';

/**
 * Where the facility keeps its sources, each place with Σ A/D and its aggregate category: co-located sources are
 * categorised together (IAEA RS-G-1.9), so a store of several category 3 sources can be a category 2 place.
 */
export function SourceLocations({ facilityId }: { facilityId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const places = useQuery({
    queryKey: ['registry', 'facilities', 'source-locations', facilityId],
    queryFn: ({ signal }) =>
      api.get<SourceLocation[]>(`/facilities/${facilityId}/source-locations`, undefined, signal),
  });
  if (places.isError) return <LoadError error={places.error} onRetry={() => void places.refetch()} />;
  return (
    <List
      size="small"
      loading={places.isPending}
      dataSource={places.data ?? []}
      locale={{ emptyText: t('registry.locations.empty') }}
      data-testid="source-locations"
      renderItem={(place) => (
        <List.Item data-testid="source-location" data-category={place.category}>
          <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <span style={{ overflowWrap: 'anywhere' }}>
                {place.restricted ? (
                  <Typography.Text type="secondary" italic>
                    {t('registry.locations.withheld')}
                  </Typography.Text>
                ) : (
                  (place.location ?? t('registry.locations.unnamed'))
                )}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('registry.locations.count', { count: place.sources })} · {place.nuclides.join(', ')}
              </Typography.Text>
            </Flex>
            <Flex gap={6} align="center">
              {place.aOverD !== null ? (
                <Tooltip title={t('registry.locations.sumHint')}>
                  <Tag style={{ marginInlineEnd: 0 }}>Σ A/D {formatRatio(place.aOverD, format.number)}</Tag>
                </Tooltip>
              ) : null}
              <CategoryTag category={place.category} />
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}
