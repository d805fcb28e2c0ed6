/**
 * The charts of the isotope analysis, drawn with uPlot: the δ²H–δ¹⁸O scatter with the GMWL and the river's own
 * line, and values over time per sampling point. (The shared time-series chart lives in ui/chart; these are
 * specific to isotopes.) Each chart has its legend and a readout of the sample under the pointer in the page
 * itself (uPlot's own legend cannot show dots, dashed lines or a sample's details), and marks the anomalous
 * samples so that they are seen without colour too (a ring, a label).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IsotopeLine, IsotopeSample } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { intlLocale, TIME_ZONE, useFormat } from '../../../app/i18n/format';
import { createTickFormatter, decimalsFor } from '../../../ui/chart/chartData';
import {
  buildScatter,
  buildTimeSeries,
  lineFormula,
  nearestIndex,
  SERIES_COLOURS,
  type Line,
} from './isotopeChartData';
import { useFixed } from './isotopeFormat';

const SAMPLE_COLOUR = '#0072B2';
const OUTLIER_FILL = '#D55E00';
const OUTLIER_STROKE = '#7c2d12';
const GMWL_COLOUR = '#4b5563';
const LOCAL_COLOUR = '#009E73';
const AXIS = {
  stroke: '#5b6b7f',
  grid: { stroke: '#edf0f4', width: 1 },
  ticks: { stroke: '#d9dee6' },
} satisfies Partial<uPlot.Axis>;
/** How far (CSS px) from a dot the pointer still picks it. */
const PICK_RADIUS = 14;

/** Axis numbers with as many decimals as the step between ticks needs ("-8,5", "-8", "-7,5"). */
function axisNumbers(locale: string) {
  return (_u: uPlot, splits: number[]) => {
    const step = splits.length > 1 ? Math.abs((splits[1] ?? 0) - (splits[0] ?? 0)) : 1;
    const formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: decimalsFor(step) });
    return splits.map((v) => (Number.isFinite(v) ? formatter.format(v) : ''));
  };
}

/** One uPlot, as wide as its box (and following it), rebuilt when its options or data change. */
function UPlotBox({
  options,
  data,
  height,
  label,
  testId,
  attributes,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  label: string;
  testId: string;
  attributes?: Record<`data-${string}`, string | number>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const width = () => Math.max(element.clientWidth, 200);
    const plot = new uPlot({ ...options, width: width(), height }, data, element);
    element.setAttribute('data-ready', 'true');
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0 && Math.abs(plot.width - width()) > 1)
        plot.setSize({ width: width(), height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      element.removeAttribute('data-ready');
    };
  }, [options, data, height]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="isotope-chart"
      style={{ minHeight: height }}
      {...attributes}
    />
  );
}

type Swatch = 'dot' | 'ring' | 'hollow' | 'line' | 'dashed';

interface LegendItem {
  key: string;
  label: ReactNode;
  colour: string;
  swatch: Swatch;
  title?: string;
}

function Legend({ items, testId }: { items: LegendItem[]; testId: string }) {
  return (
    <div className="isotope-legend" data-testid={`${testId}-legend`}>
      {items.map((item) => (
        <span
          key={item.key}
          className="isotope-legend-item"
          title={item.title}
          data-testid={`${testId}-legend-${item.key}`}
        >
          <span
            className={`isotope-swatch isotope-swatch-${item.swatch}`}
            style={
              item.swatch === 'dot'
                ? { background: item.colour }
                : item.swatch === 'ring'
                  ? { background: OUTLIER_FILL, borderColor: item.colour }
                  : item.swatch === 'hollow'
                    ? { borderColor: item.colour }
                    : { borderTopColor: item.colour }
            }
          />
          {item.label}
        </span>
      ))}
    </div>
  );
}

/** The line under a chart: the sample (or the date) under the pointer, else how to use the chart. */
function Readout({ children, hint, testId }: { children: ReactNode; hint: string; testId: string }) {
  return (
    <div className="isotope-readout" data-testid={`${testId}-readout`} aria-live="polite">
      {children ?? <span className="muted">{hint}</span>}
    </div>
  );
}

