import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  FileSearchOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  AuditOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  applicationTransition,
  type Application,
  type ApplicationAction,
  type AppraiseApplicationBody,
  type DecideApplicationBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { useLanguage } from '../../../app/i18n';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { missingDocuments, useApplicationFiles } from './DossierFiles';
import { useInvalidateRegistry } from '../../registry/api';
import { provinceToday } from '../../registry/format';
import { useRegistryRights } from '../../registry/rights';
import { procedureOf } from '../badges';
import { ApplicationDrawer } from './ApplicationDrawer';

type Endpoint = 'submit' | 'withdraw' | 'return' | 'accept' | 'appraise' | 'decide';
type Dialog = ApplicationAction | 'edit' | null;

function useApplicationStep(application: Application, onDone: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: ({ endpoint, body }: { endpoint: Endpoint; body?: unknown }) =>
      api.post<Application>(`/applications/${application.id}/${endpoint}`, body ?? {}),
    onSuccess: async (saved) => {
      await invalidate();
      void message.success(t(`licensing.done.${saved.status}`, { id: saved.id }));
      onDone();
    },
  });
}

/** A yes/no step (submit, withdraw, accept): what will happen, then one button. */
function ConfirmStep({
  application,
  action,
  onClose,
}: {
  application: Application;
  action: 'submit' | 'withdraw' | 'accept';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const step = useApplicationStep(application, onClose);
  const procedure = procedureOf(application.procedure);
  const language = useLanguage();
  const files = useApplicationFiles(action === 'withdraw' ? undefined : application.id);
  const missing = action === 'withdraw' ? [] : missingDocuments(application, files.data);
  return (
    <Modal
      open
      title={t(`licensing.confirm.${action}.title`)}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={action === 'withdraw'}
            loading={step.isPending}
            onClick={() => step.mutate({ endpoint: action })}
            data-testid="application-confirm"
          >
            {t(`licensing.actions.${action}`)}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={step.error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>
        {t(`licensing.confirm.${action}.text`, { days: procedure?.processingWorkingDays ?? 0 })}
      </Typography.Paragraph>
      {files.data && missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="application-missing-documents"
          title={t('licensing.dossier.missingBeforeSubmit')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {missing.map((document) => (
                <li key={document.code}>{document.name[language]}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Modal>
  );
}

/** Reasons, one per line of the form: for returning a dossier or refusing a licence. */
function ReasonsList({ name, label, testId }: { name: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_rule, reasons: unknown[] | undefined) => {
            if (!reasons || reasons.length === 0) throw new Error(t('licensing.reasons.required'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {label}
          </Typography.Text>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                {...field}
                style={{ flex: 1, marginBottom: 8 }}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  { max: 1000, message: t('form.maxLength', { max: 1000 }) },
                ]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  placeholder={t('licensing.reasons.placeholder', { n: index + 1 })}
                  data-testid={`${testId}-${index}`}
                />
              </Form.Item>
              {fields.length > 1 ? (
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => remove(field.name)}
                />
              ) : null}
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 8 }}>
            {t('licensing.reasons.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

function ReturnStep({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reasons: string[] }>();
  const step = useApplicationStep(application, onClose);
  return (
    <Modal
      open
      title={t('licensing.confirm.return.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={step.isPending}
            onClick={() => form.submit()}
            data-testid="application-confirm"
          >
            {t('licensing.actions.return')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={step.error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">{t('licensing.confirm.return.text')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reasons: [''] }}
        onFinish={(values) =>
          step.mutate({
            endpoint: 'return',
            body: { reasons: values.reasons.map((reason) => reason.trim()) },
          })
        }
      >
        <ReasonsList name="reasons" label={t('licensing.reasons.returnLabel')} testId="return-reason" />
      </Form>
    </Modal>
  );
}

interface AppraisalValues {
  checklist: { item: string; ok: boolean; note?: string | null }[];
  recommendation: 'approve' | 'refuse';
  note?: string | null;
}

const CHECKLIST_KEYS = [
  'dossier',
  'safetyAssessment',
  'qaCertificate',
  'rso',
  'workers',
  'shielding',
  'emergencyPlan',
] as const;

function AppraiseStep({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppraisalValues>();
  const step = useApplicationStep(application, onClose);
  const labels: Record<string, string> = {
    checklist: t('licensing.appraisal.checklist'),
    recommendation: t('licensing.appraisal.recommendation'),
    note: t('licensing.appraisal.note'),
  };
  const { error, handle, clear } = useFormError(form, ['checklist', 'recommendation', 'note'], labels);
  const initial: AppraisalValues =
    application.checklist.length > 0
      ? {
          checklist: application.checklist.map((entry) => ({ ...entry, note: entry.note ?? null })),
          recommendation: application.recommendation ?? 'approve',
        }
      : {
          checklist: CHECKLIST_KEYS.map((key) => ({
            item: t(`licensing.appraisal.items.${key}`),
            ok: false,
          })),
          recommendation: 'approve',
        };
  return (
    <FormDrawer
      open
      onClose={onClose}
      title={t('licensing.appraisal.title', { id: application.id })}
      editing
      saving={step.isPending}
      onSave={() => form.submit()}
      saveTestId="appraise-save"
      loading={false}
      loadError={null}
    >
      <Form<AppraisalValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => {
          clear();
          const body: AppraiseApplicationBody = {
            checklist: values.checklist.map((entry) => ({
              item: entry.item.trim(),
              ok: Boolean(entry.ok),
              note: entry.note?.trim() || null,
            })),
            recommendation: values.recommendation,
            note: values.note?.trim() || null,
          };
          step.mutate({ endpoint: 'appraise', body }, { onError: handle });
        }}
        scrollToFirstError
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Typography.Paragraph type="secondary">{t('licensing.appraisal.hint')}</Typography.Paragraph>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="checklist-row" data-testid={`checklist-row-${index}`}>
                  <Row gutter={8} align="top" wrap={false}>
                    <Col flex="none" style={{ paddingTop: 5 }}>
                      <Form.Item name={[field.name, 'ok']} valuePropName="checked" noStyle>
                        <Checkbox
                          data-testid={`checklist-ok-${index}`}
                          aria-label={t('licensing.appraisal.ok')}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="auto" style={{ minWidth: 0 }}>
                      <Form.Item
                        name={[field.name, 'item']}
                        style={{ marginBottom: 4 }}
                        rules={[
                          { required: true, whitespace: true, message: t('form.required') },
                          { max: 300, message: t('form.maxLength', { max: 300 }) },
                        ]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 3 }}
                          variant="borderless"
                          className="checklist-item"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'note']}
                        style={{ marginBottom: 0 }}
                        rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}
                      >
                        <Input size="small" placeholder={t('licensing.appraisal.itemNote')} />
                      </Form.Item>
                    </Col>
                    <Col flex="none">
                      <Button
                        type="text"
                        size="small"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(field.name)}
                        disabled={fields.length <= 1}
                      />
                    </Col>
                  </Row>
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ item: '', ok: false })}
                block
              >
                {t('licensing.appraisal.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="recommendation"
          label={labels.recommendation}
          style={{ marginTop: 16 }}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Radio.Group
            options={[
              { value: 'approve', label: t('licensing.appraisal.recommendApprove') },
              { value: 'refuse', label: t('licensing.appraisal.recommendRefuse') },
            ]}
            data-testid="appraise-recommendation"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 4000, message: t('form.maxLength', { max: 4000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface DecisionValues {
  licenceNumber?: string | null;
  validUntil?: Dayjs | null;
  reasons?: string[];
}

function DecideStep({
  application,
  decision,
  onClose,
}: {
  application: Application;
  decision: 'approve' | 'refuse';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecisionValues>();
  const step = useApplicationStep(application, onClose);
  const procedure = procedureOf(application.procedure);
  const today = dayjs(provinceToday());
  const defaultUntil = procedure?.validityYears ? today.add(procedure.validityYears, 'year') : null;
  const labels: Record<string, string> = {
    licenceNumber: t('licensing.decision.licenceNumber'),
    validUntil: t('licensing.decision.validUntil'),
    reasons: t('licensing.reasons.refuseLabel'),
  };
  const { error, handle, clear } = useFormError(form, ['licenceNumber', 'validUntil', 'reasons'], labels, {
    'licence.duplicate_number': 'licenceNumber',
  });
  return (
    <Modal
      open
      title={t(`licensing.confirm.${decision}.title`)}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={decision === 'refuse'}
            loading={step.isPending}
            onClick={() => form.submit()}
            data-testid="application-confirm"
          >
            {t(`licensing.actions.${decision}`)}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Typography.Paragraph type="secondary">
        {t(`licensing.confirm.${decision}.text`, {
          kind: procedure ? t(`licensing.licenceKinds.${procedure.issues}`) : '',
        })}
      </Typography.Paragraph>
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        initialValues={decision === 'refuse' ? { reasons: [''] } : { validUntil: defaultUntil }}
        onFinish={(values) => {
          clear();
          const body: DecideApplicationBody =
            decision === 'refuse'
              ? { decision, reasons: (values.reasons ?? []).map((reason) => reason.trim()) }
              : {
                  decision,
                  ...(values.licenceNumber?.trim() ? { licenceNumber: values.licenceNumber.trim() } : {}),
                  ...(values.validUntil ? { validUntil: values.validUntil.format('YYYY-MM-DD') } : {}),
                };
          step.mutate({ endpoint: 'decide', body }, { onError: handle });
        }}
      >
        {decision === 'approve' ? (
          <>
            <Form.Item
              name="licenceNumber"
              label={labels.licenceNumber}
              extra={t('licensing.decision.numberHint')}
              rules={[{ max: 60, message: t('form.maxLength', { max: 60 }) }]}
            >
              <Input className="mono" autoComplete="off" data-testid="decide-number" />
            </Form.Item>
            <Form.Item
              name="validUntil"
              label={labels.validUntil}
              extra={
                procedure?.validityYears
                  ? t('licensing.decision.validityHint', { years: procedure.validityYears })
                  : t('licensing.decision.noValidity')
              }
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(day) => !day.isAfter(today, 'day')}
                style={{ width: '100%' }}
                data-testid="decide-valid-until"
              />
            </Form.Item>
          </>
        ) : (
          <ReasonsList name="reasons" label={t('licensing.reasons.refuseLabel')} testId="refuse-reason" />
        )}
      </Form>
    </Modal>
  );
}

/** The buttons of the steps the signed-in user may take now; the server checks again. */
export function ApplicationActions({ application }: { application: Application }) {
  const { t } = useTranslation();
  const rights = useRegistryRights();
  const [dialog, setDialog] = useState<{ kind: Dialog; session: number }>({ kind: null, session: 0 });
  const open = (kind: Dialog) => setDialog((current) => ({ kind, session: current.session + 1 }));
  const close = () => setDialog((current) => ({ ...current, kind: null }));
  const applicant = rights.canApplyFor(application.facilityId);
  const allowed = (action: ApplicationAction) => {
    const transition = applicationTransition(application.status, action);
    if (!transition) return false;
    if (transition.by === 'applicant') return applicant;
    if (transition.by === 'officer') return rights.canProcess;
    return rights.canDecide;
  };
  const editable = applicant && (application.status === 'draft' || application.status === 'returned');

  const buttons = [
    editable ? (
      <Button key="edit" icon={<EditOutlined />} onClick={() => open('edit')} data-testid="application-edit">
        {t('common.edit')}
      </Button>
    ) : null,
    allowed('withdraw') ? (
      <Button
        key="withdraw"
        danger
        icon={<StopOutlined />}
        onClick={() => open('withdraw')}
        data-testid="application-withdraw"
      >
        {t('licensing.actions.withdraw')}
      </Button>
    ) : null,
    allowed('return') ? (
      <Button
        key="return"
        icon={<RollbackOutlined />}
        onClick={() => open('return')}
        data-testid="application-return"
      >
        {t('licensing.actions.return')}
      </Button>
    ) : null,
    allowed('refuse') ? (
      <Button
        key="refuse"
        danger
        icon={<CloseOutlined />}
        onClick={() => open('refuse')}
        data-testid="application-refuse"
      >
        {t('licensing.actions.refuse')}
      </Button>
    ) : null,
    allowed('submit') ? (
      <Button
        key="submit"
        type="primary"
        icon={<SendOutlined />}
        onClick={() => open('submit')}
        data-testid="application-submit"
      >
        {t('licensing.actions.submit')}
      </Button>
    ) : null,
    allowed('accept') ? (
      <Button
        key="accept"
        type="primary"
        icon={<FileSearchOutlined />}
        onClick={() => open('accept')}
        data-testid="application-accept"
      >
        {t('licensing.actions.accept')}
      </Button>
    ) : null,
    allowed('appraise') ? (
      <Button
        key="appraise"
        type="primary"
        icon={<AuditOutlined />}
        onClick={() => open('appraise')}
        data-testid="application-appraise"
      >
        {t('licensing.actions.appraise')}
      </Button>
    ) : null,
    allowed('approve') ? (
      <Button
        key="approve"
        type="primary"
        icon={<CheckOutlined />}
        onClick={() => open('approve')}
        data-testid="application-approve"
      >
        {t('licensing.actions.approve')}
      </Button>
    ) : null,
  ].filter(Boolean);

  return (
    <>
      {buttons}
      {dialog.kind === 'edit' ? (
        <ApplicationDrawer key={dialog.session} open applicationId={application.id} onClose={close} />
      ) : null}
      {dialog.kind === 'submit' || dialog.kind === 'withdraw' || dialog.kind === 'accept' ? (
        <ConfirmStep key={dialog.session} application={application} action={dialog.kind} onClose={close} />
      ) : null}
      {dialog.kind === 'return' ? (
        <ReturnStep key={dialog.session} application={application} onClose={close} />
      ) : null}
      {dialog.kind === 'appraise' ? (
        <AppraiseStep key={dialog.session} application={application} onClose={close} />
      ) : null}
      {dialog.kind === 'approve' || dialog.kind === 'refuse' ? (
        <DecideStep key={dialog.session} application={application} decision={dialog.kind} onClose={close} />
      ) : null}
    </>
  );
}
