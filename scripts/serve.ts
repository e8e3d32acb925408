/**
 * `npm run serve`: headless mode (server/cli.ts) after building the console if it is missing or
 * stale, as `npm start` does, so a fresh clone serves a working console. `--no-console` skips
 * the build. Arguments go to server/cli.ts, which parses process.argv itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!process.argv.includes('--no-console')) buildIfStale(root);
await import('../server/cli');
