import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  COMMUNE_POPULATION_MAX,
  Permission,
  POPULATION_SOURCE_MAX,
  POPULATION_YEAR_MIN,
  type Commune,
} from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert, LoadError } from '../../ui/errors/ErrorAlert';
import { ImportFileCard } from '../../ui/import/ImportFileCard';
import { ImportGuideCard, ImportLayout } from '../../ui/import/ImportGuide';
import { ImportIssuesTable, ImportReportView } from '../../ui/import/ImportReport';
import { useImportFile, useImportFlow, type ImportIssue } from '../../ui/import/useImportFlow';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { foldText } from '../../ui/text';
import {
  communeLabel,
  MAX_POPULATION_IMPORT_BYTES,
  useCommunes,
  usePopulationImportCommit,
  usePopulationImportDryRun,
  useUpdateCommunePopulation,
  type PopulationImportReport,
} from './api';
import { COMMUNES_PATH, POPULATION_COLUMNS, populationTemplateCsv } from './population';
import { RUNS_PATH } from '../emergency/paths';

const HEADER_REASONS = new Set(['unknown_column', 'missing_column', 'too_many_items']);
const isHeaderIssue = (issue: ImportIssue) => HEADER_REASONS.has(issue.reason);

interface EditValues {
  population: number | null;
  populationYear: number | null;
  populationSource: string;
}

/** Sets a commune's population, year and source; an empty population clears the figure. */
function PopulationModal({ commune, onClose }: { commune: Commune | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = AntApp.useApp();
  const update = useUpdateCommunePopulation();
  const [form] = Form.useForm<EditValues>();
  const year = new Date().getFullYear();
  const save = (values: EditValues) => {
    if (!commune) return;
    const source = values.populationSource.trim();
    update.mutate(
      {
        code: commune.code,
        body:
          values.population === null
            ? { population: null }
            : {
                population: values.population,
                populationYear: values.populationYear,
                populationSource: source === '' ? null : source,
              },
      },
      {
        onSuccess: () => {
          void message.success(t('communes.saved', { name: communeLabel(commune, language) }));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={commune !== null}
      title={commune ? t('communes.editTitle', { name: communeLabel(commune, language) }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'commune-population-save' }}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) update.reset();
      }}
    >
      {commune ? (
        <Form<EditValues>
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{
            population: commune.population,
            populationYear: commune.populationYear ?? year,
            populationSource: commune.populationSource ?? '',
          }}
        >
          <Form.Item name="population" label={t('communes.population')} extra={t('communes.populationHint')}>
            <InputNumber<number>
              min={0}
              max={COMMUNE_POPULATION_MAX}
              precision={0}
              decimalSeparator={language === 'vi' ? ',' : '.'}
              style={{ width: '100%' }}
              data-testid="commune-population-input"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="populationYear" label={t('communes.year')}>
                <InputNumber<number>
                  min={POPULATION_YEAR_MIN}
                  max={2100}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="commune-population-year"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="populationSource" label={t('communes.source')}>
                <Input
                  maxLength={POPULATION_SOURCE_MAX}
                  placeholder={t('communes.sourcePlaceholder')}
                  data-testid="commune-population-source"
                />
              </Form.Item>
            </Col>
          </Row>
          {update.isError ? <ErrorAlert error={update.error} /> : null}
        </Form>
      ) : null}
    </Modal>
  );
}

