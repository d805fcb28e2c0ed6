import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
} from 'antd';
import { AimOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import {
  INCIDENT_KINDS,
  type IncidentCreateBody,
  type IncidentKind,
  type IncidentOrigin,
} from '@sievert/core';
import { PageHeader } from '../../ui/PageHeader';
import { useFormError } from '../../ui/forms/useFormError';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useCommuneShapes } from '../geo/api';
import { CommuneSelect } from '../geo/CommuneSelect';
import { FacilitySelect } from '../registry/facilities/FacilitySelect';
import { useCreateIncident } from './api';
import { IncidentMap, type MapPoint } from './IncidentMap';
import { communeAt } from './model';
import { INCIDENTS_PATH, incidentPath } from './paths';
import { useIncidentRights } from './rights';
import { SourceSelect } from './SourceSelect';
import '../registry/registry.css';
import './incidents.css';

/** How an official came to know of the incident (a facility's report is always `facility_report`). */
const OFFICIAL_ORIGINS: readonly IncidentOrigin[] = ['officer', 'hotline', 'inspection'];
/** Kinds that happen at (or to) a facility of the registry. */
const FACILITY_KINDS: ReadonlySet<IncidentKind> = new Set([
  'lost_source',
  'contamination',
  'overexposure',
  'transport_accident',
  'fire',
  'security_event',
]);

interface Values {
  kind: IncidentKind;
  title: string;
  description?: string;
  lat?: number | null;
  lon?: number | null;
  communeCode?: string | null;
  discoveredAt: Dayjs;
  origin?: IncidentOrigin;
  exercise?: boolean;
  facilityId?: number | null;
  sourceId?: number | null;
}

const FIELDS = [
  'kind',
  'title',
  'description',
  'lat',
  'lon',
  'communeCode',
  'discoveredAt',
  'origin',
  'exercise',
  'facilityId',
  'sourceId',
] as const;

/**
 * "Báo cáo sự cố": a facility or an official reports an incident — what, where (a click on the map finds the
 * commune), when it was discovered (the statutory clocks start then), and for lost or found sources which one.
 * One column on a tablet or a phone, the map beside the form on a wide screen.
 */
