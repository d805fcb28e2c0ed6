import { useState } from 'react';
import { App, Button, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AlertOutlined, CheckOutlined, EditOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Finding, Inspection, UpdateFindingBody } from '@sievert/core';
import { api, isApiError } from '../../app/api/client';
import { useFormat } from '../../app/i18n/format';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { incidentFromFindingPath } from '../incidents/paths';
import { useInvalidateInspections } from './api';
import { DueBadge, FindingStatusTag, SeverityTag } from './badges';
import { ConfirmModal } from './ConfirmModal';
import { FindingDrawer, type FindingMode } from './FindingDrawer';
import { isFinal, useInspectionRights } from './rights';

/** The inspector confirms that the facility's correction is real. */
function VerifyStep({
  inspectionId,
  finding,
  onClose,
}: {
  inspectionId: number;
  finding: Finding;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateInspections();
  const verify = useMutation({
    mutationFn: () => {
      const body: UpdateFindingBody = { status: 'verified', version: finding.version };
      return api.patch<Finding>(`/inspections/${inspectionId}/findings/${finding.id}`, body);
    },
    onSuccess: async () => {
      await invalidate();
      void message.success(t('inspections.findings.saved.verified'));
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 'entity.conflict')) await invalidate();
    },
  });
  return (
    <ConfirmModal
      title={t('inspections.findings.verifyTitle')}
      text={t('inspections.findings.verifyText')}
      okText={t('inspections.findings.verify')}
      pending={verify.isPending}
      error={verify.error}
      onOk={() => verify.mutate()}
      onClose={onClose}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        <Typography.Text strong>{t('inspections.findings.description')}: </Typography.Text>
        {finding.description}
      </Typography.Paragraph>
      {finding.response ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          <Typography.Text strong>{t('inspections.findings.response')}: </Typography.Text>
          {finding.response}
        </Typography.Paragraph>
      ) : null}
    </ConfirmModal>
  );
}

type Dialog = { kind: FindingMode | 'verify'; findingId: number | null } | null;

/** Findings of the inspection, their corrective actions and due dates, and the facility's answers. */
export function FindingsCard({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rights = useInspectionRights();
  const [dialog, setDialog] = useState<{ open: Dialog; session: number }>({ open: null, session: 0 });
  const open = (kind: FindingMode | 'verify', findingId: number | null) =>
    setDialog((current) => ({ open: { kind, findingId }, session: current.session + 1 }));
  const close = () => setDialog((current) => ({ ...current, open: null }));
  const inspector = rights.manage && !isFinal(inspection.status);
  const responder = rights.canRespond(inspection);
  // The finding is read from the latest inspection, so a reload after a conflict reaches the open drawer.
  const selected =
    dialog.open?.findingId != null
      ? (inspection.findings.find((finding) => finding.id === dialog.open?.findingId) ?? null)
      : null;

  const columns: ColumnsType<Finding> = [
    {
      title: '#',
      key: 'index',
      width: 40,
      render: (_value, _finding, index) => <span className="muted">{index + 1}</span>,
    },
    {
      title: t('inspections.findings.severity'),
      dataIndex: 'severity',
      render: (severity: Finding['severity']) => <SeverityTag severity={severity} />,
    },
    {
      title: t('inspections.findings.description'),
      dataIndex: 'description',
      render: (description: string) => (
        <div style={{ minWidth: 200, maxWidth: 340, whiteSpace: 'pre-wrap' }}>{description}</div>
      ),
    },
    {
      title: t('inspections.findings.correctiveAction'),
      dataIndex: 'correctiveAction',
      render: (action: string | null) =>
        action ? (
          <div style={{ minWidth: 180, maxWidth: 300, whiteSpace: 'pre-wrap' }}>{action}</div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('inspections.findings.dueOn'),
      key: 'due',
      render: (_value, finding) => (
        <Flex vertical gap={4} align="flex-start" style={{ minWidth: 110 }}>
          <span style={{ whiteSpace: 'nowrap' }}>{format.date(finding.dueOn)}</span>
          <DueBadge finding={finding} />
          {finding.status === 'verified' && finding.closedOn ? (
            <span className="muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('inspections.findings.verifiedOn', { date: format.date(finding.closedOn) })}
            </span>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('inspections.findings.status'),
      dataIndex: 'status',
      render: (status: Finding['status']) => <FindingStatusTag status={status} />,
    },
    {
      title: t('inspections.findings.response'),
      dataIndex: 'response',
      render: (response: string | null) =>
        response ? (
          <div style={{ minWidth: 160, maxWidth: 300, whiteSpace: 'pre-wrap' }}>{response}</div>
        ) : (
          <span className="muted">{t('inspections.findings.noResponse')}</span>
        ),
    },
    ...(inspector || responder
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_value: unknown, finding: Finding) => (
              <Flex gap={6} wrap style={{ minWidth: 120 }}>
                {inspector && finding.status === 'done' ? (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    onClick={() => open('verify', finding.id)}
                    data-testid={`finding-verify-${finding.id}`}
                  >
                    {t('inspections.findings.verify')}
                  </Button>
                ) : null}
                {inspector ? (
                  <Link to={incidentFromFindingPath(inspection.facilityId, finding.description)}>
                    <Button
                      size="small"
                      danger
                      icon={<AlertOutlined />}
                      data-testid={`finding-incident-${finding.id}`}
                    >
                      {t('inspections.findings.reportIncident')}
                    </Button>
                  </Link>
                ) : null}
                {inspector ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => open('edit', finding.id)}
                    data-testid={`finding-edit-${finding.id}`}
                  >
                    {t('common.edit')}
                  </Button>
                ) : null}
                {responder && finding.status !== 'verified' ? (
                  <Button
                    size="small"
                    type={finding.status === 'open' ? 'primary' : 'default'}
                    icon={<MessageOutlined />}
                    onClick={() => open('respond', finding.id)}
                    data-testid={`finding-respond-${finding.id}`}
                  >
                    {finding.status === 'open'
                      ? t('inspections.findings.respond')
                      : t('inspections.findings.updateResponse')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('inspections.findings.title')}
      className="detail-card"
      data-testid="inspection-findings"
      extra={
        inspector ? (
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open('create', null)}
            data-testid="finding-add"
          >
            {t('inspections.findings.add')}
          </Button>
        ) : null
      }
    >
      <Table<Finding>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={inspection.findings}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(finding) => (finding.overdue ? 'row-alert' : '')}
        locale={{ emptyText: <TableEmpty text={t('inspections.findings.empty')} /> }}
        data-testid="findings-table"
      />
      {dialog.open && dialog.open.kind !== 'verify' && (dialog.open.kind === 'create' || selected) ? (
        <FindingDrawer
          key={dialog.session}
          inspectionId={inspection.id}
          mode={dialog.open.kind}
          finding={selected}
          onClose={close}
        />
      ) : null}
      {dialog.open?.kind === 'verify' && selected ? (
        <VerifyStep key={dialog.session} inspectionId={inspection.id} finding={selected} onClose={close} />
      ) : null}
    </Card>
  );
}
