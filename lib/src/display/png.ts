// PNG bytes: the size from the header, and a smaller file for the same pixels. A PNG is an
// 8-byte signature and chunks (length, type, data, CRC-32 of type + data); the pixels are
// one zlib stream split over IDAT chunks. resvg writes that stream with fast compression;
// deflating it again at level 9 keeps every pixel and saves about a quarter of the bytes.
import { crc32, deflateSync, inflateSync } from "node:zlib";
import { failDescribed } from "../checks";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (!(png instanceof Uint8Array) || png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    failDescribed("png", png instanceof Uint8Array ? `${png.length} bytes starting ${[...png.subarray(0, 4)].join(",")}` : typeof png, "PNG bytes: the 8-byte PNG signature and an IHDR chunk (≥ 24 bytes)");
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The same image with its pixel stream deflated at level 9, in one IDAT chunk. */
export function recompressPng(png: Buffer): Buffer {
  const parts: Buffer[] = [png.subarray(0, 8)];
  const pixels: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("latin1");
    if (type === "IDAT") pixels.push(png.subarray(at + 8, at + 8 + length));
    else {
      // the IDAT chunks are consecutive: the first other chunk after them ends the stream
      if (pixels.length > 0) parts.push(chunk("IDAT", deflateSync(inflateSync(Buffer.concat(pixels.splice(0))), { level: 9, memLevel: 9 })));
      parts.push(png.subarray(at, at + 12 + length));
    }
    at += 12 + length;
  }
  return Buffer.concat(parts);
}
