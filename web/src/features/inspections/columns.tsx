import { Link } from 'react-router-dom';
import { Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Inspection } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { registryPath } from '../../app/layout/navigation';
import { highestOpenSeverity, InspectionStatusTag, PersonName, SeverityTag } from './badges';

/** Corrective actions past their due date and still not reported as done. */
export function overdueCount(inspection: Inspection): number {
  return inspection.findings.filter((finding) => finding.overdue).length;
}

/** What the findings of an inspection come to: how many are left, the worst of them, the late ones. */
export function FindingsSummary({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const total = inspection.findings.length;
  const late = overdueCount(inspection);
  const worst = highestOpenSeverity(inspection.findings);
  if (total === 0) return <span className="muted">{t('inspections.list.noFindings')}</span>;
  if (inspection.openFindings === 0)
    return (
      <Typography.Text type="success" style={{ whiteSpace: 'nowrap' }}>
        {t('inspections.list.allCorrected', { total })}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={4} align="flex-start" style={{ minWidth: 130 }}>
      <Flex gap={6} align="center" wrap>
        <span style={{ whiteSpace: 'nowrap' }} data-testid="inspection-open-findings">
          {t('inspections.list.openOf', { open: inspection.openFindings, total })}
        </span>
        {worst ? <SeverityTag severity={worst} /> : null}
      </Flex>
      {late > 0 ? (
        <Tag
          color="red"
          variant="solid"
          icon={<ExclamationCircleOutlined />}
          style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
          data-testid="inspection-overdue"
          data-count={late}
        >
          {t('inspections.list.overdue', { count: late })}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** The columns of the yearly plan. */
export function useInspectionColumns({
  showFacility,
  showLead,
}: {
  showFacility: boolean;
  showLead: boolean;
}): ColumnsType<Inspection> {
  const { t } = useTranslation();
  const format = useFormat();
  return [
    {
      title: t('inspections.list.inspection'),
      key: 'inspection',
      render: (_value, inspection) => (
        <div style={{ minWidth: 150, maxWidth: 240 }}>
          <Link
            to={registryPath('inspections', inspection.id)}
            data-testid={`inspection-link-${inspection.id}`}
          >
            {t(`inspections.kinds.${inspection.kind}`)}
          </Link>
          <div className="muted" style={{ fontSize: 12 }}>
            {t('inspections.numberYear', { id: inspection.id, year: inspection.year })}
          </div>
        </div>
      ),
    },
    ...(showFacility
      ? [
          {
            title: t('registry.facilityColumn'),
            key: 'facilityName',
            sorter: true,
            render: (_value: unknown, inspection: Inspection) => (
              <div style={{ minWidth: 160, maxWidth: 240 }}>
                <Link to={registryPath('facilities', inspection.facilityId)}>{inspection.facilityName}</Link>
              </div>
            ),
          },
        ]
      : []),
    {
      title: t('inspections.list.dates'),
      key: 'plannedOn',
      sorter: true,
      render: (_value, inspection) => (
        <Flex vertical gap={2} style={{ minWidth: 120 }}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {inspection.plannedOn ? (
              t('inspections.list.plannedOn', { date: format.date(inspection.plannedOn) })
            ) : (
              <span className="muted">{t('inspections.list.notScheduled')}</span>
            )}
          </span>
          {inspection.conductedOn ? (
            <span className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('inspections.list.conductedOn', { date: format.date(inspection.conductedOn) })}
            </span>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('inspections.fields.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      render: (status: Inspection['status']) => <InspectionStatusTag status={status} />,
    },
    ...(showLead
      ? [
          {
            title: t('inspections.fields.lead'),
            key: 'lead',
            render: (_value: unknown, inspection: Inspection) =>
              inspection.leadInspectorId ? (
                <div style={{ minWidth: 120, maxWidth: 200 }}>
                  <PersonName id={inspection.leadInspectorId} />
                </div>
              ) : (
                <span className="muted">—</span>
              ),
          },
        ]
      : []),
    {
      title: t('inspections.list.findings'),
      key: 'findings',
      render: (_value, inspection) => <FindingsSummary inspection={inspection} />,
    },
  ];
}
