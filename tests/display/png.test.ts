// recompressPng keeps every pixel: the decompressed (filtered) scanlines are byte-identical,
// the chunks around them are kept in order, every chunk's CRC is right, and the file is smaller.
import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Resvg } from "@resvg/resvg-js";
import { pngSize, recompressPng } from "../../lib/src/display/png";
import { renderSvg } from "../../lib/src/display/render";
import { examples } from "../charts/examples";

interface Chunk { type: string; data: Buffer; crcOk: boolean }

function chunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    out.push({ type: typeAndData.subarray(0, 4).toString("latin1"), data: typeAndData.subarray(4), crcOk: (crc32(typeAndData) >>> 0) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}
const pixels = (png: Buffer) => inflateSync(Buffer.concat(chunks(png).filter((c) => c.type === "IDAT").map((c) => c.data)));

describe("recompressPng", () => {
  const original = Buffer.from(new Resvg(renderSvg(examples.lineLogClampedSlider()), { fitTo: { mode: "zoom", value: 2 }, font: { loadSystemFonts: true } }).render().asPng());
  const smaller = recompressPng(original);

  it("keeps the signature, the header and every pixel", () => {
    expect(smaller.subarray(0, 8).equals(original.subarray(0, 8))).toBe(true);
    expect(pngSize(smaller)).toEqual(pngSize(original));
    expect(pixels(smaller).equals(pixels(original))).toBe(true);
  });

  it("keeps the other chunks in order, with one IDAT where the pixel chunks were, all CRCs right", () => {
    const names = (png: Buffer) => chunks(png).map((c) => c.type).filter((t, i, all) => t !== "IDAT" || all[i - 1] !== "IDAT");
    expect(names(smaller)).toEqual(names(original));
    expect(chunks(smaller).every((c) => c.crcOk)).toBe(true);
    expect(chunks(smaller).filter((c) => c.type === "IDAT")).toHaveLength(1);
  });

  it("is smaller by at least a tenth", () => {
    expect(smaller.length).toBeLessThan(0.9 * original.length);
  });
});
