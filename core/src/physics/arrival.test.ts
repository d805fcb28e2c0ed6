import { describe, expect, it } from 'vitest';
import { arrivalAreas, plumeArrivalTimes } from './arrival.js';

describe('arrival of the plume', () => {
  it('steady plume: t = x/u, the travel time of its centre (as HotSpot reports arrival time)', () => {
    const t = plumeArrivalTimes([100, 1000, 5000], 2, 2.5);
    expect(Array.from(t)).toEqual([40, 400, 2000, 40, 400, 2000]);
    expect(plumeArrivalTimes([-50], 1, 2)[0]).toBe(Infinity);
    expect(() => plumeArrivalTimes([100], 1, 0)).toThrow(RangeError);
  });

  it('areas reached by each time grow with time, only where the dose reaches the threshold, and stop once all is reached', () => {
    // 1 km cells along x, 3 rows; dose 1 on the middle row up to 6 km, 0 elsewhere; u = 2 m/s.
    const xs = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000];
    const ys = [-1000, 0, 1000];
    const values = new Float64Array(24);
    for (let i = 1; i <= 6; i++) values[8 + i] = 1;
    const arrivalS = plumeArrivalTimes(xs, 3, 2);
    const areas = arrivalAreas({
      xs,
      ys,
      values,
      arrivalS,
      threshold: 0.5,
      timesS: [1800, 900, 1000, 3600, 7200],
    });
    // 900 s: cells at 1 km (500 s); 1000 s adds the cell at 2 km; 1800 s the one at 3 km; 3600 s all (≤ 6 km).
    expect(areas.map((a) => a.afterS)).toEqual([900, 1000, 1800, 3600]);
    for (let k = 1; k < areas.length; k++) expect(areas[k]!.area).toBeGreaterThan(areas[k - 1]!.area);
    for (const a of areas) expect(a.polygons.length).toBe(1);
    // Nothing over the threshold: no area at all.
    expect(arrivalAreas({ xs, ys, values, arrivalS, threshold: 2, timesS: [900] })).toEqual([]);
  });

  it('leaves out a time that adds nothing', () => {
    const xs = [0, 1000, 2000];
    const ys = [0, 1000];
    const values = Float64Array.from([1, 1, 1, 1, 1, 1]);
    const arrivalS = Float64Array.from([0, 0, 5000, 0, 0, 5000]);
    const areas = arrivalAreas({ xs, ys, values, arrivalS, threshold: 0.5, timesS: [900, 1800, 7200] });
    expect(areas.map((a) => a.afterS)).toEqual([900, 7200]);
  });
});
