import { useState } from 'react';
import { Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

type Change = 'added' | 'removed' | 'changed' | 'same';
interface Row {
  field: string;
  before: unknown;
  after: unknown;
  change: Change;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field comparison of an audit entry's before and after states (either may be null). */
export function diffRows(before: unknown, after: unknown): Row[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => {
    const inBefore = field in b;
    const inAfter = field in a;
    const change: Change =
      inBefore && !inAfter
        ? 'removed'
        : !inBefore && inAfter
          ? 'added'
          : same(b[field], a[field])
            ? 'same'
            : 'changed';
    return { field, before: b[field], after: a[field], change };
  });
}

function Value({ value, tone }: { value: unknown; tone: 'before' | 'after' }) {
  if (value === undefined) return <span className="muted">—</span>;
  if (value === null) return <span className="muted">null</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 1);
  return (
    <Typography.Text
      className={`audit-value audit-value-${tone}`}
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}
    >
      {text}
    </Typography.Text>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const rows = diffRows(before, after);
  const changed = rows.filter((row) => row.change !== 'same');
  const shown = showAll ? rows : changed;
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;

  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('audit.noState')}</Typography.Text>;
  }
  const columns: TableColumnsType<Row> = [
    {
      title: t('audit.field'),
      dataIndex: 'field',
      render: (field: string) => <span className="mono">{field}</span>,
    },
  ];
  if (hasBefore) {
    columns.push({
      title: t('audit.before'),
      dataIndex: 'before',
      render: (value: unknown) => <Value value={value} tone="before" />,
    });
  }
  if (hasAfter) {
    columns.push({
      title: t('audit.after'),
      dataIndex: 'after',
      render: (value: unknown) => <Value value={value} tone="after" />,
    });
  }
  return (
    <div data-testid="audit-diff" style={{ maxWidth: 960 }}>
      <div style={{ marginBottom: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">
          {!hasBefore
            ? t('audit.valuesAfter')
            : !hasAfter
              ? t('audit.valuesBefore')
              : t('audit.changedFields', { count: changed.length })}
        </Typography.Text>
        {rows.length > changed.length ? (
          <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center', fontSize: 13 }}>
            <Switch size="small" checked={showAll} onChange={setShowAll} />
            {t('audit.showUnchanged')}
          </label>
        ) : null}
      </div>
      <Table<Row>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => `audit-row-${row.change}`}
        columns={columns}
      />
    </div>
  );
}
