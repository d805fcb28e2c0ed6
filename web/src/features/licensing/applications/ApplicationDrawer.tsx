import { useMemo } from 'react';
import { Alert, App, Form, Input, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  PROCEDURE_CODES,
  type Application,
  type CreateApplicationBody,
  type ProcedureCode,
  type UpdateApplicationBody,
} from '@sievert/core';
import { api } from '../../../app/api/client';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { registryPath } from '../../../app/layout/navigation';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { useFormError } from '../../../ui/forms/useFormError';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { useDevices, useFacility, useInvalidateRegistry, useSources } from '../../registry/api';
import { deviceTitle, sourceTitle } from '../../registry/labels';
import { useRegistryRights } from '../../registry/rights';
import { MAX_PAGE, useApplication, useLicences } from '../api';
import { procedureName, procedureOf } from '../badges';

interface Values {
  procedure: ProcedureCode;
  deviceIds?: number[];
  sourceIds?: number[];
  licenceId?: number | null;
  note?: string | null;
}

const FIELDS = ['procedure', 'deviceIds', 'sourceIds', 'licenceId', 'note'] as const;
const NEEDS_LICENCE: ReadonlySet<ProcedureCode> = new Set(['licence_renewal', 'licence_amendment']);

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Starts or completes an application (a draft, or a dossier returned for completion) of the user's own facility. */
export function ApplicationDrawer({
  open,
  applicationId,
  facilityId,
  deviceIds,
  onClose,
}: {
  open: boolean;
  /** null: start a new application. */
  applicationId: number | null;
  facilityId?: number | null;
  /** Devices to put in a new application (from a device's page). */
  deviceIds?: number[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useRegistryRights();
  const [form] = Form.useForm<Values>();
  const procedure = Form.useWatch('procedure', form);
  const editing = applicationId !== null;
  const current = useApplication(open ? applicationId : null);
  const facility = current.data?.facilityId ?? facilityId ?? rights.myFacilityId;
  const facilityData = useFacility(facility);
  const devices = useDevices(
    { facilityId: facility ?? undefined, limit: MAX_PAGE, offset: 0 },
    facility !== null,
  );
  const sources = useSources(
    { facilityId: facility ?? undefined, limit: MAX_PAGE, offset: 0 },
    facility !== null,
  );
  const licences = useLicences(
    { facilityId: facility ?? undefined, limit: MAX_PAGE, offset: 0 },
    facility !== null,
  );
  const invalidate = useInvalidateRegistry();

  const labels: Record<string, string> = {
    procedure: t('licensing.application.procedure'),
    deviceIds: t('licensing.application.devices'),
    sourceIds: t('licensing.application.sources'),
    licenceId: t('licensing.application.licence'),
    note: t('licensing.application.note'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);
  const close = () => {
    clear();
    onClose();
  };

  const deviceOptions = useMemo(
    () =>
      (devices.data?.items ?? []).map((device) => {
        const title = deviceTitle(device, t);
        const parts = [title.type, title.model, device.serial].filter(Boolean).join(' · ');
        return {
          value: device.id,
          label: device.unlicensed ? `${parts} — ${t('registry.flags.unlicensed')}` : parts,
        };
      }),
    [devices.data, t],
  );
  const sourceOptions = useMemo(
    () =>
      (sources.data?.items ?? []).map((source) => ({
        value: source.id,
        label: `${sourceTitle(source)} — ${t(`registry.sourceStatuses.${source.status}`)}`,
      })),
    [sources.data, t],
  );
  const licenceOptions = useMemo(
    () =>
      (licences.data?.items ?? []).map((licence) => ({
        value: licence.id,
        label: `${licence.number} — ${t(`licensing.licenceKinds.${licence.kind}`)} (${t(`licensing.licenceStatuses.${licence.status}`)})`,
      })),
    [licences.data, t],
  );

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Application | null> => {
      const needsLicence = NEEDS_LICENCE.has(values.procedure);
      if (!editing) {
        if (facility === null) return null;
        const body: CreateApplicationBody = {
          facilityId: facility,
          procedure: values.procedure,
          deviceIds: values.deviceIds ?? [],
          sourceIds: values.sourceIds ?? [],
          licenceId: needsLicence ? (values.licenceId ?? null) : null,
          note: text(values.note),
        };
        return api.post<Application>('/applications', body);
      }
      const before = current.data;
      if (!before) return null;
      const body: UpdateApplicationBody = {
        version: before.version,
        deviceIds: values.deviceIds ?? [],
        sourceIds: values.sourceIds ?? [],
        licenceId: needsLicence ? (values.licenceId ?? null) : null,
        note: text(values.note),
      };
      return api.patch<Application>(`/applications/${before.id}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('licensing.application.saved', { id: saved.id })
            : t('licensing.application.created', { id: saved.id }),
        );
      close();
      if (saved && !editing) void navigate(registryPath('applications', saved.id));
    },
    onError: handle,
  });

  const chosen = procedure ? procedureOf(procedure) : undefined;

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('licensing.application.editTitle') : t('licensing.application.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="application-save"
      loading={current.isPending}
      loadError={current.isError ? current.error : null}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing && current.data
            ? {
                procedure: current.data.procedure,
                deviceIds: current.data.deviceIds,
                sourceIds: current.data.sourceIds,
                licenceId: current.data.licenceId,
                note: current.data.note,
              }
            : { procedure: 'licence_new', deviceIds: deviceIds ?? [], sourceIds: [] }
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
        />
        <Form.Item label={t('registry.facilityColumn')}>
          <Typography.Text strong>{facilityData.data?.name ?? '…'}</Typography.Text>
        </Form.Item>
        <Form.Item
          name="procedure"
          label={labels.procedure}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select<ProcedureCode>
            disabled={editing}
            options={PROCEDURE_CODES.map((code) => ({
              value: code,
              label: t(`licensing.procedureShort.${code}`),
              title: procedureName(code, language),
            }))}
            data-testid="application-procedure"
          />
        </Form.Item>
        {chosen ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={chosen.name[language]}
            description={t('licensing.application.statutoryDays', {
              days: format.number(chosen.processingWorkingDays),
            })}
            data-testid="application-procedure-info"
          />
        ) : null}
        <Form.Item
          name="deviceIds"
          label={labels.deviceIds}
          extra={
            procedure === 'declaration' || procedure === 'licence_new'
              ? t('licensing.application.itemsNeeded')
              : undefined
          }
        >
          <Select<number[]>
            mode="multiple"
            allowClear
            loading={devices.isFetching}
            options={deviceOptions}
            optionFilterProp="label"
            placeholder={t('licensing.application.devicesPlaceholder')}
            notFoundContent={t('registry.device.empty')}
            data-testid="application-devices"
          />
        </Form.Item>
        <Form.Item name="sourceIds" label={labels.sourceIds}>
          <Select<number[]>
            mode="multiple"
            allowClear
            loading={sources.isFetching}
            options={sourceOptions}
            optionFilterProp="label"
            placeholder={t('licensing.application.sourcesPlaceholder')}
            notFoundContent={t('registry.source.empty')}
            data-testid="application-sources"
          />
        </Form.Item>
        {procedure && NEEDS_LICENCE.has(procedure) ? (
          <Form.Item
            name="licenceId"
            label={labels.licenceId}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select<number>
              loading={licences.isFetching}
              options={licenceOptions}
              notFoundContent={t('licensing.licence.empty')}
              data-testid="application-licence"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 4000, message: t('form.maxLength', { max: 4000 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('licensing.application.notePlaceholder')}
            data-testid="application-note"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
