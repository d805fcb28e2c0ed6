import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Button, Flex, Segmented, Spin, Tooltip, Typography } from 'antd';
import { ZoomOutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MONITORING_TIME_REFERENCE } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { intlLocale, TIME_ZONE, useFormat } from '../../app/i18n/format';
import {
  RANGE_PRESETS,
  alignSeries,
  createTickFormatter,
  dataExtent,
  decimalsFor,
  hasMarkers,
  hasSpread,
  zoomWindow,
  type AlignedColumns,
  type ChartMarker,
  type ChartPoint,
  type RangePreset,
  type TimeWindow,
} from './chartData';
import './chart.css';

/** One line (or set of bars) of the chart; values already in the unit shown. */
export interface ChartSeries {
  key: string;
  label: string;
  unit: string;
  colour: string;
  /** Left: the main quantity; right: a second quantity on its own axis (rain under a dose rate). */
  axis?: 'left' | 'right';
  kind?: 'line' | 'bars';
  points: readonly ChartPoint[];
  /** Expected step between points (s): longer silences break the line; bars are this wide. */
  stepS?: number;
  /** Draw the min–max band of aggregated points. */
  band?: boolean;
  /** Decimals in the readout. */
  digits?: number;
}

export interface ChartThreshold {
  value: number;
  label: string;
  colour?: string;
  /** Stretch the axis so the line is always visible (otherwise drawn only when inside the range). */
  alwaysVisible?: boolean;
}

export interface TimeSeriesChartProps {
  series: readonly ChartSeries[];
  /** What the axis shows, in epoch milliseconds. */
  view: TimeWindow;
  /** Start the axis at the first point instead of `window.from` (the "all" preset). */
  fitToData?: boolean;
  /** The preset in use, null after a zoom. */
  preset: RangePreset | null;
  onPresetChange: (preset: RangePreset) => void;
  onZoom: (window: TimeWindow) => void;
  /** Double-click or the reset button. */
  onReset: () => void;
  /** The plot's width in CSS pixels, whenever it changes (to ask for as many points as can be seen). */
  onWidthChange?: (width: number) => void;
  /** What dragging across the plot does: zoom in (default) or select a period for `onSelectRange`. */
  dragMode?: 'zoom' | 'select';
  onSelectRange?: (window: TimeWindow) => void;
  /** A period shaded on the plot (the selection). */
  highlight?: TimeWindow | null;
  thresholds?: readonly ChartThreshold[];
  leftAxisLabel?: string;
  rightAxisLabel?: string;
  height?: number;
  loading?: boolean;
  /** Beside the presets: the resolution in use, modes, … */
  toolbar?: ReactNode;
  testId?: string;
  ariaLabel: string;
}

const MARKER_STYLES: Record<ChartMarker, { fill: string; stroke: string }> = {
  // Orange filled and grey hollow circles: told apart by fill as well as by hue.
  flagged: { fill: '#f59e0b', stroke: '#7c2d12' },
  rejected: { fill: '#ffffff', stroke: '#4b5563' },
};

const NO_THRESHOLDS: readonly ChartThreshold[] = [];

type Role =
  | { kind: 'main'; series: number }
  | { kind: 'min' | 'max'; series: number }
  | { kind: 'marker'; series: number; marker: ChartMarker };

interface Layout {
  structure: string;
  roles: Role[];
  data: uPlot.AlignedData;
  columns: AlignedColumns;
  hasRight: boolean;
  markers: ChartMarker[];
  count: number;
}

