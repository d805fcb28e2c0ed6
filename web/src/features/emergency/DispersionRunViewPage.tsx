import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Spin } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { useCommuneShapes } from '../geo/api';
import { significantDigits } from './cordonView';
import { EMERGENCY_PATH, RUN_NEW_PATH } from './paths';
import { useRun } from './runApi';
import { RunMap } from './RunMap';
import { RunResults, useZoneLabel } from './RunResults';
import { downloadText, zonesGeoJson } from './runView';
import './emergency.css';

/** A stored dispersion run, read-only: its inputs, the same map and panel, the communes in each zone, GeoJSON. */
export default function DispersionRunViewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const meta = useMeta().data;
  const shapes = useCommuneShapes();
  const id = Number(useParams().id);
  const run = useRun(id);
  const zoneLabel = useZoneLabel();
  const data = run.data;

  const labels = useMemo(
    () => ({
      release: t('emergency.run.map.release'),
      wind: t('emergency.run.map.wind'),
      zones: Object.fromEntries((data?.zones ?? []).map((z) => [z.code, zoneLabel(z)])),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, t],
  );
  const point = useMemo(
    () => (data ? { lat: data.inputs.release.lat, lon: data.inputs.release.lon } : null),
    [data],
  );

  const breadcrumb = (
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
        { title: <Link to={RUN_NEW_PATH}>{t('emergency.run.nav')}</Link> },
        { title: t('emergency.run.stored.crumb', { id }) },
      ]}
    />
  );
  if (run.isPending) return <Spin />;
  if (!data)
    return (
      <>
        {breadcrumb}
        <Alert type="error" showIcon title={t('emergency.run.stored.notFound')} data-testid="run-not-found" />
      </>
    );

  const { release, weather } = data.inputs;
  const download = () =>
    downloadText(
      zonesGeoJson(data.zones, { runId: data.id, sigma: data.sigma, release, labels: labels.zones }),
      `sievert-run-${data.id}.geojson`,
      'application/geo+json',
    );

  return (
    <div className="run-page" lang={language}>
      {breadcrumb}
      <PageHeader
        title={data.title ?? t('emergency.run.stored.title', { id: data.id })}
        subtitle={t('emergency.run.stored.subtitle', {
          at: format.dateTime(data.createdAt),
          by: data.createdBy ?? '—',
        })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={download} data-testid="run-geojson">
              {t('emergency.run.stored.geojson')}
            </Button>
            <Link to={RUN_NEW_PATH}>
              <Button icon={<PlusOutlined />}>{t('emergency.run.stored.new')}</Button>
            </Link>
          </>
        }
      />
      <Alert type="info" showIcon title={t('emergency.run.result.validity')} style={{ marginBottom: 16 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('emergency.run.map.title')} size="small">
            <RunMap
              shapes={shapes.data}
              point={point}
              zones={data.zones}
              downwindBearingDeg={data.downwindBearingDeg}
              fitKey={1}
              labels={labels}
              tileUrl={meta?.map.tileUrl}
              tileAttribution={meta?.map.tileAttribution}
              ariaLabel={t('emergency.run.map.ariaLabelStored')}
            />
          </Card>
          <Card title={t('emergency.run.stored.inputs')} size="small" style={{ marginTop: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                {
                  key: 'point',
                  label: t('emergency.run.form.point'),
                  children: `${format.number(release.lat, 5)}° N, ${format.number(release.lon, 5)}° E`,
                },
                {
                  key: 'nuclides',
                  label: t('emergency.run.form.nuclides'),
                  children: release.nuclides
                    .map((n) => {
                      const [factor, unit] =
                        n.activityBq >= 1e12
                          ? [1e12, 'TBq']
                          : n.activityBq >= 1e9
                            ? [1e9, 'GBq']
                            : [1e6, 'MBq'];
                      const v = n.activityBq / factor;
                      return `${n.nuclide} ${format.number(v, significantDigits(v))} ${unit}`;
                    })
                    .join(', '),
                },
                {
                  key: 'h',
                  label: t('emergency.run.form.height'),
                  children: format.number(release.heightM, 1),
                },
                {
                  key: 'd',
                  label: t('emergency.run.form.duration'),
                  children: format.number(release.durationS / 60, 1),
                },
                {
                  key: 'wind',
                  label: t('emergency.run.stored.wind'),
                  children: t('emergency.run.stored.windValue', {
                    speed: format.number(weather.windSpeedMS, 1),
                    from: format.number(weather.windFromDeg),
                  }),
                },
                {
                  key: 'stability',
                  label: t('emergency.run.form.stability'),
                  children: `${weather.stability} — ${t(`emergency.run.stability.${weather.stability}`)}`,
                },
                {
                  key: 'mix',
                  label: t('emergency.run.form.mixingHeight'),
                  children: weather.mixingHeightM !== undefined ? format.number(weather.mixingHeightM) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('emergency.run.stored.communes')} size="small" data-testid="run-communes">
            <RunResults data={data} showCommunes />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
