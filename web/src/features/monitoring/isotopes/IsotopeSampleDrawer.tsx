import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateIsotopeSampleBody, IsotopeSample, UpdateIsotopeSampleBody } from '@sievert/core';
import { api } from '../../../app/api/client';
import { TIME_ZONE } from '../../../app/i18n/format';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { useFormError } from '../../../ui/forms/useFormError';
import { useInvalidateIsotopes, useIsotopePoints, useIsotopeSample } from './api';

interface Values {
  station: string;
  sampleCode: string;
  sampledAt: Dayjs;
  d18o?: number | null;
  d18oUnc?: number | null;
  d2h?: number | null;
  d2hUnc?: number | null;
  tritiumTu?: number | null;
  tritiumUnc?: number | null;
  lab?: string | null;
  method?: string | null;
  note?: string | null;
}

const FIELDS = [
  'station',
  'sampleCode',
  'sampledAt',
  'd18o',
  'd18oUnc',
  'd2h',
  'd2hUnc',
  'tritiumTu',
  'tritiumUnc',
  'lab',
  'method',
  'note',
] as const;
const NUMBERS = ['d18o', 'd18oUnc', 'd2h', 'd2hUnc', 'tritiumTu', 'tritiumUnc'] as const;
const SAMPLE_CODE = /^[A-Za-z0-9][A-Za-z0-9 ._/#()-]{0,39}$/;

const localDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The day of an instant in the province (what the form shows and sends back). */
export function provinceDate(iso: string): string {
  return localDate.format(new Date(iso));
}

const text = (value: string | null | undefined) => value?.trim() || null;

function toValues(sample: IsotopeSample): Values {
  return {
    station: sample.stationCode,
    sampleCode: sample.sampleCode,
    sampledAt: dayjs(provinceDate(sample.sampledAt)),
    d18o: sample.d18o,
    d18oUnc: sample.d18oUnc,
    d2h: sample.d2h,
    d2hUnc: sample.d2hUnc,
    tritiumTu: sample.tritiumTu,
    tritiumUnc: sample.tritiumUnc,
    lab: sample.lab,
    method: sample.method,
    note: sample.note,
  };
}

function fields(values: Values) {
  return {
    sampleCode: values.sampleCode.trim(),
    sampledAt: values.sampledAt.format('YYYY-MM-DD'),
    ...Object.fromEntries(NUMBERS.map((key) => [key, values[key] ?? null])),
    lab: text(values.lab),
    method: text(values.method),
    note: text(values.note),
  } as Omit<CreateIsotopeSampleBody, 'station'>;
}

export function IsotopeSampleDrawer({
  open,
  id,
  onClose,
}: {
  open: boolean;
  /** null: add a new sample. */
  id: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = id !== null;
  const current = useIsotopeSample(open ? id : null);
  const points = useIsotopePoints();
  const invalidate = useInvalidateIsotopes();
  const labels: Record<string, string> = Object.fromEntries(
    FIELDS.map((field) => [field, t(`isotopes.fields.${field}`)]),
  );
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<IsotopeSample | null> => {
      if (!editing) {
        const body: CreateIsotopeSampleBody = { station: values.station, ...fields(values) };
        return api.post<IsotopeSample>('/isotopes/samples', body);
      }
      const before = current.data;
      if (!before) return null;
      const previous = fields(toValues(before)) as Record<string, unknown>;
      const body: UpdateIsotopeSampleBody = { version: before.version };
      const target = body as Record<string, unknown>;
      for (const [key, value] of Object.entries(fields(values)))
        if (JSON.stringify(value) !== JSON.stringify(previous[key])) target[key] = value;
      if (Object.keys(body).length === 1) return before;
      return api.patch<IsotopeSample>(`/isotopes/samples/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          t(editing ? 'isotopes.list.saved' : 'isotopes.list.created', { code: saved.sampleCode }),
        );
      close();
    },
    onError: handle,
  });

  const required = { required: true, message: t('form.required') };
  const number = (name: (typeof NUMBERS)[number], min: number, max: number, step: number, suffix: string) => (
    <Form.Item name={name} label={labels[name]}>
      <InputNumber
        min={min}
        max={max}
        step={step}
        suffix={suffix}
        style={{ width: '100%' }}
        data-testid={`isotope-${name}`}
      />
    </Form.Item>
  );

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={
        editing
          ? t('isotopes.form.editTitle', { code: current.data?.sampleCode ?? '' })
          : t('isotopes.form.createTitle')
      }
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="isotope-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={current.data && editing ? toValues(current.data) : undefined}
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
          name="station"
          label={labels.station}
          rules={[required]}
          extra={t('isotopes.form.stationHint')}
        >
          <Select
            showSearch
            optionFilterProp="label"
            disabled={editing}
            loading={points.isPending}
            options={(points.data ?? []).map((p) => ({
              value: p.code,
              label: `${p.code} · ${p.name}`,
            }))}
            data-testid="isotope-station"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sampleCode"
              label={labels.sampleCode}
              rules={[required, { pattern: SAMPLE_CODE, message: t('isotopes.form.sampleCodeFormat') }]}
            >
              <Input className="mono" maxLength={40} autoComplete="off" data-testid="isotope-sampleCode" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sampledAt"
              label={labels.sampledAt}
              rules={[required]}
              extra={t('isotopes.form.sampledAtHint')}
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                style={{ width: '100%' }}
                data-testid="isotope-sampledAt"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('isotopes.form.valuesHint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={12}>{number('d18o', -80, 50, 0.01, '‰')}</Col>
          <Col xs={12}>{number('d18oUnc', 0, 1000, 0.01, '‰')}</Col>
          <Col xs={12}>{number('d2h', -600, 300, 0.1, '‰')}</Col>
          <Col xs={12}>{number('d2hUnc', 0, 1000, 0.1, '‰')}</Col>
          <Col xs={12}>{number('tritiumTu', 0, 1e6, 0.1, 'TU')}</Col>
          <Col xs={12}>{number('tritiumUnc', 0, 1000, 0.1, 'TU')}</Col>
        </Row>
        <Form.Item
          name="lab"
          label={labels.lab}
          rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}
        >
          <Input data-testid="isotope-lab" />
        </Form.Item>
        <Form.Item
          name="method"
          label={labels.method}
          rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
        >
          <Input data-testid="isotope-method" />
        </Form.Item>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}
        >
          <Input.TextArea rows={3} data-testid="isotope-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
