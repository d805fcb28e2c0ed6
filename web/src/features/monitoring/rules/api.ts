import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlarmReferenceStatus, AlarmRuleSet } from '@sievert/core';
import { api, apiRequest } from '../../../app/api/client';

/** The tab of the monitoring section with the rules in force. */
export const ALARM_RULES_PATH = '/monitoring/rules';

/** A default number with its source (core/src/reference/alarms.json), by path (`level.rungs.0.threshold`). */
export interface AlarmRuleReference {
  path: string;
  value: number;
  source: string;
  status: AlarmReferenceStatus;
}

/** GET /api/v1/alarm-rules */
export interface AlarmRulesView {
  network: AlarmRuleSet;
  isDefault: boolean;
  defaults: AlarmRuleSet;
  stations: { station: string; rules: AlarmRuleSet }[];
  references: AlarmRuleReference[];
}

/** GET /api/v1/stations/{code}/alarm-rules */
export interface StationAlarmRules {
  station: string;
  own: boolean;
  rules: AlarmRuleSet;
}

export const ALARM_RULES_KEY = ['monitoring', 'alarm-rules'] as const;

const stationRulesPath = (code: string) => `/stations/${encodeURIComponent(code)}/alarm-rules`;

export function useAlarmRules() {
  return useQuery({
    queryKey: ALARM_RULES_KEY,
    queryFn: ({ signal }) => api.get<AlarmRulesView>('/alarm-rules', undefined, signal),
    refetchOnWindowFocus: false,
  });
}

export function useStationAlarmRules(code: string, enabled = true) {
  return useQuery({
    queryKey: [...ALARM_RULES_KEY, 'station', code],
    queryFn: ({ signal }) => api.get<StationAlarmRules>(stationRulesPath(code), undefined, signal),
    enabled: enabled && code !== '',
    refetchOnWindowFocus: false,
  });
}

/** Where a rule set is kept: the network's (no code) or a station's. */
export interface RulesTarget {
  station?: string;
}

function targetPath(target: RulesTarget): string {
  return target.station ? stationRulesPath(target.station) : '/alarm-rules';
}

/** After a change the network view and every station's view load again. */
function useInvalidateRules() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ALARM_RULES_KEY });
}

export function useSaveAlarmRules(target: RulesTarget) {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (rules: AlarmRuleSet) => apiRequest<AlarmRuleSet>('PUT', targetPath(target), { body: rules }),
    onSuccess: invalidate,
  });
}

export function useResetAlarmRules(target: RulesTarget) {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: () => api.delete(targetPath(target)),
    onSuccess: invalidate,
  });
}
