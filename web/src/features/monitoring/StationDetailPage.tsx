import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission, type ConversionFactor, type Station } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { useFormat } from '../../app/i18n/format';
import { LoadError } from '../../ui/errors/ErrorAlert';
import type { TimeWindow } from '../../ui/chart/chartData';
import { useChartWindow } from '../../ui/chart/useChartWindow';
import { PageHeader } from '../../ui/PageHeader';
import { TableEmpty } from '../../ui/table/TableEmpty';
import { useCommuneShapes } from '../geo/api';
import { FacilityMap } from '../registry/facilities/FacilityMap';
import { useStation } from './api';
import { StationStatusTag, useIntervalText } from './badges';
import { useCommuneName } from './columns';
import { useMonitoringLiveUpdates } from './live';
import { MonitoringBreadcrumb } from './MonitoringBreadcrumb';
import { StationDrawer } from './StationDrawer';
import { FlaggedValues, StationAlarms, StationChartCard, ValidationBar } from './StationData';
import { StationTokens } from './StationTokens';
import { StationRulesCard } from './rules/StationRulesCard';
import '../registry/registry.css';
import './monitoring.css';

function ConversionFactors({ station }: { station: Station }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: ColumnsType<ConversionFactor & { key: number }> = [
    {
      title: t('monitoring.factors.sensor'),
      dataIndex: 'sensor',
      render: (value: string) => <span className="mono">{value}</span>,
    },
    {
      title: t('monitoring.factors.factor'),
      dataIndex: 'nSvPerHourPerCps',
      align: 'right',
      render: (value: number) => format.number(value, 6),
    },
    {
      title: t('monitoring.factors.background'),
      dataIndex: 'backgroundCps',
      align: 'right',
      render: (value: number | undefined) => (value === undefined ? '—' : format.number(value, 6)),
    },
  ];
  return (
    <Card title={t('monitoring.factors.title')} className="detail-card" data-testid="station-factors">
      <Table<ConversionFactor & { key: number }>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={station.conversionFactors.map((factor, key) => ({ ...factor, key }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <TableEmpty text={t('monitoring.factors.empty')} /> }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('monitoring.factors.explain')}
      </Typography.Paragraph>
    </Card>
  );
}

function StationMap({ station }: { station: Station }) {
  const { t } = useTranslation();
  const shapes = useCommuneShapes();
  return (
    <Card title={t('monitoring.station.location')} className="detail-card">
      {shapes.data ? (
        <FacilityMap
          shapes={shapes.data}
          lat={station.lat}
          lon={station.lon}
          communeCode={station.communeCode}
          label={`${station.code} · ${station.name}`}
        />
      ) : shapes.isError ? (
        <LoadError error={shapes.error} onRetry={() => void shapes.refetch()} />
      ) : (
        <Skeleton.Node active style={{ width: '100%', height: 220 }} />
      )}
    </Card>
  );
}

export default function StationDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const params = useParams();
  const code = (params.code ?? '').toUpperCase();
  const station = useStation(code || null);
  const communeName = useCommuneName();
  const intervalText = useIntervalText();
  const [drawer, setDrawer] = useState({ open: false, session: 0 });
  const manage = can(Permission.StationManage);
  const canValidate = can(Permission.MeasurementValidate);
  const showAlarms = can(Permission.AlarmRead);
  const chartWindow = useChartWindow('24h');
  useMonitoringLiveUpdates();
  const [selection, setSelection] = useState<TimeWindow | null>(null);

  if (station.isError)
    return (
      <>
        <MonitoringBreadcrumb current={code} />
        <LoadError error={station.error} onRetry={() => void station.refetch()} />
      </>
    );
  const data = station.data;
  if (!data)
    return (
      <>
        <MonitoringBreadcrumb current={code} />
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  const dash = <span className="muted">—</span>;
  const metres = (value: number | null) => (value === null ? dash : `${format.number(value, 1)} m`);

  return (
    <>
      <MonitoringBreadcrumb current={<span className="mono">{data.code}</span>} />
      <PageHeader
        title={data.name}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span className="mono">{data.code}</span>
            <span>{t(`monitoring.kinds.${data.kind}`)}</span>
            <StationStatusTag status={data.status} />
          </Flex>
        }
        extra={
          manage ? (
            <Button
              icon={<EditOutlined />}
              onClick={() => setDrawer((current) => ({ open: true, session: current.session + 1 }))}
              data-testid="station-edit"
            >
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <StationChartCard
            key={data.code}
            station={data}
            chartWindow={chartWindow}
            canValidate={canValidate}
            selection={selection}
            onSelect={setSelection}
          />
        </Col>
        {canValidate ? (
          <Col span={24}>
            <ValidationBar station={data} selection={selection} onClear={() => setSelection(null)} />
          </Col>
        ) : null}
        <Col xs={24} xl={showAlarms ? 14 : 24}>
          <FlaggedValues
            station={data}
            view={chartWindow.view}
            canValidate={canValidate}
            selection={selection}
            onSelect={setSelection}
          />
        </Col>
        {showAlarms ? (
          <Col xs={24} xl={10}>
            <StationAlarms station={data} />
          </Col>
        ) : null}
        <Col xs={24} lg={12}>
          <Card title={t('monitoring.station.profile')} className="detail-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'code',
                  label: t('monitoring.station.code'),
                  children: <span className="mono">{data.code}</span>,
                },
                {
                  key: 'kind',
                  label: t('monitoring.station.kind'),
                  children: t(`monitoring.kinds.${data.kind}`),
                },
                {
                  key: 'status',
                  label: t('monitoring.station.status'),
                  children: <StationStatusTag status={data.status} />,
                },
                {
                  key: 'interval',
                  label: t('monitoring.station.interval'),
                  children: intervalText(data.intervalS),
                },
                {
                  key: 'detector',
                  label: t('monitoring.station.detector'),
                  children: data.detectorType ?? dash,
                },
                {
                  key: 'coordinates',
                  label: t('monitoring.station.coordinates'),
                  children: (
                    <span className="mono">
                      {format.number(data.lat, 6)}, {format.number(data.lon, 6)}
                    </span>
                  ),
                },
                {
                  key: 'commune',
                  label: t('monitoring.station.commune'),
                  children: communeName(data.communeCode) ?? dash,
                },
                { key: 'height', label: t('monitoring.station.heightM'), children: metres(data.heightM) },
                {
                  key: 'altitude',
                  label: t('monitoring.station.altitudeM'),
                  children: metres(data.altitudeM),
                },
                { key: 'owner', label: t('monitoring.station.owner'), children: data.ownerName ?? dash },
                {
                  key: 'note',
                  label: t('monitoring.station.note'),
                  children: data.note ? <span style={{ whiteSpace: 'pre-wrap' }}>{data.note}</span> : dash,
                },
                {
                  key: 'created',
                  label: t('monitoring.station.createdAt'),
                  children: format.dateTime(data.createdAt),
                },
                { key: 'updated', label: t('common.updatedAt'), children: format.dateTime(data.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <StationMap station={data} />
        </Col>
        <Col span={24}>
          <ConversionFactors station={data} />
        </Col>
        {showAlarms ? (
          <Col span={24}>
            <StationRulesCard station={data} />
          </Col>
        ) : null}
        {manage ? (
          <Col span={24}>
            <StationTokens station={data} />
          </Col>
        ) : null}
      </Row>
      {drawer.open ? (
        <StationDrawer
          key={drawer.session}
          open
          code={data.code}
          onClose={() => setDrawer((current) => ({ ...current, open: false }))}
        />
      ) : null}
    </>
  );
}