function withAlpha(colour: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!match) return colour;
  const n = parseInt(match[1] ?? '0', 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function buildLayout(series: readonly ChartSeries[]): Layout {
  const columns = alignSeries(
    series.map((one) => ({ points: one.points, stepS: one.kind === 'bars' ? undefined : one.stepS })),
    MONITORING_TIME_REFERENCE.gapFactor.value,
  );
  const roles: Role[] = [];
  const arrays: (number | null | undefined)[][] = [];
  const markers = new Set<ChartMarker>();
  const structure: string[] = [];
  series.forEach((one, index) => {
    const aligned = columns.series[index];
    if (!aligned) return;
    roles.push({ kind: 'main', series: index });
    arrays.push(aligned.values);
    const band = one.band === true && hasSpread(aligned);
    if (band) {
      roles.push({ kind: 'min', series: index }, { kind: 'max', series: index });
      arrays.push(aligned.min, aligned.max);
    }
    const present = (['flagged', 'rejected'] as const).filter((marker) => hasMarkers(aligned, marker));
    for (const marker of present) {
      roles.push({ kind: 'marker', series: index, marker });
      arrays.push(aligned.markers[marker]);
      markers.add(marker);
    }
    structure.push(
      `${one.key}:${one.kind ?? 'line'}:${one.axis ?? 'left'}:${one.colour}:${one.stepS ?? 0}:${band}:${present.join('+')}`,
    );
  });
  return {
    structure: structure.join('|'),
    roles,
    data: [columns.x, ...arrays] as uPlot.AlignedData,
    columns,
    hasRight: series.some((one) => one.axis === 'right'),
    markers: [...markers],
    count: series.reduce((sum, one) => sum + one.points.length, 0),
  };
}

/** Bars from each point's time over `widthS` seconds (buckets start at their time), at most 85 % filled. */
function barPaths(widthS: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[seriesIdx];
    const scale = u.series[seriesIdx]?.scale ?? 'y';
    const shape = new Path2D();
    if (!ys) return { stroke: shape, fill: shape };
    const base = u.valToPos(0, scale, true);
    for (let i = idx0; i <= idx1; i++) {
      const value = ys[i];
      const x = xs[i];
      if (value === null || value === undefined || x === undefined) continue;
      const left = u.valToPos(x, 'x', true);
      const right = u.valToPos(x + widthS, 'x', true);
      const top = u.valToPos(value, scale, true);
      shape.rect(left, Math.min(top, base), Math.max(1, (right - left) * 0.85), Math.abs(base - top));
    }
    return { stroke: shape, fill: shape };
  };
}

/** The value of a series at or just before an index (bars and sparse series have no value at every time). */
function valueNear(values: readonly (number | null | undefined)[], index: number): number | null {
  for (let i = index; i >= 0; i--) {
    const value = values[i];
    if (value === null) return null;
    if (value !== undefined) return value;
  }
  return null;
}

/**
 * A time-series chart on uPlot: one or two y axes, a min–max band for aggregated series, bars for a second
 * quantity, markers for flagged or rejected values, optional threshold lines, and range presets. Dragging zooms
 * (or selects a period), a double-click goes back to the preset; the parent owns the window and fetches the data
 * for it, so zooming in asks the server for finer values. Times are shown in Asia/Ho_Chi_Minh.
 */
