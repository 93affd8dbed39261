import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
  version: string;
};

// The dashboard is built into web/dist by `npm run build` (and so by `npm ci`);
// `truce serve` serves it. It imports the pure core and the shared charts.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  // The version goes into every exported chart's source line.
  define: { __TRUCE_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warn',
});
