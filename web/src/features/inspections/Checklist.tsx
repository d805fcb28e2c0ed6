import { useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Inspection, UpdateInspectionBody } from '@sievert/core';
import { api } from '../../app/api/client';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { FormErrors } from '../../ui/forms/FormErrors';
import { useFormError } from '../../ui/forms/useFormError';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useInspection, useInvalidateInspections } from './api';
import { ChecklistResultTag, type ChecklistEntry } from './badges';
import { isFinal, useInspectionRights } from './rights';

const RESULTS: ChecklistEntry['result'][] = ['ok', 'finding', 'na'];

/** What an inspection of a radiation facility usually looks at; the inspector adds, removes and rewords. */
const TEMPLATE = [
  'licence',
  'rso',
  'training',
  'dosimetry',
  'health',
  'qa',
  'signs',
  'shielding',
  'sources',
  'emergency',
  'records',
] as const;

interface Values {
  checklist: { item: string; result?: ChecklistEntry['result']; note?: string | null }[];
}

function ChecklistDrawer({ inspectionId, onClose }: { inspectionId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const current = useInspection(inspectionId);
  const invalidate = useInvalidateInspections();
  const labels: Record<string, string> = { checklist: t('inspections.checklist.title') };
  const { error, handle, clear } = useFormError(form, ['checklist'], labels);
  const close = () => {
    clear();
    onClose();
  };
  const toValues = (inspection: Inspection): Values => ({
    checklist:
      inspection.checklist.length > 0
        ? inspection.checklist.map((entry) => ({ ...entry, note: entry.note ?? null }))
        : TEMPLATE.map((key) => ({ item: t(`inspections.checklist.template.${key}`) })),
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const before = current.data!;
      const body: UpdateInspectionBody = {
        version: before.version,
        checklist: values.checklist.map((entry) => ({
          item: entry.item.trim(),
          result: entry.result ?? 'na',
          note: entry.note?.trim() || null,
        })),
      };
      return api.patch<Inspection>(`/inspections/${inspectionId}`, body);
    },
    onMutate: clear,
    onSuccess: async () => {
      await invalidate();
      void message.success(t('inspections.checklist.saved'));
      close();
    },
    onError: handle,
  });

  return (
    <FormDrawer
      open
      onClose={close}
      title={t('inspections.checklist.editTitle')}
      editing
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="checklist-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      {current.data ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={toValues(current.data)}
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
          <Typography.Paragraph type="secondary">{t('inspections.checklist.hint')}</Typography.Paragraph>
          <Form.List
            name="checklist"
            rules={[
              {
                validator: async (_rule, entries: unknown[] | undefined) => {
                  if (entries && entries.length > 200)
                    throw new Error(t('inspections.checklist.tooMany', { max: 200 }));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="checklist-row" data-testid={`checklist-row-${index}`}>
                    <Row gutter={8} align="top" wrap={false}>
                      <Col flex="auto" style={{ minWidth: 0 }}>
                        <Form.Item
                          name={[field.name, 'item']}
                          style={{ marginBottom: 4 }}
                          rules={[
                            { required: true, whitespace: true, message: t('form.required') },
                            { max: 300, message: t('form.maxLength', { max: 300 }) },
                          ]}
                        >
                          <Input.TextArea
                            autoSize={{ minRows: 1, maxRows: 3 }}
                            variant="borderless"
                            className="checklist-item"
                            placeholder={t('inspections.checklist.itemPlaceholder')}
                            aria-label={t('inspections.checklist.item')}
                            data-testid={`checklist-item-${index}`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'result']}
                          style={{ marginBottom: 4 }}
                          rules={[{ required: true, message: t('inspections.checklist.resultRequired') }]}
                        >
                          <Radio.Group
                            optionType="button"
                            buttonStyle="solid"
                            size="small"
                            options={RESULTS.map((value) => ({
                              value,
                              label: t(`inspections.checklist.results.${value}`),
                            }))}
                            aria-label={t('inspections.checklist.result')}
                            data-testid={`checklist-result-${index}`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'note']}
                          style={{ marginBottom: 0 }}
                          rules={[{ max: 1000, message: t('form.maxLength', { max: 1000 }) }]}
                        >
                          <Input
                            size="small"
                            placeholder={t('inspections.checklist.notePlaceholder')}
                            aria-label={t('inspections.checklist.note')}
                            data-testid={`checklist-note-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="none">
                        <Button
                          type="text"
                          size="small"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(field.name)}
                        />
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ item: '' })}
                  block
                  style={{ marginTop: 12 }}
                  data-testid="checklist-add-item"
                >
                  {t('inspections.checklist.addItem')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form>
      ) : null}
    </FormDrawer>
  );
}

/** The checklist of the visit: each point with its result and the inspector's note. */
export function ChecklistCard({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const rights = useInspectionRights();
  const [drawer, setDrawer] = useState({ open: false, session: 0 });
  const editable = rights.manage && !isFinal(inspection.status);
  const counts = { ok: 0, finding: 0, na: 0 };
  for (const entry of inspection.checklist) counts[entry.result] += 1;

  return (
    <Card
      title={t('inspections.checklist.title')}
      className="detail-card"
      data-testid="inspection-checklist"
      extra={
        editable ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
            data-testid="checklist-edit"
          >
            {inspection.checklist.length > 0
              ? t('inspections.checklist.edit')
              : t('inspections.checklist.fill')}
          </Button>
        ) : null
      }
    >
      {inspection.checklist.length === 0 ? (
        <TableEmpty text={t('inspections.checklist.empty')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('inspections.checklist.counts', counts)}
          </Typography.Paragraph>
          {inspection.checklist.map((entry, index) => (
            <Flex
              key={index}
              gap={8}
              align="flex-start"
              className="item-row"
              data-testid={`checklist-entry-${index}`}
            >
              <div style={{ flex: 'none', paddingTop: 1 }}>
                <ChecklistResultTag result={entry.result} />
              </div>
              <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                <div>{entry.item}</div>
                {entry.note ? (
                  <div className="muted" style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
                    {entry.note}
                  </div>
                ) : null}
              </div>
            </Flex>
          ))}
        </>
      )}
      {drawer.open ? (
        <ChecklistDrawer
          key={drawer.session}
          inspectionId={inspection.id}
          onClose={() => setDrawer((current) => ({ ...current, open: false }))}
        />
      ) : null}
    </Card>
  );
}
