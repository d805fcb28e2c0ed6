import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident, Notice, NoticeState } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { NoticeActions } from '../publication/NoticeActions';
import { useCreateNotice } from './api';

const STATE_COLOURS: Record<NoticeState, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
  withdrawn: 'red',
};

interface NoticeValues {
  title: string;
  body: string;
}

/** A draft public notice: the command writes it, a leader approves it before it goes out (issue 7). */
function NoticeDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const create = useCreateNotice(incident.id);
  const labels = { title: t('incidents.notices.fields.title'), body: t('incidents.notices.fields.body') };
  const { error, handle, clear } = useFormError(form, ['title', 'body'], labels);
  return (
    <Modal
      open
      title={t('incidents.notices.create')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="notice-submit"
          >
            {t('incidents.notices.saveDraft')}
          </Button>
        </Flex>
      }
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      {incident.exercise ? (
        <Typography.Paragraph type="secondary">{t('incidents.notices.exerciseLabel')}</Typography.Paragraph>
      ) : null}
      <Form<NoticeValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          clear();
          create.mutate(
            { title: values.title.trim(), body: values.body.trim() },
            {
              onSuccess: () => {
                void message.success(t('incidents.notices.created'));
                onClose();
              },
              onError: handle,
            },
          );
        }}
      >
        <Form.Item
          name="title"
          label={labels.title}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 300, message: t('form.maxLength', { max: 300 }) },
          ]}
        >
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={labels.body}
          extra={t('incidents.notices.bodyHint')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 20_000, message: t('form.maxLength', { max: 20_000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} data-testid="notice-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeItem({ incident, notice }: { incident: Incident; notice: Notice }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="item-row" data-testid={`notice-${notice.id}`} data-state={notice.state}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Flex gap={6} align="center" wrap>
            <strong>{notice.title}</strong>
            <Tag color={STATE_COLOURS[notice.state]} style={{ marginInlineEnd: 0 }}>
              {t(`incidents.notices.states.${notice.state}`)}
            </Tag>
          </Flex>
          <Typography.Paragraph
            ellipsis={{ rows: 3, expandable: true, symbol: t('incidents.notices.more') }}
            style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}
          >
            {notice.body}
          </Typography.Paragraph>
          <div className="muted" style={{ fontSize: 12 }}>
            {t('incidents.notices.drafted', {
              name: notice.createdBy ?? '—',
              time: format.dateTime(notice.createdAt),
            })}
            {notice.approvedAt
              ? ` · ${t('incidents.notices.approvedBy', {
                  name: notice.approvedBy ?? '—',
                  time: format.dateTime(notice.approvedAt),
                })}`
              : ''}
            {notice.withdrawnAt
              ? ` · ${t('incidents.notices.withdrawnBy', {
                  name: notice.withdrawnBy ?? '—',
                  time: format.dateTime(notice.withdrawnAt),
                })}`
              : ''}
          </div>
          {notice.withdrawReason ? (
            <div
              className="muted"
              style={{ fontSize: 12 }}
              data-testid={`notice-withdraw-reason-${notice.id}`}
            >
              {t('incidents.notices.withdrawReason', { reason: notice.withdrawReason })}
            </div>
          ) : null}
        </div>
        <NoticeActions
          notice={notice}
          rights={{ submit: incident.can.manage, approve: incident.can.approveNotices }}
        />
      </Flex>
    </div>
  );
}

/** Public notices about the incident: drafts of the command, approved by a leader. */
export function NoticesCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<number | null>(null);
  return (
    <Card
      title={
        <span>
          <NotificationOutlined /> {t('incidents.notices.title')}
        </span>
      }
      className="detail-card"
      data-testid="incident-notices"
      extra={
        incident.can.manage && incident.state !== 'closed' ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setDialog((session) => (session ?? 0) + 1)}
            data-testid="notice-create"
          >
            {t('incidents.notices.create')}
          </Button>
        ) : null
      }
    >
      {incident.notices.length === 0 ? (
        <Typography.Text type="secondary">{t('incidents.notices.none')}</Typography.Text>
      ) : (
        incident.notices.map((notice) => <NoticeItem key={notice.id} incident={incident} notice={notice} />)
      )}
      {dialog !== null ? (
        <NoticeDialog key={dialog} incident={incident} onClose={() => setDialog(null)} />
      ) : null}
    </Card>
  );
}
