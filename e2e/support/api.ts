import { DEMO_PASSWORD, type RunningServer } from './server.js';

/** A signed-in API client for setting up a browser test's data through the same API the app uses. */
export interface ApiClient {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
}

export async function apiSignIn(server: RunningServer, username: string): Promise<ApiClient> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${username}: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    async request(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
    },
  };
}

/**
 * A new station (not one the simulator feeds) reports two readings of 1.5 and 1.6 µSv/h in a row: above the
 * 1 µSv/h rung and confirmed, an alert alarm at once.
 */
export async function raiseAlarm(server: RunningServer, code: string, at = { lat: 20.72, lon: 106.2 }) {
  const api = await apiSignIn(server, 'demo.dost');
  const created = await api.request('POST', '/api/v1/stations', {
    code,
    name: 'Trạm lưu động thử nghiệm',
    kind: 'gamma_dose_rate',
    lat: at.lat,
    lon: at.lon,
  });
  if (created.status !== 201) throw new Error(`station ${code}: ${created.status}`);
  const now = Date.now();
  const time = (minutesAgo: number) =>
    new Date(now - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const res = await api.request('POST', '/api/v1/ingest/measurements', {
    measurements: [
      { station: code, quantity: 'ambient_dose_rate', value: 1.5, unit: 'µSv/h', time: time(12) },
      { station: code, quantity: 'ambient_dose_rate', value: 1.6, unit: 'µSv/h', time: time(2) },
    ],
  });
  if ((res.json as { accepted: number }).accepted !== 2)
    throw new Error(`ingest: ${JSON.stringify(res.json)}`);
}
