// Headless rendering: vega-lite spec → vega spec → SVG string → PNG bytes, all in Node.
// The SVG asks for DejaVu Sans (with a generic fallback) and resvg rasterises it with the
// system's DejaVu, so the PNG looks the same on every machine that has the font.
import * as vega from "vega";
import * as vl from "vega-lite";
import { requireInterval } from "../checks";
import { recompressPng } from "./png";
import { newResvg } from "./resvg";
import type { VegaLiteSpec } from "./spec";

export const CHART_FONT = "DejaVu Sans";

/** Compiles to a vega spec; vega-lite's warnings are returned, not printed (stderr fails notebook runs). */
export function compileToVega(spec: VegaLiteSpec): { vega: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const keep = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  const logger = { level: () => logger, error: keep, warn: keep, info: () => logger, debug: () => logger };
  const config = { font: `${CHART_FONT}, sans-serif` };
  // A copy: vega tags every inline data row it ingests with an id, which would mutate the caller's spec.
  const copy = JSON.parse(JSON.stringify(spec)) as vl.TopLevelSpec;
  const compiled = vl.compile(copy, { config, logger: logger as never });
  return { vega: compiled.spec, warnings };
}

export interface RenderOptions {
  /** Load nothing (URL data, images): a spec from an untrusted notebook renders its inline data only. */
  offline?: boolean;
}

/** A vega loader that refuses every request. */
function offlineLoader(): vega.Loader {
  const refuse = (uri: string) => Promise.reject(new Error(`offline rendering: refused to load ${uri}`));
  return Object.assign(vega.loader(), { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}

/** A headless vega View of the chart, its dataflow not yet run. */
export function chartView(spec: VegaLiteSpec, { offline = false }: RenderOptions = {}): vega.View {
  const loader = offline ? { loader: offlineLoader() } : {};
  return new vega.View(vega.parse(compileToVega(spec).vega), { renderer: "none", logLevel: vega.Error, ...loader });
}

/** SVG through vega's own asynchronous headless path. */
export async function toSvg(spec: VegaLiteSpec): Promise<string> {
  return chartView(spec).toSVG();
}

interface ViewSize {
  _viewWidth: number;
  _viewHeight: number;
}

/** The part of vega's SVG string renderer used here (exported by vega, absent from its typings). */
interface StringRenderer {
  initialize(el: null, width: number, height: number, origin: [number, number], scale: number): StringRenderer;
  background(color: unknown): StringRenderer;
  render(scene: unknown): StringRenderer;
  svg(): string;
}
type StringRendererClass = new (loader: unknown) => StringRenderer;

/**
 * The same SVG synchronously, so show() needs no `await` in a notebook cell. With inline
 * data the dataflow runs to completion inside view.run(); the renderer is then sized the
 * way vega's headless renderer is (view size + padding, offset by padding + origin).
 * This reads two internal View fields; a test pins it to toSvg's output.
 */
export function renderSvg(spec: VegaLiteSpec, options: RenderOptions = {}): string {
  const view = chartView(spec, options).run();
  const { _viewWidth, _viewHeight } = view as unknown as ViewSize;
  if (typeof _viewWidth !== "number" || typeof _viewHeight !== "number") {
    throw new Error("renderSvg: this vega version has no synchronous view size; use `await toSvg(spec)`");
  }
  const pad = view.padding() as { left: number; right: number; top: number; bottom: number };
  const origin = view.origin();
  const width = Math.max(0, _viewWidth + pad.left + pad.right);
  const height = Math.max(0, _viewHeight + pad.top + pad.bottom);
  const Renderer = (vega as unknown as { SVGStringRenderer: StringRendererClass }).SVGStringRenderer;
  return new Renderer(view.loader())
    .initialize(null, width, height, [pad.left + origin[0], pad.top + origin[1]], 1)
    .background(view.background())
    .render((view.scenegraph() as unknown as { root: unknown }).root)
    .svg();
}

export interface PngOptions {
  /** Pixel density: 2 gives crisp images on high-DPI screens and in PDFs. */
  zoom?: number;
}

/** Rasterises an SVG string with the system fonts. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const { zoom = 2 } = options;
  requireInterval("zoom", zoom, 0, 8, "(]");
  const resvg = newResvg(svg, {
    fitTo: { mode: "zoom", value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT },
  });
  return recompressPng(resvg.render().asPng());
}

/** PNG of a chart (vega's asynchronous SVG path, then resvg). */
export async function toPng(spec: VegaLiteSpec, options: PngOptions = {}): Promise<Buffer> {
  return svgToPng(await toSvg(spec), options);
}
