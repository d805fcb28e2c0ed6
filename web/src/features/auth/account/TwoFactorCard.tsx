import { useState } from 'react';
import { App, Alert, Button, Card, Flex, Form, Image, Input, Modal, Steps, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { Static } from 'typebox';
import type { TotpDisableBody, TotpEnableBody, TotpSetupResponse } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth, useMe } from '../../../app/auth/AuthContext';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';

interface Enrolment extends TotpSetupResponse {
  qr: string;
}

/** Groups of four make a secret easier to type into an authenticator by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function EnableFlow({ enrolment, onClose }: { enrolment: Enrolment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [form] = Form.useForm<{ code: string }>();
  const labels = { code: t('totp.code') };
  const { error, handle, clear } = useFormError(form, ['code'], labels, { 'auth.totp_invalid': 'code' });

  const enable = useMutation({
    mutationFn: (body: Static<typeof TotpEnableBody>) => api.post<void>('/auth/totp/enable', body),
    onMutate: clear,
    onSuccess: async () => {
      void message.success(t('totp.enabled'));
      await refresh();
      onClose();
    },
    onError: handle,
  });

  return (
    <>
      <Steps
        orientation="vertical"
        size="small"
        current={1}
        items={[
          {
            title: t('totp.stepScan'),
            content: (
              <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
                <Image
                  src={enrolment.qr}
                  alt={t('totp.qrAlt')}
                  width={180}
                  preview={false}
                  data-testid="totp-qr"
                />
                <div style={{ minWidth: 0 }}>
                  <Typography.Text type="secondary">{t('totp.manual')}</Typography.Text>
                  <Typography.Paragraph
                    copyable={{ text: enrolment.secret }}
                    className="mono"
                    style={{ wordBreak: 'break-all' }}
                    data-testid="totp-secret"
                  >
                    {groupSecret(enrolment.secret)}
                  </Typography.Paragraph>
                </div>
              </Flex>
            ),
          },
          {
            title: t('totp.stepConfirm'),
            content: (
              <Form
                form={form}
                layout="vertical"
                requiredMark={false}
                onFinish={({ code }) => enable.mutate({ code })}
                style={{ marginTop: 8, maxWidth: 320 }}
              >
                <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
                <Form.Item
                  name="code"
                  label={labels.code}
                  normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}
                >
                  <Input
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    className="mono"
                    data-testid="totp-code"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={enable.isPending}
                  data-testid="totp-confirm"
                >
                  {t('totp.confirm')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </>
  );
}

function DisableDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [form] = Form.useForm<{ password: string }>();
  const labels = { password: t('password.current') };
  const { error, handle, clear } = useFormError(form, ['password'], labels, {
    'auth.password_wrong': 'password',
  });
  const disable = useMutation({
    mutationFn: (body: Static<typeof TotpDisableBody>) => api.post<void>('/auth/totp/disable', body),
    onMutate: clear,
    onSuccess: async () => {
      void message.success(t('totp.disabled'));
      form.resetFields();
      await refresh();
      onClose();
    },
    onError: handle,
  });
  return (
    <Modal
      open={open}
      title={t('totp.disableTitle')}
      onCancel={onClose}
      okText={t('totp.disable')}
      okButtonProps={{ danger: true, loading: disable.isPending, 'data-testid': 'totp-disable-confirm' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('totp.disableText')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => disable.mutate(values)}>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
        <Form.Item
          name="password"
          label={labels.password}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TwoFactorCard() {
  const { t } = useTranslation();
  const me = useMe();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [disabling, setDisabling] = useState(false);
  const setup = useMutation({
    mutationFn: async (): Promise<Enrolment> => {
      const response = await api.post<TotpSetupResponse>('/auth/totp/setup');
      const qr = await QRCode.toDataURL(response.otpauthUrl, {
        margin: 1,
        width: 240,
        errorCorrectionLevel: 'M',
      });
      return { ...response, qr };
    },
    onSuccess: setEnrolment,
  });
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined />
          {t('totp.title')}
        </Flex>
      }
      extra={
        me.totpEnabled ? (
          <Tag color="green" data-testid="totp-status">
            {t('totp.on')}
          </Tag>
        ) : (
          <Tag data-testid="totp-status">{t('totp.off')}</Tag>
        )
      }
    >
      {me.totpEnabled ? (
        <>
          <Alert type="success" showIcon title={t('totp.onText')} style={{ marginBottom: 16 }} />
          <Button danger onClick={() => setDisabling(true)} data-testid="totp-disable">
            {t('totp.disable')}
          </Button>
          <DisableDialog open={disabling} onClose={() => setDisabling(false)} />
        </>
      ) : enrolment ? (
        <>
          <EnableFlow enrolment={enrolment} onClose={() => setEnrolment(null)} />
          <Button type="link" onClick={() => setEnrolment(null)} style={{ paddingLeft: 0, marginTop: 8 }}>
            {t('common.cancel')}
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph>{t('totp.offText')}</Typography.Paragraph>
          <ErrorAlert error={setup.error} style={{ marginBottom: 12 }} />
          <Button
            type="primary"
            loading={setup.isPending}
            onClick={() => setup.mutate()}
            data-testid="totp-setup"
          >
            {t('totp.setUp')}
          </Button>
        </>
      )}
    </Card>
  );
}
