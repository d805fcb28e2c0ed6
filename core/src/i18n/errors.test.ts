import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, VALIDATION_REASONS, errorMessage, validationReason } from './errors.js';

describe('error messages', () => {
  it('name the expected type in words, in both languages', () => {
    expect(validationReason('type', 'vi', { expected: 'number' })).toBe('sai kiểu dữ liệu (cần một số)');
    expect(validationReason('type', 'en', { expected: 'integer' })).toBe(
      'has the wrong type (expected a whole number)',
    );
    // An unknown type name is shown as it is rather than lost.
    expect(validationReason('type', 'en', { expected: 'uuid' })).toBe('has the wrong type (expected uuid)');
  });

  it('name the states of a refused incident move in words', () => {
    const params = { from: 'closed', to: 'assessed', current: 'closed' };
    expect(errorMessage('incident.transition_not_allowed', 'vi', params)).toBe(
      "Không thể chuyển sự cố từ trạng thái 'Đã kết thúc' sang 'Đã đánh giá' (sự cố hiện ở trạng thái 'Đã kết thúc').",
    );
    expect(errorMessage('incident.transition_not_allowed', 'en', params)).toBe(
      "Cannot move from 'closed' to 'assessed' (the incident is 'closed' now).",
    );
  });

  it('have every code and reason in Vietnamese and English with the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const table of [ERROR_MESSAGES, VALIDATION_REASONS] as Record<
      string,
      { vi: string; en: string }
    >[]) {
      for (const [code, entry] of Object.entries(table)) {
        expect(entry.vi.trim(), code).not.toBe('');
        expect(entry.en.trim(), code).not.toBe('');
        expect(params(entry.vi), code).toEqual(params(entry.en));
      }
    }
    expect(errorMessage('no.such.code', 'vi')).toBe('no.such.code');
    expect(errorMessage('entity.not_found', 'vi', { entity: 'inspection' })).toBe(
      'Không tìm thấy cuộc kiểm tra.',
    );
    expect(errorMessage('entity.not_found', 'en', { entity: 'inspection' })).toBe('Inspection not found.');
  });
});