function useColumns(canEdit: boolean, onEdit: (commune: Commune) => void): ColumnsType<Commune> {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const columns: ColumnsType<Commune> = [
    {
      title: t('communes.name'),
      key: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      render: (_: unknown, c) => (
        <Flex vertical>
          <span>{communeLabel(c, language)}</span>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('communes.populationShort'),
      key: 'population',
      align: 'right',
      sorter: (a, b) => (a.population ?? -1) - (b.population ?? -1),
      render: (_: unknown, c) =>
        c.population === null ? (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('communes.noPopulation')}
          </Tag>
        ) : (
          <span data-testid={`commune-population-${c.code}`}>{format.number(c.population)}</span>
        ),
    },
    {
      title: t('communes.area'),
      // On a phone: the name, the population and the edit button; the rest from a tablet up.
      responsive: ['md'],
      key: 'area',
      align: 'right',
      sorter: (a, b) => a.areaKm2 - b.areaKm2,
      render: (_: unknown, c) => format.number(c.areaKm2, 2),
    },
    {
      title: t('communes.density'),
      responsive: ['md'],
      key: 'density',
      align: 'right',
      render: (_: unknown, c) =>
        c.population === null || !(c.areaKm2 > 0) ? '—' : format.number(c.population / c.areaKm2),
    },
    {
      title: t('communes.year'),
      responsive: ['md'],
      key: 'year',
      render: (_: unknown, c) => c.populationYear ?? '—',
    },
    {
      title: t('communes.source'),
      responsive: ['md'],
      key: 'source',
      render: (_: unknown, c) => (
        <div style={{ minWidth: 140, maxWidth: 220 }}>{c.populationSource ?? '—'}</div>
      ),
    },
  ];
  if (canEdit)
    columns.push({
      // An icon button per row: no header text, so that name, population and button fit a phone.
      title: '',
      key: 'actions',
      width: 48,
      render: (_: unknown, c) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEdit(c)}
          aria-label={t('communes.edit', { name: communeLabel(c, language) })}
          data-testid={`commune-edit-${c.code}`}
        />
      ),
    });
  return columns;
}

