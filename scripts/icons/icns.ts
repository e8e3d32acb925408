import { readPngHeader } from './png';

/** One element of an `.icns` whose payload is a PNG. */
export interface IcnsElement {
  type: string;
  png: Buffer;
}

/**
 * Builds an Apple `.icns`: the magic `icns` and the total length, then elements of a four-character
 * type, their length (header included, big-endian) and data. Since OS X 10.7 every type used here
 * may carry PNG data, which is what `iconutil` writes too.
 */
export function buildIcns(elements: IcnsElement[]): Buffer {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const total = 8 + parts.reduce((n, p) => n + p.length, 0);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(total, 4);
  return Buffer.concat([head, ...parts]);
}

/** Lists the elements of an `.icns` with the pixel size of each PNG payload. */
export function readIcns(buf: Buffer): { type: string; width: number; height: number }[] {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  if (buf.readUInt32BE(4) !== buf.length) throw new Error('ICNS length field does not match the file size');
  const out: { type: string; width: number; height: number }[] = [];
  for (let at = 8; at < buf.length;) {
    const type = buf.toString('latin1', at, at + 4);
    const len = buf.readUInt32BE(at + 4);
    if (len < 8 || at + len > buf.length) throw new Error(`ICNS element ${type} has a bad length`);
    const { width, height } = readPngHeader(buf.subarray(at + 8, at + len));
    out.push({ type, width, height });
    at += len;
  }
  return out;
}
