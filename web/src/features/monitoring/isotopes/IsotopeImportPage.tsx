import { useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Result,
  Row,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CheckCircleOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ISOTOPE_RESULT_COLUMNS, type IsotopeImportReport } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import {
  ISOTOPE_TEMPLATE_URL,
  isotopePath,
  MAX_ISOTOPE_IMPORT_BYTES,
  useIsotopeImportCommit,
  useIsotopeImportDryRun,
  type PickedFile,
} from './api';
import { IsotopeSection } from './IsotopeSection';

type Issue = IsotopeImportReport['issues'][number];
/** Problems of the header row rather than of a data row. */
const HEADER_REASONS = new Set(['unknown_column', 'missing_column', 'too_many_items']);
const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `D (δ18O)` → the letter and the header, shown apart. */
function ColumnCell({ column }: { column: string | null }) {
  if (!column) return <span className="muted">—</span>;
  const match = /^([A-Z]+) \((.*)\)$/.exec(column);
  if (!match) return <span>{column}</span>;
  return (
    <span>
      <Tag className="mono" style={{ marginInlineEnd: 6 }}>
        {match[1]}
      </Tag>
      {match[2]}
    </span>
  );
}

function IssuesTable({ issues }: { issues: Issue[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupOf = useMemo(() => {
    const rows = [...new Set(issues.map((i) => i.row))].sort((a, b) => a - b);
    return new Map(rows.map((row, index) => [row, index]));
  }, [issues]);
  const data = useMemo(() => issues.map((issue, key) => ({ ...issue, key })), [issues]);
  const columns: ColumnsType<Issue & { key: number }> = [
    {
      title: t('isotopes.import.row'),
      dataIndex: 'row',
      sorter: (a, b) => a.row - b.row || a.key - b.key,
      defaultSortOrder: 'ascend',
      render: (row: number, issue) =>
        HEADER_REASONS.has(issue.reason) ? (
          <span style={{ whiteSpace: 'nowrap' }}>{t('isotopes.import.headerRow', { row })}</span>
        ) : (
          <strong>{format.number(row)}</strong>
        ),
    },
    {
      title: t('isotopes.import.column'),
      dataIndex: 'column',
      render: (column: string | null) => <ColumnCell column={column} />,
    },
    {
      title: t('isotopes.import.message'),
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
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      // No sideways scrolling: the message wraps, so that it is read on a phone too.
      rowClassName={(issue) => ((groupOf.get(issue.row) ?? 0) % 2 === 1 ? 'isotope-issue-alt' : '')}
      onRow={(issue) =>
        ({ 'data-testid': 'isotope-import-issue', 'data-row': issue.row }) as HTMLAttributes<HTMLElement>
      }
      data-testid="isotope-import-issues"
    />
  );
}

function ReportView({ report }: { report: IsotopeImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueRows = new Set(report.issues.map((i) => i.row)).size;
  const stat = (title: string, value: number, testId: string, colour?: string) => (
    <Col xs={12} sm={6}>
      <Statistic
        title={title}
        value={value}
        styles={{ content: { color: colour } }}
        formatter={(v) => <span data-testid={testId}>{format.number(Number(v))}</span>}
      />
    </Col>
  );
  return (
    <Flex vertical gap={16} data-testid="isotope-import-report" data-issues={report.issues.length}>
      <Row gutter={[16, 16]}>
        {stat(t('isotopes.import.rows'), report.rows, 'isotope-import-rows')}
        {stat(t('isotopes.import.valid'), report.valid, 'isotope-import-valid')}
        {stat(t('isotopes.import.unchanged'), report.unchanged, 'isotope-import-unchanged')}
        {stat(
          t('isotopes.import.issues'),
          report.issues.length,
          'isotope-import-issue-count',
          report.issues.length > 0 ? '#cf1322' : undefined,
        )}
      </Row>
      {report.issues.length === 0 && report.valid > 0 ? (
        <Alert
          type="success"
          showIcon
          title={t('isotopes.import.noIssues', { count: format.number(report.valid) })}
          data-testid="isotope-import-ready"
        />
      ) : report.issues.length > 0 ? (
        <Alert
          type={report.valid > 0 ? 'warning' : 'error'}
          showIcon
          title={t('isotopes.import.hasIssues', {
            count: format.number(report.issues.length),
            rows: format.number(issueRows),
          })}
          description={report.valid > 0 ? t('isotopes.import.hasIssuesHint') : undefined}
        />
      ) : (
        <Alert type="info" showIcon title={t('isotopes.import.nothingToWrite')} />
      )}
      {report.issues.length > 0 ? <IssuesTable issues={report.issues} /> : null}
    </Flex>
  );
}

function ColumnsCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('isotopes.import.columnsTitle')} className="detail-card">
      <Flex vertical gap={12}>
        <div>
          <Typography.Text strong>{t('isotopes.import.columns')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px' }}>
            {t('isotopes.import.columnsHint')}
          </Typography.Paragraph>
          <Flex wrap gap={6} data-testid="isotope-import-columns">
            {ISOTOPE_RESULT_COLUMNS.map((column) => (
              <Tooltip key={column.field} title={t(`isotopes.fields.${column.field}`)}>
                <Tag color={column.required ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
                  {column.headers[0]}
                  {column.required ? ' *' : ''}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        </div>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>{t('isotopes.import.rules')}</li>
          <li>{t('isotopes.import.points')}</li>
          <li>{t('isotopes.import.partial')}</li>
        </ul>
        <div>
          <Button
            icon={<DownloadOutlined />}
            href={ISOTOPE_TEMPLATE_URL}
            download
            data-testid="isotope-import-template"
          >
            {t('isotopes.import.template')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}

/**
 * Lab result import: pick a file; a dry run lists every problem by row and column; then the valid rows can be
 * written (the others are not, and stay listed).
 */
export default function IsotopeImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const picks = useRef(0);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [done, setDone] = useState<{ report: IsotopeImportReport; name: string } | null>(null);
  const dryRun = useIsotopeImportDryRun(picked);
  const commit = useIsotopeImportCommit();
  const report = dryRun.data;
  const canCommit = !!report && report.valid > 0 && !dryRun.isFetching;

  const pick = (file: File) => {
    commit.reset();
    setDone(null);
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setPickError(t('isotopes.import.wrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_ISOTOPE_IMPORT_BYTES) {
      setPickError(t('isotopes.import.tooLarge', { name: file.name, size: format.bytes(file.size) }));
      return;
    }
    setPickError(null);
    picks.current += 1;
    setPicked({ file, pick: picks.current });
  };
  const restart = () => {
    commit.reset();
    setDone(null);
    setPicked(null);
    setPickError(null);
  };
  const confirmCommit = () => {
    if (!picked || !report) return;
    void modal.confirm({
      title: t('isotopes.import.commitTitle', { count: format.number(report.valid) }),
      content: t('isotopes.import.commitText'),
      okText: t('isotopes.import.commit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'isotope-import-commit-ok' },
      onOk: () =>
        commit
          .mutateAsync(picked.file)
          .then((result) => setDone({ report: result, name: picked.file.name }))
          .catch(() => void dryRun.refetch()),
    });
  };
  const uploadProps = {
    accept: ACCEPT,
    multiple: false,
    showUploadList: false,
    beforeUpload: (file: File) => {
      pick(file);
      return false;
    },
  } as const;
  const go = (to: string) => (event: { preventDefault: () => void }) => {
    event.preventDefault();
    void navigate(to);
  };

  return (
    <IsotopeSection section="import">
      <Flex vertical gap={16}>
        <Card size="small">
          <Steps
            current={done ? 2 : canCommit ? 1 : 0}
            status={report && report.valid === 0 && report.issues.length > 0 && !done ? 'error' : undefined}
            size="small"
            responsive
            items={[{ title: t('isotopes.import.steps.pick') }, { title: t('isotopes.import.steps.commit') }]}
          />
        </Card>
        <Row gutter={[16, 16]}>
          {/* The file first on a phone (the explanations after it); on a wide screen the explanations left. */}
          <Col xs={24} xl={{ span: 15, order: 2 }}>
            {done ? (
              <Card className="detail-card">
                <Result
                  status="success"
                  title={t('isotopes.import.doneTitle')}
                  subTitle={t('isotopes.import.doneText', {
                    count: format.number(done.report.created),
                    unchanged: format.number(done.report.unchanged),
                    rejected: format.number(new Set(done.report.issues.map((i) => i.row)).size),
                    name: done.name,
                  })}
                  extra={[
                    <Button
                      key="list"
                      type="primary"
                      href={isotopePath('samples')}
                      onClick={go(isotopePath('samples'))}
                      data-testid="isotope-import-open-list"
                    >
                      {t('isotopes.import.openList')}
                    </Button>,
                    <Button
                      key="analysis"
                      href={isotopePath('analysis')}
                      onClick={go(isotopePath('analysis'))}
                    >
                      {t('isotopes.import.openAnalysis')}
                    </Button>,
                    <Button key="again" onClick={restart} data-testid="isotope-import-again">
                      {t('isotopes.import.another')}
                    </Button>,
                  ]}
                  data-testid="isotope-import-done"
                />
                {done.report.issues.length > 0 ? <IssuesTable issues={done.report.issues} /> : null}
              </Card>
            ) : (
              <Card title={t('isotopes.import.fileTitle')} className="detail-card">
                <Flex vertical gap={16}>
                  {picked ? (
                    <Flex gap={12} align="center" wrap justify="space-between">
                      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                        <FileExcelOutlined style={{ fontSize: 24, color: '#217346' }} />
                        <div style={{ minWidth: 0 }}>
                          <div style={{ wordBreak: 'break-all' }} data-testid="isotope-import-file-name">
                            <strong>{picked.file.name}</strong>
                          </div>
                          <div className="muted" style={{ fontSize: 12 }}>
                            {format.bytes(picked.file.size)}
                          </div>
                        </div>
                      </Flex>
                      <Flex gap={8} wrap>
                        <Upload {...uploadProps}>
                          <Button icon={<UploadOutlined />}>{t('isotopes.import.changeFile')}</Button>
                        </Upload>
                        <Button
                          icon={<ReloadOutlined />}
                          onClick={() => void dryRun.refetch()}
                          loading={dryRun.isFetching}
                          data-testid="isotope-import-rerun"
                        >
                          {t('isotopes.import.rerun')}
                        </Button>
                      </Flex>
                    </Flex>
                  ) : (
                    <div className="isotope-dropzone">
                      <Upload.Dragger {...uploadProps} data-testid="isotope-import-file">
                        <p className="ant-upload-drag-icon">
                          <InboxOutlined />
                        </p>
                        <p className="ant-upload-text">{t('isotopes.import.drop')}</p>
                        <p className="ant-upload-hint">{t('isotopes.import.dropHint')}</p>
                      </Upload.Dragger>
                    </div>
                  )}
                  {pickError ? (
                    <Alert
                      type="error"
                      showIcon
                      title={pickError}
                      closable={{ onClose: () => setPickError(null) }}
                      data-testid="isotope-import-pick-error"
                    />
                  ) : null}
                  {!picked ? null : dryRun.isFetching ? (
                    <Flex justify="center" align="center" gap={12} style={{ padding: 32 }}>
                      <Spin />
                      <span className="muted">{t('isotopes.import.running')}</span>
                    </Flex>
                  ) : dryRun.isError ? (
                    <Flex vertical gap={8} align="flex-start">
                      <ErrorAlert error={dryRun.error} style={{ width: '100%' }} />
                      <Button onClick={() => void dryRun.refetch()}>{t('common.retry')}</Button>
                    </Flex>
                  ) : report ? (
                    <ReportView report={report} />
                  ) : null}
                  {commit.isError ? <ErrorAlert error={commit.error} /> : null}
                  {canCommit ? (
                    <Flex justify="flex-end">
                      <Button
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        loading={commit.isPending}
                        onClick={confirmCommit}
                        data-testid="isotope-import-commit"
                      >
                        {t('isotopes.import.commit')}
                      </Button>
                    </Flex>
                  ) : null}
                </Flex>
              </Card>
            )}
          </Col>
          <Col xs={24} xl={{ span: 9, order: 1 }}>
            <ColumnsCard />
          </Col>
        </Row>
      </Flex>
    </IsotopeSection>
  );
}