export default function IncidentReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useIncidentRights();
  const official = rights.myFacilityId === null;
  const shapes = useCommuneShapes();
  const [form] = Form.useForm<Values>();
  const [search] = useSearchParams();
  // Opened from an inspection finding: where it came from, the facility and the finding's words.
  const fromFinding = official && search.get('origin') === 'inspection';
  const prefilledFacility = Number(search.get('facility'));
  const kind = Form.useWatch('kind', form);
  const lat = Form.useWatch('lat', form);
  const lon = Form.useWatch('lon', form);
  const facilityId = Form.useWatch('facilityId', form);
  const exercise = Form.useWatch('exercise', form);
  const [outside, setOutside] = useState(false);
  const create = useCreateIncident();

  const labels: Record<string, string> = {
    kind: t('incidents.fields.kind'),
    title: t('incidents.fields.title'),
    description: t('incidents.fields.description'),
    lat: t('incidents.fields.lat'),
    lon: t('incidents.fields.lon'),
    communeCode: t('incidents.fields.commune'),
    discoveredAt: t('incidents.fields.discoveredAt'),
    origin: t('incidents.fields.origin'),
    exercise: t('incidents.fields.exercise'),
    facilityId: t('incidents.fields.facility'),
    sourceId: t('incidents.fields.source'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels, {
    'geo.unknown_commune': 'communeCode',
  });

  const point = useMemo<MapPoint | null>(
    () => (typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null),
    [lat, lon],
  );
  const pick = useCallback(
    (at: MapPoint) => {
      const rounded = { lat: Number(at.lat.toFixed(6)), lon: Number(at.lon.toFixed(6)) };
      const commune = shapes.data ? communeAt(shapes.data, rounded) : null;
      setOutside(commune === null);
      form.setFieldsValue({ ...rounded, ...(commune ? { communeCode: commune } : {}) });
      void form.validateFields(['lat', 'lon', ...(commune ? ['communeCode' as const] : [])]);
    },
    [form, shapes.data],
  );

  const showFacility = official && rights.readFacilities && kind !== undefined && FACILITY_KINDS.has(kind);
  const showSource = rights.readSources && (kind === 'lost_source' || kind === 'found_source');

  const submit = (values: Values) => {
    clear();
    const body: IncidentCreateBody = {
      kind: values.kind,
      title: values.title.trim(),
      description: values.description?.trim() ?? '',
      lat: values.lat ?? 0,
      lon: values.lon ?? 0,
      communeCode: values.communeCode ?? '',
      discoveredAt: values.discoveredAt.toISOString(),
      origin: official ? (values.origin ?? 'officer') : 'facility_report',
      ...(rights.manage ? { exercise: values.exercise === true } : {}),
      ...(showFacility && values.facilityId ? { facilityId: values.facilityId } : {}),
      ...(!official && FACILITY_KINDS.has(values.kind) ? { facilityId: rights.myFacilityId } : {}),
      ...(showSource && values.sourceId ? { sourceId: values.sourceId } : {}),
    };
    create.mutate(body, {
      onSuccess: (incident) => {
        void message.success(t('incidents.report.created', { number: incident.number }));
        void navigate(incidentPath(incident.id));
      },
      onError: handle,
    });
  };

  return (
    <div className="incident-report">
      <Breadcrumb
        className="registry-breadcrumb"
        items={[
          { title: <Link to={INCIDENTS_PATH}>{t('domains.incidents.title')}</Link> },
          { title: t('incidents.report.title') },
        ]}
      />
      <PageHeader title={t('incidents.report.title')} subtitle={t('incidents.report.subtitle')} />
      <Alert type="warning" showIcon title={t('incidents.report.urgent')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          discoveredAt: dayjs(),
          origin: fromFinding ? 'inspection' : 'officer',
          exercise: false,
          ...(fromFinding && Number.isInteger(prefilledFacility) && prefilledFacility > 0
            ? { facilityId: prefilledFacility }
            : {}),
          ...(fromFinding && search.get('text') ? { description: search.get('text')!.slice(0, 5000) } : {}),
        }}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        data-testid="incident-report-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('incidents.report.what')} className="detail-card">
              <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 16 }} />
              {exercise ? (
                <Alert
                  type="info"
                  showIcon
                  title={t('incidents.report.exerciseNote')}
                  style={{ marginBottom: 16 }}
                />
              ) : null}
              <Form.Item
                name="kind"
                label={labels.kind}
                rules={[{ required: true, message: t('incidents.report.kindRequired') }]}
              >
                <Select<IncidentKind>
                  placeholder={t('incidents.report.kindPlaceholder')}
                  options={INCIDENT_KINDS.map((value) => ({
                    value,
                    label: (
                      <div className="incident-kind-option">
                        <div>{t(`incidents.kinds.${value}`)}</div>
                        <div className="muted">{t(`incidents.kindHints.${value}`)}</div>
                      </div>
                    ),
                    title: t(`incidents.kinds.${value}`),
                  }))}
                  optionLabelProp="title"
                  size="large"
                  data-testid="incident-kind"
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={labels.title}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  { max: 300, message: t('form.maxLength', { max: 300 }) },
                ]}
              >
                <Input
                  size="large"
                  placeholder={t('incidents.report.titlePlaceholder')}
                  data-testid="incident-title-input"
                />
              </Form.Item>
              <Form.Item
                name="description"
                label={labels.description}
                extra={t('incidents.report.descriptionHint')}
                rules={[{ max: 50_000, message: t('form.maxLength', { max: 50_000 }) }]}
              >
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="incident-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={official ? 12 : 24}>
                  <Form.Item
                    name="discoveredAt"
                    label={labels.discoveredAt}
                    extra={t('incidents.report.discoveredAtHint')}
                    rules={[{ required: true, message: t('form.required') }]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="DD/MM/YYYY HH:mm"
                      style={{ width: '100%' }}
                      disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                      data-testid="incident-discovered-at"
                    />
                  </Form.Item>
                </Col>
                {official ? (
                  <Col xs={24} sm={12}>
                    <Form.Item name="origin" label={labels.origin}>
                      <Select<IncidentOrigin>
                        options={OFFICIAL_ORIGINS.map((value) => ({
                          value,
                          label: t(`incidents.origins.${value}`),
                        }))}
                        data-testid="incident-origin"
                      />
                    </Form.Item>
                  </Col>
                ) : null}
              </Row>
              {showFacility ? (
                <Form.Item
                  name="facilityId"
                  label={labels.facilityId}
                  extra={t('incidents.report.facilityHint')}
                >
                  <FacilitySelect allowClear style={{ width: '100%' }} data-testid="incident-facility" />
                </Form.Item>
              ) : null}
              {showSource ? (
                <Form.Item
                  name="sourceId"
                  label={labels.sourceId}
                  extra={
                    kind === 'lost_source'
                      ? t('incidents.report.lostSourceHint')
                      : t('incidents.report.foundSourceHint')
                  }
                >
                  <SourceSelect
                    facilityId={kind === 'lost_source' ? (facilityId ?? rights.myFacilityId) : null}
                    status={kind === 'found_source' ? 'lost_stolen' : undefined}
                    placeholder={t('incidents.report.sourcePlaceholder')}
                    style={{ width: '100%' }}
                    data-testid="incident-source"
                  />
                </Form.Item>
              ) : null}
              {rights.manage ? (
                <Form.Item name="exercise" valuePropName="checked" extra={t('incidents.report.exerciseHint')}>
                  <Checkbox data-testid="incident-exercise">{t('incidents.report.exercise')}</Checkbox>
                </Form.Item>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('incidents.report.where')} className="detail-card">
              <Typography.Paragraph type="secondary">
                <AimOutlined /> {t('incidents.report.mapHint')}
              </Typography.Paragraph>
              <IncidentMap
                shapes={shapes.data}
                point={point}
                onPick={pick}
                labels={{ point: t('incidents.map.point') }}
                ariaLabel={t('incidents.report.mapAria')}
                testId="incident-location-map"
                className="incident-map incident-map-pick"
              />
              {outside && point ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('incidents.report.outside')}
                  style={{ marginTop: 12 }}
                  data-testid="incident-outside"
                />
              ) : null}
              <Row gutter={12} style={{ marginTop: 12 }}>
                <Col xs={12}>
                  <Form.Item
                    name="lat"
                    label={labels.lat}
                    rules={[{ required: true, message: t('incidents.report.pointRequired') }]}
                  >
                    <InputNumber
                      min={-90}
                      max={90}
                      step={0.0001}
                      style={{ width: '100%' }}
                      data-testid="incident-lat"
                    />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    name="lon"
                    label={labels.lon}
                    rules={[{ required: true, message: t('incidents.report.pointRequired') }]}
                  >
                    <InputNumber
                      min={-180}
                      max={180}
                      step={0.0001}
                      style={{ width: '100%' }}
                      data-testid="incident-lon"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="communeCode"
                label={labels.communeCode}
                extra={t('incidents.report.communeHint')}
                rules={[{ required: true, message: t('incidents.report.communeRequired') }]}
              >
                <CommuneSelect style={{ width: '100%' }} data-testid="incident-commune" />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Flex justify="flex-end" gap={8} wrap style={{ marginTop: 16 }}>
          <Button size="large" onClick={() => void navigate(INCIDENTS_PATH)}>
            {t('common.cancel')}
          </Button>
          <Button
            size="large"
            type="primary"
            danger
            htmlType="submit"
            icon={<SendOutlined />}
            loading={create.isPending}
            data-testid="incident-submit"
          >
            {t('incidents.report.submit')}
          </Button>
        </Flex>
      </Form>
    </div>
  );
}
