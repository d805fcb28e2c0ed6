/**
 * What the benchmarks that run Sievert in a process of its own share: a free port to give it, and waiting until
 * it answers (and until the demo simulator's backfill has made values public).
 */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, ok: (body: string) => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok && ok(await res.text())) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not become ready in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Ready, and some station already has a published value (older than the publication delay). */
export async function waitUntilPublished(base: string): Promise<void> {
  await waitFor(`${base}/readyz`, () => true, 120_000);
  await waitFor(
    `${base}/api/v1/public/stations`,
    (body) =>
      (JSON.parse(body) as { stations: Array<{ latest: unknown }> }).stations.some((s) => s.latest !== null),
    120_000,
  );
}
