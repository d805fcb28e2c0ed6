import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Flex, InputNumber, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CORDON_DEFAULT_RADII,
  CORDON_RADIUS_MAX_M,
  CORDON_RADIUS_MIN_M,
  type Incident,
  type NetworkView,
} from '@sievert/core';
import { api } from '../../app/api/client';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { registryPath } from '../../app/layout/navigation';
import { CORDON_PATH } from '../emergency/paths';
import { communeLabel, useCommunes, useCommuneShapes } from '../geo/api';
import { NETWORK_KEY, stationPath } from '../monitoring/api';
import { useDoseRateText } from '../monitoring/useDoseRateText';
import { useFacilities } from '../registry/api';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { usePatchIncident } from './api';
import { localiseIncidentError } from './errors';
import { IncidentMap, type MapPlace } from './IncidentMap';
import { communesWithin, defaultCordon, nearest } from './model';
import { useIncidentRights } from './rights';

/**
 * How far the board looks for facilities and stations around an incident: a display choice (what a commander
 * wants in view on arrival), not a protective-action distance.
 */
const NEARBY_FACILITIES_M = 5_000;
const NEARBY_STATIONS_M = 20_000;
const NEARBY_LIMIT = 5;
/** The radius offered for a kind with no IAEA default (readings, over-exposure): the spill radius of Table 1. */
const FALLBACK_RADIUS_M = CORDON_DEFAULT_RADII.spill.value;

function metres(distance: number, formatNumber: (value: number, digits?: number) => string): string {
  return distance < 1000 ? `${formatNumber(distance)} m` : `${formatNumber(distance / 1000, 1)} km`;
}

/**
 * The cordon: the one the command set (a decision on the timeline, timed by the exercise report), the IAEA
 * default radius for the kind, the controls to set or lift it, and the way to the source-cordon calculator.
 */
