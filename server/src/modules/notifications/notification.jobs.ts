/** The periodic work of the notifications domain, registered on the app's job runner. */
import type { JobRunner } from '../../jobs/runner.js';
import type { DeliveryService } from './delivery.service.js';
import type { NotificationService } from './notification.service.js';

export const DELIVER_JOB = 'notifications.deliver';
export const TAIL_JOB = 'notifications.live-tail';
export const SWEEP_JOB = 'notifications.stream-sweep';

export function registerNotificationJobs(
  jobs: JobRunner,
  services: { notifications: NotificationService; deliveries: DeliveryService },
): void {
  // The outbox: one instance at a time; publish() wakes it at once, the period is the safety net and the retries' clock.
  jobs.register(DELIVER_JOB, 15_000, async () => {
    await services.deliveries.processDue();
  });
  services.notifications.setDeliveryTrigger(() => jobs.kick(DELIVER_JOB));
  // Every instance pushes to its own streams what others published.
  jobs.register(TAIL_JOB, 2_000, async () => void (await services.notifications.tail()), { lease: false });
  // Every instance ends its streams whose session ended.
  jobs.register(SWEEP_JOB, 60_000, async () => void (await services.notifications.sweepStreams()), {
    lease: false,
  });
}
