import {
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  STATION_KINDS,
  STATION_STATUSES,
  type ConversionFactor,
  type CreateStationBody,
  type Station,
  type StationKind,
  type StationStatus,
  type UpdateStationBody,
} from '@sievert/core';
import { api } from '../../app/api/client';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { FormErrors } from '../../ui/forms/FormErrors';
import { useFormError } from '../../ui/forms/useFormError';
import { OrganisationSelect } from '../auth/organisations/OrganisationSelect';
import { CommuneSelect } from '../geo/CommuneSelect';
import { stationPath, useInvalidateStations, useStation } from './api';

type IntervalUnit = 'min' | 's';

interface FactorValues {
  sensor?: string;
  nSvPerHourPerCps?: number | null;
  backgroundCps?: number | null;
}

interface Values {
  code: string;
  name: string;
  kind: StationKind;
  lat: number;
  lon: number;
  communeCode?: string | null;
  heightM?: number | null;
  altitudeM?: number | null;
  detectorType?: string | null;
  conversionFactors?: FactorValues[];
  status: StationStatus;
  /** The interval in `intervalUnit`; named like the API field so the server's errors land on it. */
  intervalS: number;
  intervalUnit: IntervalUnit;
  ownerId?: number | null;
  note?: string | null;
}

const FIELDS = [
  'code',
  'name',
  'kind',
  'lat',
  'lon',
  'communeCode',
  'heightM',
  'altitudeM',
  'detectorType',
  'conversionFactors',
  'status',
  'intervalS',
  'ownerId',
  'note',
] as const;

const CODE_PATTERN = /^[A-Z]{2}[A-Z0-9]{1,18}$/;

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toValues(station: Station): Values {
  const minutes = station.intervalS % 60 === 0;
  return {
    code: station.code,
    name: station.name,
    kind: station.kind,
    lat: station.lat,
    lon: station.lon,
    communeCode: station.communeCode,
    heightM: station.heightM,
    altitudeM: station.altitudeM,
    detectorType: station.detectorType,
    conversionFactors: station.conversionFactors.map((factor) => ({
      sensor: factor.sensor,
      nSvPerHourPerCps: factor.nSvPerHourPerCps,
      backgroundCps: factor.backgroundCps ?? null,
    })),
    status: station.status,
    intervalS: minutes ? station.intervalS / 60 : station.intervalS,
    intervalUnit: minutes ? 'min' : 's',
    ownerId: station.ownerId,
    note: station.note,
  };
}

function seconds(values: Pick<Values, 'intervalS' | 'intervalUnit'>): number {
  return Math.round(values.intervalS * (values.intervalUnit === 'min' ? 60 : 1));
}

function factors(list: FactorValues[] | undefined): ConversionFactor[] {
  return (list ?? [])
    .filter((factor) => text(factor.sensor) && typeof factor.nSvPerHourPerCps === 'number')
    .map((factor) => ({
      sensor: text(factor.sensor) ?? '',
      nSvPerHourPerCps: factor.nSvPerHourPerCps as number,
      ...(typeof factor.backgroundCps === 'number' ? { backgroundCps: factor.backgroundCps } : {}),
    }));
}

/** Everything but the code, as the API takes it. */
function fields(values: Values) {
  return {
    name: values.name.trim(),
    kind: values.kind,
    lat: values.lat,
    lon: values.lon,
    communeCode: values.communeCode ?? null,
    heightM: values.heightM ?? null,
    altitudeM: values.altitudeM ?? null,
    detectorType: text(values.detectorType),
    conversionFactors: factors(values.conversionFactors),
    status: values.status,
    intervalS: seconds(values),
    ownerId: values.ownerId ?? null,
    note: text(values.note),
  };
}

