import { useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import {
  CheckOutlined,
  EditOutlined,
  FlagOutlined,
  PlayCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Inspection, UpdateInspectionBody } from '@sievert/core';
import { api, isApiError } from '../../app/api/client';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { provinceToday } from '../registry/format';
import { useInvalidateInspections } from './api';
import { ConfirmModal } from './ConfirmModal';
import { InspectionDrawer } from './InspectionDrawer';
import { isFinal, useInspectionRights } from './rights';

type Dialog = 'edit' | 'start' | 'complete' | 'close' | 'cancel' | null;

/** One step of the inspection: a change of status (PATCH) or closing (POST …/close). */
function useInspectionStep(inspection: Inspection, onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateInspections();
  return useMutation({
    mutationFn: (step: { close: true } | { body: UpdateInspectionBody }) =>
      'close' in step
        ? api.post<Inspection>(`/inspections/${inspection.id}/close`)
        : api.patch<Inspection>(`/inspections/${inspection.id}`, {
            ...step.body,
            version: inspection.version,
          }),
    onSuccess: async (saved) => {
      await invalidate();
      void message.success(t(`inspections.messages.status.${saved.status}`));
      onDone();
    },
    onError: (error) => {
      // Someone else changed the inspection: show their version, so that the next try starts from it.
      if (isApiError(error, 'entity.conflict')) void invalidate();
    },
  });
}

interface CompleteValues {
  conductedOn: Dayjs;
  summary?: string | null;
}

/** The visit is over: its date (required by the server) and the conclusion written in the record. */
function CompleteStep({ inspection, onClose }: { inspection: Inspection; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CompleteValues>();
  const step = useInspectionStep(inspection, onClose);
  const today = provinceToday();
  const labels: Record<string, string> = {
    conductedOn: t('inspections.fields.conductedOn'),
    summary: t('inspections.fields.summary'),
    status: t('inspections.fields.status'),
  };
  const { error, handle, clear } = useFormError(form, ['conductedOn', 'summary'], labels);
  const unverified = inspection.findings.filter((finding) => finding.status !== 'verified').length;
  return (
    <Modal
      open
      title={t('inspections.confirm.complete.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={step.isPending}
            onClick={() => form.submit()}
            data-testid="inspection-confirm"
          >
            {t('inspections.actions.complete')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">
        {t('inspections.confirm.complete.text', { count: unverified })}
      </Typography.Paragraph>
      <Form<CompleteValues>
        form={form}
        layout="vertical"
        initialValues={{
          conductedOn: dayjs(inspection.conductedOn ?? today),
          summary: inspection.summary,
        }}
        onFinish={(values) => {
          clear();
          step.mutate(
            {
              body: {
                status: 'completed',
                conductedOn: values.conductedOn.format('YYYY-MM-DD'),
                summary: values.summary?.trim() || null,
              },
            },
            { onError: handle },
          );
        }}
      >
        <Form.Item
          name="conductedOn"
          label={labels.conductedOn}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            disabledDate={(day) => day.format('YYYY-MM-DD') > today}
            data-testid="inspection-conducted-on"
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={labels.summary}
          extra={t('inspections.confirm.complete.summaryHint')}
          rules={[{ max: 10000, message: t('form.maxLength', { max: 10000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="inspection-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SimpleStep({
  inspection,
  kind,
  onClose,
}: {
  inspection: Inspection;
  kind: 'start' | 'cancel' | 'close';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const step = useInspectionStep(inspection, onClose);
  const unverified = inspection.findings.filter((finding) => finding.status !== 'verified').length;
  return (
    <ConfirmModal
      title={t(`inspections.confirm.${kind}.title`)}
      text={t(`inspections.confirm.${kind}.text`)}
      okText={t(`inspections.actions.${kind}`)}
      danger={kind === 'cancel'}
      pending={step.isPending}
      error={step.error}
      onClose={onClose}
      onOk={() =>
        step.mutate(
          kind === 'close'
            ? { close: true }
            : { body: { status: kind === 'start' ? 'in_progress' : 'cancelled' } },
        )
      }
    >
      {kind === 'close' && unverified > 0 && !step.error ? (
        <Alert
          type="warning"
          showIcon
          title={t('inspections.confirm.close.unverified', { count: unverified })}
          data-testid="inspection-close-warning"
        />
      ) : null}
    </ConfirmModal>
  );
}

/** The steps the signed-in user may take now (the server checks again): start, edit, complete, close, cancel. */
export function InspectionActions({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const rights = useInspectionRights();
  const [dialog, setDialog] = useState<{ kind: Dialog; session: number }>({ kind: null, session: 0 });
  const open = (kind: Dialog) => setDialog((current) => ({ kind, session: current.session + 1 }));
  const close = () => setDialog((current) => ({ ...current, kind: null }));
  if (!rights.manage || isFinal(inspection.status)) return null;
  const { status } = inspection;
  const ongoing = status === 'planned' || status === 'in_progress';

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="inspection-edit">
        {t('common.edit')}
      </Button>
      {ongoing ? (
        <Button danger icon={<StopOutlined />} onClick={() => open('cancel')} data-testid="inspection-cancel">
          {t('inspections.actions.cancel')}
        </Button>
      ) : null}
      {status === 'planned' ? (
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          onClick={() => open('start')}
          data-testid="inspection-start"
        >
          {t('inspections.actions.start')}
        </Button>
      ) : null}
      {status === 'in_progress' ? (
        <Button
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => open('complete')}
          data-testid="inspection-complete"
        >
          {t('inspections.actions.complete')}
        </Button>
      ) : null}
      {status === 'completed' ? (
        <Button
          type="primary"
          icon={<FlagOutlined />}
          onClick={() => open('close')}
          data-testid="inspection-close"
        >
          {t('inspections.actions.close')}
        </Button>
      ) : null}
      {dialog.kind === 'edit' ? (
        <InspectionDrawer key={dialog.session} open inspectionId={inspection.id} onClose={close} />
      ) : null}
      {dialog.kind === 'complete' ? (
        <CompleteStep key={dialog.session} inspection={inspection} onClose={close} />
      ) : null}
      {dialog.kind === 'start' || dialog.kind === 'cancel' || dialog.kind === 'close' ? (
        <SimpleStep key={dialog.session} inspection={inspection} kind={dialog.kind} onClose={close} />
      ) : null}
    </>
  );
}
