// The builders notebook 02 added: heatmapChart (the mask picture), sideBySide (panels with their
// own x titles) and decade ticks for crowded log axes. Specs validate against the vega-lite v5
// schema, compile without warnings and render the texts they promise.
import { describe, expect, it } from "vitest";
import { decadeTicks, heatmapChart, lineChart, sideBySide, withAxisTicks, type ChartSpec } from "../../lib/src/charts";
import { chartView, compileToVega, renderSvg } from "../../lib/src/display";
import { axisLabels, markItems } from "./scene";
import { validateVegaLite } from "./schema";

function valid(spec: ChartSpec): void {
  const ok = validateVegaLite(spec);
  expect(validateVegaLite.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  expect(compileToVega(spec).warnings).toEqual([]);
}

/** WCAG 2 contrast ratio of two CSS colours (#rgb, #rrggbb, rgb(…), "white" or "black"). */
function contrast(a: string, b: string): number {
  const rgb = (c: string) => {
    if (c === "white") return [255, 255, 255];
    if (c === "black") return [0, 0, 0];
    const hex = c.match(/^#([0-9a-f]{6}|[0-9a-f]{3})$/i)?.[1];
    if (hex) return (hex.length === 3 ? [...hex].map((h) => h + h) : hex.match(/../g)!).map((h) => parseInt(h, 16));
    return c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
  };
  const luminance = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
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

  it("writes every cell's number legibly on its colour: WCAG contrast ≥ 4.5 from the pale middle to both dark ends", async () => {
    const values = Array.from({ length: 201 }, (_, k) => -2.5 + k / 40); // past the limit too: clamped
    const grid = values.map((v, k) => ({ feature: `x${k}`, row: "r", v, t: v.toFixed(3) }));
    const view = chartView(heatmapChart(grid, { x: "feature", y: "row", color: "v", text: "t", colorLimit: 2, title: "t", xTitle: "a", yTitle: "b", colorTitle: "c" }));
    await view.runAsync();
    type Item = { datum?: { t?: string }; fill?: string };
    const fillOf = (items: Item[]) => new Map(items.map((i) => [i.datum!.t!, i.fill!]));
    const [cellFill, textFill] = [fillOf(markItems(view, "rect") as Item[]), fillOf(markItems(view, "text") as Item[])];
    const contrasts = grid.map(({ t }) => contrast(cellFill.get(t)!, textFill.get(t)!));
    expect(contrasts.length).toBe(201);
    expect(Math.min(...contrasts)).toBeGreaterThanOrEqual(4.5);
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

  it("labels each panel's linear x axis: its tick count reads the panel's own scale", () => {
    // vega-lite names the panels' x scales concat_0_x, concat_1_x; an expression reading scale 'x' found none and drew no ticks.
    const [dropoutLabels, ridgeLabels] = axisLabels(renderSvg(spec), "X");
    expect(dropoutLabels.length).toBeGreaterThanOrEqual(3);
    expect(dropoutLabels.map(Number).every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ridgeLabels).toContain("0.001");
    expect(JSON.stringify(spec)).not.toContain("range('x')");
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
