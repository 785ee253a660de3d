// Raster images from a notebook (outputs and markdown attachments) become data: URIs only
// after their data is proved to be what the MIME type says: strict base64 (the alphabet,
// padding only at the end, a length that is a multiple of 4, decoding back to the same text)
// and the format's signature in the first bytes. Nothing else can reach the `src` attribute.

export const rasterTypes = ["image/png", "image/jpeg", "image/gif"] as const;
export type RasterType = (typeof rasterTypes)[number];

const signatures: Record<RasterType, number[][]> = {
  "image/png": [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/gif": [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]], // GIF87a, GIF89a
};

export const isRasterType = (mime: string): mime is RasterType => (rasterTypes as readonly string[]).includes(mime);

/** Base64 as nbformat stores it (line breaks allowed) to its canonical one-line form; undefined if not strict base64. */
export function strictBase64(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.replace(/[\r\n]/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, "base64").toString("base64") === text ? text : undefined;
}

/** `data:<mime>;base64,...` for a valid image of that type, else undefined. */
export function rasterDataUri(mime: string, value: unknown): string | undefined {
  if (!isRasterType(mime)) return undefined;
  const base64 = strictBase64(value);
  if (base64 === undefined) return undefined;
  const head = Buffer.from(base64.slice(0, 16), "base64");
  if (!signatures[mime].some((sig) => sig.every((byte, i) => head[i] === byte))) return undefined;
  return `data:${mime};base64,${base64}`;
}
