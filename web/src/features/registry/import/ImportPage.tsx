import { useNavigate, useParams } from 'react-router-dom';
import { Card, Result, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { IMPORT_COLUMNS, Permission, type ImportKind } from '@sievert/core';
import { isApiError } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ImportFileCard } from '../../../ui/import/ImportFileCard';
import { ImportGuideCard, ImportLayout } from '../../../ui/import/ImportGuide';
import { ImportReportView } from '../../../ui/import/ImportReport';
import { useImportFile, useImportFlow } from '../../../ui/import/useImportFlow';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { RegistrySection } from '../RegistrySection';
import {
  MAX_IMPORT_BYTES,
  templateUrl,
  useImportCommit,
  useImportDryRun,
  useImportKinds,
  type ImportReport,
} from './api';

/** The kind being imported and the kinds the user may import. */
interface KindChoice {
  kind: ImportKind;
  kinds: ImportKind[];
  onKind: (kind: ImportKind) => void;
}

/** What to import, the columns a sheet of this kind may have (required ones marked), and how cells are read. */
function KindCard({ kind, kinds, onKind }: KindChoice) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const isMobile = useIsMobile();
  const ownOnly =
    (kind === 'devices' && !can(Permission.DeviceManage)) ||
    (kind === 'sources' && !can(Permission.SourceManage));
  return (
    <ImportGuideCard
      title={t('registryTools.import.kindTitle')}
      before={
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
      }
      columnsTitle={t('registryTools.import.columns')}
      columnsHint={t('registryTools.import.columnsHint')}
      columns={IMPORT_COLUMNS[kind]}
      rules={[
        t('registryTools.import.rules'),
        t('registryTools.import.dates'),
        ...(kind !== 'facilities' ? [t('registryTools.import.facilityCode')] : []),
        ...(ownOnly ? [t('registryTools.import.ownOnly')] : []),
        t('registryTools.import.allOrNothing'),
      ]}
      templateUrl={templateUrl(kind)}
      testId="import"
    />
  );
}

/** The dry run's report: a file with any problem is refused as a whole. */
function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <ImportReportView
      report={report}
      validTitle={t('registryTools.import.valid')}
      messages={{
        ready: (count) => t('registryTools.import.noIssues', { count }),
        problems: (counts) => ({
          type: 'error',
          title: t('registryTools.import.hasIssues', counts),
          hint: t('registryTools.import.hasIssuesHint'),
        }),
        nothing: { type: 'warning', title: t('registryTools.import.nothingToWrite') },
      }}
      isHeaderIssue={(issue) => issue.row === 1}
      testId="import"
    />
  );
}

function ImportFlow({ kind, kinds, onKind }: KindChoice) {
  const { t } = useTranslation();
  const format = useFormat();
  const file = useImportFile(MAX_IMPORT_BYTES);
  const dryRun = useImportDryRun(kind, file.picked);
  const commit = useImportCommit(kind);
  const flow = useImportFlow({
    file,
    dryRun,
    commit,
    // All or nothing: only a file without any problem is written.
    writable: (report) => report.issues.length === 0 && report.valid > 0,
    // Something changed since the dry run (another import, a new facility code): show the new problems.
    rerunAfter: (error) => isApiError(error, 'import.invalid'),
  });
  return (
    <ImportLayout
      flow={flow}
      leadingSteps={[t('registryTools.import.steps.kind')]}
      commitStep={t('registryTools.import.steps.commit')}
      guide={<KindCard kind={kind} kinds={kinds} onKind={onKind} />}
      guideFirstOnPhone
    >
      <ImportFileCard
        flow={flow}
        testId="import"
        drop={t('registryTools.import.drop')}
        dropHint={t('registryTools.import.dropHint')}
        renderReport={(report) => <ReportView report={report} />}
        commitLabel={t('registryTools.import.commit')}
        confirm={(report) => ({
          title: t('registryTools.import.commitTitle', {
            count: format.number(report.valid),
            kind: t(`registryTools.import.kinds.${kind}`),
          }),
          text: t('registryTools.import.commitText'),
        })}
        done={(done) => ({
          title: t('registryTools.import.doneTitle'),
          subTitle: t('registryTools.import.doneText', {
            count: format.number(done.report.created),
            name: done.name,
          }),
          links: [
            {
              to: registryPath(kind),
              label: t(`registryTools.import.openList.${kind}`),
              primary: true,
              testId: 'import-open-list',
            },
          ],
        })}
      />
    </ImportLayout>
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
