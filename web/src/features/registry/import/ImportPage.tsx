import { useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Result,
  Row,
  Segmented,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
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
import { IMPORT_COLUMNS, Permission, type ImportKind } from '@sievert/core';
import { isApiError } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat, type Formatters } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { RegistrySection } from '../RegistrySection';
import {
  MAX_IMPORT_BYTES,
  templateUrl,
  useImportCommit,
  useImportDryRun,
  useImportKinds,
  type ImportReport,
  type ImportReportIssue,
  type PickedFile,
} from './api';
import './import.css';

const ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileSize(bytes: number, format: Formatters): string {
  if (bytes >= 1024 * 1024) return `${format.number(bytes / 1024 / 1024, 1)} MB`;
  return `${format.number(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** `D (Mã xã)` → the letter and the header, shown apart. */
function ColumnCell({ column }: { column: string | null }) {
  if (!column) return <span className="muted">—</span>;
  const match = /^([A-Z]+) \((.*)\)$/.exec(column);
  if (!match) return <span>{column}</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag className="mono" style={{ marginInlineEnd: 6 }}>
        {match[1]}
      </Tag>
      {match[2]}
    </span>
  );
}

/** The columns a sheet of this kind may have, required ones marked, and how cells are read. */
function KindCard({
  kind,
  kinds,
  onKind,
}: {
  kind: ImportKind;
  kinds: ImportKind[];
  onKind: (kind: ImportKind) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const isMobile = useIsMobile();
  const ownOnly =
    (kind === 'devices' && !can(Permission.DeviceManage)) ||
    (kind === 'sources' && !can(Permission.SourceManage));
  return (
    <Card title={t('registryTools.import.kindTitle')} className="detail-card">
      <Flex vertical gap={16}>
        <Segmented<ImportKind>
          value={kind}
          onChange={onKind}
          options={kinds.map((value) => ({
            value,
            label: (
              <span data-testid={`import-kind-${value}`}>{t(`registryTools.import.kinds.${value}`)}</span>
            ),
          }))}
          orientation={isMobile ? 'vertical' : 'horizontal'}
          block={isMobile}
          data-testid="import-kind"
        />
        <div>
          <Typography.Text strong>{t('registryTools.import.columns')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px' }}>
            {t('registryTools.import.columnsHint')}
          </Typography.Paragraph>
          <Flex wrap gap={6} className="import-columns" data-testid="import-columns">
            {IMPORT_COLUMNS[kind].map((column) => (
              <Tag key={column.field} color={column.required ? 'blue' : undefined}>
                {column.headers[0]}
                {column.required ? ' *' : ''}
              </Tag>
            ))}
          </Flex>
        </div>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>{t('registryTools.import.rules')}</li>
          <li>{t('registryTools.import.dates')}</li>
          {kind !== 'facilities' ? <li>{t('registryTools.import.facilityCode')}</li> : null}
          {ownOnly ? <li>{t('registryTools.import.ownOnly')}</li> : null}
          <li>{t('registryTools.import.allOrNothing')}</li>
        </ul>
        <div>
          <Button icon={<DownloadOutlined />} href={templateUrl(kind)} download data-testid="import-template">
            {t('registryTools.import.template')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}

/** Problems of the dry run, one line each, the lines of a spreadsheet row grouped by a shared background. */
function IssuesTable({ issues }: { issues: ImportReportIssue[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = useMemo(() => [...new Set(issues.map((issue) => issue.row))].sort((a, b) => a - b), [issues]);
  const groupOf = useMemo(() => new Map(rows.map((row, index) => [row, index])), [rows]);
  const data = useMemo(
    () =>
      issues
        .map((issue, index) => ({ ...issue, key: index }))
        .sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? '')),
    [issues],
  );
  const columnFilters = useMemo(
    () =>
      [...new Set(issues.map((issue) => issue.column ?? ''))]
        .sort((a, b) => a.localeCompare(b))
        .map((value) => ({ text: value || '—', value })),
    [issues],
  );
  const columns: ColumnsType<ImportReportIssue & { key: number }> = [
    {
      title: t('registryTools.import.row'),
      dataIndex: 'row',
      width: 110,
      sorter: (a, b) => a.row - b.row || a.key - b.key,
      defaultSortOrder: 'ascend',
      render: (row: number) =>
        row === 1 ? (
          <span style={{ whiteSpace: 'nowrap' }}>{t('registryTools.import.headerRow', { row })}</span>
        ) : (
          <strong>{format.number(row)}</strong>
        ),
    },
    {
      title: t('registryTools.import.column'),
      dataIndex: 'column',
      sorter: (a, b) => (a.column ?? '').localeCompare(b.column ?? '') || a.row - b.row,
      filters: columnFilters.length > 1 ? columnFilters : undefined,
      onFilter: (value, issue) => (issue.column ?? '') === value,
      render: (column: string | null) => <ColumnCell column={column} />,
    },
    {
      title: t('registryTools.import.message'),
      dataIndex: 'message',
      render: (message: string) => <div style={{ minWidth: 180, maxWidth: 420 }}>{message}</div>,
    },
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={data}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, responsive: true }}
      scroll={{ x: 'max-content' }}
      rowClassName={(issue) => ((groupOf.get(issue.row) ?? 0) % 2 === 1 ? 'import-issue-alt' : '')}
      onRow={(issue) =>
        ({ 'data-testid': 'import-issue', 'data-row': issue.row }) as HTMLAttributes<HTMLElement>
      }
      data-testid="import-issues"
    />
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueRows = new Set(report.issues.map((issue) => issue.row)).size;
  const ok = report.issues.length === 0 && report.valid > 0;
  return (
    <Flex vertical gap={16} data-testid="import-report" data-issues={report.issues.length}>
      <Row gutter={[16, 16]}>
        <Col xs={8}>
          <Statistic
            title={t('registryTools.import.rows')}
            value={report.rows}
            formatter={(value) => <span data-testid="import-rows">{format.number(Number(value))}</span>}
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('registryTools.import.valid')}
            value={report.valid}
            formatter={(value) => <span data-testid="import-valid">{format.number(Number(value))}</span>}
          />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('registryTools.import.issues')}
            value={report.issues.length}
            styles={{ content: { color: report.issues.length > 0 ? '#cf1322' : undefined } }}
            formatter={(value) => (
              <span data-testid="import-issue-count">{format.number(Number(value))}</span>
            )}
          />
        </Col>
      </Row>
      {ok ? (
        <Alert
          type="success"
          showIcon
          title={t('registryTools.import.noIssues', { count: format.number(report.valid) })}
          data-testid="import-ready"
        />
      ) : report.issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('registryTools.import.hasIssues', {
            count: format.number(report.issues.length),
            rows: format.number(issueRows),
          })}
          description={t('registryTools.import.hasIssuesHint')}
        />
      ) : (
        <Alert type="warning" showIcon title={t('registryTools.import.nothingToWrite')} />
      )}
      {report.issues.length > 0 ? <IssuesTable issues={report.issues} /> : null}
    </Flex>
  );
}

function ImportFlow({
  kind,
  kinds,
  onKind,
}: {
  kind: ImportKind;
  kinds: ImportKind[];
  onKind: (kind: ImportKind) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const picks = useRef(0);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [done, setDone] = useState<{ report: ImportReport; name: string } | null>(null);
  const dryRun = useImportDryRun(kind, picked);
  const commit = useImportCommit(kind);
  const report = dryRun.data;
  const canCommit = !!report && report.issues.length === 0 && report.valid > 0 && !dryRun.isFetching;

  const pick = (file: File) => {
    commit.reset();
    setDone(null);
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setPickError(t('registryTools.import.wrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setPickError(
        t('registryTools.import.tooLarge', { name: file.name, size: fileSize(file.size, format) }),
      );
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
      title: t('registryTools.import.commitTitle', {
        count: format.number(report.valid),
        kind: t(`registryTools.import.kinds.${kind}`),
      }),
      content: t('registryTools.import.commitText'),
      okText: t('registryTools.import.commit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'import-commit-ok' },
      onOk: () =>
        commit
          .mutateAsync(picked.file)
          .then((result) => setDone({ report: result, name: picked.file.name }))
          .catch((error: unknown) => {
            // Something changed since the dry run (another import, a new facility code): show the new problems.
            if (isApiError(error, 'import.invalid')) void dryRun.refetch();
          }),
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

  const step = done ? 3 : canCommit ? 2 : 1;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Steps
          current={step}
          status={report && report.issues.length > 0 && !done ? 'error' : undefined}
          size="small"
          responsive
          items={[
            { title: t('registryTools.import.steps.kind') },
            { title: t('registryTools.import.steps.dryRun') },
            { title: t('registryTools.import.steps.commit') },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <KindCard kind={kind} kinds={kinds} onKind={onKind} />
        </Col>
        <Col xs={24} xl={15}>
          {done ? (
            <Card className="detail-card">
              <Result
                status="success"
                title={t('registryTools.import.doneTitle')}
                subTitle={t('registryTools.import.doneText', {
                  count: format.number(done.report.created),
                  name: done.name,
                })}
                extra={[
                  <Button
                    key="list"
                    type="primary"
                    href={registryPath(kind)}
                    onClick={(event) => {
                      event.preventDefault();
                      void navigate(registryPath(kind));
                    }}
                    data-testid="import-open-list"
                  >
                    {t(`registryTools.import.openList.${kind}`)}
                  </Button>,
                  <Button key="again" onClick={restart} data-testid="import-again">
                    {t('registryTools.import.another')}
                  </Button>,
                ]}
                data-testid="import-done"
              />
            </Card>
          ) : (
            <Card title={t('registryTools.import.fileTitle')} className="detail-card">
              <Flex vertical gap={16}>
                {picked ? (
                  <Flex gap={12} align="center" wrap justify="space-between">
                    <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                      <FileExcelOutlined style={{ fontSize: 24, color: '#217346' }} />
                      <div style={{ minWidth: 0 }}>
                        <div style={{ wordBreak: 'break-all' }} data-testid="import-file-name">
                          <strong>{picked.file.name}</strong>
                        </div>
                        <div className="muted" style={{ fontSize: 12 }}>
                          {fileSize(picked.file.size, format)}
                        </div>
                      </div>
                    </Flex>
                    <Flex gap={8} wrap>
                      <Upload {...uploadProps} data-testid="import-file">
                        <Button icon={<UploadOutlined />}>{t('registryTools.import.changeFile')}</Button>
                      </Upload>
                      <Button
                        icon={<ReloadOutlined />}
                        onClick={() => void dryRun.refetch()}
                        loading={dryRun.isFetching}
                        data-testid="import-rerun"
                      >
                        {t('registryTools.import.rerun')}
                      </Button>
                    </Flex>
                  </Flex>
                ) : (
                  <div className="import-dropzone">
                    <Upload.Dragger {...uploadProps} data-testid="import-file">
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{t('registryTools.import.drop')}</p>
                      <p className="ant-upload-hint">{t('registryTools.import.dropHint')}</p>
                    </Upload.Dragger>
                  </div>
                )}
                {pickError ? (
                  <Alert
                    type="error"
                    showIcon
                    title={pickError}
                    closable={{ onClose: () => setPickError(null) }}
                    data-testid="import-pick-error"
                  />
                ) : null}
                {!picked ? null : dryRun.isFetching ? (
                  <Flex
                    justify="center"
                    align="center"
                    gap={12}
                    style={{ padding: 32 }}
                    data-testid="import-running"
                  >
                    <Spin />
                    <span className="muted">{t('registryTools.import.running')}</span>
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
                      data-testid="import-commit"
                    >
                      {t('registryTools.import.commit')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
            </Card>
          )}
        </Col>
      </Row>
    </Flex>
  );
}

/**
 * Spreadsheet import of the registry: choose what to import, download the template, pick the file; a dry run
 * lists every problem by row and column; only a file without problems can be written, all rows at once.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const kinds = useImportKinds();
  const kind = kinds.find((value) => value === params.id) ?? kinds[0];
  return (
    <RegistrySection section="import">
      {kind ? (
        <ImportFlow
          key={kind}
          kind={kind}
          kinds={kinds}
          onKind={(next) => void navigate(`${registryPath('import')}/${next}`, { replace: true })}
        />
      ) : (
        <Card>
          <Result
            status="403"
            title={t('errors.forbiddenTitle')}
            subTitle={t('registryTools.import.noKinds')}
          />
        </Card>
      )}
    </RegistrySection>
  );
}
