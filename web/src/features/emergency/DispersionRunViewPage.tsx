import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Spin } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RUN_EXPORT_FORMATS } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { useCommuneShapes } from '../geo/api';
import { EMERGENCY_PATH, RUN_NEW_PATH, RUNS_PATH } from './paths';
import { runExportUrl, useRun } from './runApi';
import { runTitle, useArrivalLabels, useRunInputRows, useRunMapLabels } from './runDisplay';
import { RunMap } from './RunMap';
import { RunMapLegend } from './RunMapLegend';
import { RunResults } from './RunResults';
import './emergency.css';

/**
 * A stored dispersion run, read-only: its inputs, the same map with the arrival isochrones, the zones with their
 * communes and population, and the server's exports (GeoJSON, KML, DOCX summary).
 */
export default function DispersionRunViewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const meta = useMeta().data;
  const shapes = useCommuneShapes();
  const id = Number(useParams().id);
  const run = useRun(id);
  const data = run.data;
  const zoneLabels = useRunMapLabels(data);
  const arrivalLabels = useArrivalLabels();
  const labels = useMemo(() => ({ ...zoneLabels, arrivals: arrivalLabels }), [zoneLabels, arrivalLabels]);
  const inputRows = useRunInputRows();
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
        { title: <Link to={RUNS_PATH}>{t('emergency.runs.nav')}</Link> },
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

  return (
    <div className="run-page" lang={language}>
      {breadcrumb}
      <PageHeader
        title={runTitle(data, t)}
        subtitle={t('emergency.run.stored.subtitle', {
          at: format.dateTime(data.createdAt),
          by: data.createdBy ?? '—',
        })}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              href={runExportUrl(data.id, 'docx')}
              download
              type="primary"
              data-testid="run-docx"
            >
              {t('emergency.run.stored.docx')}
            </Button>
            {RUN_EXPORT_FORMATS.filter((f) => f !== 'docx').map((f) => (
              <Button
                key={f}
                icon={<DownloadOutlined />}
                href={runExportUrl(data.id, f)}
                download
                title={t(`emergency.run.stored.exports.${f}`)}
                data-testid={`run-${f}`}
              >
                {f === 'geojson' ? 'GeoJSON' : 'KML'}
              </Button>
            ))}
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
              arrivals={data.arrivals}
              downwindBearingDeg={data.downwindBearingDeg}
              fitKey={1}
              labels={labels}
              tileUrl={meta?.map.tileUrl}
              tileAttribution={meta?.map.tileAttribution}
              ariaLabel={t('emergency.run.map.ariaLabelStored')}
            />
            <RunMapLegend arrivals={data.arrivals} />
          </Card>
          <Card title={t('emergency.run.stored.inputs')} size="small" style={{ marginTop: 16 }}>
            <Descriptions
              size="small"
              layout="vertical"
              column={{ xs: 1, sm: 2, md: 3, xl: 2, xxl: 3 }}
              data-testid="run-inputs"
              // A run shows what it was given: no fire, no rain, no change, no incident are left out.
              items={inputRows(data)
                .filter((row) => row.text !== '')
                .map((row) => ({ key: row.key, label: row.label, children: row.text }))}
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
