import { App, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  INSPECTION_KINDS,
  type CreateInspectionBody,
  type Inspection,
  type UpdateInspectionBody,
} from '@sievert/core';
import { api } from '../../app/api/client';
import { registryPath } from '../../app/layout/navigation';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { FormErrors } from '../../ui/forms/FormErrors';
import { useFormError } from '../../ui/forms/useFormError';
import { FacilitySelect } from '../registry/facilities/FacilitySelect';
import { provinceToday } from '../registry/format';
import { useInspection, useInvalidateInspections } from './api';
import { InspectorSelect, TeamSelect } from './InspectorSelect';

type Kind = Inspection['kind'];

interface Values {
  facilityId: number;
  year: number;
  kind: Kind;
  plannedOn?: Dayjs | null;
  conductedOn?: Dayjs | null;
  leadInspectorId?: number | null;
  teamUserIds?: number[];
  summary?: string | null;
}

const FIELDS = [
  'facilityId',
  'year',
  'kind',
  'plannedOn',
  'conductedOn',
  'leadInspectorId',
  'teamUserIds',
  'summary',
] as const;

const DATE = 'YYYY-MM-DD';

function toValues(inspection: Inspection): Values {
  return {
    facilityId: inspection.facilityId,
    year: inspection.year,
    kind: inspection.kind,
    plannedOn: inspection.plannedOn ? dayjs(inspection.plannedOn) : null,
    conductedOn: inspection.conductedOn ? dayjs(inspection.conductedOn) : null,
    leadInspectorId: inspection.leadInspectorId,
    teamUserIds: inspection.teamUserIds,
    summary: inspection.summary,
  };
}

/** The years a plan is usually drawn up for: last year's late entries to the year after next. */
export function planYears(current: number): number[] {
  return [current + 2, current + 1, current, current - 1];
}

/**
 * Plans an inspection (the yearly plan: facility, kind, date, team) or changes a planned or ongoing one (dates,
 * team, conclusion). Status changes have their own buttons on the detail page.
 */
