import { useMemo } from 'react';
import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  COMPETENT_AUTHORITIES,
  LICENCE_KINDS,
  type CompetentAuthority,
  type CreateLicenceBody,
  type Licence,
  type LicenceKind,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { registryPath } from '../../../app/layout/navigation';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { useDevices, useInvalidateRegistry, useSources } from '../../registry/api';
import { FacilitySelect } from '../../registry/facilities/FacilitySelect';
import { deviceTitle, sourceTitle } from '../../registry/labels';
import { MAX_PAGE } from '../api';

interface Values {
  number: string;
  kind: LicenceKind;
  facilityId: number;
  competentAuthority: CompetentAuthority;
  issuedOn: Dayjs;
  validUntil?: Dayjs | null;
  deviceIds?: number[];
  sourceIds?: number[];
}

const FIELDS = [
  'number',
  'kind',
  'facilityId',
  'competentAuthority',
  'issuedOn',
  'validUntil',
  'deviceIds',
  'sourceIds',
] as const;

/** Records a licence issued by the national agency or before Sievert (those issued here come from applications). */
export function LicenceDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const facilityId = Form.useWatch('facilityId', form);
  const issuedOn = Form.useWatch('issuedOn', form);
  const devices = useDevices({ facilityId, limit: MAX_PAGE, offset: 0 }, typeof facilityId === 'number');
  const sources = useSources({ facilityId, limit: MAX_PAGE, offset: 0 }, typeof facilityId === 'number');
  const invalidate = useInvalidateRegistry();
  const labels: Record<string, string> = {
    number: t('licensing.licence.number'),
    kind: t('licensing.licence.kind'),
    facilityId: t('registry.facilityColumn'),
    competentAuthority: t('licensing.licence.authority'),
    issuedOn: t('licensing.licence.issuedOn'),
    validUntil: t('licensing.licence.validUntil'),
    deviceIds: t('licensing.application.devices'),
    sourceIds: t('licensing.application.sources'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'licence.duplicate_number': 'number',
  });
  const close = () => {
    clear();
    onClose();
  };
  const deviceOptions = useMemo(
    () =>
      (devices.data?.items ?? []).map((device) => {
        const title = deviceTitle(device, t);
        return {
          value: device.id,
          label: [title.type, title.model, device.serial].filter(Boolean).join(' · '),
        };
      }),
    [devices.data, t],
  );
  const sourceOptions = useMemo(
    () => (sources.data?.items ?? []).map((source) => ({ value: source.id, label: sourceTitle(source) })),
    [sources.data],
  );
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: CreateLicenceBody = {
        number: values.number.trim(),
        kind: values.kind,
        facilityId: values.facilityId,
        competentAuthority: values.competentAuthority,
        issuedOn: values.issuedOn.format('YYYY-MM-DD'),
        validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
        deviceIds: values.deviceIds ?? [],
        sourceIds: values.sourceIds ?? [],
      };
      return api.post<Licence>('/licences', body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      void message.success(t('licensing.licence.created', { number: saved.number }));
      close();
      void navigate(registryPath('licences', saved.id));
    },
    onError: handle,
  });

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={t('licensing.licence.createTitle')}
      editing={false}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="licence-save"
      loading={false}
      loadError={null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'licence', competentAuthority: 'varans' }}
        onFinish={(values) => save.mutate(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('facilityId' in changed) form.setFieldsValue({ deviceIds: [], sourceIds: [] });
        }}
        scrollToFirstError
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Form.Item
          name="facilityId"
          label={labels.facilityId}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <FacilitySelect />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="number"
              label={labels.number}
              rules={[
                { required: true, whitespace: true, message: t('form.required') },
                { max: 60, message: t('form.maxLength', { max: 60 }) },
              ]}
            >
              <Input className="mono" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="kind"
              label={labels.kind}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={LICENCE_KINDS.map((value) => ({
                  value,
                  label: t(`licensing.licenceKinds.${value}`),
                }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="competentAuthority"
          label={labels.competentAuthority}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            options={COMPETENT_AUTHORITIES.map((value) => ({
              value,
              label: t(`licensing.authorities.${value}`),
            }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="issuedOn"
              label={labels.issuedOn}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="validUntil"
              label={labels.validUntil}
              extra={t('licensing.licence.validUntilHint')}
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(day) => (issuedOn ? day.isBefore(issuedOn, 'day') : false)}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="deviceIds" label={labels.deviceIds}>
          <Select<number[]>
            mode="multiple"
            allowClear
            disabled={typeof facilityId !== 'number'}
            options={deviceOptions}
            optionFilterProp="label"
            loading={devices.isFetching}
          />
        </Form.Item>
        <Form.Item name="sourceIds" label={labels.sourceIds}>
          <Select<number[]>
            mode="multiple"
            allowClear
            disabled={typeof facilityId !== 'number'}
            options={sourceOptions}
            optionFilterProp="label"
            loading={sources.isFetching}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
