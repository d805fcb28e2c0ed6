/**
 * What the address of the cordon calculator may carry (`?lat=&lon=&incident=`, as the incident board's link
 * writes it): the source's place and the incident it is for. Anything malformed or out of range is ignored,
 * so a hand-edited address never places the source at 0° N 0° E. Pure, tested in cordonQuery.test.ts.
 */
import type { LatLon } from './CordonMap';

export interface CordonQuery {
  source: LatLon | null;
  incidentId: number | null;
}

/** A finite number written in the parameter, or null for an absent or empty one (`Number('')` is 0). */
function numberParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name)?.trim();
  if (!raw) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export function parseCordonQuery(params: URLSearchParams): CordonQuery {
  const lat = numberParam(params, 'lat');
  const lon = numberParam(params, 'lon');
  const source =
    lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
  const incident = numberParam(params, 'incident');
  const incidentId = incident !== null && Number.isSafeInteger(incident) && incident > 0 ? incident : null;
  return { source, incidentId };
}
