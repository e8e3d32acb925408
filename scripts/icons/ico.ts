import { encodePng, readPngHeader, type RgbaImage } from './png';

/** One image inside an `.ico`, as read back by {@link readIco}. */
export interface IcoImage {
  width: number;
  height: number;
  format: 'png' | 'bmp';
}

/**
 * A 32-bit DIB as stored in an `.ico`: BITMAPINFOHEADER with the height doubled (XOR image plus AND
 * mask), BGRA rows bottom-up, then the 1-bit AND mask (bit set = transparent), rows padded to 32 bits.
 */
function bmpEntry(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8);
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const pixels = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y; // DIBs are stored bottom-up
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      const dst = (row * width + x) * 4;
      pixels[dst] = data[src + 2] ?? 0;
      pixels[dst + 1] = data[src + 1] ?? 0;
      pixels[dst + 2] = data[src] ?? 0;
      const alpha = data[src + 3] ?? 0;
      pixels[dst + 3] = alpha;
      if (alpha === 0) {
        const at = row * maskStride + (x >> 3);
        mask[at] = (mask[at] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

/**
 * Builds a Windows `.ico` (ICONDIR + ICONDIRENTRY table + images). Images up to `bmpMax` pixels are
 * stored as DIBs, larger ones as PNG (allowed in `.ico` since Windows Vista; a 256 px entry is
 * required by electron-builder for the app and NSIS icons).
 */
export function buildIco(images: RgbaImage[], bmpMax: number): Buffer {
  const bodies = images.map((img) => (img.width <= bmpMax ? bmpEntry(img) : encodePng(img)));
  const dir = Buffer.alloc(6 + 16 * images.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // type 1 = icon
  dir.writeUInt16LE(images.length, 4);
  let offset = dir.length;
  images.forEach((img, i) => {
    const at = 6 + 16 * i;
    const body = bodies[i] ?? Buffer.alloc(0);
    dir[at] = img.width >= 256 ? 0 : img.width; // 0 means 256
    dir[at + 1] = img.height >= 256 ? 0 : img.height;
    dir.writeUInt16LE(1, at + 4); // colour planes
    dir.writeUInt16LE(32, at + 6); // bits per pixel
    dir.writeUInt32LE(body.length, at + 8);
    dir.writeUInt32LE(offset, at + 12);
    offset += body.length;
  });
  return Buffer.concat([dir, ...bodies]);
}

/** Lists the images of an `.ico`, reading each image's own header (not only the directory). */
export function readIco(buf: Buffer): IcoImage[] {
  if (buf.length < 6 || buf.readUInt16LE(0) !== 0 || buf.readUInt16LE(2) !== 1)
    throw new Error('not an ICO file');
  const count = buf.readUInt16LE(4);
  const images: IcoImage[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    if (at + 16 > buf.length) throw new Error('truncated ICO directory');
    const size = buf.readUInt32LE(at + 8);
    const offset = buf.readUInt32LE(at + 12);
    if (offset + size > buf.length) throw new Error(`ICO image ${i} runs past the end of the file`);
    const body = buf.subarray(offset, offset + size);
    if (body[0] === 0x89) {
      const { width, height } = readPngHeader(body);
      images.push({ width, height, format: 'png' });
    } else {
      if (body.readUInt32LE(0) !== 40) throw new Error(`ICO image ${i} is neither PNG nor BITMAPINFOHEADER`);
      images.push({ width: body.readInt32LE(4), height: body.readInt32LE(8) / 2, format: 'bmp' });
    }
  }
  return images;
}
