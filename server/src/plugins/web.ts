import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Serves the built web app on the same port as the API. Unknown non-API paths get index.html so that the
 * client-side router can take them (under /public/, the public portal's own index.html); unknown API paths get
 * a JSON 404.
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const built = existsSync(indexFile);
  // The public portal is its own small bundle under /public/ (web/portal), with its own client-side routes.
  const portalIndex = path.join(webDir, 'public', 'index.html');
  const portalBuilt = existsSync(portalIndex);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: 'index.html',
      setHeaders: (res, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        void res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const fallbackHtml = built
    ? null
    : '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Sievert</title><body style="font-family:sans-serif;padding:2rem">' +
      '<h1>Sievert</h1><p>Giao diện web chưa được build. Chạy <code>npm run build</code>.</p>' +
      '<p>The web app has not been built. Run <code>npm run build</code>.</p><p><a href="/docs">API</a></p></body></html>';

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    const isApi =
      url.startsWith('/api/') ||
      url === '/api' ||
      url.startsWith('/docs') ||
      url === '/healthz' ||
      url === '/readyz';
    if (isApi || (request.method !== 'GET' && request.method !== 'HEAD') || /\.[a-z0-9]{1,8}$/i.test(url)) {
      throw new AppError('route.not_found', {}, { method: request.method, url });
    }
    if (url === '/public') return reply.redirect('/public/', 301);
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    if (url.startsWith('/public/') && portalBuilt) return reply.send(readFileSync(portalIndex));
    return built ? reply.send(readFileSync(indexFile)) : reply.send(fallbackHtml);
  });
}
