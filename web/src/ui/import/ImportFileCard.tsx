import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Result, Spin, Upload } from 'antd';
import {
  CheckCircleOutlined,
  FileExcelOutlined,
  InboxOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert } from '../errors/ErrorAlert';
import {
  fileSize,
  SPREADSHEET_ACCEPT,
  type ImportDone,
  type ImportFlow,
  type ImportReportBase,
} from './useImportFlow';
import './import.css';

/** A page the written rows can be seen on: a link that stays in the app. */
export interface ImportLink {
  to: string;
  label: string;
  primary?: boolean;
  testId?: string;
}

/** What the page says once the file is written. */
export interface ImportDoneView {
  title: string;
  subTitle: string;
  links: ImportLink[];
  /** Under the result (the rows that were not written, where good rows are kept). */
  extra?: ReactNode;
}

export interface ImportFileCardProps<R extends ImportReportBase> {
  flow: ImportFlow<R>;
  /** data-testid prefix: `<prefix>-file`, `-file-name`, `-rerun`, `-running`, `-pick-error`, `-commit`, `-commit-ok`, `-done`, `-again`. */
  testId: string;
  /** The drop zone's call and the line under it. */
  drop: string;
  dropHint: string;
  /** The dry run's report, as the page shows it. */
  renderReport: (report: R) => ReactNode;
  /** The write button (also the confirm button). */
  commitLabel: string;
  /** The question asked before writing. */
  confirm: (report: R) => { title: string; text: string };
  done: (done: ImportDone<R>) => ImportDoneView;
}

function LinkButton({ link }: { link: ImportLink }) {
  const navigate = useNavigate();
  return (
    <Button
      type={link.primary ? 'primary' : 'default'}
      href={link.to}
      onClick={(event) => {
        event.preventDefault();
        void navigate(link.to);
      }}
      data-testid={link.testId}
    >
      {link.label}
    </Button>
  );
}

/**
 * The file side of an import: a drop zone (or the picked file with "another file" and "dry run again"), the dry
 * run's report, the write button behind a confirmation, and once written the result with links and "import another
 * file".
 */
export function ImportFileCard<R extends ImportReportBase>({
  flow,
  testId,
  drop,
  dropHint,
  renderReport,
  commitLabel,
  confirm,
  done,
}: ImportFileCardProps<R>) {
  const { t } = useTranslation();
  const format = useFormat();
  const { modal } = App.useApp();
  const { file, dryRun, commit, report } = flow;
  const picked = file.picked;

  if (flow.done) {
    const view = done(flow.done);
    return (
      <Card className="detail-card">
        <Result
          status="success"
          title={view.title}
          subTitle={view.subTitle}
          extra={[
            ...view.links.map((link) => <LinkButton key={link.to} link={link} />),
            <Button key="again" onClick={flow.restart} data-testid={`${testId}-again`}>
              {t('fileImport.another')}
            </Button>,
          ]}
          data-testid={`${testId}-done`}
        />
        {view.extra}
      </Card>
    );
  }

  const confirmCommit = () => {
    if (!picked || !report) return;
    const question = confirm(report);
    void modal.confirm({
      title: question.title,
      content: question.text,
      okText: commitLabel,
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': `${testId}-commit-ok` },
      onOk: flow.write,
    });
  };

  const uploadProps = {
    accept: SPREADSHEET_ACCEPT,
    multiple: false,
    showUploadList: false,
    beforeUpload: (next: File) => {
      flow.pick(next);
      return false;
    },
    'data-testid': `${testId}-file`,
  } as const;

  return (
    <Card title={t('fileImport.fileTitle')} className="detail-card">
      <Flex vertical gap={16}>
        {picked ? (
          <Flex gap={12} align="center" wrap justify="space-between">
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              <FileExcelOutlined style={{ fontSize: 24, color: '#217346' }} />
              <div style={{ minWidth: 0 }}>
                <div style={{ wordBreak: 'break-all' }} data-testid={`${testId}-file-name`}>
                  <strong>{picked.file.name}</strong>
                </div>
                <div className="muted" style={{ fontSize: 12 }}>
                  {fileSize(picked.file.size, format)}
                </div>
              </div>
            </Flex>
            <Flex gap={8} wrap>
              <Upload {...uploadProps}>
                <Button icon={<UploadOutlined />}>{t('fileImport.changeFile')}</Button>
              </Upload>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void dryRun.refetch()}
                loading={dryRun.isFetching}
                data-testid={`${testId}-rerun`}
              >
                {t('fileImport.rerun')}
              </Button>
            </Flex>
          </Flex>
        ) : (
          <div className="import-dropzone">
            <Upload.Dragger {...uploadProps}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{drop}</p>
              <p className="ant-upload-hint">{dropHint}</p>
            </Upload.Dragger>
          </div>
        )}
        {file.error ? (
          <Alert
            type="error"
            showIcon
            title={file.error}
            closable={{ onClose: file.dismissError }}
            data-testid={`${testId}-pick-error`}
          />
        ) : null}
        {!picked ? null : dryRun.isFetching ? (
          <Flex
            justify="center"
            align="center"
            gap={12}
            style={{ padding: 32 }}
            data-testid={`${testId}-running`}
          >
            <Spin />
            <span className="muted">{t('fileImport.running')}</span>
          </Flex>
        ) : dryRun.isError ? (
          <Flex vertical gap={8} align="flex-start">
            <ErrorAlert error={dryRun.error} style={{ width: '100%' }} />
            <Button onClick={() => void dryRun.refetch()}>{t('common.retry')}</Button>
          </Flex>
        ) : report ? (
          renderReport(report)
        ) : null}
        {commit.isError ? <ErrorAlert error={commit.error} /> : null}
        {flow.canCommit ? (
          <Flex justify="flex-end">
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              loading={commit.isPending}
              onClick={confirmCommit}
              data-testid={`${testId}-commit`}
            >
              {commitLabel}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}
