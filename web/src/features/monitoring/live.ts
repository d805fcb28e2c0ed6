import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../notifications/live';
import { ALARMS_KEY, MEASUREMENTS_KEY, NETWORK_KEY, SERIES_KEY } from './api';

/** News arrive in bursts (a batch per station): the lists are asked again at most this often. */
const LIVE_THROTTLE_MS = 5_000;

/** Runs `action` at most once per `ms`, the last call of a burst included. */
function useThrottled(action: () => void, ms: number): () => void {
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | null }>({
    last: 0,
    timer: null,
  });
  useEffect(() => {
    const current = state.current;
    return () => {
      if (current.timer) clearTimeout(current.timer);
      current.timer = null;
    };
  }, []);
  return useCallback(() => {
    const current = state.current;
    if (current.timer) return;
    const wait = Math.max(0, current.last + ms - Date.now());
    current.timer = setTimeout(() => {
      current.timer = null;
      current.last = Date.now();
      action();
    }, wait);
  }, [action, ms]);
}

/**
 * Beside the polling of the network (15 s) and the alarms (30 s): when the server pushes news over the live
 * connection, the map, the charts and the alarm lists on screen load again at once.
 */
export function useMonitoringLiveUpdates(): void {
  const queryClient = useQueryClient();
  const refreshMeasurements = useThrottled(
    useCallback(() => {
      void queryClient.invalidateQueries({ queryKey: NETWORK_KEY });
      void queryClient.invalidateQueries({ queryKey: SERIES_KEY });
      void queryClient.invalidateQueries({ queryKey: MEASUREMENTS_KEY });
    }, [queryClient]),
    LIVE_THROTTLE_MS,
  );
  const refreshAlarms = useThrottled(
    useCallback(() => {
      void queryClient.invalidateQueries({ queryKey: ALARMS_KEY });
      void queryClient.invalidateQueries({ queryKey: NETWORK_KEY });
    }, [queryClient]),
    LIVE_THROTTLE_MS,
  );
  useLiveEvents('measurements', refreshMeasurements);
  useLiveEvents('alarm', refreshAlarms);
}
