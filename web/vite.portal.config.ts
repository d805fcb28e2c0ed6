import { defineConfig, defaultClientConditions } from 'vite';

const server = 'http://127.0.0.1:8080';

/**
 * The public transparency portal: its own small bundle (plain TypeScript and the DOM, Leaflet only with the map),
 * served by the server under /public/. Built after the officials' app into dist/public, which it alone empties.
 */
export default defineConfig({
  root: 'portal',
  base: '/public/',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5174,
    proxy: Object.fromEntries(['/api', '/docs'].map((path) => [path, server])),
  },
  build: {
    outDir: '../dist/public',
    emptyOutDir: true,
    // The first page must load fast on a slow connection: anything near this limit is a regression.
    chunkSizeWarningLimit: 200,
    rolldownOptions: {
      output: {
        // Leaflet changes less often than the portal and only the map needs it.
        codeSplitting: { groups: [{ name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 10 }] },
      },
    },
  },
});
