import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { ResetPasswordBody, User } from '@sievert/core';
import { api } from '../../../app/api/client';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { PasswordHints, passwordPolicyRule } from '../../../ui/forms/PasswordHints';
import { useFormError } from '../../../ui/forms/useFormError';
import { useInvalidateUsers } from './api';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const newPassword = Form.useWatch('newPassword', form);
  const invalidate = useInvalidateUsers();
  const labels = { newPassword: t('password.new') };
  const { error, handle, clear } = useFormError(form, ['newPassword'], labels, {
    'auth.password_policy': 'newPassword',
  });
  const reset = useMutation({
    mutationFn: (body: Static<typeof ResetPasswordBody>) =>
      api.post<void>(`/users/${user?.id}/password`, body),
    onMutate: clear,
    onSuccess: async () => {
      void message.success(t('users.passwordReset', { name: user?.displayName ?? '' }));
      await invalidate();
      close();
    },
    onError: handle,
  });
  const close = () => {
    clear();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordText')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => reset.mutate(values)}>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        <Form.Item
          name="newPassword"
          label={labels.newPassword}
          rules={[
            { required: true, message: t('form.required') },
            passwordPolicyRule(t('password.notStrong'), () => user?.username ?? ''),
          ]}
          extra={<PasswordHints password={newPassword} username={user?.username} />}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
