/**
 * Electron fuses: the wire format @electron/fuses flips in the Electron binary, read back here so the
 * packaging check can prove what electron-builder wrote (https://github.com/electron/fuses).
 *
 * Wire layout (@electron/fuses `setFuseWire`): the sentinel, one byte of wire version (1), one byte
 * of wire length, then one byte per fuse: '0' disabled, '1' enabled, 'r' removed.
 */

/** The marker @electron/fuses searches for in the binary (its `constants.SENTINEL`). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse names in wire order, keyed as electron-builder's `electronFuses` (FuseOptionsV1) spells them. */
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

export type FuseName = (typeof FUSE_ORDER)[number];
export type FuseState = 'enabled' | 'disabled' | 'removed' | 'unknown';

/**
 * The fuses ScimDesk must ship with (issue 5, docs/architecture.md "Security posture"): no
 * ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, asar integrity validated, app loaded only from
 * app.asar; plus encrypted cookies and no extra file:// privileges, which cost this app nothing.
 */
export const REQUIRED_FUSES: Readonly<Record<FuseName, boolean | undefined>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: undefined,
  grantFileProtocolExtraPrivileges: false,
};

/** The state each fuse has in an unmodified Electron binary (Electron's docs/tutorial/fuses.md). */
export const ELECTRON_DEFAULT_FUSES: Readonly<Record<FuseName, boolean>> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/** Serialises a fuse wire (version 1) as it appears in an Electron binary. */
export function encodeFuseWire(states: Readonly<Record<FuseName, boolean>>): Buffer {
  const fuses = FUSE_ORDER.map((name) => (states[name] ? 0x31 : 0x30));
  return Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, fuses.length, ...fuses])]);
}

/** Reads every fuse wire in a binary (a universal macOS binary has two), failing if there is none. */
export function readFuseWires(binary: Buffer): Record<FuseName, FuseState>[] {
  const wires: Record<FuseName, FuseState>[] = [];
  const sentinel = Buffer.from(FUSE_SENTINEL, 'latin1');
  for (let at = binary.indexOf(sentinel); at !== -1; at = binary.indexOf(sentinel, at + 1)) {
    const pos = at + sentinel.length;
    if (binary[pos] !== 1) throw new Error(`fuse wire version ${binary[pos]} is not 1`);
    const length = binary[pos + 1] ?? 0;
    const wire = {} as Record<FuseName, FuseState>;
    FUSE_ORDER.forEach((name, i) => {
      const byte = i < length ? binary[pos + 2 + i] : undefined;
      wire[name] =
        byte === 0x31 ? 'enabled' : byte === 0x30 ? 'disabled' : byte === 0x72 ? 'removed' : 'unknown';
    });
    wires.push(wire);
  }
  if (wires.length === 0) throw new Error('no fuse wire sentinel in the binary');
  return wires;
}

/** Problems with the `electronFuses` section of the effective electron-builder configuration. */
export function checkFuseConfig(config: Partial<Record<string, unknown>> | null | undefined): string[] {
  if (!config) return ['electronFuses is not configured'];
  const problems: string[] = [];
  for (const name of FUSE_ORDER) {
    const want = REQUIRED_FUSES[name];
    if (want !== undefined && config[name] !== want) {
      problems.push(`electronFuses.${name} is ${String(config[name])}, must be ${want}`);
    }
  }
  for (const key of Object.keys(config)) {
    if (!(FUSE_ORDER as readonly string[]).includes(key) && key !== 'resetAdHocDarwinSignature') {
      problems.push(`electronFuses.${key} is not a fuse electron-builder 26 knows`);
    }
  }
  return problems;
}

/** Problems with the fuses actually written into a packaged binary. */
export function checkFuseWire(binary: Buffer): string[] {
  const problems: string[] = [];
  for (const wire of readFuseWires(binary)) {
    for (const name of FUSE_ORDER) {
      const want = REQUIRED_FUSES[name];
      if (want === undefined) continue;
      const expected = want ? 'enabled' : 'disabled';
      if (wire[name] !== expected)
        problems.push(`fuse ${name} is ${wire[name]} in the packaged binary, must be ${expected}`);
    }
  }
  return problems;
}
