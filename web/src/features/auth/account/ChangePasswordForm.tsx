import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordBody } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth, useMe } from '../../../app/auth/AuthContext';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { PasswordHints, passwordPolicyRule } from '../../../ui/forms/PasswordHints';
import { useFormError } from '../../../ui/forms/useFormError';

interface Values extends ChangePasswordBody {
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

/** `temporary`: the current password is one an administrator handed out (first sign-in, reset). */
export function ChangePasswordForm({
  onDone,
  temporary = false,
}: {
  onDone?: () => void;
  temporary?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { refresh } = useAuth();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const [saving, setSaving] = useState(false);
  const labels = {
    currentPassword: temporary ? t('password.temporary') : t('password.current'),
    newPassword: t('password.new'),
    confirm: t('password.confirm'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'auth.password_wrong': 'currentPassword',
    'auth.password_policy': 'newPassword',
  });

  const submit = async ({ currentPassword, newPassword: next }: Values) => {
    setSaving(true);
    clear();
    try {
      await api.post<void>('/auth/password', {
        currentPassword,
        newPassword: next,
      } satisfies ChangePasswordBody);
      void message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      onDone?.();
    } catch (cause) {
      handle(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      style={{ maxWidth: 440 }}
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
      <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
      <Form.Item
        name="currentPassword"
        label={labels.currentPassword}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={labels.newPassword}
        rules={[
          { required: true, message: t('form.required') },
          passwordPolicyRule(t('password.notStrong'), () => me.username),
        ]}
        extra={<PasswordHints password={newPassword} username={me.username} />}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={labels.confirm}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="change-password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
