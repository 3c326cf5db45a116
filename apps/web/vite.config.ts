// Vite: the dev server proxies /graphql and /api (report downloads, OpenLineage) to the API
// (default :4000, PEDIGREE_API to change it);
// `vite build` writes apps/web/dist, which the API serves at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env['PEDIGREE_API'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/graphql': { target: api, changeOrigin: true }, '/api': { target: api, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    // `npm start` rebuilds (prestart) while other processes may be serving dist: overwrite files in
    // place instead of emptying the directory, so a page never finds its assets missing mid-build.
    emptyOutDir: false,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
