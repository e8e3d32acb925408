import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ICON_MANIFEST, ICON_SOURCE } from './sizes';

/** What `build/icon-manifest.json` records: the source's hash and the hash of every generated file. */
export interface IconManifest {
  source: string;
  sourceSha256: string;
  /** Repository-relative path → SHA-256 of the committed file. */
  files: Record<string, string>;
}

/** Hex SHA-256 of a buffer. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Compares the committed icons with the manifest written when they were generated. Returns one
 * message per problem: a changed `icon.svg` (icons not regenerated) or a generated file edited or
 * missing. Regenerate with `npx tsx scripts/icons.ts`.
 */
export async function checkIconManifest(root: string): Promise<string[]> {
  const problems: string[] = [];
  const manifest = JSON.parse(await readFile(join(root, ICON_MANIFEST), 'utf8')) as IconManifest;
  if (manifest.source !== ICON_SOURCE)
    problems.push(`${ICON_MANIFEST}: source is ${manifest.source}, expected ${ICON_SOURCE}`);
  const source = await readFile(join(root, ICON_SOURCE));
  if (sha256(source) !== manifest.sourceSha256) {
    problems.push(`${ICON_SOURCE} changed since the icons were generated: run npx tsx scripts/icons.ts`);
  }
  for (const [file, hash] of Object.entries(manifest.files)) {
    const data = await readFile(join(root, file)).catch(() => null);
    if (data === null) problems.push(`${file} is listed in ${ICON_MANIFEST} but missing`);
    else if (sha256(data) !== hash)
      problems.push(`${file} differs from the generated one: run npx tsx scripts/icons.ts`);
  }
  return problems;
}
