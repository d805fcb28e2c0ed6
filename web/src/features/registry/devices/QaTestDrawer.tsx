import { App, Col, DatePicker, Form, Input, Radio, Row } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { QA_RESULTS, type CreateQaTestBody, type QaResult, type QaTest } from '@sievert/core';
import { api } from '../../../app/api/client';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { useInvalidateRegistry } from '../api';

interface Values {
  testedOn: Dayjs;
  result: QaResult;
  certificateNumber?: string | null;
  tester?: string | null;
  nextDue?: Dayjs | null;
  note?: string | null;
}

const FIELDS = ['testedOn', 'result', 'certificateNumber', 'tester', 'nextDue', 'note'] as const;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Records a QA test (kiểm định) with its certificate and the date the next one is due. */
export function QaTestDrawer({
  open,
  deviceId,
  onClose,
}: {
  open: boolean;
  deviceId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const testedOn = Form.useWatch('testedOn', form);
  const invalidate = useInvalidateRegistry();
  const labels: Record<string, string> = {
    testedOn: t('registry.qa.testedOn'),
    result: t('registry.qa.result'),
    certificateNumber: t('registry.qa.certificateNumber'),
    tester: t('registry.qa.tester'),
    nextDue: t('registry.qa.nextDue'),
    note: t('registry.qa.note'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const close = () => {
    clear();
    onClose();
  };
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: CreateQaTestBody = {
        testedOn: values.testedOn.format('YYYY-MM-DD'),
        result: values.result,
        certificateNumber: text(values.certificateNumber),
        tester: text(values.tester),
        nextDue: values.nextDue ? values.nextDue.format('YYYY-MM-DD') : null,
        note: text(values.note),
      };
      return api.post<QaTest>(`/devices/${deviceId}/qa-tests`, body);
    },
    onMutate: clear,
    onSuccess: async () => {
      await invalidate();
      void message.success(t('registry.qa.recorded'));
      close();
    },
    onError: handle,
  });

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={t('registry.qa.recordTitle')}
      editing
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="qa-save"
      loading={false}
      loadError={null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ testedOn: dayjs(), result: 'pass' }}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
      >
        <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="testedOn"
              label={labels.testedOn}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker
                format="DD/MM/YYYY"
                disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                style={{ width: '100%' }}
                data-testid="qa-tested-on"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="nextDue"
              label={labels.nextDue}
              tooltip={t('registry.qa.nextDueHint')}
              dependencies={['testedOn', 'result']}
              rules={[
                ({ getFieldValue }) => ({
                  required: getFieldValue('result') !== 'fail',
                  message: t('registry.qa.nextDueRequired'),
                }),
                ({ getFieldValue }) => ({
                  validator: (_rule, value: Dayjs | null | undefined) => {
                    const tested = getFieldValue('testedOn') as Dayjs | undefined;
                    return value && tested && !value.isAfter(tested, 'day')
                      ? Promise.reject(new Error(t('registry.qa.nextDueAfter')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                disabledDate={(day) => (testedOn ? !day.isAfter(testedOn, 'day') : false)}
                data-testid="qa-next-due"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="result"
          label={labels.result}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Radio.Group
            options={QA_RESULTS.map((value) => ({ value, label: t(`registry.qaResults.${value}`) }))}
            data-testid="qa-result"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="certificateNumber"
              label={labels.certificateNumber}
              rules={[{ max: 60, message: t('form.maxLength', { max: 60 }) }]}
            >
              <Input className="mono" autoComplete="off" data-testid="qa-certificate" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="tester"
              label={labels.tester}
              rules={[{ max: 200, message: t('form.maxLength', { max: 200 }) }]}
            >
              <Input data-testid="qa-tester" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
