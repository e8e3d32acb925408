import { crc32, deflateSync } from 'node:zlib';

/** An 8-bit RGBA image, rows top to bottom, not premultiplied (what canvas `getImageData` returns). */
export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes. */
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** PNG filter predictors (PNG spec §9.2): 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth. */
function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      return 0;
  }
}

/**
 * Encodes an RGBA image as a PNG (colour type 6, 8 bits, no interlace). Each row gets the filter with
 * the smallest sum of absolute residuals (the heuristic the PNG spec §12.8 recommends) and the stream
 * is deflated at level 9, so committed icons stay small and the output does not depend on the
 * encoder of the browser that rasterised them.
 */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4)
    throw new Error(`RGBA buffer is ${data.length} bytes, not ${width}x${height}x4`);
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    let bestFilter = 0;
    let bestScore = Infinity;
    let best = Buffer.alloc(stride);
    for (let filter = 0; filter <= 4; filter++) {
      let score = 0;
      for (let x = 0; x < stride; x++) {
        const i = y * stride + x;
        const left = x >= 4 ? (data[i - 4] ?? 0) : 0;
        const up = y > 0 ? (data[i - stride] ?? 0) : 0;
        const upLeft = x >= 4 && y > 0 ? (data[i - stride - 4] ?? 0) : 0;
        const value = ((data[i] ?? 0) - predict(filter, left, up, upLeft)) & 0xff;
        candidate[x] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        bestFilter = filter;
        best = Buffer.from(candidate);
      }
    }
    raw[y * (stride + 1)] = bestFilter;
    best.copy(raw, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width, height and colour type read from a PNG's IHDR chunk; throws if `buf` is not a PNG. */
export function readPngHeader(buf: Uint8Array): { width: number; height: number; colorType: number } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25] ?? -1 };
}
