// Reference curves drawn dashed, a second field told apart by dash and shape, and one tick
// format per axis: checked on the rendered scene, not on the spec alone.
import { describe, expect, it } from "vitest";
import { lineChart, type Row } from "../../lib/src/charts";
import { chartView, renderSvg } from "../../lib/src/display";
import { axisLabels, markItems } from "./scene";
import { validateVegaLite } from "./schema";

const xs = [0, 1, 2, 3, 4];
const ok = { title: "t", xTitle: "layer l", yTitle: "norm (log scale)" };

describe("lineChart dashed series", () => {
  const rows: Row[] = ["measured", "bound"].flatMap((series, k) => xs.map((x) => ({ x, y: 10 ** (-x - k), series })));
  const spec = lineChart(rows, { ...ok, logY: true, dashed: ["bound"] });

  it("validates and draws the named series dashed, the others solid", () => {
    expect(validateVegaLite(spec)).toBe(true);
    const lines = markItems(chartView(spec).run(), "line");
    const dashOf = (series: string) => lines.find((l) => l.datum?.series === series) as unknown as { strokeDash?: number[] };
    expect(dashOf("bound").strokeDash).toEqual([6, 4]);
    expect(dashOf("measured").strokeDash).toEqual([1, 0]);
  });

  it("shows colour and dash in one legend (same field and title)", async () => {
    const svg = await renderSvg(spec);
    expect(svg.match(/role-legend"/g) ?? []).toHaveLength(1);
  });

  it.each([
    [["nope"], 'dashed = "\\"nope\\"" is invalid: expected names among the series ["measured","bound"]'],
    ["bound" as unknown as string[], "is invalid: expected an array of series names"],
  ])("refuses %j", (dashed, message) => {
    expect(() => lineChart(rows, { ...ok, dashed })).toThrow(RangeError);
    expect(() => lineChart(rows, { ...ok, dashed })).toThrow(message);
  });
});

describe("lineChart dash field", () => {
  const rows: Row[] = ["plain", "residual"].flatMap((kind) =>
    ["σ_max", "σ_min"].flatMap((which) => xs.map((x) => ({ x, y: which === "σ_max" ? 2 + x : 1 / (1 + x), kind, which }))));
  const spec = lineChart(rows, { ...ok, series: "kind", dash: "which", dashTitle: "singular value", points: true });

  it("gives each value of the field its own dash and point shape, within each colour", () => {
    expect(validateVegaLite(spec)).toBe(true);
    const view = chartView(spec).run();
    // a line mark's items are its points; each carries its line's dash
    const points = markItems(view, "line") as unknown as { datum: Row; strokeDash: number[] }[];
    const dashes = new Map(points.map((l) => [`${l.datum.kind}/${l.datum.which}`, JSON.stringify(l.strokeDash)]));
    expect(dashes.size).toBe(4);
    expect(dashes.get("plain/σ_max")).toBe(dashes.get("residual/σ_max"));
    expect(dashes.get("plain/σ_min")).not.toBe(dashes.get("plain/σ_max"));
    const shapes = new Set((markItems(view, "symbol") as unknown as { datum: Row; shape: string }[])
      .filter((p) => p.datum.which === "σ_min").map((p) => p.shape));
    expect(shapes).toEqual(new Set(["triangle-up"]));
  });

  it("refuses a missing field and both dash options at once", () => {
    expect(() => lineChart(rows, { ...ok, series: "kind", dash: "nope" })).toThrow("dash = ");
    expect(() => lineChart(rows, { ...ok, series: "kind", dash: "which", dashed: ["plain"] })).toThrow("dash = ");
  });
});

describe("axis formats", () => {
  it("a log axis writes every tick the same way, in the format chosen from the data or the one yFormat gives", async () => {
    const rows: Row[] = xs.map((x) => ({ x, y: 10 ** (3 * x - 9) }));
    // by default one format is chosen from the data (ticks.ts): here, nine decades, exponents throughout
    const chosen = axisLabels(await renderSvg(lineChart(rows, { ...ok, logY: true })), "Y")[0];
    expect(chosen.length).toBeGreaterThan(3);
    for (const label of chosen) expect(label).toMatch(/^\de[+-]\d+$/);
    // a format the caller gives wins
    const given = axisLabels(await renderSvg(lineChart(rows, { ...ok, logY: true, yFormat: ".1e" })), "Y")[0];
    expect(given.length).toBeGreaterThan(3);
    for (const label of given) expect(label).toMatch(/^\d\.\de[+-]\d+$/);
  });

  it("refuses an empty format", () => {
    expect(() => lineChart([{ x: 1, y: 1 }], { ...ok, yFormat: "" })).toThrow("yFormat = ");
  });
});
