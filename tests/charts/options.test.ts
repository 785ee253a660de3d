import { describe, expect, it } from "vitest";
import { barChart, lineChart, scatterChart, stripChart, type LineOptions, type Row } from "../../lib/src/charts";
import { chartView } from "../../lib/src/display";
import { markItems } from "./scene";

const rows: Row[] = [{ x: 1, y: 2, series: "a" }, { x: 2, y: 3, series: "b" }];
const ok: LineOptions = { title: "Loss", xTitle: "epoch (passes)", yTitle: "loss (nats)" };

/** Freezes rows and everything in them, so any mutation inside a builder throws. */
const frozen = (data: Row[]) => Object.freeze(data.map((r) => Object.freeze({ ...r })));

describe("builder options", () => {
  it.each([
    ["title", { ...ok, title: "" }],
    ["xTitle", { ...ok, xTitle: "  " }],
    ["yTitle", { ...ok, yTitle: undefined as unknown as string }],
    ["width", { ...ok, width: 5 }],
    ["height", { ...ok, height: 1.5 }],
    ["x", { ...ok, x: "depth" }],
    ["series", { ...ok, series: "arch" }],
    ["points", { ...ok, points: "yes" as unknown as boolean }],
    ["logY", { ...ok, logY: 1 as unknown as boolean }],
    ["facet.columns", { ...ok, facet: { field: "series", columns: 0 } }],
    ["facet.field", { ...ok, facet: { field: "nope" } }],
    ["annotations[0]", { ...ok, annotations: [{ label: "floating" }] }],
    ["annotations[1].y", { ...ok, annotations: [{ y: 1 }, { y: Infinity }] }],
    ["annotations[0].x", { ...ok, annotations: [{ x: "a" }] }],
    ["annotations[0].y", { ...ok, logY: true, annotations: [{ y: 0, label: "zero has no place on a log axis" }] }],
  ])("a bad %s throws a RangeError naming it", (name, options) => {
    const call = () => lineChart(rows, options as LineOptions);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(`${name} = `);
  });

  it("errors name the value and what is allowed", () => {
    expect(() => lineChart(rows, { ...ok, width: 5 })).toThrow("width = 5 is invalid: expected an integer in [20, 4000]");
  });

  it("never mutate their input rows", () => {
    const data = frozen([{ x: 1, y: 0, series: "a", p: 0.5 }, { x: 2, y: 3, series: "b", p: 0.5 }]);
    const slider = { field: "p", min: 0, max: 1, step: 0.5 };
    expect(() => lineChart(data, { ...ok, logY: true, slider })).not.toThrow();
    expect(() => scatterChart(data, { ...ok, logX: true })).not.toThrow();
    expect(() => barChart(data, { ...ok, x: "series", y: "y", group: "series" })).not.toThrow();
    expect(() => stripChart(data, { title: "t", value: "x", category: "series", valueTitle: "v (s)", categoryTitle: "c", logValue: true })).not.toThrow();
    expect(data[0]).toEqual({ x: 1, y: 0, series: "a", p: 0.5 });
  });

  it("draw one line per series, one legend entry each, and no legend without a series field", () => {
    const spec = lineChart(rows, ok);
    expect((spec.layer as { encoding: { color: unknown } }[])[0].encoding.color).toEqual({ field: "series", type: "nominal", title: "series" });
    expect(markItems(chartView(spec).run(), "line")).toHaveLength(2);
    const single = lineChart([{ x: 1, y: 2 }, { x: 2, y: 3 }], ok);
    expect((single.layer as { encoding: Record<string, unknown> }[])[0].encoding.color).toBeUndefined();
  });

  it("use the field names given, and default to x, y, series", () => {
    const renamed = rows.map((r) => ({ depth: r.x, norm: r.y, arch: r.series }));
    const spec = lineChart(renamed, { ...ok, x: "depth", y: "norm", series: "arch" });
    const view = chartView(spec).run();
    expect(markItems(view, "line").map((l) => l.datum?.arch)).toEqual(["a", "b"]);
  });

  it("put facets in columns, each panel sized to leave a slide room", () => {
    const spec = lineChart(rows, { ...ok, facet: { field: "series", columns: 3 } });
    expect(spec.columns).toBe(3);
    expect(spec.spec).toMatchObject({ width: 180, height: 150 });
    // The panels are the colour series: the legend titles the field, the header does not repeat it.
    expect(spec.facet).toEqual({ field: "series", type: "nominal", title: null });
  });

  it("name a field only once when the panels are the colour series, and keep the header title otherwise", async () => {
    const runs = [1, 2].flatMap((seed) => rows.map((r) => ({ ...r, seed })));
    const bySeries = lineChart(runs, { ...ok, seriesTitle: "network", facet: { field: "series", title: "network" } });
    const svg = await chartView(bySeries).toSVG();
    expect(svg.match(/>network<\/text>/g)).toHaveLength(1);
    const bySeed = lineChart(runs, { ...ok, seriesTitle: "network", facet: { field: "seed", title: "seed" } });
    expect(bySeed.facet).toEqual({ field: "seed", type: "ordinal", title: "seed" });
    const seedSvg = await chartView(bySeed).toSVG();
    expect(seedSvg.match(/>seed<\/text>/g)).toHaveLength(1);
    expect(seedSvg.match(/>network<\/text>/g)).toHaveLength(1);
    expect(() => lineChart(runs, { ...ok, facet: { field: "seed", title: 3 as unknown as string } })).toThrow(/facet\.title = 3/);
  });

  it("layer rules and labels: a dashed y rule with its text, and a dot for a point label", () => {
    const spec = lineChart(rows, { ...ok, annotations: [{ y: 0.25, label: "max σ′ = 1/4" }, { x: 1, y: 2, label: "start" }] });
    const view = chartView(spec).run();
    const rules = markItems(view, "rule");
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ strokeDash: [5, 4] });
    expect(markItems(view, "text").map((t) => t.text)).toEqual(["max σ′ = 1/4", "start"]);
  });
});
