import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_STATUSES,
  DEVICE_TYPES,
  type CreateDeviceBody,
  type Device,
  type DeviceStatus,
  type DeviceType,
  type UpdateDeviceBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { registryPath } from '../../../app/layout/navigation';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { useDevice, useInvalidateRegistry } from '../api';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { useRegistryRights } from '../rights';

/** X-ray devices, for which "digital or analog" is asked. */
const XRAY: ReadonlySet<DeviceType> = new Set([
  'xray_general',
  'xray_dental',
  'mammography',
  'fluoroscopy',
  'dsa',
  'xray_mobile',
  'xray_industrial',
  'xray_security',
  'bone_densitometry',
]);

type Digital = 'digital' | 'analog' | 'unknown';

interface Values {
  facilityId: number;
  type: DeviceType;
  digital?: Digital;
  maker?: string | null;
  model?: string | null;
  serial?: string | null;
  yearMade?: number | null;
  location?: string | null;
  status: DeviceStatus;
}

const FIELDS = [
  'facilityId',
  'type',
  'digital',
  'maker',
  'model',
  'serial',
  'yearMade',
  'location',
  'status',
] as const;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toValues(device: Device): Values {
  return {
    facilityId: device.facilityId,
    type: device.type,
    digital: device.digital === null ? 'unknown' : device.digital ? 'digital' : 'analog',
    maker: device.maker,
    model: device.model,
    serial: device.serial,
    yearMade: device.yearMade,
    location: device.location,
    status: device.status,
  };
}

function fields(values: Values) {
  return {
    type: values.type,
    status: values.status,
    digital:
      !XRAY.has(values.type) || !values.digital || values.digital === 'unknown'
        ? null
        : values.digital === 'digital',
    maker: text(values.maker),
    model: text(values.model),
    serial: text(values.serial),
    yearMade: values.yearMade ?? null,
    location: text(values.location),
  };
}

export function DeviceDrawer({
  open,
  deviceId,
  facilityId,
  onClose,
}: {
  open: boolean;
  /** null: declare a new device. */
  deviceId: number | null;
  /** The facility a new device belongs to, when already known. */
  facilityId?: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useRegistryRights();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const editing = deviceId !== null;
  const current = useDevice(open ? deviceId : null);
  const invalidate = useInvalidateRegistry();
  const fixedFacility = facilityId ?? rights.myFacilityId;

  const labels: Record<string, string> = {
    facilityId: t('registry.facilityColumn'),
    type: t('registry.device.type'),
    digital: t('registry.device.digital'),
    maker: t('registry.device.maker'),
    model: t('registry.device.model'),
    serial: t('registry.device.serial'),
    yearMade: t('registry.device.yearMade'),
    location: t('registry.device.location'),
    status: t('registry.device.status'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Device | null> => {
      if (!editing) {
        const body: CreateDeviceBody = { facilityId: values.facilityId, ...fields(values) };
        return api.post<Device>('/devices', body);
      }
      const before = current.data;
      if (!before) return null;
      const previous = fields(toValues(before)) as Record<string, unknown>;
      const body: UpdateDeviceBody = { version: before.version };
      const target = body as Record<string, unknown>;
      for (const [key, value] of Object.entries(fields(values)))
        if (value !== previous[key]) target[key] = value;
      if (Object.keys(body).length === 1) return before;
      return api.patch<Device>(`/devices/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved) {
        const name = t(`registry.deviceTypes.${saved.type}`);
        void message.success(
          editing ? t('registry.device.saved', { name }) : t('registry.device.created', { name }),
        );
      }
      close();
      if (saved && !editing) void navigate(registryPath('devices', saved.id));
    },
    onError: handle,
  });

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('registry.device.editTitle') : t('registry.device.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="device-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          current.data && editing
            ? toValues(current.data)
            : {
                status: 'in_use',
                digital: 'unknown',
                ...(fixedFacility ? { facilityId: fixedFacility } : {}),
              }
        }
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
        <Form.Item
          name="facilityId"
          label={labels.facilityId}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <FacilitySelect disabled={editing || fixedFacility !== null} data-testid="device-facility" />
        </Form.Item>
        <Form.Item name="type" label={labels.type} rules={[{ required: true, message: t('form.required') }]}>
          <Select<DeviceType>
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('registry.device.typePlaceholder')}
            options={DEVICE_TYPES.map((value) => ({ value, label: t(`registry.deviceTypes.${value}`) }))}
            data-testid="device-type"
          />
        </Form.Item>
        {type && XRAY.has(type) ? (
          <Form.Item name="digital" label={labels.digital}>
            <Radio.Group
              options={[
                { value: 'digital', label: t('registry.device.digitalValues.digital') },
                { value: 'analog', label: t('registry.device.digitalValues.analog') },
                { value: 'unknown', label: t('registry.device.digitalValues.unknown') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="maker"
              label={labels.maker}
              rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
            >
              <Input data-testid="device-maker" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="model"
              label={labels.model}
              rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
            >
              <Input data-testid="device-model" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="serial"
              label={labels.serial}
              rules={[{ max: 60, message: t('form.maxLength', { max: 60 }) }]}
            >
              <Input className="mono" autoComplete="off" data-testid="device-serial" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="yearMade" label={labels.yearMade}>
              <InputNumber
                min={1900}
                max={2100}
                precision={0}
                style={{ width: '100%' }}
                data-testid="device-year"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="location"
          label={labels.location}
          rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}
        >
          <Input placeholder={t('registry.device.locationPlaceholder')} data-testid="device-location" />
        </Form.Item>
        <Form.Item name="status" label={labels.status}>
          <Radio.Group
            options={DEVICE_STATUSES.map((value) => ({
              value,
              label: t(`registry.deviceStatuses.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