export function StationDrawer({
  open,
  code,
  onClose,
}: {
  open: boolean;
  /** null: add a new station. */
  code: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const editing = code !== null;
  const current = useStation(open ? code : null);
  const invalidate = useInvalidateStations();

  const labels: Record<string, string> = {
    code: t('monitoring.station.code'),
    name: t('monitoring.station.name'),
    kind: t('monitoring.station.kind'),
    lat: t('monitoring.station.lat'),
    lon: t('monitoring.station.lon'),
    communeCode: t('monitoring.station.commune'),
    heightM: t('monitoring.station.heightM'),
    altitudeM: t('monitoring.station.altitudeM'),
    detectorType: t('monitoring.station.detector'),
    conversionFactors: t('monitoring.factors.title'),
    status: t('monitoring.station.status'),
    intervalS: t('monitoring.station.interval'),
    ownerId: t('monitoring.station.owner'),
    note: t('monitoring.station.note'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);

  const close = () => {
    clear();
    onClose();
  };

  const save = useMutation({
    mutationFn: async (values: Values): Promise<Station | null> => {
      if (!editing) {
        const body: CreateStationBody = { code: values.code.trim().toUpperCase(), ...fields(values) };
        return api.post<Station>('/stations', body);
      }
      const before = current.data;
      if (!before) return null;
      const previous = fields(toValues(before)) as Record<string, unknown>;
      const body: UpdateStationBody = { version: before.version };
      const target = body as Record<string, unknown>;
      for (const [key, value] of Object.entries(fields(values)))
        if (JSON.stringify(value) !== JSON.stringify(previous[key])) target[key] = value;
      if (Object.keys(body).length === 1) return before;
      return api.patch<Station>(`/stations/${encodeURIComponent(before.code)}`, body);
    },
    onMutate: clear,
    onSuccess: async (saved) => {
      await invalidate();
      if (saved)
        void message.success(
          editing
            ? t('monitoring.station.saved', { code: saved.code })
            : t('monitoring.station.created', { code: saved.code }),
        );
      close();
      if (saved && !editing) void navigate(stationPath(saved.code));
    },
    onError: handle,
  });

  const required = { required: true, message: t('form.required') };

  return (
    <FormDrawer
      open={open}
      onClose={close}
      title={editing ? t('monitoring.station.editTitle') : t('monitoring.station.createTitle')}
      editing={editing}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="station-save"
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
                kind: 'gamma_dose_rate',
                status: 'operating',
                intervalS: 10,
                intervalUnit: 'min',
                conversionFactors: [],
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
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={labels.code}
              extra={editing ? undefined : t('monitoring.station.codeHint')}
              normalize={(value: string | undefined) => value?.toUpperCase().replace(/\s/g, '')}
              rules={[required, { pattern: CODE_PATTERN, message: t('monitoring.station.codeFormat') }]}
            >
              <Input
                className="mono"
                autoComplete="off"
                maxLength={20}
                disabled={editing}
                placeholder="VN33001"
                data-testid="station-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="kind" label={labels.kind} rules={[required]}>
              <Select<StationKind>
                options={STATION_KINDS.map((value) => ({ value, label: t(`monitoring.kinds.${value}`) }))}
                data-testid="station-kind"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label={labels.name}
          rules={[
            { ...required, whitespace: true },
            { min: 2, max: 200, message: t('form.lengthBetween', { min: 2, max: 200 }) },
          ]}
        >
          <Input placeholder={t('monitoring.station.namePlaceholder')} data-testid="station-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item
              name="lat"
              label={labels.lat}
              rules={[required]}
              extra={t('monitoring.station.latHint')}
            >
              <InputNumber
                min={-90}
                max={90}
                step={0.0001}
                style={{ width: '100%' }}
                data-testid="station-lat"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="lon"
              label={labels.lon}
              rules={[required]}
              extra={t('monitoring.station.lonHint')}
            >
              <InputNumber
                min={-180}
                max={180}
                step={0.0001}
                style={{ width: '100%' }}
                data-testid="station-lon"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="communeCode" label={labels.communeCode}>
          <CommuneSelect data-testid="station-commune" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item name="heightM" label={labels.heightM}>
              <InputNumber min={0} max={500} step={0.1} suffix="m" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="altitudeM" label={labels.altitudeM}>
              <InputNumber min={-500} max={9000} step={1} suffix="m" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="detectorType"
          label={labels.detectorType}
          rules={[{ max: 120, message: t('form.maxLength', { max: 120 }) }]}
        >
          <Input placeholder={t('monitoring.station.detectorPlaceholder')} data-testid="station-detector" />
        </Form.Item>
        <Form.Item label={labels.conversionFactors} extra={t('monitoring.factors.hint')}>
          <Form.List name="conversionFactors">
            {(items, { add, remove }, meta) => (
              <Flex vertical gap={8}>
                {items.map((item) => (
                  <Flex key={item.key} gap={8} align="flex-start" wrap className="factor-row">
                    <Form.Item
                      name={[item.name, 'sensor']}
                      rules={[
                        { ...required, whitespace: true },
                        { max: 40, message: t('form.maxLength', { max: 40 }) },
                      ]}
                      style={{ marginBottom: 0, flex: '1 1 120px' }}
                    >
                      <Input
                        placeholder={t('monitoring.factors.sensor')}
                        aria-label={t('monitoring.factors.sensor')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'nSvPerHourPerCps']}
                      rules={[required]}
                      style={{ marginBottom: 0, flex: '1 1 120px' }}
                    >
                      <InputNumber
                        min={0.000001}
                        max={1e6}
                        placeholder={t('monitoring.factors.factor')}
                        aria-label={t('monitoring.factors.factor')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'backgroundCps']}
                      style={{ marginBottom: 0, flex: '1 1 110px' }}
                    >
                      <InputNumber
                        min={0}
                        max={1e6}
                        placeholder={t('monitoring.factors.background')}
                        aria-label={t('monitoring.factors.background')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(item.name)}
                      aria-label={t('monitoring.factors.remove')}
                      title={t('monitoring.factors.remove')}
                    />
                  </Flex>
                ))}
                {items.length > 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('monitoring.factors.columns')}
                  </Typography.Text>
                ) : null}
                <Form.ErrorList errors={meta.errors} />
                {items.length < 16 ? (
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({})}
                    style={{ alignSelf: 'flex-start' }}
                    data-testid="station-factor-add"
                  >
                    {t('monitoring.factors.add')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="status" label={labels.status}>
          <Radio.Group
            options={STATION_STATUSES.map((value) => ({ value, label: t(`monitoring.statuses.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={labels.intervalS} required extra={t('monitoring.station.intervalHint')}>
          <Space.Compact style={{ width: 240, maxWidth: '100%' }}>
            <Form.Item
              name="intervalS"
              noStyle
              dependencies={['intervalUnit']}
              rules={[
                required,
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | null | undefined) => {
                    if (typeof value !== 'number') return;
                    const total = seconds({
                      intervalS: value,
                      intervalUnit: getFieldValue('intervalUnit') as IntervalUnit,
                    });
                    if (total < 10 || total > 86_400) throw new Error(t('monitoring.station.intervalRange'));
                  },
                }),
              ]}
            >
              <InputNumber
                min={1}
                max={86_400}
                precision={0}
                style={{ width: '55%' }}
                data-testid="station-interval"
              />
            </Form.Item>
            <Form.Item name="intervalUnit" noStyle>
              <Select<IntervalUnit>
                style={{ width: '45%' }}
                options={[
                  { value: 'min', label: t('monitoring.interval.unitMinutes') },
                  { value: 's', label: t('monitoring.interval.unitSeconds') },
                ]}
                data-testid="station-interval-unit"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="ownerId" label={labels.ownerId} extra={t('monitoring.station.ownerHint')}>
          <OrganisationSelect
            allowClear
            placeholder={t('monitoring.station.ownerPlaceholder')}
            data-testid="station-owner"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={labels.note}
          rules={[{ max: 2000, message: t('form.maxLength', { max: 2000 }) }]}
        >
          <Input.TextArea rows={3} data-testid="station-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
