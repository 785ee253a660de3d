import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { displayBundle, pngSize, renderSvg, show, showSvg, svgBundle, VEGA_LITE_MIME, type DisplayBundle } from "../../lib/src/display";
import { examples } from "../charts/examples";

const require = createRequire(import.meta.url);
const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === "object") Object.values(o).forEach(deepFreeze);
  return Object.freeze(o);
};
const figure = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="10" y="10" width="80" height="40" fill="none" stroke="#333"/><text x="20" y="35" font-family="DejaVu Sans">F(x)</text></svg>';

describe("displayBundle", () => {
  const spec = deepFreeze(examples.lineLogClampedSlider());
  const bundle = displayBundle(spec);

  it("holds the spec as an object, a PNG, the SVG and the title, and nothing else", () => {
    expect(Object.keys(bundle.data).sort()).toEqual([VEGA_LITE_MIME, "image/png", "image/svg+xml", "text/plain"].sort());
    expect(bundle.data[VEGA_LITE_MIME]).toBe(spec);
    expect(bundle.data["image/svg+xml"]).toBe(renderSvg(spec));
    expect(bundle.data["text/plain"]).toBe("Gradient norm through depth");
  });

  it("carries the PNG as base64 drawn at zoom 2 and shown at the chart's own size", () => {
    const png = Buffer.from(bundle.data["image/png"] as string, "base64");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const { width, height } = pngSize(png);
    expect(bundle.metadata).toEqual({ "image/png": { width: width / 2, height: height / 2 } });
    expect(bundle.data["image/svg+xml"]).toContain(`width="${width / 2}"`);
  });

  it("is a pure function of the spec: same bytes every time, spec untouched (it is frozen)", () => {
    expect(JSON.stringify(displayBundle(spec))).toBe(JSON.stringify(bundle));
  });

  it("refuses a spec without a title", () => {
    const untitled = { ...examples.bar(), title: { text: "" } };
    expect(() => displayBundle(untitled)).toThrow(RangeError);
  });
});

describe("svgBundle", () => {
  it("holds a hand-drawn figure as SVG, PNG and its title", () => {
    const b = svgBundle(figure, "Residual block: x + F(x)");
    expect(Object.keys(b.data).sort()).toEqual(["image/png", "image/svg+xml", "text/plain"]);
    expect(b.data["image/svg+xml"]).toBe(figure);
    expect(pngSize(Buffer.from(b.data["image/png"] as string, "base64"))).toEqual({ width: 400, height: 200 });
    expect(b.metadata).toEqual({ "image/png": { width: 200, height: 100 } });
  });

  it("rejects what is not an SVG document, and an empty title", () => {
    expect(() => svgBundle("<div/>", "t")).toThrow('svg = "<div/>" is invalid');
    expect(() => svgBundle(figure, "")).toThrow("title");
  });
});

describe("show", () => {
  // The tslab kernel sets jupyter.lastWriteDisplayData for the cell it runs; a stand-in here.
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it("fails with a clear message when no kernel is running", () => {
    expect(() => show(examples.bar())).toThrow(/no tslab kernel is running here.*toSvg\(spec\) or toPng\(spec\)/);
    expect(() => showSvg(figure, "t")).toThrow(/no tslab kernel/);
  });

  it("sends exactly one display_data (not an update) holding the whole bundle", () => {
    const sent: [DisplayBundle, boolean][] = [];
    jupyter.lastWriteDisplayData = (content: DisplayBundle, update: boolean) => sent.push([content, update]);
    const spec = examples.bar();
    show(spec);
    expect(sent).toEqual([[displayBundle(spec), false]]);
    showSvg(figure, "Residual block");
    expect(sent[1]).toEqual([svgBundle(figure, "Residual block"), false]);
  });
});
