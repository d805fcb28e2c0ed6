import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CordonProfilePoint } from '@sievert/core';

export interface DistanceMarker {
  /** Distance (m) of the vertical line. */
  distanceM: number;
  label: string;
  colour: string;
  dash?: number[];
}

export interface DistanceChartProps {
  profile: readonly CordonProfilePoint[];
  /** The criterion (µSv/h): a horizontal line. */
  criterion: { value: number; label: string };
  markers: readonly DistanceMarker[];
  seriesLabel: string;
  xLabel: string;
  yLabel: string;
  /** Axis numbers in the user's language. */
  formatNumber: (value: number) => string;
  ariaLabel: string;
  height?: number;
  testId?: string;
}

const LINE_COLOUR = '#1d4ed8';
const CRITERION_COLOUR = '#b91c1c';

/** Only the powers of ten on a log axis carry a number (1, 10, 100…), the other ticks stay bare. */
function logTickLabels(format: (value: number) => string) {
  return (_u: uPlot, splits: number[]) =>
    splits.map((v) => {
      if (v <= 0) return '';
      const exponent = Math.log10(v);
      return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? format(v) : '';
    });
}

/**
 * Dose rate against distance on log–log axes (uPlot): the curve, the criterion as a horizontal red line and
 * vertical lines at the given distances (the computed cordon, the default radius), each labelled on the plot.
 */
export function DistanceChart({
  profile,
  criterion,
  markers,
  seriesLabel,
  xLabel,
  yLabel,
  formatNumber,
  ariaLabel,
  height = 320,
  testId,
}: DistanceChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // What the draw hook paints, read when it runs so a new input does not rebuild the plot.
  const overlayRef = useRef({ criterion, markers });
  useEffect(() => {
    overlayRef.current = { criterion, markers };
  }, [criterion, markers]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const xs = profile.map((p) => p.distanceM);
    const ys = profile.map((p) => p.doseRateUSvPerH);
    const yMin = Math.min(criterion.value / 10, ...ys);
    const yMax = Math.max(criterion.value * 10, ...ys);
    const options: uPlot.Options = {
      width: Math.max(200, container.clientWidth),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        x: { distr: 3, log: 10, time: false },
        y: {
          distr: 3,
          log: 10,
          range: () => [10 ** Math.floor(Math.log10(yMin)), 10 ** Math.ceil(Math.log10(yMax))],
        },
      },
      axes: [
        {
          label: xLabel,
          values: logTickLabels(formatNumber),
          grid: { stroke: '#e5e7eb', width: 1 },
          ticks: { stroke: '#d1d5db', width: 1 },
        },
        {
          label: yLabel,
          values: logTickLabels(formatNumber),
          size: 70,
          grid: { stroke: '#e5e7eb', width: 1 },
          ticks: { stroke: '#d1d5db', width: 1 },
        },
      ],
      series: [{}, { label: seriesLabel, stroke: LINE_COLOUR, width: 2, points: { show: false } }],
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            const { left, top, width, height: h } = u.bbox;
            const dpr = uPlot.pxRatio;
            const overlay = overlayRef.current;
            ctx.save();
            ctx.font = `${12 * dpr}px system-ui, sans-serif`;
            ctx.lineWidth = 1.5 * dpr;
            // The criterion: horizontal.
            const y = u.valToPos(overlay.criterion.value, 'y', true);
            if (y >= top && y <= top + h) {
              ctx.strokeStyle = CRITERION_COLOUR;
              ctx.setLineDash([6 * dpr, 4 * dpr]);
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + width, y);
              ctx.stroke();
              ctx.fillStyle = CRITERION_COLOUR;
              // At the left, where the falling curve is far above the line.
              ctx.textAlign = 'left';
              ctx.fillText(overlay.criterion.label, left + 4 * dpr, y - 5 * dpr);
            }
            // The distances: vertical, labels stacked from the top so two close lines stay readable.
            overlay.markers.forEach((marker, index) => {
              const x = u.valToPos(marker.distanceM, 'x', true);
              if (x < left || x > left + width) return;
              ctx.strokeStyle = marker.colour;
              ctx.setLineDash((marker.dash ?? []).map((d) => d * dpr));
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + h);
              ctx.stroke();
              ctx.fillStyle = marker.colour;
              const textWidth = ctx.measureText(marker.label).width;
              const rightSide = x + 4 * dpr + textWidth <= left + width;
              ctx.textAlign = rightSide ? 'left' : 'right';
              ctx.fillText(
                marker.label,
                rightSide ? x + 4 * dpr : x - 4 * dpr,
                top + (14 + index * 16) * dpr,
              );
            });
            ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(options, [xs, ys], container);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(200, container.clientWidth), height });
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [profile, criterion.value, height, seriesLabel, xLabel, yLabel, formatNumber]);

  // New labels or markers without new data: repaint.
  useEffect(() => {
    plotRef.current?.redraw(false);
  }, [criterion.label, markers]);

  return (
    <div
      ref={containerRef}
      className="cordon-chart"
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', minHeight: height }}
    />
  );
}
