import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ORGANISATION_KINDS,
  Permission,
  type CreateOrganisationBody,
  type Organisation,
  type OrganisationKind,
  type UpdateOrganisationBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormError } from '../../../ui/forms/useFormError';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { useInvalidateOrganisations, useOrganisation } from './api';

interface Values {
  kind: OrganisationKind;
  code: string;
  name: string;
  nameEn?: string | null;
  communeCode?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  status: 'active' | 'inactive';
}

const FIELDS = [
  'kind',
  'code',
  'name',
  'nameEn',
  'communeCode',
  'address',
  'phone',
  'email',
  'latitude',
  'longitude',
  'status',
] as const;
type EditableField = Exclude<(typeof FIELDS)[number], 'kind' | 'code'>;
const EDITABLE: EditableField[] = [
  'name',
  'nameEn',
  'communeCode',
  'address',
  'phone',
  'email',
  'latitude',
  'longitude',
  'status',
];

/** Empty inputs are sent as null: "no e-mail", not "an empty e-mail". */
function blankToNull<T>(value: T | undefined | ''): T | null {
  if (value === undefined || value === '') return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return typeof value === 'string' ? (value.trim() as T) : value;
}

function toValues(organisation: Organisation): Values {
  return {
    kind: organisation.kind,
    code: organisation.code,
    name: organisation.name,
    nameEn: organisation.nameEn,
    communeCode: organisation.communeCode,
    address: organisation.address,
    phone: organisation.phone,
    email: organisation.email,
    latitude: organisation.latitude,
    longitude: organisation.longitude,
    status: organisation.status,
  };
}

export function OrganisationDrawer({
  open,
  organisationId,
  onClose,
}: {
  open: boolean;
  /** null: create a new organisation. */
  organisationId: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const editing = organisationId !== null;
  const current = useOrganisation(open ? organisationId : null);
  const invalidate = useInvalidateOrganisations();

  const labels: Record<string, string> = {
    kind: t('organisations.kind'),
    code: t('organisations.code'),
    name: t('organisations.name'),
    nameEn: t('organisations.nameEn'),
    communeCode: t('organisations.commune'),
    address: t('organisations.address'),
    phone: t('organisations.phone'),
    email: t('organisations.email'),
    latitude: t('organisations.latitude'),
    longitude: t('organisations.longitude'),
    status: t('organisations.status'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'organisation.duplicate_code': 'code',
    'organisation.commune_required': 'communeCode',
    'geo.unknown_commune': 'communeCode',
  });

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Organisation | null> => {
      if (!editing) {
        const body: CreateOrganisationBody = {
          kind: values.kind,
          code: values.code.trim(),
          name: values.name.trim(),
          nameEn: blankToNull(values.nameEn),
          communeCode: blankToNull(values.communeCode),
          address: blankToNull(values.address),
          phone: blankToNull(values.phone),
          email: blankToNull(values.email),
          latitude: blankToNull(values.latitude),
          longitude: blankToNull(values.longitude),
        };
        return api.post<Organisation>('/organisations', body);
      }
      const before = current.data;
      if (!before) return null;
      const body: UpdateOrganisationBody = { version: before.version };
      const target = body as Record<string, unknown>;
      for (const field of EDITABLE) {
        const next = field === 'status' || field === 'name' ? values[field] : blankToNull(values[field]);
        if (next !== before[field]) target[field] = typeof next === 'string' ? next.trim() : next;
      }
      if (Object.keys(body).length === 1) return before;
      return api.patch<Organisation>(`/organisations/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('organisations.saved', { name: saved.name })
            : t('organisations.created', { name: saved.name }),
        );
      close();
    },
    onError: handle,
  });

  const canChangeStatus = can(Permission.OrganisationUpdate);

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('organisations.editTitle') : t('organisations.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="organisation-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={current.data && editing ? toValues(current.data) : { status: 'active' }}
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
          apply={(data) => form.setFieldsValue(toValues(data))}
        />
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="kind"
              label={labels.kind}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                disabled={editing}
                data-testid="organisation-kind"
                options={ORGANISATION_KINDS.map((value) => ({
                  value,
                  label: t(`organisationKinds.${value}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={labels.code}
              tooltip={t('organisations.codeHint')}
              rules={[
                { required: true, message: t('form.required') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('organisations.codeFormat') },
                { min: 2, max: 32, message: t('form.lengthBetween', { min: 2, max: 32 }) },
              ]}
            >
              <Input disabled={editing} className="mono" autoComplete="off" data-testid="organisation-code" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label={labels.name}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 2, max: 200, message: t('form.lengthBetween', { min: 2, max: 200 }) },
          ]}
        >
          <Input data-testid="organisation-name" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={labels.nameEn}
          rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="communeCode"
          label={labels.communeCode}
          rules={[{ required: kind === 'commune_committee', message: t('organisations.communeRequired') }]}
        >
          <CommuneSelect data-testid="organisation-commune" />
        </Form.Item>
        <Form.Item
          name="address"
          label={labels.address}
          rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label={labels.phone}
              rules={[{ pattern: /^[0-9+() .-]*$/, message: t('form.phoneFormat') }, { max: 32 }]}
            >
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={labels.email}
              rules={[{ type: 'email', message: t('form.emailFormat') }]}
            >
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="latitude" label={labels.latitude}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="longitude" label={labels.longitude}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {editing ? (
          <Form.Item name="status" label={labels.status}>
            <Radio.Group
              disabled={!canChangeStatus}
              options={[
                { value: 'active', label: t('organisations.statuses.active') },
                { value: 'inactive', label: t('organisations.statuses.inactive') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
