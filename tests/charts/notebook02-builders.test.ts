// The builders notebook 02 added: heatmapChart (the mask picture), sideBySide (panels with their
// own x titles) and decade ticks for crowded log axes. Specs validate against the vega-lite v5
// schema, compile without warnings and render the texts they promise.
import { describe, expect, it } from "vitest";
import { decadeTicks, heatmapChart, lineChart, sideBySide, withAxisTicks, type ChartSpec } from "../../lib/src/charts";
import { compileToVega, renderSvg } from "../../lib/src/display";
import { validateVegaLite } from "./schema";

function valid(spec: ChartSpec): void {
  const ok = validateVegaLite(spec);
  expect(validateVegaLite.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  expect(compileToVega(spec).warnings).toEqual([]);
}

const cells = ["1. X", "2. mask R"].flatMap((panel) =>
  [0, 1].flatMap((i) => [0, 1, 2].map((j) => ({ panel, row: `row ${i + 1}`, feature: `x${j + 1}`, v: panel === "1. X" ? i - j : (i + j) % 2, t: `${i}${j}` }))),
);

describe("heatmapChart", () => {
  const spec = heatmapChart(cells, {
    x: "feature", y: "row", color: "v", text: "t", colorLimit: 2, facet: { field: "panel", columns: 1, title: "" },
    title: "Masks", xTitle: "feature", yTitle: "row of X", colorTitle: "value",
  });

  it("is a valid vega-lite v5 spec with a diverging colour scale centred on 0", () => {
    valid(spec);
    const layer = (spec.spec as { layer: { encoding: { color?: { scale: { domain: number[] } } } }[] }).layer;
    expect(layer[0].encoding.color!.scale.domain).toEqual([-2, 2]);
  });

  it("renders every cell label, both panel names, and rows and columns in data order", () => {
    const svg = renderSvg(spec);
    for (const text of ["Masks", "1. X", "2. mask R", "row of X", ...cells.map((c) => c.t)]) expect(svg).toContain(`>${text}<`);
    const x = spec.spec as { layer: { encoding: { x: { sort: string[] }; y: { sort: string[] } } }[] };
    expect(x.layer[0].encoding.x.sort).toEqual(["x1", "x2", "x3"]);
    expect(x.layer[0].encoding.y.sort).toEqual(["row 1", "row 2"]);
  });

  it("refuses a missing field and a non-finite colour, naming them", () => {
    const base = { x: "feature", y: "row", color: "v", title: "t", xTitle: "a", yTitle: "b", colorTitle: "c" };
    expect(() => heatmapChart(cells, { ...base, color: "nope" })).toThrow(/color = "nope" is invalid/);
    expect(() => heatmapChart([{ feature: "x1", row: "r", v: NaN }], base)).toThrow(/data\[0\]\.v = NaN is invalid/);
  });
});

describe("sideBySide and decade ticks", () => {
  const rows = [1e-3, 1e-2, 0.1, 1, 10, 100, 2000].map((x) => ({ x, y: 1 / (1 + x) }));
  const left = lineChart(rows.map((r) => ({ p: 1 / (1 + r.x), y: r.y })), { x: "p", y: "y", xTitle: "keep probability p", yTitle: "error", title: "dropout" });
  const right = withAxisTicks(lineChart(rows, { x: "x", y: "y", logX: true, xTitle: "ridge strength λ", yTitle: "error", title: "ridge" }), "x", decadeTicks(rows.map((r) => r.x)));
  const spec = sideBySide([left, right], { title: "Two panels", subtitle: "different x", sharedY: true });

  it("keeps each panel's own axis titles under one title, and validates", () => {
    valid(spec);
    const svg = renderSvg(spec);
    for (const text of ["Two panels", "different x", "keep probability p", "ridge strength λ", "dropout", "ridge"]) expect(svg).toContain(`>${text}<`);
    expect(spec.resolve).toEqual({ scale: { color: "shared", y: "shared" } });
  });

  it("decadeTicks lists the powers of 10 inside the data, and the log axis shows only them", () => {
    expect(decadeTicks([0.002, 5, 2000])).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(decadeTicks([2, 3])).toEqual([]);
    const svg = renderSvg(right);
    for (const label of ["0.001", "0.01", "0.1", "1", "10", "100", "1000"]) expect(svg).toContain(`>${label}<`);
    expect(svg).not.toContain(">2e+3<");
    expect(() => decadeTicks([0, 1])).toThrow(/values\[0\] = 0 is invalid/);
  });

  it("refuses a single chart", () => {
    expect(() => sideBySide([left], { title: "t" })).toThrow(/charts.length = 1 is invalid: expected at least 2 charts/);
  });
});
