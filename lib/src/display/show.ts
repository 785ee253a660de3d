// Display in a tslab notebook. tslab.display.raw sends one MIME type per output; the
// kernel's own writer (jupyter.lastWriteDisplayData, set for the cell being executed)
// sends a whole bundle as one display_data message. Rendering is synchronous, so a cell
// can end in `show(spec)` with no `await` and the output still lands in that cell.
import { displayBundle, svgBundle, type DisplayBundle } from "./bundle";
import type { PngOptions } from "./render";
import type { VegaLiteSpec } from "./spec";

type WriteDisplayData = (content: DisplayBundle, update: boolean) => void;

const OUTSIDE = "show() displays charts in a notebook running the tslab kernel, and no tslab kernel is running here; outside a notebook, save the chart with toSvg(spec) or toPng(spec)";

/** The running kernel's display writer; tslab has loaded its jupyter module iff a kernel runs. */
function kernelWriter(): WriteDisplayData {
  let path: string;
  try {
    path = require.resolve("tslab/dist/jupyter");
  } catch {
    throw new Error(`${OUTSIDE} (tslab is not installed).`);
  }
  const jupyter = require.cache[path]?.exports as { lastWriteDisplayData?: unknown } | undefined;
  const write = jupyter?.lastWriteDisplayData;
  if (typeof write !== "function") throw new Error(`${OUTSIDE}.`);
  return write as WriteDisplayData;
}

/**
 * Shows any vega-lite v5 spec as one output: the live spec, a PNG and its title. An
 * invalid spec fails with a RangeError naming the property that is wrong.
 */
export function show(spec: VegaLiteSpec, options: PngOptions = {}): void {
  const write = kernelWriter();
  write(displayBundle(spec, options), false);
}

/** Shows a hand-drawn SVG figure as one output: SVG, PNG and its title. */
export function showSvg(svg: string, title: string, options: PngOptions = {}): void {
  const write = kernelWriter();
  write(svgBundle(svg, title, options), false);
}