function CordonPanel({
  incident,
  defaultText,
  defaultRadiusM,
}: {
  incident: Incident;
  defaultText: string | undefined;
  defaultRadiusM: number | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const patch = usePatchIncident(incident.id);
  const inForce = incident.cordon;
  const [radius, setRadius] = useState<number | null>(
    inForce?.radiusM ?? defaultRadiusM ?? FALLBACK_RADIUS_M,
  );
  const command = incident.can.manage && incident.state !== 'closed';
  const save = (cordonRadiusM: number | null) =>
    patch.mutate(
      { cordonRadiusM },
      {
        onSuccess: () =>
          void message.success(
            cordonRadiusM === null ? t('incidents.map.cordonLifted') : t('incidents.map.cordonSaved'),
          ),
      },
    );
  return (
    <div data-testid="incident-cordon" data-radius={inForce?.radiusM ?? ''}>
      <Typography.Text strong>{t('incidents.map.cordonTitle')}</Typography.Text>
      <div data-testid="incident-cordon-in-force">
        {inForce ? (
          <>
            <Typography.Text type="danger" strong>
              {t('incidents.map.cordonInForce', { radius: format.number(inForce.radiusM) })}
            </Typography.Text>
            <div className="muted" style={{ fontSize: 12 }}>
              {t('incidents.map.cordonSetBy', {
                name: inForce.setBy ?? '—',
                time: format.dateTime(inForce.setAt),
              })}
            </div>
          </>
        ) : (
          <span className="muted">{t('incidents.map.noCordon')}</span>
        )}
      </div>
      <div style={{ marginTop: 4 }}>
        {defaultText ?? <span className="muted">{t('incidents.map.noDefaultCordon')}</span>}
        {defaultText ? (
          <div className="muted" style={{ fontSize: 12 }}>
            {t('incidents.map.cordonSource')}
          </div>
        ) : null}
      </div>
      {command ? (
        <Flex gap={6} wrap align="center" style={{ marginTop: 6 }}>
          <InputNumber<number>
            value={radius}
            onChange={(value) => setRadius(typeof value === 'number' ? value : null)}
            min={CORDON_RADIUS_MIN_M}
            max={CORDON_RADIUS_MAX_M}
            suffix="m"
            style={{ width: 130 }}
            aria-label={t('incidents.map.cordonRadius')}
            data-testid="incident-cordon-radius"
          />
          <Button
            type="primary"
            danger
            size="middle"
            disabled={radius === null}
            loading={patch.isPending}
            onClick={() => radius !== null && save(radius)}
            data-testid="incident-cordon-set"
          >
            {inForce ? t('incidents.map.cordonChange') : t('incidents.map.cordonSetButton')}
          </Button>
          {inForce ? (
            <Button onClick={() => save(null)} disabled={patch.isPending} data-testid="incident-cordon-lift">
              {t('incidents.map.cordonLift')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      <ErrorAlert
        error={patch.error ? localiseIncidentError(patch.error, t) : null}
        style={{ marginTop: 6 }}
      />
      <div style={{ marginTop: 4 }}>
        <Link
          to={`${CORDON_PATH}?lat=${incident.lat.toFixed(6)}&lon=${incident.lon.toFixed(6)}&incident=${incident.id}`}
          data-testid="incident-cordon-link"
        >
          <AimOutlined /> {t('incidents.map.computeCordon')}
        </Link>
      </div>
    </div>
  );
}

/** The map of the board and, under it, the default cordon, the communes it touches and what is nearby. */
export function BoardMap({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const rights = useIncidentRights();
  const doseRateText = useDoseRateText();
  const shapes = useCommuneShapes();
  const communes = useCommunes();
  const facilities = useFacilities({ limit: 500, offset: 0 }, rights.readFacilities);
  const network = useQuery({
    queryKey: NETWORK_KEY,
    queryFn: ({ signal }) => api.get<NetworkView>('/monitoring/network', undefined, signal),
    enabled: rights.readStations,
  });

  const point = useMemo(() => ({ lat: incident.lat, lon: incident.lon }), [incident.lat, incident.lon]);
  const fallback = defaultCordon(incident.kind);
  const inForce = incident.cordon;
  const cordonCircle = useMemo(
    () => (inForce ? { lat: inForce.lat, lon: inForce.lon, radiusM: inForce.radiusM } : null),
    [inForce],
  );
  const affected = useMemo(() => {
    // The communes the cordon in force touches; before one is set, those the IAEA default radius would.
    const centre = cordonCircle ?? point;
    const radius = cordonCircle?.radiusM ?? fallback?.radiusM ?? 0;
    const codes = shapes.data ? communesWithin(shapes.data, centre, radius) : [];
    // The commune the report names counts even if the point lies just outside its drawn shape.
    if (incident.communeCode && !codes.includes(incident.communeCode)) codes.unshift(incident.communeCode);
    return codes;
  }, [shapes.data, point, cordonCircle, fallback?.radiusM, incident.communeCode]);

  const nearFacilities = useMemo(
    () => nearest(facilities.data?.items ?? [], point, NEARBY_FACILITIES_M, NEARBY_LIMIT),
    [facilities.data, point],
  );
  const nearStations = useMemo(
    () => nearest(network.data?.stations ?? [], point, NEARBY_STATIONS_M, NEARBY_LIMIT),
    [network.data, point],
  );
  const facilityPlaces = useMemo<MapPlace[]>(
    () =>
      nearFacilities.map(({ item }) => ({
        key: `f${item.id}`,
        lat: item.lat ?? 0,
        lon: item.lon ?? 0,
        label: item.name,
      })),
    [nearFacilities],
  );
  const stationPlaces = useMemo<MapPlace[]>(
    () =>
      nearStations.map(({ item }) => ({
        key: `s${item.code}`,
        lat: item.lat,
        lon: item.lon,
        label: `${item.code} · ${item.name}`,
      })),
    [nearStations],
  );
  const communeName = (code: string) => {
    const commune = communes.data?.find((c) => c.code === code);
    return commune ? communeLabel(commune, language) : code;
  };
  const situation = fallback ? t(`emergency.cordon.situations.${fallback.situation}`) : '';
  const defaultText = fallback
    ? t('incidents.map.cordonDefault', { radius: format.number(fallback.radiusM), situation })
    : undefined;
  const inForceText = inForce
    ? t('incidents.map.cordonInForce', { radius: format.number(inForce.radiusM) })
    : undefined;

  return (
    <Card
      title={
        <span>
          <EnvironmentOutlined /> {t('incidents.map.title')}
        </span>
      }
      className="detail-card"
      data-testid="incident-board-map"
    >
      <IncidentMap
        shapes={shapes.data}
        point={point}
        cordon={cordonCircle}
        defaultRadiusM={fallback?.radiusM ?? null}
        affected={affected}
        facilities={facilityPlaces}
        stations={stationPlaces}
        labels={{ point: incident.title, cordon: inForceText, defaultCordon: defaultText }}
        ariaLabel={t('incidents.map.aria', { title: incident.title })}
        testId="incident-map"
      />
      <div className="incident-map-legend">
        <span>
          <i className="swatch swatch-point" /> {t('incidents.map.point')}
        </span>
        {inForce ? (
          <span>
            <i className="swatch swatch-cordon-set" /> {t('incidents.map.cordonSet')}
          </span>
        ) : null}
        {fallback ? (
          <span>
            <i className="swatch swatch-cordon" /> {t('incidents.map.cordon')}
          </span>
        ) : null}
        <span>
          <i className="swatch swatch-facility" /> {t('incidents.map.facility')}
        </span>
        <span>
          <i className="swatch swatch-station" /> {t('incidents.map.station')}
        </span>
      </div>
      <Flex vertical gap={10} style={{ marginTop: 12 }}>
        <CordonPanel
          incident={incident}
          defaultText={defaultText}
          defaultRadiusM={fallback?.radiusM ?? null}
        />
        <div data-testid="incident-affected-communes">
          <Typography.Text strong>{t('incidents.map.affected')}</Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 4 }}>
            {affected.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              affected.map((code) => (
                <Tag key={code} color="gold" style={{ marginInlineEnd: 0 }}>
                  {communeName(code)}
                </Tag>
              ))
            )}
          </Flex>
        </div>
        {rights.readStations ? (
          <div data-testid="incident-nearby-stations">
            <Typography.Text strong>
              {t('incidents.map.nearbyStations', { km: format.number(NEARBY_STATIONS_M / 1000) })}
            </Typography.Text>
            {nearStations.length === 0 ? (
              <div className="muted">{t('incidents.map.noneNearby')}</div>
            ) : (
              <ul className="incident-nearby">
                {nearStations.map(({ item, distanceM }) => (
                  <li key={item.code}>
                    <Link to={stationPath(item.code)}>
                      <span className="mono">{item.code}</span> · {item.name}
                    </Link>{' '}
                    <span className="muted">
                      {metres(distanceM, format.number)}
                      {item.latest ? ` · ${doseRateText(item.latest.value) ?? ''}` : ''}
                      {item.offline ? ` · ${t('incidents.map.offline')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
        {rights.readFacilities ? (
          <div data-testid="incident-nearby-facilities">
            <Typography.Text strong>
              {t('incidents.map.nearbyFacilities', { km: format.number(NEARBY_FACILITIES_M / 1000) })}
            </Typography.Text>
            {nearFacilities.length === 0 ? (
              <div className="muted">{t('incidents.map.noneNearby')}</div>
            ) : (
              <ul className="incident-nearby">
                {nearFacilities.map(({ item, distanceM }) => (
                  <li key={item.id}>
                    <Link to={registryPath('facilities', item.id)}>{item.name}</Link>{' '}
                    <span className="muted">{metres(distanceM, format.number)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}
