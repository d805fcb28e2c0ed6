import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { PutUnsealedBody, UnsealedRecord } from '@sievert/core';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { FacilitySelect } from '../facilities/FacilitySelect';
import { ACTIVITY_INPUT_UNITS, formatActivity } from '../format';
import { UNSEALED_NUCLIDES, usePutUnsealed, useUnsealed } from './api';

interface Values {
  facilityId: number;
  nuclide: string;
  period: Dayjs;
  receivedBq: number;
  receivedUnit: string;
  usedBq: number;
  usedUnit: string;
  note?: string | null;
}

const FIELDS = ['facilityId', 'nuclide', 'period', 'receivedBq', 'usedBq', 'note'] as const;
/** The SI units a stored value is shown back in when editing (the curie units only for typing). */
const SI_UNITS = ACTIVITY_INPUT_UNITS.filter(([unit]) => unit.endsWith('Bq'));

function factorOf(unit: string | undefined): number {
  return ACTIVITY_INPUT_UNITS.find(([name]) => name === unit)?.[1] ?? 1;
}

/** 3.7e11 → [370, 'GBq']: the largest unit that keeps the number ≥ 1, without float noise. */
function inUnit(bq: number): [number, string] {
  const [unit, factor] = SI_UNITS.find(([, f]) => bq >= f) ?? SI_UNITS.at(-1)!;
  return [Number((bq / factor).toPrecision(12)), unit];
}

function ActivityInput({
  name,
  unitName,
  label,
  testId,
}: {
  name: 'receivedBq' | 'usedBq';
  unitName: 'receivedUnit' | 'usedUnit';
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={name} noStyle rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
        <Form.Item name={unitName} noStyle>
          <Select
            style={{ width: 96 }}
            options={ACTIVITY_INPUT_UNITS.map(([unit]) => ({ value: unit, label: unit }))}
            data-testid={`${testId}-unit`}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** Reports (or corrects) one month's quantity of one nuclide at one facility. */
export function UnsealedDrawer({
  open,
  record,
  facilityId,
  onClose,
}: {
  open: boolean;
  /** null: a new month's report. */
  record: UnsealedRecord | null;
  /** The facility a new report is for, when it is fixed (the user's own, or the page's). */
  facilityId: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = record !== null;
  const put = usePutUnsealed();
  const labels: Record<string, string> = {
    facilityId: t('registry.facilityColumn'),
    nuclide: t('registryTools.unsealed.nuclide'),
    period: t('registryTools.unsealed.period'),
    receivedBq: t('registryTools.unsealed.received'),
    usedBq: t('registryTools.unsealed.used'),
    note: t('registryTools.unsealed.note'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const close = () => {
    clear();
    onClose();
  };

  // A new report for a month that already has one replaces it: say so before saving.
  const watchedFacility = Form.useWatch('facilityId', form);
  const watchedNuclide = Form.useWatch('nuclide', form);
  const watchedPeriod = Form.useWatch('period', form);
  const existingQuery = useUnsealed(
    {
      facilityId: watchedFacility,
      nuclide: watchedNuclide,
      year: watchedPeriod ? watchedPeriod.year() : undefined,
    },
    open && !editing && !!watchedFacility && !!watchedNuclide && !!watchedPeriod,
  );
  const existing =
    !editing && watchedPeriod
      ? existingQuery.data?.find(
          (r) =>
            r.period === watchedPeriod.format('YYYY-MM') &&
            r.facilityId === watchedFacility &&
            r.nuclide === watchedNuclide,
        )
      : undefined;

  const initial: Partial<Values> = record
    ? (() => {
        const [received, receivedUnit] = inUnit(record.receivedBq);
        const [used, usedUnit] = inUnit(record.usedBq);
        return {
          facilityId: record.facilityId,
          nuclide: record.nuclide,
          period: dayjs(`${record.period}-01`),
          receivedBq: received,
          receivedUnit,
          usedBq: used,
          usedUnit,
          note: record.note,
        };
      })()
    : {
        receivedUnit: 'GBq',
        usedUnit: 'GBq',
        period: dayjs().subtract(1, 'month').startOf('month'),
        ...(facilityId ? { facilityId } : {}),
      };

  const save = (values: Values) => {
    clear();
    const body: PutUnsealedBody = {
      facilityId: values.facilityId,
      nuclide: values.nuclide,
      period: values.period.format('YYYY-MM'),
      receivedBq: values.receivedBq * factorOf(values.receivedUnit),
      usedBq: values.usedBq * factorOf(values.usedUnit),
      note: values.note?.trim() || null,
    };
    put.mutate(body, {
      onSuccess: (saved) => {
        void message.success(
          t('registryTools.unsealed.saved', {
            nuclide: saved.nuclide,
            period: values.period.format('MM/YYYY'),
          }),
        );
        close();
      },
      onError: handle,
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('registryTools.unsealed.editTitle') : t('registryTools.unsealed.createTitle')}
      editing={editing}
      saving={put.isPending}
      onSave={() => form.submit()}
      saveTestId="unsealed-save"
      loading={false}
      loadError={null}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save} scrollToFirstError>
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Alert
          type="info"
          showIcon
          title={t('registryTools.unsealed.formHint')}
          style={{ marginBottom: 16 }}
        />
        <Form.Item
          name="facilityId"
          label={labels.facilityId}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <FacilitySelect disabled={editing || facilityId !== null} data-testid="unsealed-facility" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nuclide"
              label={labels.nuclide}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                disabled={editing}
                options={UNSEALED_NUCLIDES.map((value) => ({ value, label: value }))}
                data-testid="unsealed-nuclide"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="period"
              label={labels.period}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker
                picker="month"
                format="MM/YYYY"
                disabled={editing}
                disabledDate={(day) => day.isAfter(dayjs(), 'month')}
                style={{ width: '100%' }}
                data-testid="unsealed-period"
              />
            </Form.Item>
          </Col>
        </Row>
        {existing ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="unsealed-replace-warning"
            title={t('registryTools.unsealed.replaceWarning', {
              nuclide: existing.nuclide,
              received: formatActivity(existing.receivedBq, format.number),
              used: formatActivity(existing.usedBq, format.number),
            })}
          />
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <ActivityInput
              name="receivedBq"
              unitName="receivedUnit"
              label={labels.receivedBq!}
              testId="unsealed-received"
            />
          </Col>
          <Col xs={24} sm={12}>
            <ActivityInput name="usedBq" unitName="usedUnit" label={labels.usedBq!} testId="unsealed-used" />
          </Col>
        </Row>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('registryTools.unsealed.notePlaceholder')}
            data-testid="unsealed-note"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
