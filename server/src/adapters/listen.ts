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
  try {
    return { port: await listenOnce(server, port, host), moved: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return { port: await listenOnce(server, 0, host), moved: true };
  }
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
