import { App, Checkbox, Col, DatePicker, Descriptions, Flex, Form, Input, Radio, Row } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type CreateFindingBody,
  type Finding,
  type UpdateFindingBody,
} from '@sievert/core';
import { api } from '../../app/api/client';
import { useFormat } from '../../app/i18n/format';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { FormErrors } from '../../ui/forms/FormErrors';
import { useFormError } from '../../ui/forms/useFormError';
import { provinceToday } from '../registry/format';
import { useInspection, useInvalidateInspections } from './api';
import { DueBadge, FindingStatusTag, SeverityTag } from './badges';

/**
 * create: an inspector records a finding; edit: an inspector changes the corrective action or its due date,
 * verifies the correction or sends it back; respond: the facility reports what it has done.
 */
export type FindingMode = 'create' | 'edit' | 'respond';

interface Values {
  description?: string;
  severity?: Finding['severity'];
  correctiveAction?: string | null;
  dueOn?: Dayjs | null;
  status?: Finding['status'];
  response?: string | null;
  done?: boolean;
}

const FIELDS = ['description', 'severity', 'correctiveAction', 'dueOn', 'status', 'response'] as const;
const DATE = 'YYYY-MM-DD';

function toValues(mode: FindingMode, finding: Finding | null): Values {
  if (mode === 'create' || !finding) return { severity: 'medium' };
  if (mode === 'respond') return { response: finding.response, done: true };
  return {
    correctiveAction: finding.correctiveAction,
    dueOn: finding.dueOn ? dayjs(finding.dueOn) : null,
    status: finding.status,
  };
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The finding as the facility or the inspector sees it while answering it (without the fields being edited). */
function FindingFacts({ finding, withAction }: { finding: Finding; withAction: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'severity',
          label: t('inspections.findings.severity'),
          children: (
            <Flex gap={6} wrap>
              <SeverityTag severity={finding.severity} />
              <FindingStatusTag status={finding.status} />
            </Flex>
          ),
        },
        {
          key: 'description',
          label: t('inspections.findings.description'),
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{finding.description}</div>,
        },
        ...(withAction
          ? [
              {
                key: 'action',
                label: t('inspections.findings.correctiveAction'),
                children: finding.correctiveAction ? (
                  <div style={{ whiteSpace: 'pre-wrap' }}>{finding.correctiveAction}</div>
                ) : (
                  <span className="muted">—</span>
                ),
              },
              {
                key: 'due',
                label: t('inspections.findings.dueOn'),
                children: finding.dueOn ? (
                  <Flex gap={6} wrap align="center">
                    <span>{format.date(finding.dueOn)}</span>
                    <DueBadge finding={finding} />
                  </Flex>
                ) : (
                  <span className="muted">—</span>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function FindingDrawer({
  inspectionId,
  mode,
  finding,
  onClose,
}: {
  inspectionId: number;
  mode: FindingMode;
  /** The finding to edit or answer; none to create one. */
  finding: Finding | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const invalidate = useInvalidateInspections();
  const inspection = useInspection(inspectionId);
  const today = provinceToday();
  const labels: Record<string, string> = {
    description: t('inspections.findings.description'),
    severity: t('inspections.findings.severity'),
    correctiveAction: t('inspections.findings.correctiveAction'),
    dueOn: t('inspections.findings.dueOn'),
    status: t('inspections.findings.status'),
    response: t('inspections.findings.response'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Finding | null> => {
      if (mode === 'create') {
        const body: CreateFindingBody = {
          description: (values.description ?? '').trim(),
          severity: values.severity ?? 'medium',
          correctiveAction: text(values.correctiveAction),
          dueOn: values.dueOn ? values.dueOn.format(DATE) : null,
        };
        return api.post<Finding>(`/inspections/${inspectionId}/findings`, body);
      }
      if (!finding) return null;
      const body: UpdateFindingBody = { version: finding.version };
      if (mode === 'respond') {
        body.response = text(values.response);
        if (values.done) body.status = 'done';
      } else {
        const action = text(values.correctiveAction);
        if (action !== finding.correctiveAction) body.correctiveAction = action;
        const dueOn = values.dueOn ? values.dueOn.format(DATE) : null;
        if (dueOn !== finding.dueOn) body.dueOn = dueOn;
        if (values.status && values.status !== finding.status) body.status = values.status;
        if (Object.keys(body).length === 1) return finding;
      }
      return api.patch<Finding>(`/inspections/${inspectionId}/findings/${finding.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved) void message.success(t(`inspections.findings.saved.${mode}`));
      close();
    },
    onError: handle,
  });

  return (
    <FormDrawer
      open
      onClose={close}
      title={t(`inspections.findings.drawerTitles.${mode}`)}
      editing={mode !== 'create'}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="finding-save"
      loading={false}
      loadError={null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={toValues(mode, finding)}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        <FormErrors
          error={error}
          fieldLabels={labels}
          saveError={save.error}
          onReset={() => {
            clear();
            save.reset();
          }}
          reload={() => inspection.refetch()}
          apply={(data) => {
            // The drawer's finding follows the reloaded inspection; its fields take the new values too.
            const latest = data.findings.find((item) => item.id === finding?.id);
            if (latest) form.setFieldsValue(toValues(mode, latest));
          }}
        />
        {mode !== 'create' && finding ? (
          <FindingFacts finding={finding} withAction={mode === 'respond'} />
        ) : null}
        {mode === 'create' ? (
          <>
            <Form.Item
              name="description"
              label={labels.description}
              rules={[
                { required: true, whitespace: true, message: t('form.required') },
                { max: 4000, message: t('form.maxLength', { max: 4000 }) },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                placeholder={t('inspections.findings.descriptionPlaceholder')}
                data-testid="finding-description"
              />
            </Form.Item>
            <Form.Item
              name="severity"
              label={labels.severity}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Radio.Group
                options={FINDING_SEVERITIES.map((value) => ({
                  value,
                  label: t(`inspections.severities.${value}`),
                }))}
                data-testid="finding-severity-input"
              />
            </Form.Item>
          </>
        ) : null}
        {mode !== 'respond' ? (
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                name="correctiveAction"
                label={labels.correctiveAction}
                rules={[{ max: 4000, message: t('form.maxLength', { max: 4000 }) }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  placeholder={t('inspections.findings.correctiveActionPlaceholder')}
                  data-testid="finding-corrective-action"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="dueOn" label={labels.dueOn}>
                <DatePicker
                  format="DD/MM/YYYY"
                  style={{ width: '100%' }}
                  disabledDate={mode === 'create' ? (day) => day.format(DATE) < today : undefined}
                  data-testid="finding-due-on"
                />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        {mode === 'edit' ? (
          <>
            <Form.Item name="status" label={labels.status} extra={t('inspections.findings.statusHint')}>
              <Radio.Group
                options={FINDING_STATUSES.map((value) => ({
                  value,
                  label: t(`inspections.findingStatuses.${value}`),
                }))}
                data-testid="finding-status-input"
              />
            </Form.Item>
            {finding?.response ? (
              <Form.Item label={labels.response}>
                <div style={{ whiteSpace: 'pre-wrap' }} data-testid="finding-response">
                  {finding.response}
                </div>
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {mode === 'respond' ? (
          <>
            <Form.Item
              name="response"
              label={labels.response}
              extra={t('inspections.findings.responseHint')}
              rules={[
                { required: true, whitespace: true, message: t('form.required') },
                { max: 4000, message: t('form.maxLength', { max: 4000 }) },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                placeholder={t('inspections.findings.responsePlaceholder')}
                data-testid="finding-response-input"
              />
            </Form.Item>
            <Form.Item name="done" valuePropName="checked">
              <Checkbox data-testid="finding-done">{t('inspections.findings.markDone')}</Checkbox>
            </Form.Item>
          </>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
