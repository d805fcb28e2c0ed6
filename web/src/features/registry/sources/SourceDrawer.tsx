import { useMemo } from 'react';
import { Alert, App, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  aOverD,
  categoryOf,
  decayedActivity,
  findNuclide,
  NUCLIDES,
  SOURCE_USES,
  type CreateSourceBody,
  type Source,
  type SourceUse,
  type UpdateSourceBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { useNow } from '../../../ui/useNow';
import { useInvalidateRegistry, useSource } from '../api';
import { CategoryTag } from '../badges';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { ACTIVITY_INPUT_UNITS, formatActivity, formatRatio } from '../format';
import { useRegistryRights } from '../rights';

interface Values {
  facilityId: number;
  nuclide: string;
  serial: string;
  manufacturer?: string | null;
  model?: string | null;
  activity: number;
  activityUnit: string;
  referenceDate: Dayjs;
  form?: string | null;
  use: SourceUse;
  location?: string | null;
  receivedOn?: Dayjs | null;
  status: 'stored' | 'in_use';
}

const FIELDS = [
  'facilityId',
  'nuclide',
  'serial',
  'manufacturer',
  'model',
  'activity',
  'referenceDate',
  'form',
  'use',
  'location',
  'receivedOn',
  'status',
] as const;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function factorOf(unit: string | undefined): number {
  return ACTIVITY_INPUT_UNITS.find(([name]) => name === unit)?.[1] ?? 1;
}

/** What the category will be today, computed in the browser with the same physics as the server. */
function CategoryPreview({
  nuclide,
  activityBq,
  referenceDate,
}: {
  nuclide?: string;
  activityBq: number | null;
  referenceDate?: Dayjs;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(60_000);
  const reference = nuclide ? findNuclide(nuclide) : null;
  if (!reference || !activityBq || !referenceDate || !reference.dValueTBq) return null;
  const today = decayedActivity(
    activityBq,
    new Date(`${referenceDate.format('YYYY-MM-DD')}T00:00:00Z`),
    new Date(now),
    reference.halfLifeSeconds,
  );
  const ratio = aOverD(today, reference.dValueTBq.value);
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="source-category-preview"
      title={
        <Flex gap={8} wrap align="center">
          {t('registry.source.preview', {
            activity: formatActivity(today, format.number),
            ratio: formatRatio(ratio, format.number),
          })}
          <CategoryTag category={categoryOf(ratio)} />
        </Flex>
      }
    />
  );
}

export function SourceDrawer({
  open,
  sourceId,
  facilityId,
  onClose,
}: {
  open: boolean;
  /** null: register a new source (its receipt opens the ledger). */
  sourceId: number | null;
  facilityId?: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useRegistryRights();
  const [form] = Form.useForm<Values>();
  const nuclide = Form.useWatch('nuclide', form);
  const activity = Form.useWatch('activity', form);
  const activityUnit = Form.useWatch('activityUnit', form);
  const referenceDate = Form.useWatch('referenceDate', form);
  const editing = sourceId !== null;
  const current = useSource(open ? sourceId : null);
  const invalidate = useInvalidateRegistry();
  const fixedFacility = facilityId ?? rights.myFacilityId;

  const labels: Record<string, string> = {
    facilityId: t('registry.facilityColumn'),
    nuclide: t('registry.source.nuclide'),
    serial: t('registry.source.serial'),
    manufacturer: t('registry.source.manufacturer'),
    model: t('registry.source.model'),
    activity: t('registry.source.referenceActivity'),
    referenceActivityBq: t('registry.source.referenceActivity'),
    referenceDate: t('registry.source.referenceDate'),
    form: t('registry.source.form'),
    use: t('registry.source.use'),
    location: t('registry.source.location'),
    receivedOn: t('registry.source.receivedOn'),
    status: t('registry.source.initialStatus'),
  };
  const { error, handle, clear } = useFormError(form, [...FIELDS, 'referenceActivityBq'], labels, {
    'source.duplicate': 'serial',
  });
  const close = () => {
    clear();
    onClose();
  };

  const nuclideOptions = useMemo(
    () => [
      {
        label: t('registry.source.sealedNuclides'),
        options: NUCLIDES.filter((n) => n.sealed).map((n) => ({ value: n.name, label: n.name })),
      },
      {
        label: t('registry.source.unsealedNuclides'),
        options: NUCLIDES.filter((n) => !n.sealed).map((n) => ({ value: n.name, label: n.name })),
      },
    ],
    [t],
  );

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Source | null> => {
      if (!editing) {
        const body: CreateSourceBody = {
          facilityId: values.facilityId,
          nuclide: values.nuclide,
          serial: values.serial.trim(),
          referenceActivityBq: values.activity * factorOf(values.activityUnit),
          referenceDate: values.referenceDate.format('YYYY-MM-DD'),
          manufacturer: text(values.manufacturer),
          model: text(values.model),
          form: text(values.form),
          use: values.use,
          location: text(values.location),
          status: values.status,
          ...(values.receivedOn ? { receivedOn: values.receivedOn.format('YYYY-MM-DD') } : {}),
        };
        return api.post<Source>('/sources', body);
      }
      const before = current.data;
      if (!before) return null;
      const body: UpdateSourceBody = { version: before.version };
      if (text(values.model) !== before.model) body.model = text(values.model);
      if (text(values.form) !== before.form) body.form = text(values.form);
      if (values.use !== before.use) body.use = values.use;
      if (Object.keys(body).length === 1) return before;
      return api.patch<Source>(`/sources/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('registry.source.saved', { name: saved.nuclide })
            : t('registry.source.created', { name: saved.nuclide }),
        );
      close();
      if (saved && !editing) void navigate(registryPath('sources', saved.id));
    },
    onError: handle,
  });

  const initial: Partial<Values> =
    editing && current.data
      ? {
          facilityId: current.data.facilityId,
          nuclide: current.data.nuclide,
          serial: current.data.serial ?? '',
          manufacturer: current.data.manufacturer,
          model: current.data.model,
          form: current.data.form,
          use: current.data.use,
          location: current.data.location,
        }
      : {
          use: 'other',
          status: 'stored',
          activityUnit: 'GBq',
          receivedOn: dayjs(),
          ...(fixedFacility ? { facilityId: fixedFacility } : {}),
        };

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('registry.source.editTitle') : t('registry.source.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="source-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        {editing ? (
          <Alert type="info" showIcon title={t('registry.source.editHint')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form.Item
          name="facilityId"
          label={labels.facilityId}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <FacilitySelect disabled={editing || fixedFacility !== null} data-testid="source-facility" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="nuclide"
              label={labels.nuclide}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select disabled={editing} showSearch options={nuclideOptions} data-testid="source-nuclide" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="serial"
              label={labels.serial}
              rules={[
                { required: !editing, whitespace: true, message: t('form.required') },
                { max: 60, message: t('form.maxLength', { max: 60 }) },
              ]}
            >
              <Input disabled={editing} className="mono" autoComplete="off" data-testid="source-serial" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="manufacturer"
              label={labels.manufacturer}
              rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
            >
              <Input disabled={editing} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="model"
              label={labels.model}
              rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {editing ? null : (
          <>
            <Row gutter={16}>
              <Col xs={24} sm={14}>
                <Form.Item label={labels.activity} required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item
                      name="activity"
                      noStyle
                      rules={[{ required: true, message: t('form.required') }]}
                    >
                      <InputNumber min={0} style={{ width: '100%' }} data-testid="source-activity" />
                    </Form.Item>
                    <Form.Item name="activityUnit" noStyle>
                      <Select
                        style={{ width: 96 }}
                        options={ACTIVITY_INPUT_UNITS.map(([unit]) => ({ value: unit, label: unit }))}
                        data-testid="source-activity-unit"
                      />
                    </Form.Item>
                  </Space.Compact>
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item
                  name="referenceDate"
                  label={labels.referenceDate}
                  tooltip={t('registry.source.referenceDateHint')}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <DatePicker
                    format="DD/MM/YYYY"
                    disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                    style={{ width: '100%' }}
                    data-testid="source-reference-date"
                  />
                </Form.Item>
              </Col>
            </Row>
            <CategoryPreview
              nuclide={nuclide}
              activityBq={typeof activity === 'number' ? activity * factorOf(activityUnit) : null}
              referenceDate={referenceDate}
            />
          </>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="use"
              label={labels.use}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={SOURCE_USES.map((value) => ({ value, label: t(`registry.sourceUses.${value}`) }))}
                data-testid="source-use"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="form"
              label={labels.form}
              rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
            >
              <Input placeholder={t('registry.source.formPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        {editing ? null : (
          <>
            <Form.Item
              name="location"
              label={labels.location}
              rules={[{ max: 300, message: t('form.maxLength', { max: 300 }) }]}
            >
              <Input data-testid="source-location" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="receivedOn" label={labels.receivedOn}>
                  <DatePicker
                    format="DD/MM/YYYY"
                    disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="status" label={labels.status}>
                  <Radio.Group
                    options={[
                      { value: 'stored', label: t('registry.sourceStatuses.stored') },
                      { value: 'in_use', label: t('registry.sourceStatuses.in_use') },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </FormDrawer>
  );
}
