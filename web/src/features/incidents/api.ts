import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Clock,
  ExerciseReport,
  Incident,
  IncidentCreateBody,
  IncidentListQuery,
  IncidentPage,
  IncidentPatchBody,
  Notice,
  NoticeCreateBody,
  Task,
  TaskCreateBody,
  TaskPatchBody,
  TimelineCreateBody,
  TimelineEntry,
} from '@sievert/core';
import { api, API_BASE, queryString, type QueryValue } from '../../app/api/client';
import { ALARMS_KEY } from '../monitoring/api';

export const INCIDENTS_KEY = ['incidents'] as const;
const oneKey = (id: number) => [...INCIDENTS_KEY, 'one', id] as const;
const timelineKey = (id: number) => [...INCIDENTS_KEY, 'timeline', id] as const;
const exerciseReportKey = (id: number) => [...INCIDENTS_KEY, 'exercise-report', id] as const;

export function useIncidents(query: IncidentListQuery) {
  return useQuery({
    queryKey: [...INCIDENTS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<IncidentPage>('/incidents', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One incident with its tasks, clocks, notices and links; kept fresh by the live events (./live.ts). */
export function useIncident(id: number | null) {
  return useQuery({
    queryKey: oneKey(id ?? 0),
    queryFn: ({ signal }) => api.get<Incident>(`/incidents/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** The timeline, oldest entry first. */
export function useTimeline(id: number) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: ({ signal }) => api.get<TimelineEntry[]>(`/incidents/${id}/timeline`, undefined, signal),
  });
}

/** An exercise's timings from its start (null: not reached yet). */
export function useExerciseReport(id: number, enabled: boolean) {
  return useQuery({
    queryKey: exerciseReportKey(id),
    queryFn: ({ signal }) => api.get<ExerciseReport>(`/incidents/${id}/exercise-report`, undefined, signal),
    enabled,
    retry: false,
  });
}

/** After any change: the lists, the board and its timeline (the server answers with the new state). */
export function useInvalidateIncidents() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
}

/** Everything a board shows of one incident, asked again (after a live event about it). */
export function useInvalidateIncident() {
  const queryClient = useQueryClient();
  return (id: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: oneKey(id) }),
      queryClient.invalidateQueries({ queryKey: timelineKey(id) }),
      queryClient.invalidateQueries({ queryKey: exerciseReportKey(id) }),
      queryClient.invalidateQueries({ queryKey: ['emergency', 'runs', 'list'] }),
    ]);
}

/** A mutation that refreshes the incident pages once the server has answered. */
function useIncidentMutation<A, R>(fn: (args: A) => Promise<R>) {
  const invalidate = useInvalidateIncidents();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidate() });
}

export function useCreateIncident() {
  return useIncidentMutation((body: IncidentCreateBody) => api.post<Incident>('/incidents', body));
}

/** Opens an incident from a monitoring alarm: the server fills station, readings, place and commune. */
export function useOpenIncidentFromAlarm() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateIncidents();
  return useMutation({
    mutationFn: (alarmId: number) => api.post<Incident>(`/incidents/from-alarm/${alarmId}`, {}),
    // The alarm now names its incident: the alarm lists show the way to it.
    onSettled: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ALARMS_KEY })]),
  });
}

export function usePatchIncident(id: number) {
  return useIncidentMutation((body: IncidentPatchBody) => api.patch<Incident>(`/incidents/${id}`, body));
}

export function useCreateTask(id: number) {
  return useIncidentMutation((body: TaskCreateBody) => api.post<Task>(`/incidents/${id}/tasks`, body));
}

export function usePatchTask(id: number) {
  return useIncidentMutation(({ taskId, body }: { taskId: number; body: TaskPatchBody }) =>
    api.patch<Task>(`/incidents/${id}/tasks/${taskId}`, body),
  );
}

export function useAddTimelineEntry(id: number) {
  return useIncidentMutation((body: TimelineCreateBody) =>
    api.post<TimelineEntry>(`/incidents/${id}/timeline`, body),
  );
}

export function useUploadAttachment(id: number) {
  return useIncidentMutation((file: File) =>
    api.upload<TimelineEntry>(`/incidents/${id}/attachments`, file, {
      query: { name: file.name },
      contentType: file.type || 'application/octet-stream',
    }),
  );
}

export function useMeetClock(id: number) {
  return useIncidentMutation((code: string) =>
    api.post<Clock>(`/incidents/${id}/clocks/${encodeURIComponent(code)}/met`, {}),
  );
}

export function useCreateNotice(id: number) {
  return useIncidentMutation((body: NoticeCreateBody) => api.post<Notice>(`/incidents/${id}/notices`, body));
}

/** Files the server writes: plain links, so the session cookie goes with them and the browser saves them. */
export function incidentReportUrl(id: number): string {
  return `${API_BASE}/incidents/${id}/report.docx`;
}

/** The register of incidents (sổ theo dõi sự cố) with the list's filters. */
export function incidentRegisterUrl(query: Record<string, QueryValue>): string {
  return `${API_BASE}/incidents/register.xlsx${queryString(query)}`;
}

export function attachmentUrl(incidentId: number, attachmentId: number): string {
  return `${API_BASE}/incidents/${incidentId}/attachments/${attachmentId}`;
}
