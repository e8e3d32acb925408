/**
 * Renderer-only build (`npx vite build --config renderer/vite.config.ts`), for headless mode and
 * the e2e tests where the Electron main/preload build is not wanted. Same root, plugin and
 * output directory as the renderer section of electron.vite.config.ts.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
  },
});
