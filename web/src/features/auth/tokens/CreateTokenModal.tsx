import { useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { PERMISSIONS, Permission, type CreateTokenBody, type CreateTokenResponse } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { translateOptional } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { useFormError } from '../../../ui/forms/useFormError';
import { UserSelect } from '../users/UserSelect';

type Expiry = '30' | '90' | '365' | 'date' | 'never';

interface Values {
  name: string;
  scopes: Permission[];
  expiry: Expiry;
  expiryDate?: Dayjs | null;
  userId?: number | null;
}

const FIELDS = ['name', 'scopes', 'expiry', 'expiryDate', 'userId'] as const;

/** Permissions grouped by their domain (the part before the dot), in the enum's order. */
function groupPermissions(permissions: readonly Permission[]): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const permission of permissions) {
    const domain = permission.split('.')[0] ?? permission;
    groups.set(domain, [...(groups.get(domain) ?? []), permission]);
  }
  return [...groups];
}

/** The end of a calendar day in Vietnam (UTC+7 all year). */
function endOfDayInVietnam(day: Dayjs): string {
  return new Date(`${day.format('YYYY-MM-DD')}T23:59:59.999+07:00`).toISOString();
}

function SecretDialog({ result, onClose }: { result: CreateTokenResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Modal
      open
      title={t('tokens.secretTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('tokens.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {result.token.name}
      </Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: result.secret, tooltips: [t('common.copy'), t('common.copied')] }}
        className="mono"
        style={{
          background: '#f5f7fa',
          border: '1px solid #e1e6ee',
          borderRadius: 6,
          padding: '10px 12px',
          wordBreak: 'break-all',
        }}
        data-testid="token-secret"
      >
        {result.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('tokens.secretUsage')} <code className="mono">Authorization: Bearer …</code>
        <br />
        {t('tokens.expiresAt')}:{' '}
        {result.token.expiresAt ? format.dateTime(result.token.expiresAt) : t('tokens.never')}
      </Typography.Paragraph>
    </Modal>
  );
}

export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const expiry = Form.useWatch('expiry', form);
  const [created, setCreated] = useState<CreateTokenResponse | null>(null);
  const labels = {
    name: t('tokens.name'),
    scopes: t('tokens.scopes'),
    expiry: t('tokens.expiry'),
    expiryDate: t('tokens.expiryDate'),
    userId: t('tokens.forUser'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, { 'auth.token_scope': 'scopes' });
  // A token can never do more than its owner: offer only the caller's own permissions.
  const available = PERMISSIONS.filter((permission) => me?.permissions.includes(permission));

  const create = useMutation({
    mutationFn: (values: Values) => {
      const days =
        values.expiry === '30' ? 30 : values.expiry === '90' ? 90 : values.expiry === '365' ? 365 : null;
      const expiresAt =
        values.expiry === 'never'
          ? null
          : values.expiry === 'date' && values.expiryDate
            ? endOfDayInVietnam(values.expiryDate)
            : new Date(Date.now() + (days ?? 90) * 86_400_000).toISOString();
      const body: CreateTokenBody = { name: values.name.trim(), scopes: values.scopes, expiresAt };
      if (values.userId) body.userId = values.userId;
      return api.post<CreateTokenResponse>('/auth/tokens', body);
    },
    onMutate: clear,
    onSuccess: async (result) => {
      setCreated(result);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: handle,
  });

  const close = () => {
    clear();
    form.resetFields();
    onClose();
  };

  return (
    <>
      <Modal
        open={open && !created}
        title={t('tokens.createTitle')}
        onCancel={close}
        onOk={() => form.submit()}
        okText={t('common.create')}
        okButtonProps={{ 'data-testid': 'token-create-submit' }}
        confirmLoading={create.isPending}
        width={640}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ expiry: '90', scopes: [] }}
          onFinish={(values) => create.mutate(values)}
        >
          <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
          <Form.Item
            name="name"
            label={labels.name}
            extra={t('tokens.nameHint')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { max: 100, message: t('form.maxLength', { max: 100 }) },
            ]}
          >
            <Input autoComplete="off" data-testid="token-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={labels.scopes}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
          >
            <Checkbox.Group style={{ display: 'block' }} data-testid="token-scopes">
              {groupPermissions(available).map(([domain, permissions]) => (
                <fieldset key={domain} className="scope-group">
                  <legend>{translateOptional(`permissionGroups.${domain}`, domain)}</legend>
                  {permissions.map((permission) => (
                    <Checkbox key={permission} value={permission} style={{ marginInlineStart: 0 }}>
                      {t(`permissions.${permission}`)}{' '}
                      <span className="muted mono" style={{ fontSize: 12 }}>
                        {permission}
                      </span>
                    </Checkbox>
                  ))}
                </fieldset>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="expiry" label={labels.expiry}>
            <Radio.Group
              options={[
                { value: '30', label: t('tokens.expiry30') },
                { value: '90', label: t('tokens.expiry90') },
                { value: '365', label: t('tokens.expiry365') },
                { value: 'date', label: t('tokens.expiryDate') },
                { value: 'never', label: t('tokens.never') },
              ]}
            />
          </Form.Item>
          {expiry === 'date' ? (
            <Form.Item
              name="expiryDate"
              label={labels.expiryDate}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker disabledDate={(day) => day.isBefore(dayjs(), 'day')} style={{ width: 220 }} />
            </Form.Item>
          ) : null}
          {expiry === 'never' ? (
            <Alert type="warning" showIcon title={t('tokens.neverWarning')} style={{ marginBottom: 16 }} />
          ) : null}
          {can(Permission.TokenManageAll) ? (
            <Form.Item name="userId" label={labels.userId} extra={t('tokens.forUserHint')}>
              <UserSelect placeholder={t('tokens.forMyself')} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
      {created ? (
        <SecretDialog
          result={created}
          onClose={() => {
            setCreated(null);
            close();
          }}
        />
      ) : null}
    </>
  );
}
