import { useTranslation } from 'react-i18next';
import { ISOTOPE_RESULT_COLUMNS, type IsotopeImportReport } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { ImportFileCard } from '../../../ui/import/ImportFileCard';
import { ImportGuideCard, ImportLayout } from '../../../ui/import/ImportGuide';
import { ImportIssuesTable, ImportReportView } from '../../../ui/import/ImportReport';
import { useImportFile, useImportFlow, type ImportIssue } from '../../../ui/import/useImportFlow';
import {
  ISOTOPE_TEMPLATE_URL,
  isotopePath,
  MAX_ISOTOPE_IMPORT_BYTES,
  useIsotopeImportCommit,
  useIsotopeImportDryRun,
} from './api';
import { IsotopeSection } from './IsotopeSection';

/** Problems of the header row rather than of a data row (title rows may stand above the header). */
const HEADER_REASONS = new Set(['unknown_column', 'missing_column', 'too_many_items']);
const isHeaderIssue = (issue: ImportIssue) => HEADER_REASONS.has(issue.reason);

function ColumnsCard() {
  const { t } = useTranslation();
  return (
    <ImportGuideCard
      title={t('isotopes.import.columnsTitle')}
      columnsTitle={t('isotopes.import.columns')}
      columnsHint={t('isotopes.import.columnsHint')}
      columns={ISOTOPE_RESULT_COLUMNS}
      describe={(column) => t(`isotopes.fields.${column.field}`)}
      rules={[t('isotopes.import.rules'), t('isotopes.import.points'), t('isotopes.import.partial')]}
      templateUrl={ISOTOPE_TEMPLATE_URL}
      testId="isotope-import"
    />
  );
}

/** The dry run's report: the good rows can be written even when other rows have problems. */
function ReportView({ report }: { report: IsotopeImportReport }) {
  const { t } = useTranslation();
  const someValid = report.valid > 0;
  return (
    <ImportReportView
      report={report}
      validTitle={t('isotopes.import.valid')}
      extraCounts={[{ key: 'unchanged', title: t('isotopes.import.unchanged'), value: report.unchanged }]}
      messages={{
        ready: (count) => t('isotopes.import.noIssues', { count }),
        problems: (counts) => ({
          type: someValid ? 'warning' : 'error',
          title: t('isotopes.import.hasIssues', counts),
          hint: someValid ? t('isotopes.import.hasIssuesHint') : undefined,
        }),
        nothing: { type: 'info', title: t('isotopes.import.nothingToWrite') },
      }}
      isHeaderIssue={isHeaderIssue}
      testId="isotope-import"
    />
  );
}

/**
 * Lab result import: pick a file; a dry run lists every problem by row and column; then the valid rows can be
 * written (the others are not, and stay listed).
 */
export default function IsotopeImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const file = useImportFile(MAX_ISOTOPE_IMPORT_BYTES);
  const dryRun = useIsotopeImportDryRun(file.picked);
  const commit = useIsotopeImportCommit();
  // The good rows are written, the rows with problems are not (and stay listed).
  const flow = useImportFlow({ file, dryRun, commit, writable: (report) => report.valid > 0 });
  return (
    <IsotopeSection section="import">
      {/* The file first on a phone (the explanations after it); on a wide screen the explanations left. */}
      <ImportLayout flow={flow} commitStep={t('isotopes.import.steps.commit')} guide={<ColumnsCard />}>
        <ImportFileCard
          flow={flow}
          testId="isotope-import"
          drop={t('isotopes.import.drop')}
          dropHint={t('isotopes.import.dropHint')}
          renderReport={(report) => <ReportView report={report} />}
          commitLabel={t('isotopes.import.commit')}
          confirm={(report) => ({
            title: t('isotopes.import.commitTitle', { count: format.number(report.valid) }),
            text: t('isotopes.import.commitText'),
          })}
          done={(done) => ({
            title: t('isotopes.import.doneTitle'),
            subTitle: t('isotopes.import.doneText', {
              count: format.number(done.report.created),
              unchanged: format.number(done.report.unchanged),
              rejected: format.number(new Set(done.report.issues.map((issue) => issue.row)).size),
              name: done.name,
            }),
            links: [
              {
                to: isotopePath('samples'),
                label: t('isotopes.import.openList'),
                primary: true,
                testId: 'isotope-import-open-list',
              },
              { to: isotopePath('analysis'), label: t('isotopes.import.openAnalysis') },
            ],
            extra:
              done.report.issues.length > 0 ? (
                <ImportIssuesTable
                  issues={done.report.issues}
                  isHeaderIssue={isHeaderIssue}
                  testId="isotope-import"
                />
              ) : null,
          })}
        />
      </ImportLayout>
    </IsotopeSection>
  );
}
