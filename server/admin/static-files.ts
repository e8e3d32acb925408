/**
 * Maps a request path to a file of the built console, for both the Electron `app://`
 * protocol handler (electron/protocol.ts) and the headless listener (./http.ts).
 *
 * Why so careful: the path comes from a URL, so `..`, encoded separators (`%2F`, `%5C`), NUL
 * bytes and symlinks are all ways out of the renderer directory. We resolve, then require the
 * real path to stay inside the real root. No directory listings; dot-files are never served.
 * Paths without an extension fall back to index.html (client-side routes of the SPA).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** MIME type by extension; unknown types are served as bytes (and `nosniff` keeps them inert). */
export function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string; contentType: string; size: number }
  | { kind: 'error'; status: 400 | 403 | 404 };

async function realFile(file: string): Promise<{ real: string; size: number } | undefined> {
  try {
    const real = await fs.realpath(file);
    const st = await fs.stat(real);
    return st.isFile() ? { real, size: st.size } : undefined;
  } catch {
    return undefined;
  }
}

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Finds the file for URL path `urlPath` (still percent-encoded, no query) under `rootDir`.
 * 400: undecodable or NUL; 403: escapes the root; 404: no such file and not an SPA route.
 */
export async function lookupStatic(rootDir: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (decoded.includes('\0')) return { kind: 'error', status: 400 };
  // Backslashes are separators on Windows: treat them as such everywhere, then refuse `..`.
  const segments = decoded
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s.length > 0);
  if (segments.some((s) => s === '..')) return { kind: 'error', status: 403 };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'error', status: 404 };

  let root: string;
  try {
    root = await fs.realpath(rootDir);
  } catch {
    return { kind: 'error', status: 404 };
  }
  const wanted = path.resolve(root, ...segments);
  if (!inside(root, wanted)) return { kind: 'error', status: 403 };

  const last = segments[segments.length - 1] ?? '';
  const target = segments.length === 0 ? path.join(root, 'index.html') : wanted;
  let hit = await realFile(target);
  if (!hit && !path.extname(last)) hit = await realFile(path.join(root, 'index.html'));
  if (!hit) return { kind: 'error', status: 404 };
  // A symlink inside the build pointing elsewhere is still a way out.
  if (!inside(root, hit.real)) return { kind: 'error', status: 403 };
  return { kind: 'file', file: hit.real, contentType: mimeTypeOf(hit.real), size: hit.size };
}
