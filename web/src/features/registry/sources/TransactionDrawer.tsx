import { Alert, App, DatePicker, Form, Input, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  allowedTransactions,
  statusAfter,
  type CreateTransactionBody,
  type Source,
  type SourceTransaction,
  type TransactionType,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { useInvalidateRegistry } from '../api';
import { FacilitySelect } from '../facilities/FacilitySelect';

interface Values {
  type: TransactionType;
  occurredOn: Dayjs;
  counterpartyKind?: 'province' | 'outside';
  counterpartyFacilityId?: number | null;
  counterpartyName?: string | null;
  location?: string | null;
  note?: string | null;
}

const FIELDS = [
  'type',
  'occurredOn',
  'counterpartyFacilityId',
  'counterpartyName',
  'location',
  'note',
] as const;

/** Transactions that put the source somewhere new: where it is now may be written. */
const WITH_LOCATION: ReadonlySet<TransactionType> = new Set([
  'move',
  'install',
  'store',
  'found',
  'transfer_in',
]);
/** Transactions with another party: a facility of the province, or a name (supplier, foreign buyer, waste operator). */
const WITH_COUNTERPARTY: ReadonlySet<TransactionType> = new Set([
  'transfer_out',
  'export',
  'return_to_supplier',
  'to_waste',
]);

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * The types a user may record next: what the ledger allows after the source's status, with "transfer in" only for
 * the facility the source is on its way to (or the Department).
 */
export function transactionChoices(source: Source, canReceive: boolean): TransactionType[] {
  return allowedTransactions(source.status).filter(
    (type) => type !== 'transfer_in' || (canReceive && source.pendingTransferTo !== null),
  );
}

/** Appends one entry to the source's ledger (append-only: nothing recorded can be edited). */
export function TransactionDrawer({
  open,
  source,
  choices,
  lastDate,
  onClose,
}: {
  open: boolean;
  source: Source;
  choices: TransactionType[];
  /** The date of the latest entry: a new one cannot be earlier. */
  lastDate: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const counterpartyKind = Form.useWatch('counterpartyKind', form);
  const invalidate = useInvalidateRegistry();
  const labels: Record<string, string> = {
    type: t('registry.ledger.type'),
    occurredOn: t('registry.ledger.occurredOn'),
    counterpartyFacilityId: t('registry.ledger.counterpartyFacility'),
    counterpartyName: t('registry.ledger.counterpartyName'),
    location: t('registry.ledger.location'),
    note: t('registry.ledger.note'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'source.transaction_not_allowed': 'type',
  });
  const close = () => {
    clear();
    onClose();
  };
  const save = useMutation({
    mutationFn: (values: Values) => {
      const toFacility = values.type === 'transfer_out' && values.counterpartyKind !== 'outside';
      const body: CreateTransactionBody = {
        type: values.type,
        occurredOn: values.occurredOn.format('YYYY-MM-DD'),
        counterpartyFacilityId: toFacility ? (values.counterpartyFacilityId ?? null) : null,
        counterpartyName:
          WITH_COUNTERPARTY.has(values.type) && !toFacility ? text(values.counterpartyName) : null,
        location: WITH_LOCATION.has(values.type) ? text(values.location) : null,
        note: text(values.note),
      };
      return api.post<SourceTransaction>(`/sources/${source.id}/transactions`, body);
    },
    onMutate: clear,
    onSuccess: async (entry) => {
      await invalidate();
      void message.success(
        t('registry.ledger.recorded', { type: t(`registry.transactionTypes.${entry.type}`) }),
      );
      close();
    },
    onError: handle,
  });

  const next = type ? statusAfter(source.status, type) : null;
  const toFacility = type === 'transfer_out' && counterpartyKind !== 'outside';

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={t('registry.ledger.recordTitle')}
      editing
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="transaction-save"
      loading={false}
      loadError={null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          type: choices.length === 1 ? choices[0] : undefined,
          occurredOn: dayjs(),
          counterpartyKind: 'province',
          location: choices.length === 1 && choices[0] === 'transfer_in' ? null : source.location,
        }}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Form.Item
          name="type"
          label={labels.type}
          rules={[{ required: true, message: t('form.required') }]}
          extra={
            next
              ? t('registry.ledger.statusAfter', { status: t(`registry.sourceStatuses.${next}`) })
              : undefined
          }
        >
          <Select<TransactionType>
            placeholder={t('registry.ledger.typePlaceholder')}
            options={choices.map((value) => ({ value, label: t(`registry.transactionTypes.${value}`) }))}
            data-testid="transaction-type"
          />
        </Form.Item>
        {type === 'loss_theft' ? (
          <Alert
            type="error"
            showIcon
            title={t('registry.ledger.lossWarning')}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item
          name="occurredOn"
          label={labels.occurredOn}
          rules={[{ required: true, message: t('form.required') }]}
          extra={
            lastDate
              ? t('registry.ledger.notBefore', { date: dayjs(lastDate).format('DD/MM/YYYY') })
              : undefined
          }
        >
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(day) =>
              day.isAfter(dayjs(), 'day') || (lastDate ? day.isBefore(dayjs(lastDate), 'day') : false)
            }
            style={{ width: '100%' }}
            data-testid="transaction-date"
          />
        </Form.Item>
        {type === 'transfer_out' ? (
          <Form.Item name="counterpartyKind" label={t('registry.ledger.counterpartyKind')}>
            <Radio.Group
              options={[
                { value: 'province', label: t('registry.ledger.inProvince') },
                { value: 'outside', label: t('registry.ledger.outsideProvince') },
              ]}
            />
          </Form.Item>
        ) : null}
        {toFacility ? (
          <Form.Item
            name="counterpartyFacilityId"
            label={labels.counterpartyFacilityId}
            extra={t('registry.ledger.transferHint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <FacilitySelect exclude={source.facilityId} data-testid="transaction-counterparty" />
          </Form.Item>
        ) : type && WITH_COUNTERPARTY.has(type) ? (
          <Form.Item
            name="counterpartyName"
            label={labels.counterpartyName}
            rules={[
              { required: type === 'transfer_out', whitespace: true, message: t('form.required') },
              { max: 200, message: t('form.maxLength', { max: 200 }) },
            ]}
          >
            <Input />
          </Form.Item>
        ) : null}
        {type && WITH_LOCATION.has(type) ? (
          <Form.Item
            name="location"
            label={labels.location}
            rules={[
              { required: type === 'move', whitespace: true, message: t('form.required') },
              { max: 300, message: t('form.maxLength', { max: 300 }) },
            ]}
          >
            <Input data-testid="transaction-location" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