export function IsotopeScatter({
  samples,
  gmwl,
  line,
  river,
}: {
  samples: readonly IsotopeSample[];
  gmwl: Line;
  line: IsotopeLine | null;
  river: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const fixed = useFixed();
  const screens = Grid.useBreakpoint();
  const [hover, setHover] = useState<number | null>(null);
  const scatter = useMemo(() => buildScatter(samples, gmwl, line), [samples, gmwl, line]);
  // The GMWL last: drawn over the river's line, which often lies almost on it.
  const data = useMemo(
    () => [scatter.x, scatter.normal, scatter.outliers, scatter.local, scatter.gmwl] as uPlot.AlignedData,
    [scatter],
  );
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const locale = intlLocale(language);
    const dots = (fill: string, stroke: string, size: number): uPlot.Series => ({
      stroke,
      fill,
      width: 0,
      paths: () => null,
      points: { show: true, size, width: 1.5, stroke, fill },
    });
    return {
      padding: [14, 14, 0, 0],
      scales: { x: { time: false } },
      axes: [
        { ...AXIS, label: t('isotopes.fields.d18o'), labelSize: 20, space: 44, values: axisNumbers(locale) },
        {
          ...AXIS,
          label: t('isotopes.fields.d2h'),
          labelSize: 20,
          size: 46,
          space: 32,
          values: axisNumbers(locale),
        },
      ],
      series: [
        {},
        dots(SAMPLE_COLOUR, SAMPLE_COLOUR, 6),
        dots(OUTLIER_FILL, OUTLIER_STROKE, 12),
        { stroke: LOCAL_COLOUR, width: 2, points: { show: false } },
        { stroke: GMWL_COLOUR, width: 1.5, dash: [6, 4], points: { show: false } },
      ],
      legend: { show: false },
      cursor: { x: false, y: false, points: { show: false }, drag: { x: true, y: true, uni: 20 } },
      hooks: {
        init: [
          (u) => {
            const ring = document.createElement('div');
            ring.className = 'isotope-hover-ring';
            u.over.appendChild(ring);
          },
        ],
        setCursor: [
          (u) => {
            const { left, top } = u.cursor;
            const positions = scatter.samples.map((s) =>
              s && s.d18o !== null && s.d2h !== null
                ? { left: u.valToPos(s.d18o, 'x'), top: u.valToPos(s.d2h, 'y') }
                : null,
            );
            const index =
              left === undefined || top === undefined || left < 0
                ? null
                : nearestIndex(positions, left, top, PICK_RADIUS);
            setHover(index);
            const ring = u.over.querySelector<HTMLDivElement>('.isotope-hover-ring');
            if (!ring) return;
            const at = index === null ? null : positions[index];
            ring.style.display = at ? 'block' : 'none';
            if (at) ring.style.transform = `translate(${at.left - 9}px, ${at.top - 9}px)`;
          },
        ],
        // The code of each anomalous sample beside its dot.
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            const ratio = uPlot.pxRatio;
            ctx.save();
            ctx.font = `600 ${11 * ratio}px sans-serif`;
            ctx.fillStyle = OUTLIER_STROKE;
            ctx.textBaseline = 'middle';
            scatter.samples.forEach((s, i) => {
              if (!s || scatter.outliers[i] === null || s.d18o === null || s.d2h === null) return;
              const x = u.valToPos(s.d18o, 'x', true);
              const y = u.valToPos(s.d2h, 'y', true);
              if (x < bbox.left || x > bbox.left + bbox.width || y < bbox.top || y > bbox.top + bbox.height)
                return;
              const text = s.sampleCode;
              const width = ctx.measureText(text).width;
              const right = x + 10 * ratio + width <= bbox.left + bbox.width;
              ctx.textAlign = right ? 'left' : 'right';
              ctx.fillText(text, right ? x + 10 * ratio : x - 10 * ratio, y - 10 * ratio);
            });
            ctx.restore();
          },
        ],
      },
    };
  }, [t, language, scatter]);

  const paired = scatter.samples.filter((s) => s !== null).length;
  const outliers = scatter.outliers.filter((v) => v !== null).length;
  const sample = hover === null ? null : scatter.samples[hover];
  const number = (value: number, digits: number) => fixed(value, digits);
  const items: LegendItem[] = [
    {
      key: 'samples',
      label: `${t('isotopes.analysis.samplesSeries')} (${format.number(paired - outliers)})`,
      colour: SAMPLE_COLOUR,
      swatch: 'dot',
    },
    ...(outliers > 0
      ? [
          {
            key: 'outliers',
            label: `${t('isotopes.analysis.outliersSeries')} (${format.number(outliers)})`,
            colour: OUTLIER_STROKE,
            swatch: 'ring' as const,
          },
        ]
      : []),
    {
      key: 'gmwl',
      label: (
        <>
          {t('isotopes.analysis.gmwl')}: <span className="isotope-formula">{lineFormula(gmwl, number)}</span>
        </>
      ),
      colour: GMWL_COLOUR,
      swatch: 'dashed',
    },
    ...(line
      ? [
          {
            key: 'local',
            label: (
              <>
                {t('isotopes.analysis.localLine')}:{' '}
                <span className="isotope-formula">{lineFormula(line, number)}</span>
              </>
            ),
            colour: LOCAL_COLOUR,
            swatch: 'line' as const,
          },
        ]
      : []),
  ];
  return (
    <div className="isotope-chart-block">
      <UPlotBox
        options={options}
        data={data}
        height={screens.md ? 400 : 320}
        label={t('isotopes.analysis.scatterLabel', { river })}
        testId="isotope-scatter"
        attributes={{
          'data-samples': paired,
          'data-outliers': outliers,
          'data-lines': line ? 'gmwl local' : 'gmwl',
        }}
      />
      <Legend items={items} testId="isotope-scatter" />
      <Readout hint={t('isotopes.analysis.scatterPointerHint')} testId="isotope-scatter">
        {sample ? (
          <>
            <strong className="mono">{sample.sampleCode}</strong>
            <span title={sample.stationName}>
              {' · '}
              <span className="mono">{sample.stationCode}</span> · {format.date(sample.sampledAt)}
            </span>
            <span className="isotope-readout-values">
              δ¹⁸O {fixed(sample.d18o, 2)} ‰ · δ²H {fixed(sample.d2h, 1)} ‰ · d {fixed(sample.dExcess, 1)} ‰
            </span>
            {sample.flags.length > 0 ? (
              <span className="isotope-readout-flag">
                {sample.flags.map((flag) => t(`isotopes.flags.${flag}`)).join(', ')}
              </span>
            ) : null}
          </>
        ) : null}
      </Readout>
    </div>
  );
}

