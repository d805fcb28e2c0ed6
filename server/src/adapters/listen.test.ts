import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenWithFallback } from './listen.js';

describe('listenWithFallback', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers.length = 0;
  });

  it('moves to the next free port when the wanted one is taken, and says so', async () => {
    const holder = createServer();
    servers.push(holder);
    const held = await listenWithFallback(holder, 0, '127.0.0.1');
    expect(held.moved).toBe(false);
    const second = createServer();
    servers.push(second);
    const result = await listenWithFallback(second, held.port, '127.0.0.1');
    expect(result.moved).toBe(true);
    expect(result.port).not.toBe(held.port);
  });
});
