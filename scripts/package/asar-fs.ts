import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';

/**
 * Splits a path at an `app.asar` component, the way Electron's patched `fs` decides whether a path
 * is read from an archive (`app.asar.unpacked` is a plain directory, so it does not count).
 * Returns null for a path outside any archive.
 */
export function splitAsarPath(p: string): { archive: string; inner: string } | null {
  const parts = p.split(/[\\/]/);
  const at = parts.indexOf('app.asar');
  if (at === -1) return null;
  return { archive: parts.slice(0, at + 1).join(path.sep), inner: parts.slice(at + 1).join('/') };
}

/**
 * Reads a file as the packaged main process would: from inside `app.asar` for archive paths
 * (Electron's fs serves those; files marked unpacked are read from `app.asar.unpacked`), from disk
 * otherwise. Returns null when it does not exist.
 */
export async function readLikeElectron(p: string): Promise<Buffer | null> {
  const split = splitAsarPath(p);
  if (!split) return readFile(p).catch(() => null);
  try {
    const entry = statFile(split.archive, split.inner) as { unpacked?: boolean; files?: unknown };
    if (entry.files) return null; // a directory
    if (entry.unpacked) return await readFile(path.join(`${split.archive}.unpacked`, split.inner));
    return extractFile(split.archive, split.inner);
  } catch {
    return null;
  }
}

/**
 * Every file (not directory) in an archive, as forward-slash paths without the leading slash,
 * with whether asar wrote it to `app.asar.unpacked` instead of the archive.
 */
export function listArchiveFiles(archive: string): { path: string; unpacked: boolean }[] {
  const out: { path: string; unpacked: boolean }[] = [];
  for (const raw of listPackage(archive, { isPack: false })) {
    const rel = raw.replace(/\\/g, '/').replace(/^\//, '');
    const entry = statFile(archive, rel, false) as { files?: unknown; link?: unknown; unpacked?: boolean };
    if (entry.files) continue;
    out.push({ path: rel, unpacked: Boolean(entry.unpacked) });
  }
  return out;
}
