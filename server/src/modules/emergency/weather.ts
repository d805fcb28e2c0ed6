/**
 * The weather now at the monitoring stations near a point, from their latest values: wind speed and where it comes
 * from, rain intensity and temperature, to fill in a dispersion run's weather. A value a station sent with a flag
 * that makes it meaningless (not finite, negative, out of range, a time in the future or not a time) is not shown.
 */
import {
  flagBit,
  haversineKm,
  QUANTITY_CODES,
  type QualityFlag,
  type WeatherResponse,
  type WeatherStation,
} from '@sievert/core';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { MeasurementRepository } from '../monitoring/measurement.repository.js';

export const WEATHER_STATIONS_MAX = 5;
const RAIN_WINDOW_S = 3600;

const UNUSABLE_FLAGS: readonly QualityFlag[] = [
  'not_finite',
  'invalid_time',
  'negative',
  'out_of_range',
  'future_time',
  'begin_after_end',
];
const UNUSABLE = UNUSABLE_FLAGS.reduce((bits, f) => bits | flagBit(f), 0);

const Q = {
  windSpeed: QUANTITY_CODES.wind_speed,
  windDirection: QUANTITY_CODES.wind_direction,
  rain: QUANTITY_CODES.precipitation,
  temperature: QUANTITY_CODES.temperature,
};
/** A station shows up when it has one of these: temperature alone is no use to a dispersion run. */
const WEATHER = new Set([Q.windSpeed, Q.windDirection, Q.rain]);

type Latest = { t: number; value: number };

export async function weatherNear(
  db: Db,
  measurements: MeasurementRepository,
  now: Date,
  lat: number,
  lon: number,
): Promise<WeatherResponse> {
  const latest = await measurements.latest(db, Object.values(Q));
  const byStation = new Map<number, Map<number, Latest>>();
  for (const r of latest) {
    if ((r.flags & UNUSABLE) !== 0 || !Number.isFinite(r.value)) continue;
    let values = byStation.get(r.station_id);
    if (!values) byStation.set(r.station_id, (values = new Map<number, Latest>()));
    values.set(r.quantity, { t: r.t, value: r.value });
  }
  const ids = [...byStation].filter(([, v]) => [...v.keys()].some((q) => WEATHER.has(q))).map(([id]) => id);
  if (ids.length === 0) return { stations: [] };
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'code', 'name', 'lat', 'lon', 'interval_s'])
    .where('id', 'in', ids)
    .execute();
  const nearest = stations
    .map((s) => ({ ...s, distanceM: haversineKm(lat, lon, s.lat, s.lon) * 1000 }))
    .sort((a, b) => a.distanceM - b.distanceM || a.code.localeCompare(b.code))
    .slice(0, WEATHER_STATIONS_MAX);
  const out: WeatherStation[] = [];
  for (const s of nearest) {
    const values = byStation.get(s.id)!;
    const rain = values.get(Q.rain);
    const shown = [...values.values()];
    const oldest = Math.min(...shown.map((v) => v.t));
    out.push({
      code: s.code,
      name: s.name,
      distanceM: Math.round(s.distanceM),
      time: new Date(oldest * 1000).toISOString(),
      windSpeedMS: values.get(Q.windSpeed)?.value ?? null,
      windFromDeg: values.get(Q.windDirection)?.value ?? null,
      rainMmH: rain ? await rainIntensity(db, s.id, rain.t, s.interval_s) : null,
      temperatureC: values.get(Q.temperature)?.value ?? null,
      ageS: Math.max(0, Math.round(now.getTime() / 1000 - oldest)),
    });
  }
  return { stations: out };
}

/**
 * Rain intensity (mm/h) over the hour that ends with the latest precipitation value: the amounts whose periods end
 * in that hour, over the time their periods cover. A value sent without a period counts as one reporting interval.
 */
async function rainIntensity(
  db: Db,
  stationId: number,
  end: number,
  intervalS: number,
): Promise<number | null> {
  const rows = await db
    .selectFrom('measurements')
    .select(['t', 'dur', 'value'])
    .where('station_id', '=', stationId)
    .where('quantity', '=', Q.rain)
    .where('t', '>', end - RAIN_WINDOW_S)
    .where('t', '<=', end)
    .where('state', '<>', 2)
    .where(sql<boolean>`(flags & ${UNUSABLE}) = 0`)
    .execute();
  if (rows.length === 0) return null;
  let start = end;
  let amount = 0;
  for (const r of rows) {
    const period = Number(r.dur) > 0 ? Number(r.dur) : intervalS;
    start = Math.min(start, Number(r.t) - period);
    amount += r.value;
  }
  const hours = (end - start) / 3600;
  return hours > 0 ? Math.round((amount / hours) * 1000) / 1000 : null;
}
