import { describe, expect, it } from 'vitest';
import { CORDON_DEFAULT_RADII } from '@sievert/core';
import type { CommuneShapes } from '../../ui/map/ProvinceMap';
import {
  acknowledgementSummary,
  closingNeeds,
  communeAt,
  communesWithin,
  countdownParts,
  defaultCordon,
  distanceM,
  durationParts,
  formatCountdown,
  isMyTask,
  liveClockState,
  nearest,
  nearestOpenClock,
  secondsUntil,
  transitionDialog,
} from './model';

const days = (n: number) => `${n} ngày`;

describe('the countdown of a statutory clock', () => {
  it('splits the seconds left into days, hours, minutes and seconds', () => {
    expect(countdownParts(2 * 86_400 + 3 * 3600 + 15 * 60 + 20)).toEqual({
      overdue: false,
      days: 2,
      hours: 3,
      minutes: 15,
      seconds: 20,
    });
  });

  it('counts the time since the deadline once it has passed', () => {
    expect(countdownParts(-(3600 + 2 * 60 + 3))).toEqual({
      overdue: true,
      days: 0,
      hours: 1,
      minutes: 2,
      seconds: 3,
    });
  });

  it('rounds towards the deadline, so a second before it still shows a second', () => {
    expect(formatCountdown(0.4, days)).toBe('00:00:00');
    expect(formatCountdown(1.9, days)).toBe('00:00:01');
    expect(formatCountdown(-0.2, days)).toBe('00:00:01');
    expect(countdownParts(-0.2).overdue).toBe(true);
  });

  it('writes hours on the clock, and days with the translated word', () => {
    expect(formatCountdown(8 * 3600, days)).toBe('08:00:00');
    expect(formatCountdown(7 * 3600 + 59 * 60 + 59, days)).toBe('07:59:59');
    expect(formatCountdown(5 * 86_400 + 61, days)).toBe('5 ngày 00:01:01');
    expect(formatCountdown(-(86_400 + 1), (n) => `${n}d`)).toBe('1d 00:00:01');
  });

  it('counts seconds to an instant from now', () => {
    const now = Date.parse('2026-03-02T01:00:00Z');
    expect(secondsUntil('2026-03-02T09:00:00Z', now)).toBe(8 * 3600);
    expect(secondsUntil('2026-03-02T00:59:30Z', now)).toBe(-30);
  });

  it('turns a running clock overdue on the board the second it passes, and leaves met clocks met', () => {
    const dueAt = '2026-03-02T09:00:00Z';
    expect(liveClockState({ state: 'due_soon', dueAt }, Date.parse('2026-03-02T08:59:59Z'))).toBe('due_soon');
    expect(liveClockState({ state: 'due_soon', dueAt }, Date.parse('2026-03-02T09:00:01Z'))).toBe('overdue');
    expect(liveClockState({ state: 'met', dueAt }, Date.parse('2026-03-09T00:00:00Z'))).toBe('met');
  });

  it('picks the first clock to fall due among those not met', () => {
    const clocks = [
      { code: 'a', state: 'met' as const, dueAt: '2026-03-02T02:00:00Z' },
      { code: 'b', state: 'running' as const, dueAt: '2026-03-09T10:00:00Z' },
      { code: 'c', state: 'overdue' as const, dueAt: '2026-03-02T09:00:00Z' },
    ];
    expect(nearestOpenClock(clocks)?.code).toBe('c');
    expect(nearestOpenClock(clocks.slice(0, 1))).toBeNull();
  });
});

describe('the lifecycle dialogs', () => {
  it('asks for the assessment, the closing or the reopening reason as the move needs', () => {
    expect(transitionDialog('reported', 'assessed')).toBe('assess');
    expect(transitionDialog('reported', 'closed')).toBe('close');
    expect(transitionDialog('recovery', 'closed')).toBe('close');
    expect(transitionDialog('closed', 'response')).toBe('reopen');
    expect(transitionDialog('assessed', 'response')).toBe('confirm');
    expect(transitionDialog('response', 'recovery')).toBe('confirm');
  });

  it('closes after recovery with the final report, earlier with a reason (core lifecycle)', () => {
    expect(closingNeeds('recovery')).toBe('finalReport');
    expect(closingNeeds('reported')).toBe('reason');
    expect(closingNeeds('assessed')).toBe('reason');
  });
});

describe('tasks', () => {
  const me = { id: 7, organisationId: 40 };
  it('belong to the user given them by name or through their organisation', () => {
    expect(isMyTask({ assigneeOrganisationId: 40, ownerUserId: null }, me)).toBe(true);
    expect(isMyTask({ assigneeOrganisationId: 41, ownerUserId: 7 }, me)).toBe(true);
    expect(isMyTask({ assigneeOrganisationId: 41, ownerUserId: null }, me)).toBe(false);
    expect(isMyTask({ assigneeOrganisationId: 40, ownerUserId: null }, null)).toBe(false);
  });

  it('count who has and has not acknowledged, cancelled tasks left out', () => {
    expect(
      acknowledgementSummary([
        { status: 'assigned' },
        { status: 'assigned' },
        { status: 'acknowledged' },
        { status: 'in_progress' },
        { status: 'done' },
        { status: 'cancelled' },
      ]),
    ).toEqual({ waiting: 2, acknowledged: 3 });
  });
});

