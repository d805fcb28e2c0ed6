import type { ReactNode } from 'react';
import { Button, Card, Col, Flex, Row, Steps, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportFlow, ImportReportBase } from './useImportFlow';
import './import.css';

/** A column a sheet may have: its first header is shown, required ones marked with *. */
export interface ImportColumnSpec {
  field: string;
  headers: readonly string[];
  required?: boolean;
}

export interface ImportGuideCardProps<C extends ImportColumnSpec> {
  title: string;
  /** Above the columns (e.g. what to import). */
  before?: ReactNode;
  columnsTitle: string;
  columnsHint: string;
  columns: readonly C[];
  /** What a column holds, shown on hover (the headers alone may be terse). */
  describe?: (column: C) => string;
  /** The rules of the file, one list item each. */
  rules: ReactNode[];
  templateUrl: string;
  /** data-testid prefix: `<prefix>-columns`, `<prefix>-template`. */
  testId: string;
}

/** What a sheet must look like: the columns, the rules, and the template to start from. */
export function ImportGuideCard<C extends ImportColumnSpec>({
  title,
  before,
  columnsTitle,
  columnsHint,
  columns,
  describe,
  rules,
  templateUrl,
  testId,
}: ImportGuideCardProps<C>) {
  const { t } = useTranslation();
  return (
    <Card title={title} className="detail-card">
      <Flex vertical gap={16}>
        {before}
        <div>
          <Typography.Text strong>{columnsTitle}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px' }}>
            {columnsHint}
          </Typography.Paragraph>
          <Flex wrap gap={6} className="import-columns" data-testid={`${testId}-columns`}>
            {columns.map((column) => {
              const tag = (
                <Tag key={column.field} color={column.required ? 'blue' : undefined}>
                  {column.headers[0]}
                  {column.required ? ' *' : ''}
                </Tag>
              );
              return describe ? (
                <Tooltip key={column.field} title={describe(column)}>
                  {tag}
                </Tooltip>
              ) : (
                tag
              );
            })}
          </Flex>
        </div>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {rules.map((rule, index) => (
            <li key={index}>{rule}</li>
          ))}
        </ul>
        <div>
          <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid={`${testId}-template`}>
            {t('fileImport.template')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}

export interface ImportLayoutProps<R extends ImportReportBase> {
  flow: ImportFlow<R>;
  /** Steps before picking the file (e.g. choosing what to import). */
  leadingSteps?: string[];
  /** The last step's title: writing. */
  commitStep: string;
  /** The guide: on the left on a wide screen. */
  guide: ReactNode;
  /** On a phone, the guide above the file (it holds a choice to make first) or below it. */
  guideFirstOnPhone?: boolean;
  /** The file card. */
  children: ReactNode;
}

/** The steps of an import above the guide and the file card side by side (one above the other on a phone). */
export function ImportLayout<R extends ImportReportBase>({
  flow,
  leadingSteps = [],
  commitStep,
  guide,
  guideFirstOnPhone = false,
  children,
}: ImportLayoutProps<R>) {
  const { t } = useTranslation();
  const guideCol = (
    <Col key="guide" xs={24} xl={{ span: 9, order: 1 }}>
      {guide}
    </Col>
  );
  const fileCol = (
    <Col key="file" xs={24} xl={{ span: 15, order: 2 }}>
      {children}
    </Col>
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Steps
          current={leadingSteps.length + flow.step}
          status={flow.blocked ? 'error' : undefined}
          size="small"
          responsive
          items={[...leadingSteps, t('fileImport.fileTitle'), commitStep].map((title) => ({ title }))}
        />
      </Card>
      <Row gutter={[16, 16]}>{guideFirstOnPhone ? [guideCol, fileCol] : [fileCol, guideCol]}</Row>
    </Flex>
  );
}
