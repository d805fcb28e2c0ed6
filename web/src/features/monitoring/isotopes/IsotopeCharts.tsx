/**
 * The charts of the isotope analysis, drawn with uPlot: the δ²H–δ¹⁸O scatter with the GMWL and the river's own
 * line, and values over time per sampling point. (The shared time-series chart lives in ui/chart; these are
 * specific to isotopes.)
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import type { IsotopeLine, IsotopeSample } from '@sievert/core';
import { useLanguage } from '../../../app/i18n';
import { intlLocale, TIME_ZONE, useFormat } from '../../../app/i18n/format';
import { buildScatter, buildTimeSeries, SERIES_COLOURS, type Line } from './isotopeChartData';

const SAMPLE_COLOUR = '#0072B2';
const OUTLIER_COLOUR = '#D55E00';
const GMWL_COLOUR = '#6b6b6b';
const LOCAL_COLOUR = '#009E73';

/** One uPlot, as wide as its box (and following it), rebuilt when its options or data change. */
function UPlotBox({
  options,
  data,
  height,
  label,
  testId,
}: {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  label: string;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const width = () => Math.max(element.clientWidth, 240);
    const plot = new uPlot({ ...options, width: width(), height }, data, element);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} className="isotope-chart" />;
}

/** Month and weekday names of the reader's language, for the time axis. */
function useDateNames(): uPlot.DateNames {
  const language = useLanguage();
  return useMemo(() => {
    const locale = intlLocale(language);
    const month = (style: 'long' | 'short') =>
      Array.from({ length: 12 }, (_, m) =>
        new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(
          new Date(Date.UTC(2024, m, 15)),
        ),
      );
    // 2024-09-01 was a Sunday.
    const day = (style: 'long' | 'short') =>
      Array.from({ length: 7 }, (_, d) =>
        new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(
          new Date(Date.UTC(2024, 8, 1 + d)),
        ),
      );
    return { MMMM: month('long'), MMM: month('short'), WWWW: day('long'), WWW: day('short') };
  }, [language]);
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
  const format = useFormat();
  const scatter = useMemo(() => buildScatter(samples, gmwl, line), [samples, gmwl, line]);
  const data = useMemo(
    () => [scatter.x, scatter.normal, scatter.outliers, scatter.gmwl, scatter.local] as uPlot.AlignedData,
    [scatter],
  );
  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const number = (digits: number) => (_u: uPlot, v: number | null) =>
      v === null ? '—' : format.number(v, digits);
    const ticks = (digits: number) => (_u: uPlot, splits: number[]) =>
      splits.map((v) => format.number(v, digits));
    const dots = (colour: string, size: number): uPlot.Series => ({
      stroke: colour,
      fill: colour,
      paths: () => null,
      points: { show: true, size, stroke: colour, fill: colour },
      value: number(1),
    });
    return {
      scales: { x: { time: false } },
      axes: [
        { label: t('isotopes.fields.d18o'), values: ticks(1) },
        { label: t('isotopes.fields.d2h'), values: ticks(0), size: 56 },
      ],
      series: [
        { label: 'δ¹⁸O', value: number(2) },
        { ...dots(SAMPLE_COLOUR, 7), label: t('isotopes.analysis.samplesSeries') },
        { ...dots(OUTLIER_COLOUR, 11), label: t('isotopes.analysis.outliersSeries') },
        {
          label: t('isotopes.analysis.gmwl'),
          stroke: GMWL_COLOUR,
          width: 1.5,
          dash: [6, 4],
          points: { show: false },
          value: number(1),
        },
        {
          label: t('isotopes.analysis.localLine'),
          stroke: LOCAL_COLOUR,
          width: 2,
          points: { show: false },
          value: number(1),
        },
      ],
      cursor: { drag: { x: true, y: true, uni: 20 } },
      legend: { show: true },
    };
  }, [t, format]);
  return (
    <UPlotBox
      options={options}
      data={data}
      height={380}
      label={t('isotopes.analysis.scatterLabel', { river })}
      testId="isotope-scatter"
    />
  );
}

export function IsotopeTimeChart({
  samples,
  value,
  what,
  river,
  reference,
  digits = 2,
  testId,
}: {
  samples: readonly IsotopeSample[];
  value: (s: IsotopeSample) => number | null;
  /** The quantity, as the axis and the label name it. */
  what: string;
  river: string;
  /** A horizontal reference line (e.g. d = 10 ‰ of the GMWL) with its legend label. */
  reference?: { value: number; label: string } | null;
  digits?: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useDateNames();
  const series = useMemo(() => buildTimeSeries(samples, value), [samples, value]);
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
    const number = (_u: uPlot, v: number | null) => (v === null ? '—' : format.number(v, digits));
    return {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
      fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
      scales: { x: { time: true } },
      axes: [{}, { label: what, values: (_u, splits) => splits.map((v) => format.number(v, 1)), size: 56 }],
      series: [
        { value: (_u, ts) => (ts === null ? '—' : format.date(new Date(ts * 1000).toISOString())) },
        ...series.series.map((s, i): uPlot.Series => ({
          label: s.code,
          stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 5 },
          value: number,
        })),
        ...(reference
          ? [
              {
                label: reference.label,
                stroke: GMWL_COLOUR,
                dash: [6, 4],
                width: 1.5,
                points: { show: false },
                value: number,
              } satisfies uPlot.Series,
            ]
          : []),
      ],
      legend: { show: true },
    };
  }, [series, reference, what, names, format, digits]);
  return (
    <UPlotBox
      options={options}
      data={data}
      height={260}
      label={t('isotopes.analysis.timeLabel', { what, river })}
      testId={testId}
    />
  );
}