/** The list: search, "without population only", totals, and the edit button for those who may. */
function CommuneList({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const communes = useCommunes();
  const [search, setSearch] = useState('');
  const [missingOnly, setMissingOnly] = useState(false);
  const [editing, setEditing] = useState<Commune | null>(null);
  const columns = useColumns(canEdit, setEditing);
  const all = useMemo(() => communes.data ?? [], [communes.data]);
  const rows = useMemo(() => {
    const q = foldText(search.trim());
    return all.filter(
      (c) =>
        (!missingOnly || c.population === null) &&
        (q === '' || foldText(`${communeLabel(c, language)} ${c.code}`).includes(q)),
    );
  }, [all, search, missingOnly, language]);
  const recorded = all.filter((c) => c.population !== null);
  const total = recorded.reduce((sum, c) => sum + (c.population ?? 0), 0);

  if (communes.isError) return <LoadError error={communes.error} onRetry={() => void communes.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic
              title={t('communes.recorded')}
              value={recorded.length}
              loading={communes.isPending}
              formatter={() => `${format.number(recorded.length)} / ${format.number(all.length)}`}
            />
          </Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small">
            <Statistic
              title={t('communes.total')}
              value={total}
              loading={communes.isPending}
              formatter={(v) => <span data-testid="communes-total">{format.number(Number(v))}</span>}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('communes.missing')}
              value={all.length - recorded.length}
              loading={communes.isPending}
              styles={{ content: { color: all.length > recorded.length ? '#d46b08' : undefined } }}
              formatter={(v) => format.number(Number(v))}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Flex className="filter-bar" gap={12} wrap align="center">
          <Input.Search
            placeholder={t('communes.search')}
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="communes-search"
          />
          <Checkbox checked={missingOnly} onChange={(e) => setMissingOnly(e.target.checked)}>
            {t('communes.missingOnly')}
          </Checkbox>
        </Flex>
        <Table<Commune>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={communes.isPending}
          pagination={{
            defaultPageSize: 20,
            hideOnSinglePage: true,
            showSizeChanger: true,
            responsive: true,
          }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <TableEmpty text={t('common.noMatches')} /> }}
          data-testid="communes-table"
        />
      </Card>
      <PopulationModal commune={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

/** The CSV/XLSX import of populations: dry run, problems by row, then the valid rows written. */
function PopulationImport() {
  const { t } = useTranslation();
  const format = useFormat();
  const communes = useCommunes();
  const file = useImportFile(MAX_POPULATION_IMPORT_BYTES);
  const dryRun = usePopulationImportDryRun(file.picked);
  const commit = usePopulationImportCommit();
  const flow = useImportFlow<PopulationImportReport>({
    file,
    dryRun,
    commit,
    // The server writes a file whole or not at all: every problem must be fixed first.
    writable: (report) => report.issues.length === 0 && report.updated > 0,
  });
  const templateUrl = useMemo(
    () => `data:text/csv;charset=utf-8,${encodeURIComponent(populationTemplateCsv(communes.data ?? []))}`,
    [communes.data],
  );
  const guide = (
    <ImportGuideCard
      title={t('communes.import.guideTitle')}
      columnsTitle={t('communes.import.columns')}
      columnsHint={t('communes.import.columnsHint')}
      columns={POPULATION_COLUMNS}
      describe={(column) => t(`communes.import.fields.${column.field}`)}
      rules={[t('communes.import.rules'), t('communes.import.partial'), t('communes.import.clear')]}
      templateUrl={templateUrl}
      testId="population-import"
    />
  );
  return (
    <ImportLayout flow={flow} commitStep={t('communes.import.commitStep')} guide={guide}>
      <ImportFileCard<PopulationImportReport>
        flow={flow}
        testId="population-import"
        drop={t('communes.import.drop')}
        dropHint={t('communes.import.dropHint')}
        renderReport={(report) => (
          <ImportReportView
            report={report}
            validTitle={t('communes.import.valid')}
            extraCounts={[{ key: 'updated', title: t('communes.import.updated'), value: report.updated }]}
            messages={{
              ready: (count) =>
                t('communes.import.ready', { count, unchanged: format.number(report.unchanged) }),
              problems: (counts) => ({
                type: 'error',
                title: t('communes.import.problems', counts),
                hint: t('communes.import.problemsHint'),
              }),
              nothing: { type: 'info', title: t('communes.import.nothing') },
            }}
            isHeaderIssue={isHeaderIssue}
            testId="population-import"
          />
        )}
        commitLabel={t('communes.import.commit')}
        confirm={(report) => ({
          title: t('communes.import.confirmTitle', { count: format.number(report.updated) }),
          text: t('communes.import.confirmText'),
        })}
        done={(done) => ({
          title: t('communes.import.doneTitle'),
          subTitle: t('communes.import.doneText', {
            count: format.number(done.report.updated),
            unchanged: format.number(done.report.unchanged),
            name: done.name,
          }),
          links: [{ to: COMMUNES_PATH, label: t('communes.import.openList'), primary: true }],
          extra:
            done.report.issues.length > 0 ? (
              <ImportIssuesTable
                issues={done.report.issues}
                isHeaderIssue={isHeaderIssue}
                testId="population-import"
              />
            ) : null,
        })}
      />
    </ImportLayout>
  );
}

/**
 * "Xã, phường và dân số": the communes of the province with their population (the dispersion runs estimate the
 * people in each protective-action zone from it), editable one by one or from a file by those with geo.manage.
 */
export default function CommunesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canEdit = can(Permission.GeoManage);
  const [params, setParams] = useSearchParams();
  const tab = canEdit && params.get('tab') === 'import' ? 'import' : 'list';
  return (
    <>
      <PageHeader
        title={t('communes.title')}
        subtitle={
          <>
            {t('communes.subtitle')}{' '}
            {can(Permission.EmergencyRead) ? <Link to={RUNS_PATH}>{t('communes.runsLink')}</Link> : null}
          </>
        }
      />
      {canEdit ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'import' ? { tab: 'import' } : {}, { replace: true })}
          items={[
            { key: 'list', label: t('communes.tabList'), children: <CommuneList canEdit /> },
            { key: 'import', label: t('communes.tabImport'), children: <PopulationImport /> },
          ]}
          data-testid="communes-tabs"
        />
      ) : (
        <CommuneList canEdit={false} />
      )}
    </>
  );
}
