import type { Server } from 'node:net';

/**
 * Listens on the wanted port; if another program holds it, on a free one instead, so that a taken port never
 * stops Sievert from starting. Returns the port actually bound and whether it moved.
 */
export async function listenWithFallback(
  server: Server,
  port: number,
  host: string,
): Promise<{ port: number; moved: boolean }> {
  // The next few ports first, so that a moved service tends to land on the same port at each start.
  const candidates =
    port === 0
      ? [0]
      : [port, ...Array.from({ length: 10 }, (_, i) => port + i + 1).filter((p) => p <= 65535), 0];
  for (const [index, candidate] of candidates.entries()) {
    try {
      return { port: await listenOnce(server, candidate, host), moved: index > 0 };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || index === candidates.length - 1)
        throw error;
    }
  }
  throw new Error('unreachable');
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
