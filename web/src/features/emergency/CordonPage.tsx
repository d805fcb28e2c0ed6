import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CORDON_CRITERION_USV_PER_H,
  CORDON_DEFAULT_RADII,
  CORDON_NUCLIDE_NAMES,
  CORDON_REFERENCE_SOURCES,
  CORDON_SITUATIONS,
  SHIELD_MATERIALS,
  type CordonMessage,
  type CordonReferenceValue,
  type CordonSituation,
  type ShieldMaterial,
} from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useMediaQuery';
import { useCommuneShapes } from '../geo/api';
import { incidentPath } from '../incidents/paths';
import { CORDON_COLOUR, CordonMap, DEFAULT_RADIUS_COLOUR, type LatLon } from './CordonMap';
import {
  CORDON_ACTIVITY_UNITS,
  computeCordon,
  formatDoseRateUSvPerH,
  formatMetres,
  messageKey,
  significantDigits,
  type CordonActivityUnit,
  type CordonFormState,
} from './cordonView';
import { parseCordonQuery } from './cordonQuery';
import { DistanceChart } from './DistanceChart';
import { EMERGENCY_PATH } from './paths';
import './emergency.css';

const INITIAL: CordonFormState = {
  nuclide: CORDON_NUCLIDE_NAMES.includes('Cs-137') ? 'Cs-137' : (CORDON_NUCLIDE_NAMES[0] ?? ''),
  activity: null,
  unit: 'GBq',
  material: null,
  thicknessCm: null,
  situation: 'unshielded_source',
};

