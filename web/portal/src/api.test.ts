import { describe, expect, it } from 'vitest';
import { errorOfBody, exportUrl, parseRetryAfter, queryString, seriesPath } from './api';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T08:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Sat, 28 Nov 2026 08:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Sat, 28 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('errorOfBody', () => {
  it('reads the server’s error shape and the flat one', () => {
    expect(errorOfBody({ error: { code: 'rate_limited', message: 'Too many' } })).toEqual({
      code: 'rate_limited',
      message: 'Too many',
    });
    expect(errorOfBody({ code: 'not_found' })).toEqual({ code: 'not_found', message: 'not_found' });
    expect(errorOfBody('<html>')).toBeNull();
  });
});

describe('addresses', () => {
  it('leave empty values out', () => {
    expect(queryString({ a: 1, b: '', c: null, d: undefined })).toBe('?a=1');
    expect(queryString({})).toBe('');
  });

  it('build series and export addresses', () => {
    expect(seriesPath('HY/01', { resolution: 'hour', from: '2026-10-24T08:00:00.000Z' })).toBe(
      '/public/stations/HY%2F01/series?resolution=hour&from=2026-10-24T08%3A00%3A00.000Z',
    );
    expect(
      exportUrl({ format: 'csv', station: 'VN33909', from: '2026-11-27T17:00:00.000Z', resolution: 'raw' }),
    ).toBe(
      '/api/v1/public/export?format=csv&station=VN33909&from=2026-11-27T17%3A00%3A00.000Z&resolution=raw',
    );
    expect(exportUrl({ format: 'geojson' })).toBe('/api/v1/public/export?format=geojson');
  });
});
