import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api/client';
import { localiseIncidentError } from './errors';

/** A stand-in for i18next's t: the key in brackets, enough to see which words were chosen. */
const t = ((key: string) => `[${key}]`) as unknown as TFunction;

describe('incident errors in words', () => {
  it('names the states of a refused move in the reader’s language', () => {
    const error = new ApiError(409, 'incident.transition_not_allowed', 'no', {
      from: 'response',
      to: 'closed',
      current: 'response',
    });
    const localised = localiseIncidentError(error, t) as ApiError;
    expect(localised).toBeInstanceOf(ApiError);
    expect(localised.code).toBe('incident.transition_not_allowed');
    expect(localised.status).toBe(409);
    expect(localised.details).toEqual({
      from: '[incidents.states.response]',
      to: '[incidents.states.closed]',
      current: '[incidents.states.response]',
    });
  });

  it('names task statuses and notice states by their own words', () => {
    const task = localiseIncidentError(
      new ApiError(409, 'incident.task_transition_not_allowed', 'no', { from: 'done', to: 'acknowledged' }),
      t,
    ) as ApiError;
    expect(task.details).toEqual({
      from: '[incidents.tasks.statuses.done]',
      to: '[incidents.tasks.statuses.acknowledged]',
    });
    const notice = localiseIncidentError(
      new ApiError(409, 'incident.notice_not_allowed', 'no', { state: 'approved' }),
      t,
    ) as ApiError;
    expect(notice.details).toEqual({ state: '[incidents.notices.states.approved]' });
  });

  it('leaves other errors and unknown values alone', () => {
    const other = new ApiError(409, 'entity.conflict', 'no', { entity: 'incident', current: 3 });
    expect(localiseIncidentError(other, t)).toBe(other);
    const odd = new ApiError(409, 'incident.transition_not_allowed', 'no', { from: 'somewhere' });
    expect(localiseIncidentError(odd, t)).toBe(odd);
    const plain = new Error('x');
    expect(localiseIncidentError(plain, t)).toBe(plain);
  });
});
