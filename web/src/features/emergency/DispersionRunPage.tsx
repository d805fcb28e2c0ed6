import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Col,
  Collapse,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ArrowDownOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  DOSE_NUCLIDE_NAMES,
  Permission,
  RUN_AGE_GROUPS,
  SIGMA_SETS,
  type RunAgeGroup,
  type SigmaSet,
  type WeatherStation,
} from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useCommunes, useCommuneShapes } from '../geo/api';
import { CORDON_ACTIVITY_UNITS, type CordonActivityUnit } from './cordonView';
import { EMERGENCY_PATH, RUNS_PATH, runPath } from './paths';
import { useSaveRun } from './runApi';
import { useArrivalLabels, useZoneLabel } from './runDisplay';
import { RunMap } from './RunMap';
import { RunMapLegend } from './RunMapLegend';
import { RunResults } from './RunResults';
import {
  RUN_TEMPLATES,
  computeRun,
  initialRunForm,
  runCommunes,
  runInput,
  type LatLon,
  type RunFormState,
  type RunTemplateId,
} from './runView';
import { isStale } from './runWeather';
import { StabilityField } from './StabilityField';
import { useAgeText, WeatherStationPicker } from './WeatherStationPicker';
import { WindChangesEditor } from './WindChangesEditor';
import './emergency.css';

/** Units offered for a released activity (the cordon page's list without mCi). */
const ACTIVITY_UNITS = CORDON_ACTIVITY_UNITS.filter(([unit]) => unit !== 'mCi').map(([unit]) => unit);
/** Redraw at most this often while the officer types (ms). */
const DEBOUNCE_MS = 150;

/** A number input of the form, empty meaning "not given". */
function NumberField({
  value,
  onChange,
  testId,
  label,
  min,
  max,
  step,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  testId: string;
  label: string;
  min?: number;
  max?: number;
  step?: number;
}) {
  const language = useLanguage();
  return (
    <InputNumber
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      min={min}
      max={max}
      step={step}
      decimalSeparator={language === 'vi' ? ',' : '.'}
      style={{ width: '100%' }}
      data-testid={testId}
      aria-label={label}
    />
  );
}

