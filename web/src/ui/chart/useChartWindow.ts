import { useCallback, useMemo, useState } from 'react';
import { useNow } from '../useNow';
import { presetWindow, type RangePreset, type TimeWindow } from './chartData';

export interface ChartWindow {
  /** The preset in use, or null after a zoom. */
  preset: RangePreset | null;
  /** The window the chart shows (and the data are fetched for). */
  view: TimeWindow;
  setPreset: (preset: RangePreset) => void;
  zoom: (window: TimeWindow) => void;
  /** Back to the last preset. */
  reset: () => void;
}

/**
 * The window of a chart: a preset ("the last 24 h") follows the clock, so new values scroll in; a zoom stays where
 * it was put. "Now" moves by whole minutes, so the window (and the query built from it) changes once a minute.
 */
export function useChartWindow(initial: RangePreset = '24h', refreshMs = 60_000): ChartWindow {
  const [preset, setPresetState] = useState<RangePreset | null>(initial);
  const [lastPreset, setLastPreset] = useState<RangePreset>(initial);
  const [zoomed, setZoomed] = useState<TimeWindow | null>(null);
  const now = useNow(refreshMs);
  const minute = Math.ceil(now / 60_000) * 60_000;
  const view = useMemo(
    () => (preset !== null || zoomed === null ? presetWindow(preset ?? lastPreset, minute) : zoomed),
    [preset, lastPreset, zoomed, minute],
  );
  const setPreset = useCallback((next: RangePreset) => {
    setPresetState(next);
    setLastPreset(next);
    setZoomed(null);
  }, []);
  const zoom = useCallback((window: TimeWindow) => {
    setPresetState(null);
    setZoomed(window);
  }, []);
  const reset = useCallback(() => {
    setPresetState(lastPreset);
    setZoomed(null);
  }, [lastPreset]);
  return { preset, view, setPreset, zoom, reset };
}
