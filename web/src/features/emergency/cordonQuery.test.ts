import { describe, expect, it } from 'vitest';
import { parseCordonQuery } from './cordonQuery';

const parse = (query: string) => parseCordonQuery(new URLSearchParams(query));

describe('the cordon calculator’s address', () => {
  it('takes the source’s place and the incident from the incident board’s link', () => {
    expect(parse('lat=20.650000&lon=106.050000&incident=7')).toEqual({
      source: { lat: 20.65, lon: 106.05 },
      incidentId: 7,
    });
    expect(parse('')).toEqual({ source: null, incidentId: null });
    expect(parse('lat=-90&lon=180')).toEqual({ source: { lat: -90, lon: 180 }, incidentId: null });
  });

  it('ignores a place out of range, half given or not a number', () => {
    for (const query of [
      'lat=91&lon=106',
      'lat=20&lon=-180.5',
      'lat=20',
      'lon=106',
      'lat=&lon=',
      'lat=x&lon=1',
    ])
      expect(parse(query).source, query).toBeNull();
    expect(parse('lat=Infinity&lon=1').source).toBeNull();
  });

  it('ignores an incident that is not a whole number ≥ 1, keeping the place', () => {
    for (const incident of ['0', '-3', '2.5', 'abc', '', '1e30'])
      expect(parse(`lat=20&lon=106&incident=${incident}`), incident).toEqual({
        source: { lat: 20, lon: 106 },
        incidentId: null,
      });
  });
});
