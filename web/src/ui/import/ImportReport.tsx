import { useMemo, type HTMLAttributes } from 'react';
import { Alert, Col, Flex, Row, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format';
import type { ImportIssue, ImportReportBase } from './useImportFlow';
import './import.css';

/** `D (Mã xã)` → the letter and the header, shown apart. */
function ColumnCell({ column }: { column: string | null }) {
  if (!column) return <span className="muted">—</span>;
  const match = /^([A-Z]+) \((.*)\)$/.exec(column);
  if (!match) return <span>{column}</span>;
  // The letter stays beside the header, which wraps in its own box on a phone.
  return (
    <span style={{ display: 'inline-flex', alignItems: 'baseline', gap: 6 }}>
      <Tag className="mono" style={{ marginInlineEnd: 0 }}>
        {match[1]}
      </Tag>
      <span>{match[2]}</span>
    </span>
  );
}

export interface ImportIssuesTableProps {
  issues: ImportIssue[];
  /** Problems of the header row rather than of a data row: their row is marked so. */
  isHeaderIssue: (issue: ImportIssue) => boolean;
  /** data-testid prefix: the table is `<prefix>-issues`, each line `<prefix>-issue` with `data-row`. */
  testId: string;
}

/**
 * Problems of a file, one line each, sorted by row; the lines of one spreadsheet row share a background. No
 * sideways scrolling: the message wraps, so that it is read on a phone too.
 */
export function ImportIssuesTable({ issues, isHeaderIssue, testId }: ImportIssuesTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupOf = useMemo(() => {
    const rows = [...new Set(issues.map((issue) => issue.row))].sort((a, b) => a - b);
    return new Map(rows.map((row, index) => [row, index]));
  }, [issues]);
  const data = useMemo(() => issues.map((issue, key) => ({ ...issue, key })), [issues]);
  const columnFilters = useMemo(
    () =>
      [...new Set(issues.map((issue) => issue.column ?? ''))]
        .sort((a, b) => a.localeCompare(b))
        .map((value) => ({ text: value || '—', value })),
    [issues],
  );
  const columns: ColumnsType<ImportIssue & { key: number }> = [
    {
      title: t('fileImport.row'),
      dataIndex: 'row',
      sorter: (a, b) => a.row - b.row || a.key - b.key,
      defaultSortOrder: 'ascend',
      render: (row: number, issue) =>
        isHeaderIssue(issue) ? (
          <span style={{ whiteSpace: 'nowrap' }}>{t('fileImport.headerRow', { row })}</span>
        ) : (
          <strong>{format.number(row)}</strong>
        ),
    },
    {
      title: t('fileImport.column'),
      dataIndex: 'column',
      sorter: (a, b) => (a.column ?? '').localeCompare(b.column ?? '') || a.row - b.row,
      filters: columnFilters.length > 1 ? columnFilters : undefined,
      onFilter: (value, issue) => (issue.column ?? '') === value,
      render: (column: string | null) => <ColumnCell column={column} />,
    },
    {
      title: t('fileImport.message'),
      dataIndex: 'message',
      render: (message: string) => <div style={{ minWidth: 120, maxWidth: 420 }}>{message}</div>,
    },
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={data}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, responsive: true }}
      rowClassName={(issue) => ((groupOf.get(issue.row) ?? 0) % 2 === 1 ? 'import-issue-alt' : '')}
      onRow={(issue) =>
        ({ 'data-testid': `${testId}-issue`, 'data-row': issue.row }) as HTMLAttributes<HTMLElement>
      }
      data-testid={`${testId}-issues`}
    />
  );
}

/** One count of the summary above the problems; its number carries `data-testid="<prefix>-<key>"`. */
export interface ImportCount {
  key: string;
  title: string;
  value: number;
}

/** What the alert under the counts says: formatted counts in, the page's words out. */
export interface ImportReportMessages {
  /** No problem, rows to write (`count`: the valid rows). */
  ready: (count: string) => string;
  /** Problems found (`count` problems in `rows` rows). */
  problems: (counts: { count: string; rows: string }) => {
    type: 'warning' | 'error';
    title: string;
    hint?: string;
  };
  /** Neither problems nor rows to write. */
  nothing: { type: 'info' | 'warning'; title: string };
}

export interface ImportReportViewProps extends Omit<ImportIssuesTableProps, 'issues'> {
  report: ImportReportBase;
  /** The title of the valid rows' count (the rows that will be written). */
  validTitle: string;
  /** Counts of the page's own, between the valid rows and the problems. */
  extraCounts?: ImportCount[];
  messages: ImportReportMessages;
}

/**
 * The dry run's report: the counts (data rows, valid rows, the page's own, problems), what it means, and the
 * problems by row and column.
 */
export function ImportReportView({
  report,
  validTitle,
  extraCounts = [],
  messages,
  isHeaderIssue,
  testId,
}: ImportReportViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueCount = report.issues.length;
  const counts: Array<ImportCount & { danger?: boolean }> = [
    { key: 'rows', title: t('fileImport.rows'), value: report.rows },
    { key: 'valid', title: validTitle, value: report.valid },
    ...extraCounts,
    { key: 'issue-count', title: t('fileImport.issues'), value: issueCount, danger: issueCount > 0 },
  ];
  // Three counts side by side even on a phone; four in two rows of two there.
  const span = 24 / counts.length;
  const problems =
    issueCount > 0
      ? messages.problems({
          count: format.number(issueCount),
          rows: format.number(new Set(report.issues.map((issue) => issue.row)).size),
        })
      : null;
  return (
    <Flex vertical gap={16} data-testid={`${testId}-report`} data-issues={issueCount}>
      <Row gutter={[16, 16]}>
        {counts.map((count) => (
          <Col key={count.key} xs={counts.length > 3 ? 12 : span} sm={span}>
            <Statistic
              title={count.title}
              value={count.value}
              styles={{ content: { color: count.danger ? '#cf1322' : undefined } }}
              formatter={(value) => (
                <span data-testid={`${testId}-${count.key}`}>{format.number(Number(value))}</span>
              )}
            />
          </Col>
        ))}
      </Row>
      {issueCount === 0 && report.valid > 0 ? (
        <Alert
          type="success"
          showIcon
          title={messages.ready(format.number(report.valid))}
          data-testid={`${testId}-ready`}
        />
      ) : problems ? (
        <Alert type={problems.type} showIcon title={problems.title} description={problems.hint} />
      ) : (
        <Alert type={messages.nothing.type} showIcon title={messages.nothing.title} />
      )}
      {issueCount > 0 ? (
        <ImportIssuesTable issues={report.issues} isHeaderIssue={isHeaderIssue} testId={testId} />
      ) : null}
    </Flex>
  );
}
