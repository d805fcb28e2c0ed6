import { describe, expect, it } from 'vitest';
import { EMBARGO_REASON_MAX, MAX_DELAY_S, WITHDRAW_REASON_MAX } from './limits';

describe('publication form limits', () => {
  it('come from the request schemas', () => {
    expect(MAX_DELAY_S).toBe(30 * 86_400);
    expect(EMBARGO_REASON_MAX).toBe(500);
    expect(WITHDRAW_REASON_MAX).toBe(1000);
  });
});
