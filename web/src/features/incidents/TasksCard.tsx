import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  AGENCY_KINDS,
  TASK_TRANSITIONS,
  taskMoveNeedsCommand,
  type AgencyKind,
  type Incident,
  type OrganisationKind,
  type Task,
  type TaskStatus,
} from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { useNow } from '../../ui/useNow';
import { OrganisationSelect } from '../auth/organisations/OrganisationSelect';
import { useCreateTask, usePatchTask } from './api';
import { TaskStatusTag } from './badges';
import { localiseIncidentError } from './errors';
import { acknowledgementSummary, isMyTask } from './model';

/** The organisations offered for an agency (police and health are departments or response agencies). */
const AGENCY_ORGANISATIONS: Partial<Record<AgencyKind, OrganisationKind>> = {
  commune: 'commune_committee',
  facility: 'facility',
  dost: 'dost',
};

interface TaskValues {
  title: string;
  description?: string;
  agencyKind?: AgencyKind;
  assigneeOrganisationId?: number | null;
  dueAt?: Dayjs | null;
}

const TASK_FIELDS = ['title', 'description', 'agencyKind', 'assigneeOrganisationId', 'dueAt'] as const;

/** "Giao nhiệm vụ": what to do, for which agency and organisation, by when. */
function TaskDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskValues>();
  const agencyKind = Form.useWatch('agencyKind', form);
  const create = useCreateTask(incident.id);
  const labels: Record<string, string> = {
    title: t('incidents.tasks.fields.title'),
    description: t('incidents.tasks.fields.description'),
    agencyKind: t('incidents.tasks.fields.agency'),
    assigneeOrganisationId: t('incidents.tasks.fields.organisation'),
    dueAt: t('incidents.tasks.fields.due'),
  };
  const { error, handle, clear } = useFormError(form, TASK_FIELDS, labels);
  const submit = (values: TaskValues) => {
    clear();
    create.mutate(
      {
        title: values.title.trim(),
        description: values.description?.trim() || null,
        agencyKind: values.agencyKind ?? null,
        assigneeOrganisationId: values.assigneeOrganisationId ?? null,
        dueAt: values.dueAt ? values.dueAt.toISOString() : null,
      },
      {
        onSuccess: () => {
          void message.success(t('incidents.tasks.created'));
          onClose();
        },
        onError: (cause) => handle(localiseIncidentError(cause, t)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('incidents.tasks.assign')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="task-submit"
          >
            {t('incidents.tasks.assignSubmit')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Form<TaskValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="title"
          label={labels.title}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 300, message: t('form.maxLength', { max: 300 }) },
          ]}
        >
          <Input placeholder={t('incidents.tasks.titlePlaceholder')} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="agencyKind" label={labels.agencyKind}>
          <Select<AgencyKind>
            allowClear
            options={AGENCY_KINDS.map((value) => ({ value, label: t(`incidents.tasks.agencies.${value}`) }))}
            onChange={() => form.setFieldValue('assigneeOrganisationId', null)}
            data-testid="task-agency"
          />
        </Form.Item>
        <Form.Item
          name="assigneeOrganisationId"
          label={labels.assigneeOrganisationId}
          extra={t('incidents.tasks.organisationHint')}
        >
          <OrganisationSelect
            kind={agencyKind ? AGENCY_ORGANISATIONS[agencyKind] : undefined}
            allowClear
            style={{ width: '100%' }}
            data-testid="task-organisation"
          />
        </Form.Item>
        <Form.Item name="dueAt" label={labels.dueAt}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="DD/MM/YYYY HH:mm"
            style={{ width: '100%' }}
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            data-testid="task-due"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={labels.description}
          rules={[{ max: 10_000, message: t('form.maxLength', { max: 10_000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="task-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The acknowledge button and the status choice of one task, for its assignee or the command. */
function TaskControls({ incident, task }: { incident: Incident; task: Task }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const patch = usePatchTask(incident.id);
  const mine = isMyTask(task, me);
  const command = incident.can.manage;
  if (incident.state === 'closed' || !(command || (incident.can.respond && mine))) return null;
  const moves = TASK_TRANSITIONS[task.status].filter(
    (to) => to !== 'acknowledged' && (command || !taskMoveNeedsCommand(task.status, to)),
  );
  const move = (status: TaskStatus) =>
    patch.mutate(
      { taskId: task.id, body: { status } },
      {
        onSuccess: () =>
          void message.success(
            t('incidents.tasks.moved', { status: t(`incidents.tasks.statuses.${status}`) }),
          ),
      },
    );
  return (
    <Flex vertical gap={6} align="flex-end">
      <Flex gap={6} wrap justify="flex-end">
        {task.status === 'assigned' && mine ? (
          <Button
            type="primary"
            size="small"
            icon={<CheckOutlined />}
            loading={patch.isPending}
            onClick={() => move('acknowledged')}
            data-testid={`task-ack-${task.id}`}
          >
            {t('incidents.tasks.acknowledge')}
          </Button>
        ) : null}
        {moves.length > 0 ? (
          <Select<TaskStatus>
            // A new status remounts the choice, back to its placeholder.
            key={task.status}
            size="small"
            placeholder={t('incidents.tasks.changeStatus')}
            options={moves.map((to) => ({ value: to, label: t(`incidents.tasks.statuses.${to}`) }))}
            onChange={move}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            disabled={patch.isPending}
            data-testid={`task-status-${task.id}`}
          />
        ) : null}
      </Flex>
      <ErrorAlert error={patch.error ? localiseIncidentError(patch.error, t) : null} />
    </Flex>
  );
}

function TaskRow({ incident, task, now }: { incident: Incident; task: Task; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = task.status !== 'done' && task.status !== 'cancelled';
  const late = open && task.dueAt !== null && Date.parse(task.dueAt) < now;
  const who = [
    task.agencyKind ? t(`incidents.tasks.agencies.${task.agencyKind}`) : null,
    task.assigneeOrganisationName,
    task.ownerName,
  ].filter(Boolean);
  return (
    <div
      className={`incident-task${late ? ' incident-task-late' : ''}${task.status === 'cancelled' ? ' incident-task-cancelled' : ''}`}
      data-testid={`task-row-${task.id}`}
      data-status={task.status}
    >
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Flex gap={8} align="center" wrap>
            <strong className="incident-task-title">{task.title}</strong>
            <TaskStatusTag status={task.status} />
            {late ? (
              <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
                {t('incidents.tasks.late')}
              </Tag>
            ) : null}
          </Flex>
          <div className="muted" style={{ fontSize: 13 }}>
            {who.length > 0 ? who.join(' · ') : t('incidents.tasks.nobody')}
            {task.dueAt ? ` · ${t('incidents.tasks.dueAt', { time: format.dateTime(task.dueAt) })}` : ''}
          </div>
          {task.description ? <div className="incident-task-description">{task.description}</div> : null}
          <div style={{ fontSize: 13 }} data-testid={`task-acknowledged-${task.id}`}>
            {task.acknowledgedAt ? (
              <Typography.Text type="success">
                <CheckOutlined />{' '}
                {t('incidents.tasks.acknowledgedBy', {
                  name: task.acknowledgedBy ?? '—',
                  time: format.dateTime(task.acknowledgedAt),
                })}
              </Typography.Text>
            ) : task.status === 'cancelled' ? null : (
              <Typography.Text type="warning">{t('incidents.tasks.notAcknowledged')}</Typography.Text>
            )}
          </div>
          {task.note ? (
            <div className="muted" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {t('incidents.tasks.note')}: {task.note}
            </div>
          ) : null}
        </div>
        <TaskControls incident={incident} task={task} />
      </Flex>
    </div>
  );
}

/** The tasks given to agencies, who has acknowledged them and who has not, and "Giao nhiệm vụ". */
export function TasksCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const [dialog, setDialog] = useState(0);
  const [open, setOpen] = useState(false);
  const summary = acknowledgementSummary(incident.tasks);
  const waiting = incident.tasks
    .filter((task) => task.status === 'assigned')
    .map((task) => task.assigneeOrganisationName ?? task.ownerName ?? task.title);
  return (
    <Card
      title={
        <span>
          <TeamOutlined /> {t('incidents.tasks.title')}
        </span>
      }
      className="detail-card"
      data-testid="incident-tasks"
      extra={
        incident.can.manage && incident.state !== 'closed' ? (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              setDialog((session) => session + 1);
              setOpen(true);
            }}
            data-testid="task-create"
          >
            {t('incidents.tasks.assign')}
          </Button>
        ) : null
      }
    >
      {incident.tasks.length === 0 ? (
        <Typography.Text type="secondary">{t('incidents.tasks.none')}</Typography.Text>
      ) : (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 8 }} data-testid="task-acknowledgements">
            <Tag color="green">
              {t('incidents.tasks.summaryAcknowledged', { count: summary.acknowledged })}
            </Tag>
            <Tag color={summary.waiting > 0 ? 'orange' : 'default'}>
              {t('incidents.tasks.summaryWaiting', { count: summary.waiting })}
            </Tag>
            {waiting.length > 0 ? (
              <span className="muted" style={{ fontSize: 13 }}>
                {t('incidents.tasks.waitingFor', { names: [...new Set(waiting)].join(', ') })}
              </span>
            ) : null}
          </Flex>
          <div className="incident-tasks">
            {incident.tasks.map((task) => (
              <TaskRow key={task.id} incident={incident} task={task} now={now} />
            ))}
          </div>
        </>
      )}
      {open ? <TaskDialog key={dialog} incident={incident} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
