/**
 * A small SVG line chart of one station's dose rate: the usual natural background as a light band, the lowest to
 * highest range of each hour or day as a shaded band, checked values as a solid line and provisional ones dashed,
 * gaps left empty. The numbers are also given as a sentence and a table beside the chart.
 */
import type { PublicResolution } from '@sievert/core';
import { PUBLIC_BACKGROUND } from '@sievert/core/reference/public-portal';
import { s } from './dom';
import { formatBound, formatDayMonth, formatMonth, formatTime } from './format';
import type { Language } from './i18n';
import { SCALE_CLASSES } from './scale';
import { expectedStepMs, splitAtGaps, statusRuns, timeTicks, valueAxis, type ChartPoint } from './series';

export interface ChartInput {
  points: readonly ChartPoint[];
  resolution: PublicResolution;
  /** Epoch ms of the period shown. */
  from: number;
  to: number;
  width: number;
  language: Language;
  /** Accessible name of the chart; `describedBy` is the id of the sentence summarising it. */
  label: string;
  describedBy: string;
}

/**
 * The value axis reaches at least the top of the "high natural background" class (0.2 µSv/h), so that the normal
 * scatter of a quiet day stays a quiet line instead of filling the height of the chart.
 */
const MIN_TOP_NSV = SCALE_CLASSES[2]?.upperNSvPerHour ?? 200;

const MARGIN = { left: 48, right: 12, top: 20, bottom: 28 };

function pathOf(points: readonly ChartPoint[], x: (t: number) => number, y: (v: number) => number): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.t).toFixed(1)},${y(point.v).toFixed(1)}`)
    .join('');
}

function bandOf(
  points: readonly ChartPoint[],
  x: (t: number) => number,
  y: (v: number) => number,
): string | null {
  const withRange = points.filter((point) => point.min !== null && point.max !== null);
  if (withRange.length < 2 || withRange.length !== points.length) return null;
  const upper = withRange.map(
    (point, index) => `${index === 0 ? 'M' : 'L'}${x(point.t).toFixed(1)},${y(point.max!).toFixed(1)}`,
  );
  const lower = [...withRange]
    .reverse()
    .map((point) => `L${x(point.t).toFixed(1)},${y(point.min!).toFixed(1)}`);
  return `${upper.join('')}${lower.join('')}Z`;
}

export function drawChart(input: ChartInput): SVGSVGElement {
  const { points, resolution, language } = input;
  const width = Math.max(280, Math.round(input.width));
  const height = width < 520 ? 220 : 280;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const from = Math.min(input.from, points[0]?.t ?? input.from);
  const to = Math.max(input.to, points.at(-1)?.t ?? input.to, from + 1);
  const highest = points.reduce((max, point) => Math.max(max, point.max ?? point.v), 0);
  const axis = valueAxis(highest, MIN_TOP_NSV);
  const x = (t: number) => MARGIN.left + ((t - from) / (to - from)) * plotWidth;
  const y = (v: number) => MARGIN.top + plotHeight - (Math.max(0, v) / axis.top) * plotHeight;

  const svg = s('svg', {
    class: 'chart',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': input.label,
    'aria-describedby': input.describedBy,
  });

  // The usual natural background of the Red River delta, behind everything.
  const background = PUBLIC_BACKGROUND.redRiverDeltaTypical;
  svg.append(
    s('rect', {
      class: 'chart-background',
      x: MARGIN.left,
      width: plotWidth,
      y: y(Math.min(background.maxNSvPerHour, axis.top)),
      height: Math.max(0, y(background.minNSvPerHour) - y(Math.min(background.maxNSvPerHour, axis.top))),
    }),
  );

  const grid = s('g', { class: 'chart-grid', 'aria-hidden': 'true' });
  for (const tick of axis.ticks) {
    grid.append(
      s('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(tick), y2: y(tick) }),
      s(
        'text',
        { x: MARGIN.left - 6, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        formatBound(tick, language),
      ),
    );
  }
  grid.append(s('text', { x: 4, y: 12, class: 'chart-unit' }, 'µSv/h'));
  const { unit, ticks } = timeTicks(from, to, Math.max(2, Math.floor(plotWidth / 80)));
  for (const tick of ticks) {
    const label =
      unit === 'month'
        ? formatMonth(tick)
        : unit === 'day' || formatTime(tick, language) === '00:00'
          ? formatDayMonth(tick)
          : formatTime(tick, language);
    grid.append(
      s('line', { x1: x(tick), x2: x(tick), y1: MARGIN.top + plotHeight, y2: MARGIN.top + plotHeight + 4 }),
      s('text', { x: x(tick), y: height - 8, 'text-anchor': 'middle' }, label),
    );
  }
  grid.append(
    s('line', {
      class: 'chart-axis',
      x1: MARGIN.left,
      x2: width - MARGIN.right,
      y1: MARGIN.top + plotHeight,
      y2: MARGIN.top + plotHeight,
    }),
  );
  svg.append(grid);

  const segments = splitAtGaps(points, expectedStepMs(resolution, points));
  const series = s('g', { class: 'chart-series', 'aria-hidden': 'true' });
  for (const segment of segments) {
    const band = bandOf(segment, x, y);
    if (band) series.append(s('path', { class: 'chart-band', d: band }));
  }
  for (const segment of segments) {
    if (segment.length === 1) {
      const point = segment[0]!;
      series.append(
        s('circle', {
          class: point.provisional ? 'chart-dot chart-provisional' : 'chart-dot',
          cx: x(point.t),
          cy: y(point.v),
          r: 2.5,
        }),
      );
      continue;
    }
    for (const run of statusRuns(segment)) {
      series.append(
        s('path', {
          class: run.provisional ? 'chart-line chart-provisional' : 'chart-line',
          d: pathOf(run.points, x, y),
        }),
      );
    }
  }
  svg.append(series);
  return svg;
}