describe('the default cordon of a kind', () => {
  it('uses the IAEA first-responder radii of core (EPR-FIRST RESPONDERS 2006, Table 1)', () => {
    // Table 1: unshielded or damaged source 30 m, major spill 100 m, fire involving a source 300 m.
    expect(defaultCordon('lost_source')).toEqual({ situation: 'unshielded_source', radiusM: 30 });
    expect(defaultCordon('found_source')?.radiusM).toBe(30);
    expect(defaultCordon('contamination')).toEqual({ situation: 'spill', radiusM: 100 });
    expect(defaultCordon('fire')).toEqual({ situation: 'fire_or_explosion', radiusM: 300 });
    expect(defaultCordon('fire')?.radiusM).toBe(CORDON_DEFAULT_RADII.fire_or_explosion.value);
  });

  it('draws none for readings, over-exposures and emergencies outside the province', () => {
    expect(defaultCordon('abnormal_reading')).toBeNull();
    expect(defaultCordon('overexposure')).toBeNull();
    expect(defaultCordon('external_emergency')).toBeNull();
  });
});

describe('distances and nearby places', () => {
  it('measures a degree of latitude as about 111.2 km', () => {
    expect(distanceM({ lat: 20, lon: 106 }, { lat: 21, lon: 106 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 20.8, lon: 106.05 }, { lat: 20.8, lon: 106.05 })).toBe(0);
  });

  it('lists the places within the distance, nearest first, skipping those without a position', () => {
    const point = { lat: 20.8, lon: 106.05 };
    const places = [
      { id: 1, lat: 20.81, lon: 106.05 },
      { id: 2, lat: 20.801, lon: 106.05 },
      { id: 3, lat: null, lon: null },
      { id: 4, lat: 21.5, lon: 106.05 },
    ];
    const found = nearest(places, point, 5_000, 10);
    expect(found.map((entry) => entry.item.id)).toEqual([2, 1]);
    expect(found[0]!.distanceM).toBeCloseTo(111.2, 0);
    expect(nearest(places, point, 5_000, 1).map((entry) => entry.item.id)).toEqual([2]);
  });
});

/** Two square communes side by side (0.01° ≈ 1.1 km), the second with a hole. */
const SHAPES: CommuneShapes = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {
        code: 'A',
        name: 'A',
        full_name: 'Xã A',
        name_en: 'A',
        full_name_en: 'A Commune',
        type: 'xa',
        area_km2: 1,
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.0, 20.8],
            [106.01, 20.8],
            [106.01, 20.81],
            [106.0, 20.81],
            [106.0, 20.8],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: {
        code: 'B',
        name: 'B',
        full_name: 'Phường B',
        name_en: 'B',
        full_name_en: 'B Ward',
        type: 'phuong',
        area_km2: 1,
      },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [106.01, 20.8],
              [106.02, 20.8],
              [106.02, 20.81],
              [106.01, 20.81],
              [106.01, 20.8],
            ],
            [
              [106.014, 20.804],
              [106.016, 20.804],
              [106.016, 20.806],
              [106.014, 20.806],
              [106.014, 20.804],
            ],
          ],
        ],
      },
    },
  ],
};

describe('communes under a point', () => {
  it('finds the commune whose shape holds the point, polygons and multipolygons alike', () => {
    expect(communeAt(SHAPES, { lat: 20.805, lon: 106.005 })).toBe('A');
    expect(communeAt(SHAPES, { lat: 20.802, lon: 106.018 })).toBe('B');
  });

  it('finds none in a hole or outside the province', () => {
    expect(communeAt(SHAPES, { lat: 20.805, lon: 106.015 })).toBeNull();
    expect(communeAt(SHAPES, { lat: 21.5, lon: 106.005 })).toBeNull();
  });

  it('lists the communes a cordon touches, the one of the point first', () => {
    // 0.0005° of longitude at 20.8° N ≈ 52 m from the border between A and B.
    const nearBorder = { lat: 20.805, lon: 106.0095 };
    expect(communesWithin(SHAPES, nearBorder, 30)).toEqual(['A']);
    expect(communesWithin(SHAPES, nearBorder, 100)).toEqual(['A', 'B']);
    expect(communesWithin(SHAPES, { lat: 20.805, lon: 106.002 }, 300)).toEqual(['A']);
  });
});

describe('the exercise timings', () => {
  it('say hours, minutes and seconds, leaving zeros out', () => {
    expect(durationParts(3600 + 5 * 60 + 12)).toEqual([
      { unit: 'h', value: 1 },
      { unit: 'min', value: 5 },
      { unit: 's', value: 12 },
    ]);
    expect(durationParts(120)).toEqual([{ unit: 'min', value: 2 }]);
    expect(durationParts(0)).toEqual([{ unit: 's', value: 0 }]);
    expect(durationParts(7200.4)).toEqual([{ unit: 'h', value: 2 }]);
  });
});
