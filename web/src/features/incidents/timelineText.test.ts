import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '@sievert/core';
import { systemEntryText, type SystemTextContext } from './timelineText';

/** A stand-in for i18next's t: the key with its options, enough to see which words were chosen. */
const t = ((key: string, options?: Record<string, unknown>) =>
  options
    ? `${key}(${Object.entries(options)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')})`
    : key) as unknown as TFunction;

const incident: SystemTextContext['incident'] = {
  number: '7/2026',
  exercise: false,
  tasks: [{ id: 4, title: 'Lập vành đai', assigneeOrganisationName: 'Công an tỉnh', ownerName: null }],
  notices: [{ id: 2, title: 'Thông báo mất nguồn' }],
  clocks: [{ code: 'security.notify', obligation: { vi: 'Thông báo cho Cục', en: 'Notify VARANS' } }],
} as unknown as SystemTextContext['incident'];

const context: SystemTextContext = {
  t,
  language: 'vi',
  incident,
  fieldLabel: (name) => (name === 'title' ? 'Tiêu đề' : name),
  dateTime: (iso) => `<${iso}>`,
  number: (value) => String(value),
};

function entry(
  kind: TimelineEntry['kind'],
  text: string,
  data: Record<string, unknown> | null,
): TimelineEntry {
  return {
    id: 1,
    incidentId: 1,
    at: '2026-03-02T01:00:00Z',
    kind,
    text,
    data,
    userId: null,
    userName: null,
    attachment: null,
  };
}

