import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { CheckOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Notice } from '@sievert/core';
import { ErrorAlert, useDescribeError } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { localiseIncidentError } from '../incidents/errors';
import { useApproveNotice, useSubmitNotice, useWithdrawNotice } from './api';
import { WITHDRAW_REASON_MAX } from './limits';
import { noticeMoves, type NoticeRights } from './noticeQueue';

type ActionNotice = Pick<Notice, 'id' | 'incidentId' | 'title' | 'state' | 'exercise'>;

/** Withdrawing needs a reason; a published notice leaves the public portal. */
function WithdrawDialog({ notice, onClose }: { notice: ActionNotice; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawNotice();
  const labels = { reason: t('publication.notices.withdrawReason') };
  const { error, handle, clear } = useFormError(form, ['reason'], labels);
  return (
    <Modal
      open
      title={t('publication.notices.withdrawTitle', { title: notice.title })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('publication.notices.withdraw')}
      okButtonProps={{ danger: true, 'data-testid': 'notice-withdraw-confirm' }}
      cancelText={t('common.cancel')}
      confirmLoading={withdraw.isPending}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph>
        {notice.state === 'approved'
          ? t('publication.notices.withdrawPublished')
          : t('publication.notices.withdrawDraft')}
      </Typography.Paragraph>
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={({ reason }) => {
          clear();
          withdraw.mutate(
            { incidentId: notice.incidentId, noticeId: notice.id, reason: reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('publication.notices.withdrawnDone'));
                onClose();
              },
              onError: (cause) => handle(localiseIncidentError(cause, t)),
            },
          );
        }}
      >
        <Form.Item
          name="reason"
          label={labels.reason}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            ...(WITHDRAW_REASON_MAX
              ? [{ max: WITHDRAW_REASON_MAX, message: t('form.maxLength', { max: WITHDRAW_REASON_MAX }) }]
              : []),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('publication.notices.withdrawReasonPlaceholder')}
            data-testid="notice-withdraw-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * "Gửi duyệt", "Duyệt và công bố", "Gỡ bỏ" for one notice, as far as its state and the user's rights allow;
 * the same buttons on the notice queue and on the incident board.
 */
export function NoticeActions({ notice, rights }: { notice: ActionNotice; rights: NoticeRights }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const describe = useDescribeError();
  const submit = useSubmitNotice();
  const approve = useApproveNotice();
  const [withdrawing, setWithdrawing] = useState(false);
  const moves = noticeMoves(notice.state, rights);
  const ref = { incidentId: notice.incidentId, noticeId: notice.id };
  const fail = (cause: unknown) => void message.error(describe(localiseIncidentError(cause, t)).message);
  if (!moves.submit && !moves.approve && !moves.withdraw) return null;
  return (
    <Flex gap={6} wrap>
      {moves.submit ? (
        <Button
          size="small"
          icon={<SendOutlined />}
          loading={submit.isPending}
          onClick={() =>
            submit.mutate(ref, {
              onSuccess: () => void message.success(t('publication.notices.submitted')),
              onError: fail,
            })
          }
          data-testid={`notice-submit-${notice.id}`}
        >
          {t('publication.notices.submit')}
        </Button>
      ) : null}
      {moves.approve ? (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          loading={approve.isPending}
          onClick={() =>
            void modal.confirm({
              title: t('publication.notices.approveTitle', { title: notice.title }),
              content: (
                <>
                  <p style={{ margin: 0 }}>{t('publication.notices.approveText')}</p>
                  {notice.exercise ? (
                    <p style={{ margin: '8px 0 0' }}>{t('publication.notices.approveExercise')}</p>
                  ) : null}
                </>
              ),
              okText: t('publication.notices.approve'),
              okButtonProps: { 'data-testid': 'notice-approve-confirm' },
              cancelText: t('common.cancel'),
              onOk: () =>
                approve
                  .mutateAsync(ref)
                  .then(() => void message.success(t('publication.notices.approvedDone')))
                  .catch(fail),
            })
          }
          data-testid={`notice-approve-${notice.id}`}
        >
          {t('publication.notices.approve')}
        </Button>
      ) : null}
      {moves.withdraw ? (
        <Button
          size="small"
          danger
          icon={<StopOutlined />}
          onClick={() => setWithdrawing(true)}
          data-testid={`notice-withdraw-${notice.id}`}
        >
          {t('publication.notices.withdraw')}
        </Button>
      ) : null}
      {withdrawing ? <WithdrawDialog notice={notice} onClose={() => setWithdrawing(false)} /> : null}
    </Flex>
  );
}
