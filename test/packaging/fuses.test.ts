/**
 * scripts/package/fuses.ts and stub-electron.ts: the fuse wire format (@electron/fuses, Electron's
 * docs/tutorial/fuses.md) and the stub Electron package:check packs against.
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkFuseConfig,
  checkFuseWire,
  ELECTRON_DEFAULT_FUSES,
  encodeFuseWire,
  FUSE_ORDER,
  FUSE_SENTINEL,
  readFuseWires,
  REQUIRED_FUSES,
  type FuseName,
} from '../../scripts/package/fuses';
import { createStubElectron, STUB_LOCALES } from '../../scripts/package/stub-electron';

/** The fuse states ScimDesk ships with, with the one it leaves alone at Electron's default. */
const SHIPPED = Object.fromEntries(
  FUSE_ORDER.map((n) => [n, REQUIRED_FUSES[n] ?? ELECTRON_DEFAULT_FUSES[n]]),
) as Record<FuseName, boolean>;

describe('fuse wire', () => {
  it('round-trips: sentinel, version 1, length, one ASCII 0/1 per fuse', () => {
    const wire = encodeFuseWire(SHIPPED);
    expect(wire.subarray(0, FUSE_SENTINEL.length).toString('latin1')).toBe(FUSE_SENTINEL);
    expect([...wire.subarray(FUSE_SENTINEL.length, FUSE_SENTINEL.length + 2)]).toEqual([
      1,
      FUSE_ORDER.length,
    ]);
    const [read] = readFuseWires(Buffer.concat([Buffer.from('ELF…'), wire, Buffer.from('…')]));
    expect(read?.runAsNode).toBe('disabled');
    expect(read?.onlyLoadAppFromAsar).toBe('enabled');
  });

  it('reads both wires of a universal macOS binary and checks each', () => {
    const binary = Buffer.concat([
      encodeFuseWire(SHIPPED),
      Buffer.alloc(64),
      encodeFuseWire(ELECTRON_DEFAULT_FUSES),
    ]);
    expect(readFuseWires(binary)).toHaveLength(2);
    expect(checkFuseWire(binary)).toContain(
      'fuse runAsNode is enabled in the packaged binary, must be disabled',
    );
  });

  it('an unmodified Electron fails every required fuse; a flipped one passes', () => {
    const required = FUSE_ORDER.filter((n) => REQUIRED_FUSES[n] !== undefined);
    expect(checkFuseWire(encodeFuseWire(ELECTRON_DEFAULT_FUSES))).toHaveLength(required.length);
    expect(checkFuseWire(encodeFuseWire(SHIPPED))).toEqual([]);
  });

  it('a binary without a sentinel is an error, not a pass', () => {
    expect(() => readFuseWires(Buffer.from('#!/bin/sh\n'))).toThrow(/no fuse wire/);
  });
});

describe('electronFuses configuration', () => {
  const good = Object.fromEntries(Object.entries(REQUIRED_FUSES).filter(([, v]) => v !== undefined));

  it.each([
    ['the required set', good, []],
    ['missing section', null, ['electronFuses is not configured']],
    ['runAsNode left on', { ...good, runAsNode: true }, ['electronFuses.runAsNode is true, must be false']],
    [
      'integrity validation omitted',
      { ...good, enableEmbeddedAsarIntegrityValidation: undefined },
      ['electronFuses.enableEmbeddedAsarIntegrityValidation is undefined, must be true'],
    ],
    [
      'a misspelt key',
      { ...good, enableNodeOptions: false },
      ['electronFuses.enableNodeOptions is not a fuse electron-builder 26 knows'],
    ],
  ])('%s', (_name, config, problems) => {
    expect(checkFuseConfig(config as Record<string, unknown> | null)).toEqual(problems);
  });
});

describe('stub Electron', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has an executable `electron` carrying a default fuse wire, and the locale packs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimdesk-stub-'));
    await createStubElectron(dir);
    await access(join(dir, 'electron'), constants.X_OK);
    const [wire] = readFuseWires(await readFile(join(dir, 'electron')));
    for (const name of FUSE_ORDER)
      expect(wire?.[name]).toBe(ELECTRON_DEFAULT_FUSES[name] ? 'enabled' : 'disabled');
    for (const pak of STUB_LOCALES) await access(join(dir, 'locales', pak));
  });
});