export function InspectionDrawer({
  open,
  inspectionId,
  defaultYear,
  defaultFacilityId,
  onClose,
}: {
  open: boolean;
  /** null: plan a new inspection. */
  inspectionId: number | null;
  defaultYear?: number;
  /** The facility a new inspection is planned for, when already chosen (the list's filter). */
  defaultFacilityId?: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const editing = inspectionId !== null;
  const current = useInspection(open ? inspectionId : null);
  const invalidate = useInvalidateInspections();
  const year = Form.useWatch('year', form);
  const lead = Form.useWatch('leadInspectorId', form);
  const today = provinceToday();
  const thisYear = Number(today.slice(0, 4));

  const labels: Record<string, string> = {
    facilityId: t('registry.facilityColumn'),
    year: t('inspections.fields.year'),
    kind: t('inspections.fields.kind'),
    plannedOn: t('inspections.fields.plannedOn'),
    conductedOn: t('inspections.fields.conductedOn'),
    leadInspectorId: t('inspections.fields.lead'),
    teamUserIds: t('inspections.fields.team'),
    summary: t('inspections.fields.summary'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Inspection | null> => {
      const plannedOn = values.plannedOn ? values.plannedOn.format(DATE) : null;
      if (!editing) {
        const body: CreateInspectionBody = {
          facilityId: values.facilityId,
          year: values.year,
          kind: values.kind,
          plannedOn,
          ...(values.leadInspectorId ? { leadInspectorId: values.leadInspectorId } : {}),
          teamUserIds: (values.teamUserIds ?? []).filter((id) => id !== values.leadInspectorId),
        };
        return api.post<Inspection>('/inspections', body);
      }
      const before = current.data;
      if (!before) return null;
      const body: UpdateInspectionBody = { version: before.version };
      if (plannedOn !== before.plannedOn) body.plannedOn = plannedOn;
      const conductedOn = values.conductedOn ? values.conductedOn.format(DATE) : null;
      if (conductedOn !== before.conductedOn) body.conductedOn = conductedOn;
      const leadId = values.leadInspectorId ?? null;
      if (leadId !== before.leadInspectorId) body.leadInspectorId = leadId;
      const team = (values.teamUserIds ?? []).filter((id) => id !== leadId);
      if (JSON.stringify(team) !== JSON.stringify(before.teamUserIds)) body.teamUserIds = team;
      const summary = values.summary?.trim() || null;
      if (summary !== before.summary) body.summary = summary;
      if (Object.keys(body).length === 1) return before;
      return api.patch<Inspection>(`/inspections/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('inspections.messages.saved')
            : t('inspections.messages.created', { facility: saved.facilityName }),
        );
      close();
      if (saved && !editing) void navigate(registryPath('inspections', saved.id));
    },
    onError: handle,
  });

  const started = editing && current.data ? current.data.status !== 'planned' : false;

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('inspections.drawer.editTitle') : t('inspections.drawer.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="inspection-save"
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
                year: defaultYear ?? thisYear,
                kind: 'planned',
                teamUserIds: [],
                ...(defaultFacilityId ? { facilityId: defaultFacilityId } : {}),
              }
        }
        onValuesChange={(changed: Partial<Values>) => {
          // A planned date belongs to the plan's year: a new year drops a date from another one.
          if (!editing && changed.year !== undefined) {
            const planned = form.getFieldValue('plannedOn') as Dayjs | null | undefined;
            if (planned && planned.year() !== changed.year) form.setFieldValue('plannedOn', null);
          }
        }}
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
          <FacilitySelect disabled={editing} data-testid="inspection-facility" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="year"
              label={labels.year}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select<number>
                disabled={editing}
                options={planYears(thisYear).map((value) => ({ value, label: String(value) }))}
                data-testid="inspection-year"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="plannedOn"
              label={labels.plannedOn}
              extra={editing ? undefined : t('inspections.drawer.plannedOnHint')}
              rules={
                editing
                  ? []
                  : [
                      {
                        validator: async (_rule, value: Dayjs | null | undefined) => {
                          if (value && year && value.year() !== year)
                            throw new Error(t('inspections.drawer.plannedOnYear', { year }));
                        },
                      },
                    ]
              }
            >
              <DatePicker
                format="DD/MM/YYYY"
                style={{ width: '100%' }}
                disabledDate={editing || !year ? undefined : (day) => day.year() !== year}
                defaultPickerValue={
                  !editing && year && year !== thisYear ? dayjs(`${year}-01-01`) : undefined
                }
                data-testid="inspection-planned-on"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={labels.kind} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group
            disabled={editing}
            options={INSPECTION_KINDS.map((value) => ({ value, label: t(`inspections.kinds.${value}`) }))}
            data-testid="inspection-kind"
          />
        </Form.Item>
        {started ? (
          <Form.Item name="conductedOn" label={labels.conductedOn}>
            <DatePicker
              format="DD/MM/YYYY"
              style={{ width: '100%' }}
              disabledDate={(day) => day.format(DATE) > today}
              data-testid="inspection-conducted-on"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="leadInspectorId"
          label={labels.leadInspectorId}
          extra={editing ? undefined : t('inspections.drawer.leadHint')}
        >
          <InspectorSelect
            placeholder={t('inspections.drawer.leadPlaceholder')}
            data-testid="inspection-lead"
          />
        </Form.Item>
        <Form.Item
          name="teamUserIds"
          label={labels.teamUserIds}
          extra={t('inspections.drawer.teamHint')}
          rules={[{ type: 'array', max: 20, message: t('inspections.drawer.teamMax', { max: 20 }) }]}
        >
          <TeamSelect
            placeholder={t('inspections.drawer.teamPlaceholder')}
            exclude={lead ? [lead] : undefined}
            data-testid="inspection-team"
          />
        </Form.Item>
        {editing ? (
          <Form.Item
            name="summary"
            label={labels.summary}
            rules={[{ max: 10000, message: t('form.maxLength', { max: 10000 }) }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="inspection-summary" />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
