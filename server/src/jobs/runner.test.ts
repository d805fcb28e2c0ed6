import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../test/harness.js';
import { JobRunner } from './runner.js';

const quiet = { error: () => undefined };

describeEachDatabase('job runner', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('runs a job on one instance only, and another takes over when the lease lapses', async () => {
    const a = new JobRunner(app.database.db, app.clock, quiet);
    const b = new JobRunner(app.database.db, app.clock, quiet);
    const runs: string[] = [];
    a.register('test.lease', 10_000, async () => void runs.push('a'));
    b.register('test.lease', 10_000, async () => void runs.push('b'));

    expect(await a.runOnce('test.lease')).toBe(true);
    expect(await b.runOnce('test.lease')).toBe(false);
    // The holder keeps it, period after period.
    app.clock.advance(10);
    expect(await a.runOnce('test.lease')).toBe(true);
    expect(await b.runOnce('test.lease')).toBe(false);
    const lease = await app.database.db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', 'test.lease')
      .executeTakeFirstOrThrow();
    expect(lease.holder).toBe(a.holder);
    // The lease outlives two periods (at least a minute), then lapses if the holder is gone.
    expect(new Date(lease.expires_at).getTime() - app.clock.now().getTime()).toBe(60_000);
    app.clock.advance(61);
    expect(await b.runOnce('test.lease')).toBe(true);
    expect(await a.runOnce('test.lease')).toBe(false);
    expect(runs).toEqual(['a', 'a', 'b']);

    // Stopping gives the lease back at once.
    await b.stop();
    expect(await a.runOnce('test.lease')).toBe(true);
    await a.stop();
  });

  it('does not run a job twice at once, logs failures and goes on', async () => {
    const errors: string[] = [];
    const runner = new JobRunner(app.database.db, app.clock, { error: (_o, msg) => void errors.push(msg) });
    let release: () => void = () => undefined;
    let calls = 0;
    runner.register('test.slow', 1000, async () => {
      calls++;
      await new Promise<void>((resolve) => (release = resolve));
    });
    runner.register('test.broken', 1000, async () => {
      throw new Error('boom');
    });
    runner.register('test.local', 1000, async () => void calls++, { lease: false });
    const first = runner.runOnce('test.slow');
    expect(await runner.runOnce('test.slow')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await first).toBe(true);
    expect(await runner.runOnce('test.broken')).toBe(false);
    expect(errors).toEqual(['job test.broken failed']);
    expect(await runner.runOnce('test.local')).toBe(true);
    expect(calls).toBe(2);
    expect(() => runner.register('test.local', 1000, async () => undefined)).toThrow(/already/);
    await expect(runner.runOnce('test.nope')).rejects.toThrow(/no job/);
    // Local jobs take no lease.
    const local = await app.database.db
      .selectFrom('job_leases')
      .select('name')
      .where('name', '=', 'test.local')
      .executeTakeFirst();
    expect(local).toBeUndefined();
    await runner.stop();
  });

  it('starts timers that run the jobs, and stops them', async () => {
    const runner = new JobRunner(app.database.db, app.clock, quiet);
    let calls = 0;
    runner.register('test.timer', 20, async () => void calls++, { lease: false });
    runner.start();
    const deadline = Date.now() + 3000;
    while (calls < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    const stoppedAt = calls;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(calls).toBe(stoppedAt);
  });
});
