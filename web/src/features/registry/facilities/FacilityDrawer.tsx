import { App, Alert, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  FACILITY_KINDS,
  type CreateFacilityBody,
  type Facility,
  type FacilityKind,
  type UpdateFacilityBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { registryPath } from '../../../app/layout/navigation';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { useCommunes } from '../../geo/api';
import { useFacility, useInvalidateRegistry } from '../api';
import { KNOWN_PRACTICES, practiceLabel } from '../labels';
import { useRegistryRights } from '../rights';

interface Values {
  code?: string;
  name: string;
  nameEn?: string | null;
  legalName?: string | null;
  taxCode?: string | null;
  kind: FacilityKind;
  practices?: string[];
  communeCode: string;
  address?: string | null;
  lat: number;
  lon: number;
  phone?: string | null;
  email?: string | null;
  contactName?: string | null;
  rsoName?: string | null;
  rsoCertificateNumber?: string | null;
  rsoCertificateExpiry?: Dayjs | null;
  status?: 'active' | 'inactive';
}

const FIELDS = [
  'code',
  'name',
  'nameEn',
  'legalName',
  'taxCode',
  'kind',
  'practices',
  'communeCode',
  'address',
  'lat',
  'lon',
  'phone',
  'email',
  'contactName',
  'rsoName',
  'rsoCertificateNumber',
  'rsoCertificateExpiry',
  'status',
] as const;

/** What a facility's own staff may change (the server refuses the rest). */
const OWN_EDITABLE = new Set<string>([
  'nameEn',
  'legalName',
  'practices',
  'address',
  'phone',
  'email',
  'contactName',
  'rsoName',
  'rsoCertificateNumber',
  'rsoCertificateExpiry',
]);

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toValues(facility: Facility): Values {
  return {
    code: facility.code,
    name: facility.name,
    nameEn: facility.nameEn,
    legalName: facility.legalName,
    taxCode: facility.taxCode,
    kind: facility.kind,
    practices: facility.practices,
    communeCode: facility.communeCode ?? '',
    address: facility.address,
    lat: facility.lat ?? 0,
    lon: facility.lon ?? 0,
    phone: facility.phone,
    email: facility.email,
    contactName: facility.contactName,
    rsoName: facility.rsoName,
    rsoCertificateNumber: facility.rsoCertificateNumber,
    rsoCertificateExpiry: facility.rsoCertificateExpiry ? dayjs(facility.rsoCertificateExpiry) : null,
    status: facility.status,
  };
}

/** The body fields as the form holds them, normalised the way the server stores them. */
function normalised(values: Values): Omit<CreateFacilityBody, 'code'> & { status?: 'active' | 'inactive' } {
  return {
    name: values.name.trim(),
    kind: values.kind,
    communeCode: values.communeCode,
    lat: values.lat,
    lon: values.lon,
    nameEn: text(values.nameEn),
    legalName: text(values.legalName),
    taxCode: text(values.taxCode),
    practices: values.practices ?? [],
    address: text(values.address),
    phone: text(values.phone),
    email: text(values.email),
    contactName: text(values.contactName),
    rsoName: text(values.rsoName),
    rsoCertificateNumber: text(values.rsoCertificateNumber),
    rsoCertificateExpiry: values.rsoCertificateExpiry
      ? values.rsoCertificateExpiry.format('YYYY-MM-DD')
      : null,
    ...(values.status ? { status: values.status } : {}),
  };
}

export function FacilityDrawer({
  open,
  facilityId,
  onClose,
}: {
  open: boolean;
  /** null: register a new facility. */
  facilityId: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useRegistryRights();
  const [form] = Form.useForm<Values>();
  const editing = facilityId !== null;
  const limited = editing && rights.facilityEditLimited;
  const current = useFacility(open ? facilityId : null);
  const communes = useCommunes();
  const invalidate = useInvalidateRegistry();

  const labels: Record<string, string> = {
    code: t('registry.facility.code'),
    name: t('registry.facility.name'),
    nameEn: t('organisations.nameEn'),
    legalName: t('registry.facility.legalName'),
    taxCode: t('registry.facility.taxCode'),
    kind: t('registry.facility.kind'),
    practices: t('registry.facility.practices'),
    communeCode: t('organisations.commune'),
    address: t('organisations.address'),
    lat: t('organisations.latitude'),
    lon: t('organisations.longitude'),
    phone: t('organisations.phone'),
    email: t('organisations.email'),
    contactName: t('registry.facility.contactName'),
    rsoName: t('registry.facility.rsoName'),
    rsoCertificateNumber: t('registry.facility.rsoCertificateNumber'),
    rsoCertificateExpiry: t('registry.facility.rsoCertificateExpiry'),
    status: t('registry.facility.status'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'organisation.duplicate_code': 'code',
    'geo.unknown_commune': 'communeCode',
  });

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Facility | null> => {
      const next = normalised(values);
      if (!editing) {
        const { status: _status, ...fields } = next;
        const body: CreateFacilityBody = {
          ...fields,
          ...(text(values.code) ? { code: text(values.code)! } : {}),
        };
        return api.post<Facility>('/facilities', body);
      }
      const before = current.data;
      if (!before) return null;
      const previous = normalised(toValues(before));
      const body: UpdateFacilityBody = { version: before.version };
      const target = body as Record<string, unknown>;
      for (const [key, value] of Object.entries(next)) {
        if (limited && !OWN_EDITABLE.has(key)) continue;
        const was = (previous as Record<string, unknown>)[key];
        if (JSON.stringify(value) !== JSON.stringify(was)) target[key] = value;
      }
      if (Object.keys(body).length === 1) return before;
      return api.patch<Facility>(`/facilities/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('registry.facility.saved', { name: saved.name })
            : t('registry.facility.created', { name: saved.name }),
        );
      close();
      if (saved && !editing) void navigate(registryPath('facilities', saved.id));
    },
    onError: handle,
  });

  const locked = (field: string) => limited && !OWN_EDITABLE.has(field);

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('registry.facility.editTitle') : t('registry.facility.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="facility-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={current.data && editing ? toValues(current.data) : { kind: 'hospital', practices: [] }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          // A new facility starts at its commune's centre until someone types the exact place.
          if (changed.communeCode && !editing) {
            const commune = communes.data?.find((c) => c.code === changed.communeCode);
            const { lat, lon } = form.getFieldsValue(['lat', 'lon']) as Partial<Values>;
            if (commune && (lat === undefined || lat === null) && (lon === undefined || lon === null))
              form.setFieldsValue({ lat: commune.labelLat, lon: commune.labelLon });
          }
        }}
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
        {limited ? (
          <Alert
            type="info"
            showIcon
            title={t('registry.facility.limitedEdit')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="kind"
              label={labels.kind}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                disabled={locked('kind')}
                data-testid="facility-kind"
                options={FACILITY_KINDS.map((value) => ({
                  value,
                  label: t(`registry.facilityKinds.${value}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={labels.code}
              tooltip={t('registry.facility.codeHint')}
              rules={[
                { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, message: t('organisations.codeFormat') },
                { min: 2, max: 32, message: t('form.lengthBetween', { min: 2, max: 32 }) },
              ]}
            >
              <Input
                disabled={editing}
                className="mono"
                autoComplete="off"
                placeholder={editing ? undefined : t('registry.facility.codeAuto')}
                data-testid="facility-code"
              />
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
          <Input disabled={locked('name')} data-testid="facility-name" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={labels.nameEn}
          rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}
        >
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="legalName"
              label={labels.legalName}
              rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="taxCode"
              label={labels.taxCode}
              rules={[{ pattern: /^[0-9]{10}(-[0-9]{3})?$/, message: t('registry.facility.taxCodeFormat') }]}
            >
              <Input disabled={locked('taxCode')} inputMode="numeric" autoComplete="off" className="mono" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="practices" label={labels.practices} tooltip={t('registry.facility.practicesHint')}>
          <Select
            mode="tags"
            tokenSeparators={[',']}
            options={KNOWN_PRACTICES.map((value) => ({ value, label: practiceLabel(value) }))}
            data-testid="facility-practices"
          />
        </Form.Item>
        <Form.Item
          name="communeCode"
          label={labels.communeCode}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <CommuneSelect disabled={locked('communeCode')} allowClear={false} data-testid="facility-commune" />
        </Form.Item>
        <Form.Item
          name="address"
          label={labels.address}
          rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item
              name="lat"
              label={labels.lat}
              tooltip={t('registry.facility.locationHint')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                disabled={locked('lat')}
                min={-90}
                max={90}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="lon"
              label={labels.lon}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                disabled={locked('lon')}
                min={-180}
                max={180}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
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
        <Form.Item
          name="contactName"
          label={labels.contactName}
          rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
        >
          <Input />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('registry.facility.rso')}
        </Divider>
        <Form.Item
          name="rsoName"
          label={labels.rsoName}
          rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
        >
          <Input data-testid="facility-rso-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="rsoCertificateNumber"
              label={labels.rsoCertificateNumber}
              rules={[{ max: 60, message: t('form.maxLength', { max: 60 }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="rsoCertificateExpiry" label={labels.rsoCertificateExpiry}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {editing && !limited ? (
          <Form.Item name="status" label={labels.status}>
            <Radio.Group
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
