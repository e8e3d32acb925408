import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main: the Electron glue plus the whole server; the snapshot worker is a second entry so that
// the store can start it from next to the main bundle. preload: one CommonJS file, as a
// sandboxed preload requires. renderer: the React console, also served by headless mode.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: [] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main.ts'),
          'snapshot-worker': resolve(__dirname, 'server/store/snapshot-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