/** "PHYS-5.6-GAMMA" → the full reference the data names; the key itself when it says more than a key. */
function sourceText(source: string): string {
  const key = source.split(/[\s(]/)[0] ?? source;
  const full = CORDON_REFERENCE_SOURCES[key];
  return full ? `${source} — ${full}` : source;
}

function StatusTag({ value }: { value: CordonReferenceValue }) {
  const { t } = useTranslation();
  return value.status === 'verified' ? (
    <Tag color="green">{t('emergency.cordon.result.verified')}</Tag>
  ) : (
    <Tag color="orange" data-testid="cordon-to-verify">
      {t('emergency.cordon.result.toVerify')}
    </Tag>
  );
}

/**
 * "Vùng cách ly nguồn": a lost or unshielded sealed source, its H*(10) dose rate at 1 m, the distance where the
 * rate falls to the IAEA 100 µSv/h inner-cordon criterion, the IAEA default radius for the situation and a warning
 * when the computed radius is larger. Computed in the browser with core's cordon() as the responder types.
 */
export default function CordonPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const isMobile = useIsMobile();
  const meta = useMeta().data;
  const shapes = useCommuneShapes();
  const [params] = useSearchParams();
  // Read once: the address pre-fills the source (the incident board's link); a click moves it afterwards.
  const [query] = useState(() => parseCordonQuery(params));
  const [form, setForm] = useState<CordonFormState>(INITIAL);
  const [source, setSource] = useState<LatLon | null>(query.source);
  const [zoomKey, setZoomKey] = useState(0);
  // A source from the address is shown close up once the province's outline has set the map's view: one zoom
  // more than the button asked for.
  const mapZoomKey = zoomKey + (query.source !== null && !shapes.isPending ? 1 : 0);
  const update = (patch: Partial<CordonFormState>) => setForm((previous) => ({ ...previous, ...patch }));

  const outcome = useMemo(() => computeCordon(form), [form]);
  const result = outcome.ok ? outcome.result : null;
  const defaultRadiusM = CORDON_DEFAULT_RADII[form.situation].value;
  const situationName = (situation: CordonSituation) => t(`emergency.cordon.situations.${situation}`);
  const materialName = (material: unknown) =>
    SHIELD_MATERIALS.includes(material as ShieldMaterial)
      ? t(`emergency.cordon.materials.${material as ShieldMaterial}`).toLowerCase()
      : String(material);
  const metres = (m: unknown) => (typeof m === 'number' ? formatMetres(m, format.number) : String(m));

  const warningText = (warning: CordonMessage): string => {
    const p = warning.params;
    switch (warning.code) {
      case 'cordon.exceeds_default':
        return t('emergency.cordon.warnings.exceeds_default', {
          radius: metres(p.radiusM),
          defaultRadius: metres(p.defaultRadiusM),
          situation: situationName(p.situation as CordonSituation),
        });
      case 'cordon.beyond_air_neutral_range':
        return t('emergency.cordon.warnings.beyond_air_neutral_range', {
          radius: metres(p.radiusM),
          validUpTo: metres(p.validUpToM),
        });
      case 'cordon.shielding_hvl_only':
        return t('emergency.cordon.warnings.shielding_hvl_only', {
          hvl: metres(p.hvlCm),
          material: materialName(p.material),
          nuclide: String(p.nuclide),
        });
      case 'cordon.data_to_verify': {
        const items = (Array.isArray(p.items) ? (p.items as string[]) : []).map((item) => {
          if (item === 'gamma') return t('emergency.cordon.warnings.items.gamma');
          const [material, method] = item.split('.');
          return method === 'tvl' || method === 'hvl'
            ? t(`emergency.cordon.warnings.items.${method}`, { material: materialName(material) })
            : item;
        });
        return t('emergency.cordon.warnings.data_to_verify', {
          nuclide: String(p.nuclide),
          items: items.join(', '),
        });
      }
      default:
        return t('emergency.cordon.warnings.other', { code: warning.code });
    }
  };

  const errorText = outcome.ok
    ? null
    : t(`emergency.cordon.errors.${messageKey(outcome.code)}`, {
        defaultValue: outcome.code,
        material: materialName(outcome.params.material),
        nuclide: typeof outcome.params.nuclide === 'string' ? outcome.params.nuclide : form.nuclide,
      });
  const fieldError = (...fields: string[]) =>
    !outcome.ok && form.activity !== null && fields.includes(outcome.field) ? errorText : undefined;

  const criterion = CORDON_CRITERION_USV_PER_H.value;
  const chartNumber = useCallback(
    (value: number) => format.number(value, significantDigits(value)),
    [format],
  );
  const chartMarkers = useMemo(
    () =>
      result
        ? [
            {
              distanceM: result.radiusM,
              label: t('emergency.cordon.chart.radius', {
                radius: formatMetres(result.radiusM, format.number),
              }),
              colour: CORDON_COLOUR,
            },
            {
              distanceM: result.defaultRadiusM,
              label: t('emergency.cordon.chart.defaultRadius', {
                radius: formatMetres(result.defaultRadiusM, format.number),
              }),
              colour: DEFAULT_RADIUS_COLOUR,
              dash: [4, 4],
            },
          ]
        : [],
    [result, t, format],
  );
  const mapLabels = useMemo(
    () => ({
      computed: result
        ? t('emergency.cordon.map.computed', { radius: formatMetres(result.radiusM, format.number) })
        : '',
      default: t('emergency.cordon.map.default', { radius: formatMetres(defaultRadiusM, format.number) }),
      source: t('emergency.cordon.map.source'),
    }),
    [result, defaultRadiusM, t, format],
  );

  const exceeds = result?.warnings.find((w) => w.code === 'cordon.exceeds_default');
  const otherWarnings = result?.warnings.filter((w) => w.code !== 'cordon.exceeds_default') ?? [];

  return (
    <div className="cordon-page" lang={language}>
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
          { title: t('emergency.cordon.nav') },
        ]}
      />
      <PageHeader title={t('emergency.cordon.title')} subtitle={t('emergency.cordon.subtitle')} />
      {query.incidentId !== null ? (
        <Alert
          type="info"
          showIcon
          title={t(query.source ? 'emergency.cordon.incident.placed' : 'emergency.cordon.incident.title', {
            id: query.incidentId,
          })}
          action={
            <Link to={incidentPath(query.incidentId)} data-testid="cordon-incident-link">
              {t('emergency.cordon.incident.back')}
            </Link>
          }
          style={{ marginBottom: 16 }}
          data-testid="cordon-incident"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('emergency.cordon.form.title')} size="small">
            <Form layout="vertical" component="div">
              <Form.Item label={t('emergency.cordon.form.nuclide')}>
                <Select
                  value={form.nuclide}
                  onChange={(nuclide: string) => update({ nuclide })}
                  options={CORDON_NUCLIDE_NAMES.map((name) => ({ value: name, label: name }))}
                  showSearch
                  data-testid="cordon-nuclide"
                  aria-label={t('emergency.cordon.form.nuclide')}
                />
              </Form.Item>
              <Form.Item
                label={t('emergency.cordon.form.activity')}
                validateStatus={fieldError('activityBq') ? 'error' : undefined}
                help={fieldError('activityBq')}
              >
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber
                    value={form.activity}
                    onChange={(value) => update({ activity: typeof value === 'number' ? value : null })}
                    min={0}
                    decimalSeparator={language === 'vi' ? ',' : '.'}
                    style={{ width: '100%' }}
                    data-testid="cordon-activity"
                    aria-label={t('emergency.cordon.form.activity')}
                  />
                  <Select
                    value={form.unit}
                    onChange={(unit: CordonActivityUnit) => update({ unit })}
                    options={CORDON_ACTIVITY_UNITS.map(([unit]) => ({ value: unit, label: unit }))}
                    style={{ width: 96, flex: 'none' }}
                    data-testid="cordon-activity-unit"
                    aria-label={t('emergency.cordon.form.activityUnit')}
                  />
                </Space.Compact>
              </Form.Item>
              <Row gutter={12}>
                <Col xs={14}>
                  <Form.Item
                    label={t('emergency.cordon.form.material')}
                    validateStatus={
                      !outcome.ok && outcome.field.startsWith('shielding.material') ? 'error' : undefined
                    }
                  >
                    <Select
                      value={form.material ?? 'none'}
                      onChange={(value: string) =>
                        update({ material: value === 'none' ? null : (value as ShieldMaterial) })
                      }
                      options={[
                        { value: 'none', label: t('emergency.cordon.form.noShielding') },
                        ...SHIELD_MATERIALS.map((material) => ({
                          value: material,
                          label: t(`emergency.cordon.materials.${material}`),
                        })),
                      ]}
                      data-testid="cordon-material"
                      aria-label={t('emergency.cordon.form.material')}
                    />
                  </Form.Item>
                </Col>
                <Col xs={10}>
                  <Form.Item
                    label={t('emergency.cordon.form.thickness')}
                    validateStatus={fieldError('shielding.thicknessCm') ? 'error' : undefined}
                  >
                    <InputNumber
                      value={form.thicknessCm}
                      onChange={(value) => update({ thicknessCm: typeof value === 'number' ? value : null })}
                      min={0}
                      disabled={form.material === null}
                      decimalSeparator={language === 'vi' ? ',' : '.'}
                      placeholder={t('emergency.cordon.form.thicknessPlaceholder')}
                      style={{ width: '100%' }}
                      data-testid="cordon-thickness"
                      aria-label={t('emergency.cordon.form.thickness')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                label={t('emergency.cordon.form.situation')}
                extra={t('emergency.cordon.form.defaultRadiusHint', {
                  radius: format.number(defaultRadiusM),
                })}
                style={{ marginBottom: 0 }}
              >
                <Select
                  value={form.situation}
                  onChange={(situation: CordonSituation) => update({ situation })}
                  options={CORDON_SITUATIONS.map((situation) => ({
                    value: situation,
                    label: t('emergency.cordon.form.situationRadius', {
                      situation: situationName(situation),
                      radius: format.number(CORDON_DEFAULT_RADII[situation].value),
                    }),
                  }))}
                  popupMatchSelectWidth={false}
                  data-testid="cordon-situation"
                  aria-label={t('emergency.cordon.form.situation')}
                />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('emergency.cordon.result.title')} size="small" data-testid="cordon-result">
            {!result ? (
              <Alert
                type={form.activity === null ? 'info' : 'error'}
                showIcon
                title={form.activity === null ? t('emergency.cordon.result.fixInput') : errorText}
                data-testid="cordon-invalid"
                data-code={outcome.ok ? undefined : outcome.code}
              />
            ) : (
              <Flex vertical gap={16}>
                <Row gutter={[16, 16]}>
                  <Col xs={24} sm={8}>
                    <Statistic
                      title={t('emergency.cordon.result.rateAt1m')}
                      value={formatDoseRateUSvPerH(result.doseRateAt1mUSvPerH, format.number)}
                      valueRender={(node) => (
                        <span data-testid="cordon-rate-1m" data-value={result.doseRateAt1mUSvPerH}>
                          {node}
                        </span>
                      )}
                    />
                  </Col>
                  <Col xs={12} sm={8}>
                    <Statistic
                      title={t('emergency.cordon.result.radius')}
                      value={formatMetres(result.radiusM, format.number)}
                      suffix="m"
                      styles={{ content: { color: result.exceedsDefault ? CORDON_COLOUR : undefined } }}
                      valueRender={(node) => (
                        <span data-testid="cordon-radius" data-value={result.radiusM}>
                          {node}
                        </span>
                      )}
                    />
                  </Col>
                  <Col xs={12} sm={8}>
                    <Statistic
                      title={t('emergency.cordon.result.defaultRadius')}
                      value={format.number(result.defaultRadiusM)}
                      suffix="m"
                      valueRender={(node) => (
                        <span data-testid="cordon-default-radius" data-value={result.defaultRadiusM}>
                          {node}
                        </span>
                      )}
                    />
                  </Col>
                </Row>
                {exceeds ? (
                  <Alert
                    type="error"
                    showIcon
                    title={t('emergency.cordon.warnings.exceedsTitle')}
                    description={warningText(exceeds)}
                    data-testid="cordon-warning"
                  />
                ) : null}
                {otherWarnings.map((warning) => (
                  <Alert
                    key={warning.code}
                    type="warning"
                    showIcon
                    title={warningText(warning)}
                    data-testid={`cordon-warning-${messageKey(warning.code)}`}
                  />
                ))}
                <Typography.Text type="secondary">
                  {t('emergency.cordon.result.criterion', { value: format.number(criterion) })}
                </Typography.Text>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  layout={isMobile ? 'vertical' : 'horizontal'}
                  items={[
                    {
                      key: 'gamma',
                      label: t('emergency.cordon.result.gamma'),
                      children: (
                        <div data-testid="cordon-gamma">
                          <Space size={6} wrap>
                            <span>
                              {t('emergency.cordon.result.gammaValue', {
                                value: format.number(
                                  result.gammaHStar10.value,
                                  significantDigits(result.gammaHStar10.value),
                                ),
                              })}
                            </span>
                            <StatusTag value={result.gammaHStar10} />
                          </Space>
                          <Typography.Paragraph type="secondary" className="cordon-source">
                            {sourceText(result.gammaHStar10.source)}
                          </Typography.Paragraph>
                        </div>
                      ),
                    },
                    ...(result.shielding.layer && result.shielding.material
                      ? [
                          {
                            key: 'shield',
                            label: t('emergency.cordon.result.transmission'),
                            children: (
                              <div data-testid="cordon-shielding">
                                <Space size={6} wrap>
                                  <span>
                                    {format.number(
                                      result.shielding.transmission,
                                      significantDigits(result.shielding.transmission),
                                    )}
                                  </span>
                                  <span>·</span>
                                  <span>
                                    {t('emergency.cordon.result.layer', {
                                      method: t(
                                        `emergency.cordon.result.${result.shielding.method === 'hvl' ? 'hvl' : 'tvl'}`,
                                      ),
                                      material: materialName(result.shielding.material),
                                      value: format.number(
                                        result.shielding.layer.value,
                                        significantDigits(result.shielding.layer.value),
                                      ),
                                    })}
                                  </span>
                                  <StatusTag value={result.shielding.layer} />
                                </Space>
                                <Typography.Paragraph type="secondary" className="cordon-source">
                                  {sourceText(result.shielding.layer.source)}
                                </Typography.Paragraph>
                              </div>
                            ),
                          },
                        ]
                      : []),
                    {
                      key: 'assumptions',
                      label: t('emergency.cordon.result.assumptions'),
                      children: (
                        <ul className="cordon-assumptions" data-testid="cordon-assumptions">
                          {result.assumptions.map((code) => (
                            <li key={code}>
                              {t(`emergency.cordon.assumptions.${messageKey(code)}`, { defaultValue: code })}
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('emergency.cordon.chart.title')} size="small">
            {outcome.ok ? (
              <DistanceChart
                profile={outcome.profile}
                criterion={{
                  value: criterion,
                  label: t('emergency.cordon.chart.criterion', { value: format.number(criterion) }),
                }}
                markers={chartMarkers}
                seriesLabel={t('emergency.cordon.chart.series')}
                xLabel={t('emergency.cordon.chart.distance')}
                yLabel={t('emergency.cordon.chart.doseRate')}
                formatNumber={chartNumber}
                ariaLabel={t('emergency.cordon.chart.ariaLabel')}
                testId="cordon-chart"
              />
            ) : (
              <div className="cordon-chart-empty" data-testid="cordon-chart">
                <Typography.Text type="secondary">{t('emergency.cordon.result.fixInput')}</Typography.Text>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('emergency.cordon.map.title')}
            size="small"
            extra={
              <Button
                size="small"
                icon={<AimOutlined />}
                onClick={() => setZoomKey((k) => k + 1)}
                disabled={!source}
                data-testid="cordon-map-zoom"
              >
                {t('emergency.cordon.map.zoom')}
              </Button>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('emergency.cordon.map.hint')}
            </Typography.Paragraph>
            <CordonMap
              shapes={shapes.data}
              source={source}
              onSource={setSource}
              radiusM={result?.radiusM ?? null}
              defaultRadiusM={defaultRadiusM}
              labels={mapLabels}
              zoomKey={mapZoomKey}
              tileUrl={meta?.map.tileUrl}
              tileAttribution={meta?.map.tileAttribution}
              ariaLabel={t('emergency.cordon.map.ariaLabel')}
            />
            <Flex gap={16} wrap className="cordon-legend">
              <span>
                <span className="cordon-legend-swatch" style={{ borderColor: CORDON_COLOUR }} />
                {mapLabels.computed || t('emergency.cordon.result.radius')}
              </span>
              <span>
                <span
                  className="cordon-legend-swatch cordon-legend-dashed"
                  style={{ borderColor: DEFAULT_RADIUS_COLOUR }}
                />
                {mapLabels.default}
              </span>
            </Flex>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
