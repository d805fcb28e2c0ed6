import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:8080';
const antd = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/;

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: Object.fromEntries(['/api', '/healthz', '/readyz', '/docs'].map((path) => [path, server])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's core (form, layout, menu, overlays, theming), which every page needs, is ~620 kB minified (~200 kB
    // gzip) and cannot be cut smaller without splitting modules that initialise each other (which breaks at run
    // time). Anything larger than this limit would be a real regression.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases. What the login
        // page and the shell need loads first; the map library and the table/date widgets only with the pages
        // that use them.
        codeSplitting: {
          groups: [
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 40 },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
              priority: 30,
            },
            { name: 'antd', test: antd, tags: ['$initial'], priority: 20 },
            // Before antd-pages, so that libraries the shell needs too (dayjs) are not pulled in with the widgets.
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 15 },
            { name: 'antd-pages', test: antd, priority: 10 },
          ],
        },
      },
    },
  },
});
