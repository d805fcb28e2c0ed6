import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { App, Alert, Checkbox, Col, Form, Input, Row } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ROLES_BY_ORGANISATION_KIND,
  type CreateUserBody,
  type Organisation,
  type Role,
  type UpdateUserBody,
  type User,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { PasswordHints, passwordPolicyRule } from '../../../ui/forms/PasswordHints';
import { useFormError } from '../../../ui/forms/useFormError';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { useOrganisation } from '../organisations/api';
import { OrganisationSelect } from '../organisations/OrganisationSelect';
import { useInvalidateUsers, useUser } from './api';

interface Values {
  username: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  organisationId: number;
  roles: Role[];
  password: string;
}

const FIELDS = ['username', 'displayName', 'email', 'phone', 'organisationId', 'roles', 'password'] as const;

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}

function valuesOf(user: User): Partial<Values> {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    organisationId: user.organisationId,
    roles: user.roles,
  };
}

export function UserDrawer({
  open,
  userId,
  onClose,
}: {
  open: boolean;
  userId: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = userId !== null;
  const current = useUser(open ? userId : null);
  const organisationId = Form.useWatch('organisationId', form);
  const username = Form.useWatch('username', form) ?? '';
  const password = Form.useWatch('password', form);
  const organisation = useOrganisation(typeof organisationId === 'number' ? organisationId : null);
  const allowedRoles = organisation.data ? ROLES_BY_ORGANISATION_KIND[organisation.data.kind] : [];
  const invalidate = useInvalidateUsers();

  const labels: Record<string, string> = {
    username: t('users.username'),
    displayName: t('users.displayName'),
    email: t('users.email'),
    phone: t('users.phone'),
    organisationId: t('users.organisation'),
    roles: t('users.roles'),
    password: t('users.initialPassword'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'user.duplicate_username': 'username',
    'user.role_not_allowed': 'roles',
    'auth.password_policy': 'password',
    'user.self_lockout': 'roles',
  });

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<User | null> => {
      if (!editing) {
        const body: CreateUserBody = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          email: blankToNull(values.email),
          phone: blankToNull(values.phone),
          organisationId: values.organisationId,
          roles: values.roles,
          password: values.password,
        };
        return api.post<User>('/users', body);
      }
      const before = current.data;
      if (!before) return null;
      const body: UpdateUserBody = { version: before.version };
      if (values.displayName.trim() !== before.displayName) body.displayName = values.displayName.trim();
      if (blankToNull(values.email) !== before.email) body.email = blankToNull(values.email);
      if (blankToNull(values.phone) !== before.phone) body.phone = blankToNull(values.phone);
      if (values.organisationId !== before.organisationId) body.organisationId = values.organisationId;
      const sortedBefore = [...before.roles].sort().join(',');
      if ([...values.roles].sort().join(',') !== sortedBefore) body.roles = values.roles;
      if (Object.keys(body).length === 1) return before;
      return api.patch<User>(`/users/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved) {
        void message.success(
          editing
            ? t('users.saved', { name: saved.displayName })
            : t('users.created', { name: saved.displayName }),
        );
      }
      close();
    },
    onError: handle,
  });

  const onOrganisationChange = (next: Organisation | null) => {
    if (!next) return;
    const allowed = ROLES_BY_ORGANISATION_KIND[next.kind];
    const roles = (form.getFieldValue('roles') as Role[] | undefined) ?? [];
    form.setFieldValue(
      'roles',
      roles.filter((role) => allowed.includes(role)),
    );
  };

  const initialValues: Partial<Values> = current.data ? valuesOf(current.data) : { roles: [] };

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('users.editTitle') : t('users.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="user-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ? initialValues : { roles: [] }}
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
          reload={() => current.refetch()}
          apply={(data) => form.setFieldsValue(valuesOf(data))}
        />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={labels.username}
              tooltip={t('users.usernameHint')}
              normalize={(value: string) => value.toLowerCase()}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^[a-z0-9][a-z0-9._-]*$/, message: t('users.usernameFormat') },
                { min: 3, max: 64, message: t('form.lengthBetween', { min: 3, max: 64 }) },
              ]}
            >
              <Input
                disabled={editing}
                className="mono"
                autoComplete="off"
                spellCheck={false}
                data-testid="user-username"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={labels.displayName}
              rules={[
                { required: true, whitespace: true, message: t('form.required') },
                { max: 120, message: t('form.maxLength', { max: 120 }) },
              ]}
            >
              <Input autoComplete="off" data-testid="user-display-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={labels.email}
              rules={[{ type: 'email', message: t('form.emailFormat') }]}
            >
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={labels.phone}
              rules={[{ pattern: /^[0-9+() .-]*$/, message: t('form.phoneFormat') }]}
            >
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="organisationId"
          label={labels.organisationId}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrganisationSelect
            onChange={(_id, next) => onOrganisationChange(next)}
            data-testid="user-organisation"
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={labels.roles}
          extra={
            organisation.data
              ? t('users.rolesHint', { kind: t(`organisationKinds.${organisation.data.kind}`) })
              : undefined
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          {organisation.data ? (
            <Checkbox.Group
              data-testid="user-roles"
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={allowedRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            />
          ) : (
            <Alert type="info" showIcon title={t('users.pickOrganisationFirst')} />
          )}
        </Form.Item>
        {!editing ? (
          <Form.Item
            name="password"
            label={labels.password}
            rules={[
              { required: true, message: t('form.required') },
              passwordPolicyRule(t('password.notStrong'), () => username),
            ]}
            extra={
              <>
                <PasswordHints password={password} username={username} />
                <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
                  {t('users.initialPasswordHint')}
                </div>
              </>
            }
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