export function TimeSeriesChart({
  series,
  view,
  fitToData = false,
  preset,
  onPresetChange,
  onZoom,
  onReset,
  onWidthChange,
  dragMode = 'zoom',
  onSelectRange,
  highlight = null,
  thresholds = NO_THRESHOLDS,
  leftAxisLabel,
  rightAxisLabel,
  height = 320,
  loading = false,
  toolbar,
  testId = 'timeseries-chart',
  ariaLabel,
}: TimeSeriesChartProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const locale = intlLocale(language);
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const [width, setWidth] = useState(0);
  const widthRef = useRef(0);
  const [hover, setHover] = useState<number | null>(null);

  const layout = useMemo(() => buildLayout(series), [series]);
  const extent = dataExtent(layout.columns.x);
  const xFrom = fitToData && extent ? Math.max(view.from / 1000, extent[0]) : view.from / 1000;
  const xTo = view.to / 1000;

  // What the uPlot callbacks read: always the latest props, without rebuilding the plot.
  const live = useRef({
    onZoom,
    onReset,
    onSelectRange,
    dragMode,
    highlight,
    thresholds,
    xRange: [xFrom, xTo] as [number, number],
  });
  useEffect(() => {
    live.current = {
      onZoom,
      onReset,
      onSelectRange,
      dragMode,
      highlight,
      thresholds,
      xRange: [xFrom, xTo],
    };
    chartRef.current?.redraw(false, false);
  }, [onZoom, onReset, onSelectRange, dragMode, highlight, thresholds, xFrom, xTo]);

  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  // The plot's width follows its container.
  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (next > 0) {
        widthRef.current = next;
        setWidth(next);
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (width > 0) onWidthChange?.(width);
  }, [width, onWidthChange]);

  const leftLabel = leftAxisLabel ?? series.find((one) => one.axis !== 'right')?.unit ?? '';
  const rightLabel = rightAxisLabel ?? series.find((one) => one.axis === 'right')?.unit ?? '';
  // Only what shapes the plot; the points travel through setData. A new structure string: a new plot.
  const structure = layout.structure;
  const seriesRef = useRef(series);
  useEffect(() => {
    seriesRef.current = series;
  }, [series]);

  // The plot itself: rebuilt when its shape changes (series, axes, language), not when the data do.
  const hasWidth = width > 0;
  useEffect(() => {
    const element = plotRef.current;
    if (!element || !hasWidth) return;
    const current = layoutRef.current;
    const seriesConfig = seriesRef.current;
    const ticks = createTickFormatter(locale, TIME_ZONE);
    const number = (digits: number) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    const axisNumber = (splits: number[]) => {
      const step = splits.length > 1 ? Math.abs((splits[1] ?? 0) - (splits[0] ?? 0)) : 1;
      const formatter = number(decimalsFor(step));
      return splits.map((split) => (Number.isFinite(split) ? formatter.format(split) : ''));
    };
    const uSeries: uPlot.Series[] = [{}];
    const bands: uPlot.Band[] = [];
    current.roles.forEach((role, position) => {
      const config = seriesConfig[role.series];
      if (!config) return;
      const scale = config.axis === 'right' ? 'y2' : 'y';
      if (role.kind === 'main') {
        uSeries.push(
          config.kind === 'bars'
            ? {
                label: config.label,
                scale,
                stroke: config.colour,
                fill: withAlpha(config.colour, 0.55),
                width: 0,
                paths: barPaths(config.stepS ?? 3_600),
                points: { show: false },
              }
            : {
                label: config.label,
                scale,
                stroke: config.colour,
                width: 1.5,
                spanGaps: false,
                points: { show: false },
              },
        );
      } else if (role.kind === 'min' || role.kind === 'max') {
        uSeries.push({
          label: `${config.label} ${role.kind}`,
          scale,
          stroke: 'transparent',
          width: 0,
          spanGaps: false,
          points: { show: false },
        });
        if (role.kind === 'max') {
          // uPlot counts series from 1 (0 is time): max is this one, min the one before.
          bands.push({ series: [position + 1, position], fill: withAlpha(config.colour, 0.22) });
        }
      } else if (role.kind === 'marker') {
        const style = MARKER_STYLES[role.marker];
        uSeries.push({
          label: role.marker,
          scale,
          stroke: style.stroke,
          width: 0,
          paths: () => null,
          points: { show: true, size: 8, width: 1.5, fill: style.fill, stroke: style.stroke },
        });
      }
    });
    const axisStyle = {
      stroke: '#5b6b7f',
      grid: { stroke: '#edf0f4', width: 1 },
      ticks: { stroke: '#d9dee6' },
    };
    const axes: uPlot.Axis[] = [
      {
        ...axisStyle,
        space: 70,
        values: (_u, splits, _axis, _space, increment) => ticks(splits, increment),
      },
      {
        ...axisStyle,
        scale: 'y',
        label: leftLabel,
        labelSize: 18,
        size: 56,
        values: (_u, splits) => axisNumber(splits),
      },
    ];
    if (current.hasRight) {
      axes.push({
        ...axisStyle,
        scale: 'y2',
        side: 1,
        label: rightLabel,
        labelSize: 18,
        size: 48,
        grid: { show: false },
        values: (_u, splits) => axisNumber(splits),
      });
    }
    const options: uPlot.Options = {
      width: widthRef.current,
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
      legend: { show: false },
      padding: [12, current.hasRight ? 4 : 12, 0, 0],
      scales: {
        x: { time: true, range: () => live.current.xRange },
        y: {
          range: (_u, min, max) => {
            let low = min;
            let high = max;
            for (const threshold of live.current.thresholds) {
              if (!threshold.alwaysVisible) continue;
              low = Math.min(low ?? threshold.value, threshold.value);
              high = Math.max(high ?? threshold.value, threshold.value);
            }
            if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high))
              return [0, 1];
            return uPlot.rangeNum(low, high, 0.1, true);
          },
        },
        // A second quantity's bars stay in the lower part of the plot, under the main line.
        y2: { range: (_u, _min, max) => [0, Math.max(Number.isFinite(max) ? max : 0, 0.5) * 2.5] },
      },
      series: uSeries,
      bands,
      axes,
      cursor: {
        drag: { x: true, y: false, setScale: false, dist: 4 },
        points: { size: 7 },
        bind: {
          dblclick: () => () => {
            live.current.onReset();
            return null;
          },
        },
      },
      hooks: {
        setSelect: [
          (u) => {
            const select = u.select;
            if (select.width < 4) return;
            const from = u.posToVal(select.left, 'x') * 1000;
            const to = u.posToVal(select.left + select.width, 'x') * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            const picked = zoomWindow(from, to);
            if (!picked) return;
            if (live.current.dragMode === 'select' && live.current.onSelectRange)
              live.current.onSelectRange(picked);
            else live.current.onZoom(picked);
          },
        ],
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        draw: [
          (u) => {
            const { ctx, bbox } = u;
            const ratio = uPlot.pxRatio;
            ctx.save();
            const shaded = live.current.highlight;
            if (shaded) {
              const left = Math.max(bbox.left, u.valToPos(shaded.from / 1000, 'x', true));
              const right = Math.min(bbox.left + bbox.width, u.valToPos(shaded.to / 1000, 'x', true));
              if (right > left) {
                ctx.fillStyle = 'rgba(22, 119, 255, 0.14)';
                ctx.fillRect(left, bbox.top, Math.max(right - left, ratio * 2), bbox.height);
              }
            }
            ctx.font = `${11 * ratio}px sans-serif`;
            for (const threshold of live.current.thresholds) {
              const y = u.valToPos(threshold.value, 'y', true);
              if (!Number.isFinite(y) || y < bbox.top || y > bbox.top + bbox.height) continue;
              ctx.strokeStyle = threshold.colour ?? '#b3001b';
              ctx.fillStyle = threshold.colour ?? '#b3001b';
              ctx.lineWidth = 1.25 * ratio;
              ctx.setLineDash([6 * ratio, 4 * ratio]);
              ctx.beginPath();
              ctx.moveTo(bbox.left, y);
              ctx.lineTo(bbox.left + bbox.width, y);
              ctx.stroke();
              const text = threshold.label;
              const textWidth = ctx.measureText(text).width;
              ctx.fillText(text, bbox.left + bbox.width - textWidth - 4 * ratio, y - 4 * ratio);
            }
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(options, current.data, element);
    chartRef.current = chart;
    element.setAttribute('data-ready', 'true');
    return () => {
      chart.destroy();
      chartRef.current = null;
      element.removeAttribute('data-ready');
    };
  }, [structure, hasWidth, height, locale, leftLabel, rightLabel]);

  useEffect(() => {
    if (width > 0) chartRef.current?.setSize({ width, height });
  }, [width, height]);

  // New data or a new window: the plot stays, its columns and its x range change.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.batch(() => {
      chart.setData(layout.data, true);
      chart.setScale('x', { min: xFrom, max: xTo });
    });
  }, [layout, xFrom, xTo, structure]);

  const hoverTime = hover === null ? undefined : layout.columns.x[hover];
  const readout = series.map((one, index) => {
    const aligned = layout.columns.series[index];
    if (hover === null || !aligned) return null;
    const value = valueNear(aligned.values, hover);
    if (value === null) return '—';
    const digits = one.digits ?? 3;
    const text = `${format.number(value, digits)} ${one.unit}`;
    const at = aligned.values[hover] === undefined ? null : hover;
    const min = at === null ? undefined : aligned.min[at];
    const max = at === null ? undefined : aligned.max[at];
    return typeof min === 'number' && typeof max === 'number' && (min !== value || max !== value)
      ? `${text} (${format.number(min, digits)}–${format.number(max, digits)})`
      : text;
  });
  const empty = layout.count === 0;

  return (
    <div
      className="ts-chart"
      data-testid={testId}
      data-points={layout.count}
      data-from={new Date(view.from).toISOString()}
      data-to={new Date(view.to).toISOString()}
      data-preset={preset ?? 'zoom'}
    >
      <Flex className="ts-chart-toolbar" gap={8} wrap align="center">
        <Segmented<RangePreset | 'zoom'>
          size="small"
          value={preset ?? 'zoom'}
          onChange={(value) => {
            if (value !== 'zoom') onPresetChange(value);
          }}
          options={[
            ...RANGE_PRESETS.map((value) => ({
              value,
              label: (
                <span data-testid={`${testId}-range-${value}`}>{t(`monitoring.chart.presets.${value}`)}</span>
              ),
            })),
            ...(preset === null
              ? [{ value: 'zoom' as const, label: t('monitoring.chart.zoomed'), disabled: true }]
              : []),
          ]}
        />
        {preset === null ? (
          <Tooltip title={t('monitoring.chart.resetHint')}>
            <Button size="small" icon={<ZoomOutOutlined />} onClick={onReset} data-testid={`${testId}-reset`}>
              {t('monitoring.chart.reset')}
            </Button>
          </Tooltip>
        ) : null}
        {toolbar}
        {loading ? <Spin size="small" /> : null}
      </Flex>
      <div className="ts-chart-plot-wrap">
        <div
          ref={plotRef}
          className="ts-chart-plot"
          role="img"
          aria-label={ariaLabel}
          style={{ minHeight: height }}
        />
        {empty && !loading ? (
          <div className="ts-chart-empty" data-testid={`${testId}-empty`}>
            {t('monitoring.chart.noData')}
          </div>
        ) : null}
      </div>
      <Flex className="ts-chart-legend" gap={14} wrap align="center">
        <span className="ts-chart-time">
          {hoverTime === undefined ? '' : format.dateTime(new Date(hoverTime * 1000).toISOString())}
        </span>
        {series.map((one, index) => (
          <span key={one.key} className="ts-chart-legend-item">
            <span
              className={one.kind === 'bars' ? 'ts-chart-swatch ts-chart-swatch-bar' : 'ts-chart-swatch'}
              style={{ background: one.colour }}
            />
            {one.label}
            {readout[index] ? <strong className="ts-chart-value">{readout[index]}</strong> : null}
          </span>
        ))}
        {layout.markers.map((marker) => (
          <span key={marker} className="ts-chart-legend-item">
            <span
              className="ts-chart-swatch ts-chart-swatch-dot"
              style={{ background: MARKER_STYLES[marker].fill, borderColor: MARKER_STYLES[marker].stroke }}
            />
            {t(`monitoring.chart.markers.${marker}`)}
          </span>
        ))}
      </Flex>
      <Typography.Text type="secondary" className="ts-chart-hint">
        {dragMode === 'select' ? t('monitoring.chart.selectHint') : t('monitoring.chart.zoomHint')}
      </Typography.Text>
    </div>
  );
}
