import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvents } from '../notifications/live';
import { INCIDENTS_KEY, useInvalidateIncident } from './api';

/** What the server broadcasts after every change of an incident (timeline, task, state, clock…). */
interface IncidentUpdated {
  incidentId?: number;
  kind?: string;
}

/**
 * Keeps the incident pages live: every `incident.updated` the user may see refreshes the lists, and the board of
 * that incident (`incidentId`) reloads its tasks, clocks and timeline at once, without polling.
 */
export function useIncidentLiveUpdates(incidentId?: number): void {
  const queryClient = useQueryClient();
  const invalidateIncident = useInvalidateIncident();
  useLiveEvents<IncidentUpdated>('incident.updated', (payload) => {
    void queryClient.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'list'] });
    if (incidentId !== undefined && payload?.incidentId === incidentId) void invalidateIncident(incidentId);
  });
}
