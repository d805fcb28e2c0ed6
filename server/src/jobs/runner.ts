/**
 * A tiny periodic job runner. Each job runs on one instance at a time: a tick first takes the job's lease in
 * the database (a row of `job_leases`), which it keeps while it runs the job every period; another instance
 * takes over only when the lease has lapsed (the holder stopped or died). Local jobs (`lease: false`) run on
 * every instance (e.g. pushing to the connections of this process).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../adapters/clock.js';
import type { Db } from '../db/database.js';

export interface JobLogger {
  error(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface JobOptions {
  /** Take the database lease first (default); false for work every instance must do for itself. */
  lease?: boolean;
}

interface Job {
  name: string;
  everyMs: number;
  fn: () => Promise<void>;
  lease: boolean;
  running: Promise<boolean> | null;
  /** A kick arrived during a run: run once more right after. */
  again: boolean;
  timer: NodeJS.Timeout | null;
}

export class JobRunner {
  /** This instance's name in `job_leases.holder`. */
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly jobs = new Map<string, Job>();
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: JobLogger,
  ) {}

  register(name: string, everyMs: number, fn: () => Promise<void>, options: JobOptions = {}): void {
    if (this.jobs.has(name)) throw new Error(`job ${name} is already registered`);
    if (!Number.isFinite(everyMs) || everyMs < 10) throw new Error(`job ${name}: period too short`);
    const job: Job = {
      name,
      everyMs,
      fn,
      lease: options.lease ?? true,
      running: null,
      again: false,
      timer: null,
    };
    this.jobs.set(name, job);
    if (this.started) this.schedule(job);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Starts the timers (the server does; tests call `runOnce`). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) this.schedule(job);
  }

  /** Stops the timers, waits for runs in progress and gives the leases back. */
  async stop(): Promise<void> {
    this.started = false;
    for (const job of this.jobs.values()) {
      if (job.timer) clearInterval(job.timer);
      job.timer = null;
    }
    await Promise.allSettled([...this.jobs.values()].flatMap((job) => (job.running ? [job.running] : [])));
    const leased = [...this.jobs.values()].filter((job) => job.lease).map((job) => job.name);
    if (leased.length > 0) {
      try {
        await this.db
          .deleteFrom('job_leases')
          .where('name', 'in', leased)
          .where('holder', '=', this.holder)
          .execute();
      } catch (error) {
        this.log.error({ err: error }, 'could not give the job leases back');
      }
    }
  }

  /**
   * One tick of a job, now: takes the lease (unless another instance holds it) and runs the job. Resolves to
   * false when the job did not run (lease held elsewhere, or already running here). Errors are logged, not thrown.
   */
  async runOnce(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (job.running) return false;
    job.running = this.tick(job).finally(() => {
      job.running = null;
      if (job.again && this.started) {
        job.again = false;
        setImmediate(() => void this.runOnce(job.name));
      }
    });
    return job.running;
  }

  /** Runs a job soon (after the current call stack), when started: e.g. deliver the outbox right after a publish. */
  kick(name: string): void {
    const job = this.jobs.get(name);
    if (!this.started || !job) return;
    if (job.running) {
      job.again = true;
      return;
    }
    setImmediate(() => void this.runOnce(name));
  }

  private schedule(job: Job): void {
    job.timer = setInterval(() => void this.runOnce(job.name), job.everyMs);
    job.timer.unref();
    // First run soon after start rather than a whole period later.
    setImmediate(() => void this.runOnce(job.name));
  }

  private async tick(job: Job): Promise<boolean> {
    try {
      if (job.lease && !(await this.acquire(job))) return false;
      await job.fn();
      if (job.lease) await this.extend(job);
      return true;
    } catch (error) {
      this.log.error({ err: error, job: job.name }, `job ${job.name} failed`);
      return false;
    }
  }

  /** The lease outlives two periods, so that the holder renews it on its next tick and nobody else takes it. */
  private ttlMs(job: Job): number {
    return Math.max(2 * job.everyMs, 60_000);
  }

  /** Takes the lease when it is free, has lapsed, or is already ours; works the same on SQLite and PostgreSQL. */
  async acquire(job: { name: string; everyMs: number }): Promise<boolean> {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.ttlMs(job as Job)).toISOString();
    await this.db
      .insertInto('job_leases')
      .values({ name: job.name, holder: this.holder, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder: this.holder, expires_at: expires })
          .where((eb) =>
            eb.or([
              eb('job_leases.expires_at', '<=', now.toISOString()),
              eb('job_leases.holder', '=', this.holder),
            ]),
          ),
      )
      .execute();
    const row = await this.db
      .selectFrom('job_leases')
      .select(['holder', 'expires_at'])
      .where('name', '=', job.name)
      .executeTakeFirst();
    return row?.holder === this.holder && row.expires_at === expires;
  }

  private async extend(job: Job): Promise<void> {
    const expires = new Date(this.clock.now().getTime() + this.ttlMs(job)).toISOString();
    await this.db
      .updateTable('job_leases')
      .set({ expires_at: expires })
      .where('name', '=', job.name)
      .where('holder', '=', this.holder)
      .execute();
  }
}
