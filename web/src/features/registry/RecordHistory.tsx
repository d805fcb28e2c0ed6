import { useState } from 'react';
import { Button, Empty, Flex, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { translateOptional } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { AuditDiff } from '../auth/audit/AuditDiff';

interface HistoryEntry {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export type HistoryKind = 'facilities' | 'sources' | 'devices' | 'licences' | 'inspections';

/**
 * What changed in one record, newest first, from the audit trail: who, when, what (and, on request, the values
 * before and after; for a source, only to those with need to know).
 */
export function RecordHistory({ kind, id }: { kind: HistoryKind; id: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<number | null>(null);
  const history = useQuery({
    queryKey: ['registry', kind, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`/${kind}/${id}/history`, undefined, signal),
  });
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data && history.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.history.empty')} />;
  return (
    <Timeline
      data-testid="record-history"
      pending={history.isPending ? t('common.loading') : undefined}
      items={(history.data ?? []).map((entry) => {
        const detail = entry.before !== null || entry.after !== null;
        return {
          key: entry.id,
          content: (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {format.dateTime(entry.at)}
              </Typography.Text>
              <span>
                <strong>
                  {translateOptional(`auditActions.${entry.action.replace(/\./g, '_')}`, entry.action)}
                </strong>
                {entry.actorName ? <span className="muted"> · {entry.actorName}</span> : null}
              </span>
              {detail ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, alignSelf: 'flex-start' }}
                  onClick={() => setOpen(open === entry.id ? null : entry.id)}
                  aria-expanded={open === entry.id}
                >
                  {open === entry.id ? t('registry.history.hide') : t('registry.history.show')}
                </Button>
              ) : null}
              {open === entry.id ? <AuditDiff before={entry.before} after={entry.after} /> : null}
            </Flex>
          ),
        };
      })}
    />
  );
}
