import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const server = 'http://127.0.0.1:8080';

/** Vendor groups that change rarely and are cached across releases; the map library loads only with the map. */
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/]/, priority: 30 },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 20 },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/, priority: 10 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
];

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: Object.fromEntries(['/api', '/healthz', '/readyz', '/docs'].map((path) => [path, server])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
