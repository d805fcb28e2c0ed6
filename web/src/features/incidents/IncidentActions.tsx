import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import {
  CheckCircleOutlined,
  EditOutlined,
  FireOutlined,
  FlagOutlined,
  MedicineBoxOutlined,
  RedoOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_SEVERITIES,
  INES_MAX,
  INES_MIN,
  type Incident,
  type IncidentPatchBody,
  type IncidentSeverity,
  type IncidentState,
} from '@sievert/core';
import { isApiError } from '../../app/api/client';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { useInvalidateIncidents, usePatchIncident } from './api';
import { useInesName } from './badges';
import { localiseIncidentError } from './errors';
import { closingNeeds, transitionDialog, type TransitionDialog } from './model';

const MOVE_ICONS: Record<IncidentState, ReactNode> = {
  reported: null,
  assessed: <SafetyOutlined />,
  response: <FireOutlined />,
  recovery: <MedicineBoxOutlined />,
  closed: <FlagOutlined />,
};

interface MoveValues {
  severity?: IncidentSeverity;
  /** -1 stands for "INES does not apply" in the select; sent as null. */
  ines?: number;
  assessmentReasons?: string;
  finalReport?: string;
  reason?: string;
}

const FIELDS = ['severity', 'ines', 'assessmentReasons', 'finalReport', 'reason'] as const;
const NOT_APPLICABLE = -1;

/**
 * One dialog for every move of the lifecycle (and for a new assessment without a move): what the move needs —
 * severity, INES and reasons to assess; the final report or the reason to close; the reason to reopen — and the
 * server's refusal in words when the lifecycle does not allow it (409).
 */