describe('system entries in the reader’s words', () => {
  it('names the states of a move, with its reason', () => {
    expect(
      systemEntryText(
        entry('state', 'Chuyển trạng thái: closed → response', {
          event: 'state',
          from: 'closed',
          to: 'response',
          reason: 'Nhiễm bẩn',
        }),
        context,
      ),
    ).toBe(
      'incidents.timeline.events.state(from=incidents.states.closed,to=incidents.states.response) incidents.timeline.events.reason(reason=Nhiễm bẩn)',
    );
  });

  it('names the task and its statuses', () => {
    expect(
      systemEntryText(
        entry('task', 'x', { event: 'task_status', taskId: 4, from: 'assigned', to: 'acknowledged' }),
        context,
      ),
    ).toBe(
      'incidents.timeline.events.taskStatus(task=Lập vành đai,from=incidents.tasks.statuses.assigned,to=incidents.tasks.statuses.acknowledged)',
    );
  });

  it('keeps the reasons of an assessment stored before they were in its facts', () => {
    const text = 'Đánh giá: mức độ high, INES 2. Nguồn loại 3 bị mất. Chưa rõ bị lấy cắp.';
    expect(
      systemEntryText(entry('decision', text, { event: 'assessment', severity: 'high', ines: 2 }), context),
    ).toBe(
      'incidents.timeline.events.assessment(severity=incidents.severities.high,ines=2) Nguồn loại 3 bị mất. Chưa rõ bị lấy cắp.',
    );
    expect(
      systemEntryText(
        entry('decision', 'Đánh giá: mức độ low, INES —', {
          event: 'assessment',
          severity: 'low',
          ines: null,
        }),
        context,
      ),
    ).toBe('incidents.timeline.events.assessment(severity=incidents.severities.low,ines=—)');
  });

  it('takes an assessment’s reasons from its facts when it has them', () => {
    const text = 'Đánh giá: mức độ cao, INES 2 (Sự cố). Nguồn loại 3 bị mất.';
    expect(
      systemEntryText(
        entry('decision', text, {
          event: 'assessment',
          severity: 'high',
          ines: 2,
          reasons: 'Nguồn loại 3 bị mất.',
        }),
        context,
      ),
    ).toBe(
      'incidents.timeline.events.assessment(severity=incidents.severities.high,ines=2) Nguồn loại 3 bị mất.',
    );
    // No reasons, whatever the stored sentence says after its head.
    expect(
      systemEntryText(
        entry('decision', 'Đánh giá: mức độ thấp, INES —', {
          event: 'assessment',
          severity: 'low',
          ines: null,
          reasons: null,
        }),
        context,
      ),
    ).toBe('incidents.timeline.events.assessment(severity=incidents.severities.low,ines=—)');
    // A sentence of any shape: the facts suffice.
    expect(
      systemEntryText(
        entry('decision', 'Assessment: high', {
          event: 'assessment',
          severity: 'high',
          ines: 1,
          reasons: 'x',
        }),
        context,
      ),
    ).toBe('incidents.timeline.events.assessment(severity=incidents.severities.high,ines=1) x');
  });

  it('names the fields of an edit', () => {
    expect(
      systemEntryText(entry('log', 'x', { event: 'edited', fields: ['title', 'scenario'] }), context),
    ).toBe('incidents.timeline.events.edited(fields=Tiêu đề, scenario)');
  });

  it('labels an exercise’s entries', () => {
    expect(
      systemEntryText(entry('state', 'x', { event: 'state', from: 'reported', to: 'assessed' }), {
        ...context,
        incident: { ...incident, exercise: true },
      }),
    ).toMatch(/^\[DIỄN TẬP\] incidents\.timeline\.events\.state/);
    const labelledNotice = {
      ...context,
      incident: { ...incident, exercise: true, notices: [{ id: 2, title: '[DIỄN TẬP] Thông báo' }] },
    } as SystemTextContext;
    expect(
      systemEntryText(entry('notice', 'x', { event: 'notice_drafted', noticeId: 2 }), labelledNotice),
    ).toBe('incidents.timeline.events.noticeDrafted(title=[DIỄN TẬP] Thông báo)');
  });

  it('says the other events from their facts: report, task, cordon, ledger, clock, notice', () => {
    const say = (kind: TimelineEntry['kind'], data: Record<string, unknown>) =>
      systemEntryText(entry(kind, 'stored', data), context);
    expect(say('state', { event: 'reported', state: 'reported' })).toBe(
      'incidents.timeline.events.reported(number=7/2026)',
    );
    expect(say('task', { event: 'task_assigned', taskId: 4 })).toBe(
      'incidents.timeline.events.taskAssigned(task=Lập vành đai,to=Công an tỉnh)',
    );
    expect(say('decision', { event: 'cordon_set', radiusM: 30 })).toBe(
      'incidents.timeline.events.cordonSet(radius=30)',
    );
    expect(say('decision', { event: 'cordon_lifted' })).toBe('incidents.timeline.events.cordonLifted');
    expect(say('log', { event: 'ledger', transaction: 'loss_theft' })).toBe(
      'incidents.timeline.events.ledger.loss_theft',
    );
    expect(say('clock', { event: 'clock_met', code: 'security.notify' })).toBe(
      'incidents.timeline.events.clockMet(obligation=Thông báo cho Cục)',
    );
    expect(
      say('clock', { event: 'clock_escalation', code: 'security.notify', dueAt: '2026-03-02T09:00:00Z' }),
    ).toBe(
      'incidents.timeline.events.clockEscalation(obligation=Thông báo cho Cục,due=<2026-03-02T09:00:00Z>)',
    );
    expect(say('notice', { event: 'notice_approved', noticeId: 2 })).toBe(
      'incidents.timeline.events.noticeApproved(title=Thông báo mất nguồn)',
    );
    expect(say('notice', { event: 'notice_submitted', noticeId: 2 })).toBe(
      'incidents.timeline.events.noticeSubmitted(title=Thông báo mất nguồn)',
    );
    // Facts the board cannot find (a task or notice it does not list): the stored sentence.
    expect(say('task', { event: 'task_assigned', taskId: 99 })).toBeNull();
    expect(say('clock', { event: 'clock_met', code: 'unknown' })).toBeNull();
  });

  it('leaves people’s entries and unknown facts to the stored text', () => {
    expect(systemEntryText(entry('decision', 'Sơ tán nhà kho B', null), context)).toBeNull();
    expect(
      systemEntryText(entry('measurement', 'Số liệu của trạm', { event: 'alarm_readings' }), context),
    ).toBeNull();
    expect(
      systemEntryText(entry('state', 'x', { event: 'state', from: 'nowhere', to: 'assessed' }), context),
    ).toBeNull();
    // An assessment whose stored sentence changed shape: the stored sentence, rather than losing its reasons.
    expect(
      systemEntryText(
        entry('decision', 'Assessment: high', { event: 'assessment', severity: 'high' }),
        context,
      ),
    ).toBeNull();
  });
});
