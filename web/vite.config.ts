import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The dashboard is built into web/dist by `npm run build` (and so by `npm ci`);
// `truce serve` serves it. It imports the pure core and the shared charts.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  logLevel: 'warn',
});
