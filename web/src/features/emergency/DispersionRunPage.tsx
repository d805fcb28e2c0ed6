import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { ArrowDownOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  DOSE_NUCLIDE_NAMES,
  Permission,
  SIGMA_SETS,
  type SigmaSet,
  type StabilityClass,
} from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useCommuneShapes } from '../geo/api';
import { CORDON_ACTIVITY_UNITS, type CordonActivityUnit } from './cordonView';
import { EMERGENCY_PATH, runPath } from './paths';
import { useSaveRun } from './runApi';
import { RunMap } from './RunMap';
import { RunResults, useZoneLabel } from './RunResults';
import {
  INITIAL_RUN_FORM,
  RUN_TEMPLATES,
  STABILITY_OPTIONS,
  computeRun,
  runInput,
  type LatLon,
  type RunFormState,
  type RunTemplateId,
} from './runView';
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

/**
 * "Tính phát tán": a release on the province map, recomputed in the browser (core's computeDispersionRun) as the
 * form changes, with the GSR Part 7 zones, the highest doses and the model's assumptions; "Lưu lần tính" stores it
 * on the server, which adds the communes in each zone.
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

  const [form, setForm] = useState<RunFormState>(INITIAL_RUN_FORM);
  const [template, setTemplate] = useState<RunTemplateId | null>('rdd_cs137');
  const [point, setPoint] = useState<LatLon | null>(null);
  const [title, setTitle] = useState('');
  const update = (patch: Partial<RunFormState>) => {
    setForm((previous) => ({ ...previous, ...patch }));
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
  const outcome = useMemo(() => computeRun(settled.form, settled.point), [settled]);
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
    }),
    // zoneLabel changes with the language only, as t does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result, t],
  );

  const applyTemplate = (id: RunTemplateId) => {
    const found = RUN_TEMPLATES.find((x) => x.id === id);
    if (!found) return;
    setTemplate(id);
    wantFit.current = true;
    setForm((previous) => ({
      ...found.form,
      nuclides: found.form.nuclides.map((n) => ({ ...n })),
      sigma: previous.sigma,
    }));
  };

  const onSave = () => {
    const built = runInput(form, point);
    if (!built.ok) return;
    save.mutate(
      { ...built.input, ...(title.trim() ? { title: title.trim() } : {}) },
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
  const stabilityOptions = STABILITY_OPTIONS.map((s: StabilityClass) => ({
    value: s,
    label: `${s} — ${t(`emergency.run.stability.${s}`)}`,
  }));

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
          { title: t('emergency.run.nav') },
        ]}
      />
      <PageHeader title={t('emergency.run.title')} subtitle={t('emergency.run.subtitle')} />
      <Alert type="info" showIcon title={t('emergency.run.result.validity')} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={7}>
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
                    extra={t('emergency.run.form.heightHint')}
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
                <Col xs={12}>
                  <Form.Item label={t('emergency.run.form.windSpeed')}>
                    <NumberField
                      value={form.windSpeedMS}
                      onChange={(windSpeedMS) => update({ windSpeedMS })}
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
                        onChange={(windFromDeg) => update({ windFromDeg })}
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
              <Form.Item
                label={t('emergency.run.form.stability')}
                extra={t(`emergency.run.stabilityHint.${form.stability}`)}
              >
                <Select
                  value={form.stability}
                  onChange={(stability: StabilityClass) => update({ stability })}
                  options={stabilityOptions}
                  popupMatchSelectWidth={false}
                  data-testid="run-stability"
                  aria-label={t('emergency.run.form.stability')}
                />
              </Form.Item>
              <Row gutter={12}>
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
        <Col xs={24} xl={11}>
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
              downwindBearingDeg={result?.downwindBearingDeg ?? (windFrom + 180) % 360}
              labels={mapLabels}
              tileUrl={meta?.map.tileUrl}
              tileAttribution={meta?.map.tileAttribution}
              ariaLabel={t('emergency.run.map.ariaLabel')}
            />
          </Card>
        </Col>
        <Col xs={24} xl={6}>
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
              <RunResults data={result} />
            ) : (
              <Alert type="info" showIcon title={invalidText} data-testid="run-invalid" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