/** One value over time, a line per sampling point of the river, the anomalous samples ringed. */
export function IsotopeTimeChart({
  samples,
  value,
  what,
  river,
  reference,
  digits = 2,
  unit = '‰',
  testId,
}: {
  samples: readonly IsotopeSample[];
  value: (s: IsotopeSample) => number | null;
  /** The quantity, as the axis and the label name it (with its unit). */
  what: string;
  river: string;
  /** A horizontal reference line (e.g. d = 10 ‰ of the GMWL) with its legend label. */
  reference?: { value: number; label: string } | null;
  digits?: number;
  /** The unit of the readout. */
  unit?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const fixed = useFixed();
  const screens = Grid.useBreakpoint();
  const [hover, setHover] = useState<number | null>(null);
  const series = useMemo(() => buildTimeSeries(samples, value), [samples, value]);
  /** The anomalous samples with a value: ringed on the chart. */
  const flagged = useMemo(
    () =>
      samples.flatMap((s) => {
        const v = value(s);
        const at = Date.parse(s.sampledAt);
        return s.flags.length > 0 && v !== null && Number.isFinite(v) && Number.isFinite(at)
          ? [{ t: Math.floor(at / 1000), v }]
          : [];
      }),
    [samples, value],
  );
  const names = useMemo(() => new Map(samples.map((s) => [s.stationCode, s.stationName])), [samples]);
  const data = useMemo(
    () =>
      [
        series.x,
        ...series.series.map((s) => s.values),
        ...(reference ? [series.x.map(() => reference.value)] : []),
      ] as uPlot.AlignedData,
    [series, reference],
  );
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const locale = intlLocale(language);
    const ticks = createTickFormatter(locale, TIME_ZONE);
    return {
      padding: [14, 14, 0, 0],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
      scales: { x: { time: true } },
      axes: [
        {
          ...AXIS,
          space: 64,
          values: (_u, splits, _axis, _space, increment) => ticks(splits, increment),
        },
        { ...AXIS, label: what, labelSize: 20, size: 46, space: 30, values: axisNumbers(locale) },
      ],
      series: [
        {},
        ...series.series.map((s, i): uPlot.Series => ({
          label: s.code,
          stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 5 },
        })),
        ...(reference
          ? [
              {
                label: reference.label,
                stroke: GMWL_COLOUR,
                dash: [6, 4],
                width: 1.5,
                points: { show: false },
              } satisfies uPlot.Series,
            ]
          : []),
      ],
      legend: { show: false },
      cursor: { y: false, points: { size: 8 }, drag: { x: true, y: false } },
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        // A ring around each anomalous sample.
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            const ratio = uPlot.pxRatio;
            ctx.save();
            ctx.strokeStyle = OUTLIER_FILL;
            ctx.lineWidth = 2 * ratio;
            for (const point of flagged) {
              const x = u.valToPos(point.t, 'x', true);
              const y = u.valToPos(point.v, 'y', true);
              if (x < bbox.left || x > bbox.left + bbox.width || y < bbox.top || y > bbox.top + bbox.height)
                continue;
              ctx.beginPath();
              ctx.arc(x, y, 6 * ratio, 0, 2 * Math.PI);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
  }, [series, reference, what, language, flagged]);

  const items: LegendItem[] = [
    ...series.series.map((s, i) => ({
      key: s.code,
      label: s.code,
      title: names.get(s.code),
      colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
      swatch: 'line' as const,
    })),
    ...(reference
      ? [{ key: 'reference', label: reference.label, colour: GMWL_COLOUR, swatch: 'dashed' as const }]
      : []),
    ...(flagged.length > 0
      ? [
          {
            key: 'outliers',
            label: t('isotopes.analysis.outliersSeries'),
            colour: OUTLIER_FILL,
            swatch: 'hollow' as const,
          },
        ]
      : []),
  ];
  const at = hover === null ? undefined : series.x[hover];
  const values =
    hover === null
      ? []
      : series.series.flatMap((s, i) => {
          const v = s.values[hover];
          return v === null || v === undefined
            ? []
            : [{ code: s.code, v, colour: SERIES_COLOURS[i % SERIES_COLOURS.length]! }];
        });
  return (
    <div className="isotope-chart-block">
      <UPlotBox
        options={options}
        data={data}
        height={screens.md ? 260 : 220}
        label={t('isotopes.analysis.timeLabel', { what, river })}
        testId={testId}
        attributes={{ 'data-points': series.x.length, 'data-flagged': flagged.length }}
      />
      <Legend items={items} testId={testId} />
      <Readout hint={t('isotopes.analysis.timePointerHint')} testId={testId}>
        {at === undefined ? null : (
          <>
            <strong>{format.date(new Date(at * 1000).toISOString())}</strong>
            {values.map((one) => (
              <span key={one.code} className="isotope-readout-value">
                <span className="isotope-swatch isotope-swatch-line" style={{ borderTopColor: one.colour }} />
                <span className="mono">{one.code}</span> {fixed(one.v, digits)} {unit}
              </span>
            ))}
          </>
        )}
      </Readout>
    </div>
  );
}
