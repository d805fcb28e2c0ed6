import { describe, expect, it } from 'vitest';
import { simplifyGeometry, simplifyLine, simplifyRing, type Position } from './simplify.js';

describe('boundary simplification (Douglas–Peucker)', () => {
  it('drops points closer to the line than the tolerance and keeps the ends', () => {
    const line: Position[] = [
      [0, 0],
      [1, 0.0001],
      [2, -0.0001],
      [3, 0],
    ];
    expect(simplifyLine(line, 0.001)).toEqual([
      [0, 0],
      [3, 0],
    ]);
  });

  it('keeps a corner farther than the tolerance', () => {
    const line: Position[] = [
      [0, 0],
      [1, 1],
      [2, 0],
    ];
    expect(simplifyLine(line, 0.5)).toHaveLength(3);
  });

  it('keeps a square closed and whole, removing points along its sides', () => {
    const ring: Position[] = [
      [0, 0],
      [0.5, 0],
      [1, 0],
      [1, 0.5],
      [1, 1],
      [0.5, 1],
      [0, 1],
      [0, 0.5],
      [0, 0],
    ];
    const out = simplifyRing(ring, 0.01);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out).toHaveLength(5);
    expect(out).toEqual(
      expect.arrayContaining([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    );
  });

  it('never collapses a tiny ring: it is kept (rounded) when simplifying would leave fewer than 4 points', () => {
    const tiny: Position[] = [
      [106.000001, 20.000001],
      [106.000002, 20.000001],
      [106.000002, 20.000002],
      [106.000001, 20.000002],
      [106.000001, 20.000001],
    ];
    expect(simplifyRing(tiny, 1).length).toBeGreaterThanOrEqual(4);
  });

  it('handles a long ring without recursion and shrinks a wiggly circle a lot', () => {
    const n = 200_000;
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([106 + 0.1 * Math.cos(a), 20.7 + 0.1 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const out = simplifyRing(ring, 0.0005);
    expect(out.length).toBeLessThan(200);
    expect(out[0]).toEqual(out[out.length - 1]);
  });

  it('simplifies every ring of a MultiPolygon', () => {
    const square: Position[] = [
      [0, 0],
      [0.5, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const g = simplifyGeometry({ type: 'MultiPolygon', coordinates: [[square], [square]] }, 0.01);
    expect(g.type).toBe('MultiPolygon');
    expect((g.coordinates as Position[][][])[1]![0]).toHaveLength(5);
  });
});