/** The incident a new run belongs to, from `?incident=<id>` (a whole number ≥ 1), or undefined. */
function useIncidentId(): number | undefined {
  const [params] = useSearchParams();
  const id = Number(params.get('incident'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Where the wind and rain came from when a station filled them, with a warning when the reading is old. */
function WeatherSourceNote({ station, onDismiss }: { station: WeatherStation; onDismiss: () => void }) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  const stale = isStale(station.ageS);
  return (
    <Alert
      type={stale ? 'warning' : 'success'}
      showIcon
      closable={{ onClose: onDismiss }}
      style={{ marginBottom: 12 }}
      data-testid="run-weather-source"
      data-stale={stale ? 'true' : 'false'}
      title={t('emergency.run.weather.filled', { name: station.name, age: ageText(station.ageS) })}
      description={stale ? t('emergency.run.weather.staleWarning') : undefined}
    />
  );
}

/**
 * "Tính phát tán": a release on the province map, recomputed in the browser (core's computeDispersionRun) as the
 * form changes, with the GSR Part 7 zones, the arrival isochrones, the highest doses and the model's assumptions;
 * "Lưu lần tính" stores it on the server, which adds the communes and their population in each zone.
 */
export default function DispersionRunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const meta = useMeta().data;
  const { me } = useAuth();
  const canRun = me?.permissions.includes(Permission.EmergencyRun) ?? false;
  const shapes = useCommuneShapes();
  const save = useSaveRun();
  const zoneLabel = useZoneLabel();
  const arrivalLabels = useArrivalLabels();
  const incidentId = useIncidentId();

  const [form, setForm] = useState<RunFormState>(() => initialRunForm());
  const [template, setTemplate] = useState<RunTemplateId | null>('rdd_cs137');
  const [point, setPoint] = useState<LatLon | null>(null);
  const [title, setTitle] = useState('');
  const [weatherSource, setWeatherSource] = useState<WeatherStation | null>(null);
  const update = (patch: Partial<RunFormState>) => {
    setForm((previous) => ({ ...previous, ...patch }));
  };
  /** A wind typed by hand is no longer the station's. */
  const updateWind = (patch: Partial<RunFormState>) => {
    setWeatherSource(null);
    update(patch);
  };

  // The model runs on the form as it was 150 ms after the last change. A click on the map or a template also
  // moves the view to the zones, once they are computed.
  const [settled, setSettled] = useState({ form, point });
  const [fitKey, setFitKey] = useState(0);
  const wantFit = useRef(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled({ form, point });
      if (wantFit.current) {
        wantFit.current = false;
        setFitKey((k) => k + 1);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form, point]);
  const communeList = useCommunes();
  const runCommuneInput = useMemo(
    () => runCommunes(shapes.data, communeList.data, language),
    [shapes.data, communeList.data, language],
  );
  const outcome = useMemo(
    () => computeRun(settled.form, settled.point, runCommuneInput),
    [settled, runCommuneInput],
  );
  const result = outcome.ok ? outcome.result : null;
  const placePoint = useCallback((at: LatLon) => {
    wantFit.current = true;
    setPoint(at);
  }, []);

  const mapLabels = useMemo(
    () => ({
      release: t('emergency.run.map.release'),
      wind: t('emergency.run.map.wind'),
      zones: Object.fromEntries((result?.zones ?? []).map((z) => [z.code, zoneLabel(z)])),
      arrivals: arrivalLabels,
    }),
    [result, t, zoneLabel, arrivalLabels],
  );

  const applyTemplate = (id: RunTemplateId) => {
    const found = RUN_TEMPLATES.find((x) => x.id === id);
    if (!found) return;
    setTemplate(id);
    setWeatherSource(null);
    wantFit.current = true;
    // The template's weather replaces the form's: its class is given, the wind is steady.
    setForm((previous) => ({
      ...previous,
      ...found.form,
      nuclides: found.form.nuclides.map((n) => ({ ...n })),
      stabilityMode: 'manual',
      changes: [],
    }));
  };

  const pickStation = (station: WeatherStation) => {
    setWeatherSource(station);
    update({
      ...(station.windSpeedMS !== null ? { windSpeedMS: Math.round(station.windSpeedMS * 10) / 10 } : {}),
      ...(station.windFromDeg !== null ? { windFromDeg: Math.round(station.windFromDeg) } : {}),
      ...(station.rainMmH !== null ? { rainMmH: Math.round(station.rainMmH * 10) / 10 } : {}),
    });
  };

  const onSave = () => {
    const built = runInput(form, point);
    if (!built.ok) return;
    save.mutate(
      {
        ...built.input,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(incidentId !== undefined ? { incidentId } : {}),
      },
      {
        onSuccess: (run) => {
          void message.success(t('emergency.run.saved'));
          void navigate(runPath(run.id));
        },
        onError: (error) => void message.error(error.message),
      },
    );
  };

  const invalidText = outcome.ok
    ? null
    : outcome.message
      ? t('emergency.run.errors.model', { field: outcome.field, message: outcome.message })
      : t(`emergency.run.errors.${outcome.field}`, { defaultValue: outcome.field });

  const windFrom = form.windFromDeg ?? 0;

  return (
    <div className="run-page" lang={language}>
      <Breadcrumb
        className="registry-breadcrumb"
        items={[
          {
            title: (
              <Link to={EMERGENCY_PATH} data-testid="breadcrumb-emergency">
                {t('domains.emergency.title')}
              </Link>
            ),
          },
          { title: <Link to={RUNS_PATH}>{t('emergency.runs.nav')}</Link> },
          { title: t('emergency.run.nav') },
        ]}
      />
      <PageHeader title={t('emergency.run.title')} subtitle={t('emergency.run.subtitle')} />
      <Alert type="info" showIcon title={t('emergency.run.result.validity')} style={{ marginBottom: 16 }} />
      {incidentId !== undefined ? (
        <Alert
          type="warning"
          showIcon
          title={t('emergency.run.incident', { id: incidentId })}
          style={{ marginBottom: 16 }}
          data-testid="run-incident"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9} xxl={7}>
          <Card title={t('emergency.run.form.title')} size="small">
            <Form layout="vertical" component="div">
              <Form.Item
                label={t('emergency.run.form.template')}
                extra={t('emergency.run.form.templateHint')}
              >
                <Select
                  value={template}
                  placeholder={t('emergency.run.form.templatePlaceholder')}
                  onChange={(id: RunTemplateId) => applyTemplate(id)}
                  options={RUN_TEMPLATES.map(({ id }) => ({
                    value: id,
                    label: t(`emergency.run.templates.${id}`),
                  }))}
                  popupMatchSelectWidth={false}
                  data-testid="run-template"
                  aria-label={t('emergency.run.form.template')}
                />
              </Form.Item>
              <Form.Item label={t('emergency.run.form.point')} extra={t('emergency.run.form.pointHint')}>
                <Typography.Text data-testid="run-point" code>
                  {point
                    ? `${format.number(point.lat, 5)}° N, ${format.number(point.lon, 5)}° E`
                    : t('emergency.run.form.noPoint')}
                </Typography.Text>
              </Form.Item>
              <Form.Item label={t('emergency.run.form.nuclides')}>
                <Flex vertical gap={8}>
                  {form.nuclides.map((row, k) => (
                    <Space.Compact key={k} style={{ width: '100%' }}>
                      <Select
                        value={row.nuclide}
                        onChange={(nuclide: string) =>
                          update({ nuclides: form.nuclides.map((r, i) => (i === k ? { ...r, nuclide } : r)) })
                        }
                        options={DOSE_NUCLIDE_NAMES.map((name) => ({ value: name, label: name }))}
                        style={{ width: 110, flex: 'none' }}
                        data-testid={`run-nuclide-${k}`}
                        aria-label={t('emergency.run.form.nuclide')}
                      />
                      <InputNumber
                        value={row.activity}
                        onChange={(v) =>
                          update({
                            nuclides: form.nuclides.map((r, i) =>
                              i === k ? { ...r, activity: typeof v === 'number' ? v : null } : r,
                            ),
                          })
                        }
                        min={0}
                        decimalSeparator={language === 'vi' ? ',' : '.'}
                        style={{ width: '100%' }}
                        data-testid={`run-activity-${k}`}
                        aria-label={t('emergency.run.form.activity')}
                      />
                      <Select
                        value={row.unit}
                        onChange={(unit: CordonActivityUnit) =>
                          update({ nuclides: form.nuclides.map((r, i) => (i === k ? { ...r, unit } : r)) })
                        }
                        options={ACTIVITY_UNITS.map((unit) => ({ value: unit, label: unit }))}
                        style={{ width: 80, flex: 'none' }}
                        data-testid={`run-unit-${k}`}
                        aria-label={t('emergency.run.form.unit')}
                      />
                      <Button
                        icon={<DeleteOutlined />}
                        disabled={form.nuclides.length <= 1}
                        onClick={() => update({ nuclides: form.nuclides.filter((_, i) => i !== k) })}
                        aria-label={t('emergency.run.form.removeNuclide')}
                      />
                    </Space.Compact>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    size="small"
                    disabled={form.nuclides.length >= 20}
                    onClick={() =>
                      update({
                        nuclides: [...form.nuclides, { nuclide: 'Cs-137', activity: null, unit: 'GBq' }],
                      })
                    }
                    style={{ alignSelf: 'flex-start' }}
                    data-testid="run-add-nuclide"
                  >
                    {t('emergency.run.form.addNuclide')}
                  </Button>
                </Flex>
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item
                    label={t('emergency.run.form.height')}
                    extra={
                      form.fireMW !== null
                        ? t('emergency.run.form.heightFireHint')
                        : t('emergency.run.form.heightHint')
                    }
                  >
                    <NumberField
                      value={form.heightM}
                      onChange={(heightM) => update({ heightM })}
                      min={0}
                      max={2000}
                      testId="run-height"
                      label={t('emergency.run.form.height')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.duration')}>
                    <NumberField
                      value={form.durationMin}
                      onChange={(durationMin) => update({ durationMin })}
                      min={0}
                      testId="run-duration"
                      label={t('emergency.run.form.duration')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                label={t('emergency.run.form.fire')}
                extra={
                  result && form.fireMW !== null
                    ? t('emergency.run.form.fireRise', {
                        rise: format.number(result.plumeRiseM, 0),
                        height: format.number(result.effectiveHeightM, 0),
                      })
                    : t('emergency.run.form.fireHint')
                }
              >
                <NumberField
                  value={form.fireMW}
                  onChange={(fireMW) => update({ fireMW })}
                  min={0}
                  max={10_000}
                  testId="run-fire"
                  label={t('emergency.run.form.fire')}
                />
              </Form.Item>
              <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
                {t('emergency.run.form.weather')}
              </Divider>
              <Flex justify="flex-end" style={{ marginBottom: 8 }}>
                <WeatherStationPicker point={point} onPick={pickStation} />
              </Flex>
              {weatherSource ? (
                <WeatherSourceNote station={weatherSource} onDismiss={() => setWeatherSource(null)} />
              ) : null}
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.windSpeed')}>
                    <NumberField
                      value={form.windSpeedMS}
                      onChange={(windSpeedMS) => updateWind({ windSpeedMS })}
                      min={0.5}
                      max={60}
                      step={0.5}
                      testId="run-wind-speed"
                      label={t('emergency.run.form.windSpeed')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.windFrom')}>
                    <Space.Compact style={{ width: '100%' }}>
                      <NumberField
                        value={form.windFromDeg}
                        onChange={(windFromDeg) => updateWind({ windFromDeg })}
                        min={0}
                        max={360}
                        step={15}
                        testId="run-wind-from"
                        label={t('emergency.run.form.windFrom')}
                      />
                      <span
                        className="ant-input-group-addon"
                        style={{ display: 'flex', alignItems: 'center', padding: '0 8px' }}
                        title={t('emergency.run.form.windArrow')}
                      >
                        <ArrowDownOutlined
                          className="run-wind-arrow"
                          style={{ transform: `rotate(${windFrom}deg)` }}
                          aria-label={t('emergency.run.form.windArrow')}
                        />
                      </span>
                    </Space.Compact>
                  </Form.Item>
                </Col>
              </Row>
              <StabilityField form={form} point={point} update={update} />
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.rain')} extra={t('emergency.run.form.rainHint')}>
                    <NumberField
                      value={form.rainMmH}
                      onChange={(rainMmH) => updateWind({ rainMmH })}
                      min={0}
                      max={200}
                      step={0.5}
                      testId="run-rain"
                      label={t('emergency.run.form.rain')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.mixingHeight')}>
                    <NumberField
                      value={form.mixingHeightM}
                      onChange={(mixingHeightM) => update({ mixingHeightM })}
                      min={0}
                      testId="run-mixing-height"
                      label={t('emergency.run.form.mixingHeight')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Collapse
                size="small"
                style={{ marginBottom: 16 }}
                items={[
                  {
                    key: 'changes',
                    label: (
                      <span data-testid="run-changes-toggle">
                        {t('emergency.run.changes.title')}
                        {form.changes.length > 0 ? (
                          <Tag color="blue" style={{ marginInlineStart: 8 }}>
                            {form.changes.length}
                          </Tag>
                        ) : null}
                      </span>
                    ),
                    children: (
                      <>
                        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
                          {t('emergency.run.changes.hint')}
                        </Typography.Paragraph>
                        <WindChangesEditor form={form} update={update} />
                      </>
                    ),
                  },
                ]}
              />
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.sigma')}>
                    <Select
                      value={form.sigma}
                      onChange={(sigma: SigmaSet) => update({ sigma })}
                      options={SIGMA_SETS.map((s) => ({ value: s, label: t(`emergency.run.sigma.${s}`) }))}
                      popupMatchSelectWidth={false}
                      data-testid="run-sigma-set"
                      aria-label={t('emergency.run.form.sigma')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.ageGroup')}>
                    <Select
                      value={form.ageGroup}
                      onChange={(ageGroup: RunAgeGroup) => update({ ageGroup })}
                      options={RUN_AGE_GROUPS.map((g) => ({
                        value: g,
                        label: t(`emergency.run.ageGroups.${g}`),
                      }))}
                      popupMatchSelectWidth={false}
                      data-testid="run-age-group"
                      aria-label={t('emergency.run.form.ageGroup')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {canRun ? (
                <Flex vertical gap={8}>
                  <Input
                    value={title}
                    onChange={(e) => setTitle(e.target.value)}
                    maxLength={200}
                    placeholder={t('emergency.run.form.titlePlaceholder')}
                    aria-label={t('emergency.run.form.runTitle')}
                    data-testid="run-title"
                  />
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    onClick={onSave}
                    loading={save.isPending}
                    disabled={!outcome.ok || !runInput(form, point).ok}
                    data-testid="run-save"
                  >
                    {t('emergency.run.save')}
                  </Button>
                </Flex>
              ) : null}
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={15} xxl={17}>
          <Flex vertical gap={16}>
            <Card title={t('emergency.run.map.title')} size="small">
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                {t('emergency.run.map.hint')}
              </Typography.Paragraph>
              <RunMap
                shapes={shapes.data}
                point={point}
                onPoint={placePoint}
                fitKey={fitKey}
                zones={result?.zones ?? []}
                arrivals={result?.arrivals ?? []}
                downwindBearingDeg={result?.downwindBearingDeg ?? (windFrom + 180) % 360}
                labels={mapLabels}
                tileUrl={meta?.map.tileUrl}
                tileAttribution={meta?.map.tileAttribution}
                ariaLabel={t('emergency.run.map.ariaLabel')}
              />
              <RunMapLegend arrivals={result?.arrivals ?? []} />
            </Card>
            <Card
              title={t('emergency.run.result.title')}
              size="small"
              data-testid="run-result"
              extra={
                outcome.ok ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('emergency.run.result.computedIn', { ms: format.number(outcome.ms) })}
                  </Typography.Text>
                ) : null
              }
            >
              {result ? (
                <RunResults data={result} showCommunes />
              ) : (
                <Alert type="info" showIcon title={invalidText} data-testid="run-invalid" />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
