import { describe, expect, it } from 'vitest';
import { exportQueryOf } from './export-form';

describe('exportQueryOf', () => {
  it('turns local days into a UTC period that includes the end day', () => {
    expect(
      exportQueryOf({
        format: 'csv',
        fromDay: '2026-11-21',
        toDay: '2026-11-28',
        station: '',
        resolution: '',
      }),
    ).toEqual({
      ok: true,
      query: {
        format: 'csv',
        from: '2026-11-20T17:00:00.000Z',
        to: '2026-11-28T17:00:00.000Z',
        station: null,
        resolution: null,
      },
    });
  });

  it('keeps a chosen station and resolution', () => {
    const result = exportQueryOf({
      format: 'eurdep',
      fromDay: '2026-11-28',
      toDay: '2026-11-28',
      station: 'VN33909',
      resolution: 'raw',
    });
    expect(result.ok && result.query).toMatchObject({ station: 'VN33909', resolution: 'raw' });
  });

  it('refuses a reversed or unreadable period', () => {
    expect(
      exportQueryOf({
        format: 'csv',
        fromDay: '2026-11-28',
        toDay: '2026-11-01',
        station: '',
        resolution: '',
      }),
    ).toEqual({ ok: false, reason: 'invalid_range' });
    expect(
      exportQueryOf({ format: 'csv', fromDay: '', toDay: '2026-11-01', station: '', resolution: '' }),
    ).toEqual({
      ok: false,
      reason: 'invalid_date',
    });
  });
});
