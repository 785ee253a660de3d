import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { displayBundle, pngSize, renderSvg, show, showSvg, svgBundle, svgToPng, VEGA_LITE_MIME, type DisplayBundle } from "../../lib/src/display";
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

  it("holds the spec as an object, a PNG and the title, and no SVG (the deck draws it from the spec)", () => {
    expect(Object.keys(bundle.data).sort()).toEqual([VEGA_LITE_MIME, "image/png", "text/plain"].sort());
    expect(bundle.data[VEGA_LITE_MIME]).toBe(spec);
    expect(bundle.data["text/plain"]).toBe("Gradient norm through depth");
  });

  it("carries the PNG of the rendered SVG as base64, at the chart's own size (zoom 1)", () => {
    const png = Buffer.from(bundle.data["image/png"] as string, "base64");
    expect(png.equals(svgToPng(renderSvg(spec), { zoom: 1 }))).toBe(true);
    const { width, height } = pngSize(png);
    expect(bundle.metadata).toEqual({ "image/png": { width, height } });
    expect(renderSvg(spec)).toMatch(new RegExp(`^<svg[^>]* width="${width}" height="${height}"`));
  });

  it("draws a sharper PNG on request, shown at the same size", () => {
    const sharp = displayBundle(spec, { zoom: 2 });
    const { width, height } = pngSize(Buffer.from(sharp.data["image/png"] as string, "base64"));
    expect(sharp.metadata).toEqual(bundle.metadata);
    expect(bundle.metadata).toEqual({ "image/png": { width: width / 2, height: height / 2 } });
  });

  it("leaves the spec as it was: a frozen spec passes, an unfrozen one compares equal afterwards", () => {
    const open = examples.lineLogClampedSlider();
    const before = structuredClone(open);
    displayBundle(open);
    expect(open).toEqual(before);
  });
});

describe("displayBundle takes any vega-lite v5 spec", () => {
  const values = [{ a: 1, b: 2 }, { a: 2, b: 3 }];
  const base = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", data: { values }, mark: "line", encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } } };

  it.each([
    ["a string title", { ...base, title: "my chart" }, "my chart"],
    ["a { text } title with a subtitle", { ...base, title: { text: "my chart", subtitle: "a line" } }, "my chart"],
    ["a multi-line title", { ...base, title: ["first", "second"] }, "first second"],
    ["no title but a description", { ...base, description: "b against a" }, "b against a"],
    ["no title at all", base, "vega-lite chart"],
    ["a layered spec", { data: { values }, layer: [{ mark: "line", encoding: base.encoding }, { mark: "point", encoding: base.encoding }] }, "vega-lite chart"],
  ])("%s", (_name, spec, text) => {
    const b = displayBundle(spec);
    expect(b.data["text/plain"]).toBe(text);
    expect(pngSize(Buffer.from(b.data["image/png"] as string, "base64")).width).toBeGreaterThan(100);
    if (typeof (spec as { title?: unknown }).title === "string") expect(renderSvg(spec)).toContain("my chart");
  });

  it.each([
    ["a misspelt mark", { ...base, mark: "lines" }, /^spec\.mark = "lines" is invalid vega-lite v5: expected .*"line"/],
    ["a misspelt encoding type", { ...base, encoding: { x: { field: "a", type: "quantitive" } } }, 'spec.encoding.x.type = "quantitive" is invalid vega-lite v5: expected "quantitative", "ordinal", "temporal", "nominal"'],
    ["an unknown property", { ...base, encodng: {} }, 'spec has the property "encodng", which vega-lite v5 does not know'],
    ["an unknown mark property", { ...base, mark: { type: "line", colour: "red" } }, 'spec.mark has the property "colour", which vega-lite v5 does not know'],
    ["a number as title", { ...base, title: 5 }, "spec.title = 5 is invalid vega-lite v5: expected a string, an array, an object"],
    ["no mark", { data: { values } }, /^spec is invalid vega-lite v5: it needs "mark" or .*"layer"/],
    ["a string", "line chart", 'spec = "line chart" is invalid vega-lite v5: expected an object'],
    ["a wrong layer", { data: { values }, layer: [{ mark: "line" }, { mark: "pint" }] }, /^spec\.layer\[1\]\.mark = "pint" is invalid/],
  ])("refuses %s with a RangeError naming the property", (_name, spec, message) => {
    expect(() => displayBundle(spec as object)).toThrow(RangeError);
    expect(() => displayBundle(spec as object)).toThrow(message);
  });
});

describe("svgBundle", () => {
  it("holds a hand-drawn figure as SVG, PNG and its title", () => {
    const b = svgBundle(figure, "Residual block: x + F(x)");
    expect(Object.keys(b.data).sort()).toEqual(["image/png", "image/svg+xml", "text/plain"]);
    expect(b.data["image/svg+xml"]).toBe(figure);
    expect(pngSize(Buffer.from(b.data["image/png"] as string, "base64"))).toEqual({ width: 200, height: 100 });
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
