import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One config for `vite build --config ui/vite.config.ts` (run from the repository root by `prepare`), the dev server
// and `vitest run --root ui`. JSX goes through Vite's own esbuild transform (no React plugin is installed).
// Tests: `*.test.ts` (the pure logic) run in Node; `*.test.tsx` (the pages, with Testing Library) in happy-dom.
const uiRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: uiRoot,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/api': 'http://localhost:16686' } },
  test: {
    projects: [
      { extends: true, test: { name: 'logic', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        // A page test types and clicks through the UI; give it room on a busy machine.
        test: { name: 'pages', include: ['src/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['src/testing/setupPageTests.ts'], testTimeout: 30_000 },
      },
    ],
  },
});