function MoveDialog({
  incident,
  from,
  to,
  dialog,
  onClose,
}: {
  incident: Incident;
  /** The state when the dialog opened: what the dialog asks for stays the same if the incident moves meanwhile. */
  from: IncidentState;
  /** Null: a new assessment, the state stays. */
  to: IncidentState | null;
  dialog: TransitionDialog;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inesName = useInesName();
  const [form] = Form.useForm<MoveValues>();
  const patch = usePatchIncident(incident.id);
  const invalidate = useInvalidateIncidents();
  const labels: Record<string, string> = {
    severity: t('incidents.fields.severity'),
    ines: t('incidents.fields.ines'),
    assessmentReasons: t('incidents.fields.assessmentReasons'),
    finalReport: t('incidents.fields.finalReport'),
    reason: dialog === 'reopen' ? t('incidents.move.reopenReason') : t('incidents.move.closeReason'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const needs = to === 'closed' ? closingNeeds(from) : null;
  // Someone moved the incident while the dialog was open (the board is live): the step may no longer apply.
  const stale = incident.state !== from;

  const submit = (values: MoveValues) => {
    clear();
    // The version guards the assessment's values; a plain move is judged by the lifecycle (409 naming the state).
    const body: IncidentPatchBody = dialog === 'assess' ? { version: incident.version } : {};
    if (to !== null) body.state = to;
    if (dialog === 'assess') {
      body.severity = values.severity ?? null;
      body.ines = values.ines === undefined || values.ines === NOT_APPLICABLE ? null : values.ines;
      body.assessmentReasons = values.assessmentReasons?.trim() || null;
    }
    if (needs === 'finalReport') body.finalReport = values.finalReport?.trim() || null;
    if ((needs === 'reason' || dialog === 'reopen') && values.reason?.trim())
      body.reason = values.reason.trim();
    patch.mutate(body, {
      onSuccess: (saved) => {
        void message.success(
          to === null
            ? t('incidents.move.assessmentSaved')
            : t('incidents.move.done', { state: t(`incidents.states.${saved.state}`) }),
        );
        onClose();
      },
      onError: (cause) => {
        // Someone moved it meanwhile: the board shows where it stands now, and the message says why.
        if (isApiError(cause) && cause.status === 409) void invalidate();
        handle(localiseIncidentError(cause, t));
      },
    });
  };

  const title =
    to === null
      ? t('incidents.move.reassessTitle')
      : dialog === 'reopen'
        ? t('incidents.move.reopenTitle')
        : t('incidents.move.title', { state: t(`incidents.states.${to}`) });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            danger={to === 'closed'}
            loading={patch.isPending}
            onClick={() => form.submit()}
            data-testid="incident-move-confirm"
          >
            {to === null ? t('common.save') : t('incidents.move.confirm')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      {stale && !error ? (
        <Alert
          type="warning"
          showIcon
          title={t('incidents.move.stale', { state: t(`incidents.states.${incident.state}`) })}
          style={{ marginBottom: 12 }}
          data-testid="incident-move-stale"
        />
      ) : null}
      <Typography.Paragraph type="secondary">
        {to === null
          ? t('incidents.move.reassessText')
          : t(`incidents.move.text.${dialog === 'reopen' ? 'reopen' : to}`)}
      </Typography.Paragraph>
      <Form<MoveValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          severity: incident.severity ?? undefined,
          ines: incident.ines ?? NOT_APPLICABLE,
          assessmentReasons: incident.assessmentReasons ?? undefined,
          finalReport: incident.finalReport ?? undefined,
        }}
      >
        {dialog === 'assess' ? (
          <>
            <Form.Item
              name="severity"
              label={labels.severity}
              rules={[{ required: true, message: t('incidents.move.severityRequired') }]}
            >
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="incident-severity-input">
                {INCIDENT_SEVERITIES.map((value) => (
                  <Radio.Button key={value} value={value}>
                    <span data-testid={`incident-severity-${value}`}>
                      {t(`incidents.severities.${value}`)}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="ines" label={labels.ines} extra={t('incidents.move.inesHint')}>
              <Select<number>
                options={[
                  { value: NOT_APPLICABLE, label: t('incidents.move.inesNotApplicable') },
                  ...Array.from({ length: INES_MAX - INES_MIN + 1 }, (_, index) => INES_MIN + index).map(
                    (level) => ({ value: level, label: `${level} — ${inesName(level)}` }),
                  ),
                ]}
                data-testid="incident-ines-input"
              />
            </Form.Item>
            <Form.Item
              name="assessmentReasons"
              label={labels.assessmentReasons}
              rules={[{ max: 10_000, message: t('form.maxLength', { max: 10_000 }) }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                data-testid="incident-assessment-reasons"
              />
            </Form.Item>
          </>
        ) : null}
        {needs === 'finalReport' ? (
          <Form.Item
            name="finalReport"
            label={labels.finalReport}
            rules={[{ required: true, whitespace: true, message: t('incidents.move.finalReportRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} data-testid="incident-final-report" />
          </Form.Item>
        ) : null}
        {needs === 'reason' || dialog === 'reopen' ? (
          <Form.Item
            name="reason"
            label={labels.reason}
            rules={[{ required: true, whitespace: true, message: t('incidents.move.reasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="incident-move-reason" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** The moves the lifecycle allows from here (the server's `nextStates`), for those who command the incident. */
export function IncidentActions({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{
    from: IncidentState;
    to: IncidentState | null;
    session: number;
  } | null>(null);
  if (!incident.can.manage) return null;
  const start = (to: IncidentState | null) =>
    setOpen((current) => ({ from: incident.state, to, session: (current?.session ?? 0) + 1 }));
  const reassess =
    incident.state === 'assessed' || incident.state === 'response' || incident.state === 'recovery';
  return (
    <>
      {reassess ? (
        <Button icon={<EditOutlined />} onClick={() => start(null)} data-testid="incident-reassess">
          {t('incidents.move.reassess')}
        </Button>
      ) : null}
      {incident.nextStates.map((to) => {
        const reopening = incident.state === 'closed';
        return (
          <Button
            key={to}
            type={to === 'closed' ? 'default' : 'primary'}
            danger={to === 'response' && !reopening}
            icon={reopening ? <RedoOutlined /> : (MOVE_ICONS[to] ?? <CheckCircleOutlined />)}
            onClick={() => start(to)}
            data-testid={`incident-transition-${to}`}
          >
            {reopening ? t('incidents.move.reopen') : t(`incidents.move.buttons.${to}`)}
          </Button>
        );
      })}
      {open ? (
        <MoveDialog
          key={open.session}
          incident={incident}
          from={open.from}
          to={open.to}
          dialog={open.to === null ? 'assess' : transitionDialog(open.from, open.to)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
