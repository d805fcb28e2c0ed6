/** The periodic work of the incidents domain, registered on the app's job runner. */
import type { JobRunner } from '../../jobs/runner.js';
import type { IncidentService } from './incident.service.js';

export const CLOCK_JOB = 'incidents.clocks';

export function registerIncidentJobs(jobs: JobRunner, services: { incidents: IncidentService }): void {
  // One instance at a time; each reminder and escalation is claimed in the database, so a rerun sends nothing twice.
  jobs.register(CLOCK_JOB, 60_000, async () => {
    await services.incidents.runClocks();
  });
}
