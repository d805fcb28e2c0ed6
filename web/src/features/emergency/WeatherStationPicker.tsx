import { useState } from 'react';
import { Alert, Button, Empty, Flex, List, Modal, Spin, Tag, Typography } from 'antd';
import { ArrowDownOutlined, CloudDownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WeatherStation } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { useNearbyWeather } from './runApi';
import { ageParts, isStale } from './runWeather';
import type { LatLon } from './runView';

/** "12 phút trước", "3 giờ trước", "không rõ thời điểm". */
export function useAgeText(): (ageS: number | null) => string {
  const { t } = useTranslation();
  return (ageS) => {
    if (ageS === null) return t('emergency.run.weather.ageUnknown');
    const { unit, count } = ageParts(ageS);
    return t(`emergency.run.weather.age.${unit}`, { count });
  };
}

function StationItem({ station, onPick }: { station: WeatherStation; onPick: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ageText = useAgeText();
  const stale = isStale(station.ageS);
  const usable = station.windSpeedMS !== null || station.windFromDeg !== null || station.rainMmH !== null;
  return (
    <List.Item
      data-testid={`run-weather-station-${station.code}`}
      actions={[
        <Button
          key="use"
          type={stale ? 'default' : 'primary'}
          size="small"
          disabled={!usable}
          onClick={onPick}
          data-testid={`run-weather-use-${station.code}`}
        >
          {t('emergency.run.weather.use')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={6} wrap align="center">
            <span>{station.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {station.code} ·{' '}
              {t('emergency.run.weather.distance', { km: format.number(station.distanceM / 1000, 1) })}
            </Typography.Text>
          </Flex>
        }
        description={
          <Flex vertical gap={2}>
            <span>
              {station.windSpeedMS !== null || station.windFromDeg !== null ? (
                <>
                  {station.windFromDeg !== null ? (
                    <ArrowDownOutlined
                      className="run-wind-arrow run-wind-arrow-small"
                      style={{ transform: `rotate(${station.windFromDeg}deg)` }}
                      aria-hidden
                    />
                  ) : null}{' '}
                  {t('emergency.run.weather.wind', {
                    speed: station.windSpeedMS !== null ? format.number(station.windSpeedMS, 1) : '—',
                    from: station.windFromDeg !== null ? format.number(station.windFromDeg) : '—',
                  })}
                </>
              ) : (
                t('emergency.run.weather.noWind')
              )}
              {' · '}
              {station.rainMmH !== null
                ? t('emergency.run.weather.rain', { value: format.number(station.rainMmH, 1) })
                : t('emergency.run.weather.noRain')}
              {station.temperatureC !== null ? ` · ${format.number(station.temperatureC, 1)} °C` : ''}
            </span>
            <span>
              {stale ? (
                <Tag color="warning" style={{ marginInlineEnd: 6 }}>
                  {t('emergency.run.weather.stale')}
                </Tag>
              ) : null}
              <Typography.Text type={stale ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {ageText(station.ageS)}
                {station.time ? ` (${format.dateTime(station.time)})` : ''}
              </Typography.Text>
            </span>
          </Flex>
        }
      />
    </List.Item>
  );
}

/**
 * "Lấy từ trạm quan trắc": the nearest stations reporting wind or rain, with how old their reading is; picking one
 * fills the form's wind and rain.
 */
export function WeatherStationPicker({
  point,
  onPick,
}: {
  point: LatLon | null;
  onPick: (station: WeatherStation) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const weather = useNearbyWeather(point, open);
  const stations = weather.data?.stations ?? [];
  return (
    <>
      <Button
        icon={<CloudDownloadOutlined />}
        size="small"
        disabled={!point}
        onClick={() => setOpen(true)}
        data-testid="run-weather-open"
      >
        {t('emergency.run.weather.open')}
      </Button>
      <Modal
        open={open}
        title={t('emergency.run.weather.title')}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
        data-testid="run-weather-modal"
      >
        <Typography.Paragraph type="secondary">{t('emergency.run.weather.hint')}</Typography.Paragraph>
        {weather.isError ? (
          <LoadError error={weather.error} onRetry={() => void weather.refetch()} />
        ) : weather.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : stations.length === 0 ? (
          <Empty description={t('emergency.run.weather.none')} />
        ) : (
          <>
            {stations.every((s) => isStale(s.ageS)) ? (
              <Alert
                type="warning"
                showIcon
                title={t('emergency.run.weather.allStale')}
                style={{ marginBottom: 8 }}
              />
            ) : null}
            <List
              dataSource={stations}
              rowKey="code"
              renderItem={(station) => (
                <StationItem
                  station={station}
                  onPick={() => {
                    onPick(station);
                    setOpen(false);
                  }}
                />
              )}
              data-testid="run-weather-list"
            />
          </>
        )}
      </Modal>
    </>
  );
}
