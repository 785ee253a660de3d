// One Jupyter display_data content holding every representation of a chart, so each
// front end picks the best it can show: JupyterLab and VS Code the live vega-lite spec,
// GitHub and nbconvert the PNG, print the SVG, a terminal the text line.
import { fail, failDescribed } from "../checks";
import type { ChartSpec } from "../charts/defaults";
import { requireTitle } from "../charts/guards";
import { VEGA_LITE_MIME } from "./mime";
import { renderSvg, svgToPng, type PngOptions } from "./render";

/** The content of a display_data message: MIME type → data, plus per-type metadata. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (!(png instanceof Uint8Array) || png.length < 24 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    failDescribed("png", png instanceof Uint8Array ? `${png.length} bytes starting ${[...png.subarray(0, 4)].join(",")}` : typeof png, "PNG bytes: the 8-byte PNG signature and an IHDR chunk (≥ 24 bytes)");
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function imageParts(svg: string, text: string, options: PngOptions): DisplayBundle {
  const { zoom = 2 } = options;
  const png = svgToPng(svg, { zoom });
  const { width, height } = pngSize(png);
  return {
    data: { "image/png": png.toString("base64"), "image/svg+xml": svg, "text/plain": text },
    // Drawn at `zoom` times the size, shown at the chart's own size: sharp on high-DPI screens.
    metadata: { "image/png": { width: Math.round(width / zoom), height: Math.round(height / zoom) } },
  };
}

/** Bundle for a chart spec: spec + PNG + SVG + its title. Pure: same spec, same bytes. */
export function displayBundle(spec: ChartSpec, options: PngOptions = {}): DisplayBundle {
  const text = requireTitle("spec.title.text", spec?.title?.text);
  const image = imageParts(renderSvg(spec), text, options);
  return { data: { [VEGA_LITE_MIME]: spec, ...image.data }, metadata: image.metadata };
}

/** Bundle for a hand-drawn SVG figure (e.g. the residual block diagram): SVG + PNG + title. */
export function svgBundle(svg: string, title: string, options: PngOptions = {}): DisplayBundle {
  if (typeof svg !== "string" || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg)) {
    fail("svg", typeof svg === "string" ? svg.slice(0, 20) : typeof svg, "an SVG document string starting with <svg");
  }
  return imageParts(svg, requireTitle("title", title), options);
}
