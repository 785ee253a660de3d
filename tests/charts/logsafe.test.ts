import { describe, expect, it } from "vitest";
import { clampForLog, lineChart, scatterChart, type Row } from "../../lib/src/charts";
import { chartView } from "../../lib/src/display";
import { examples, gradientRows } from "./examples";
import { markItems } from "./scene";

describe("clampForLog", () => {
  const rows: Row[] = [{ y: 1 }, { y: 0 }, { y: -2 }, { y: NaN }, { y: Infinity }, { y: 1e-3 }, { y: -Infinity }];

  it("pins 0, negatives, NaN, ±Infinity one decade beyond the data and flags exactly those rows", () => {
    const before = structuredClone(rows);
    const c = clampForLog(rows, "y");
    expect(c.floor).toBeCloseTo(1e-4, 18);
    expect(c.ceiling).toBe(10);
    expect(c.rows.map((r) => r.y)).toEqual([1, c.floor, c.floor, c.floor, 10, 1e-3, c.floor]);
    // only clamped rows carry the flag
    expect(c.rows.map((r) => r.clamped)).toEqual([undefined, true, true, true, true, undefined, true]);
    expect(c.rows.filter((r) => "clamped" in r)).toHaveLength(5);
    expect([c.count, c.offAxis, c.outOfRange]).toEqual([5, 5, 0]);
    expect(rows).toEqual(before);
  });

  it("honours an explicit floor and ceiling and ORs an existing flag (x and y share it)", () => {
    const c = clampForLog([{ y: 5, hit: true }, { y: 50 }, { y: 0.5 }], "y", { floor: 1, ceiling: 10, flag: "hit" });
    expect(c.rows).toEqual([{ y: 5, hit: true }, { y: 10, hit: true }, { y: 1, hit: true }]);
    expect([c.count, c.offAxis, c.outOfRange]).toEqual([2, 0, 2]);
  });

  it("rejects what no log axis can hold", () => {
    expect(() => clampForLog([{ y: 0 }, { y: -1 }], "y")).toThrow(/data\.y .*positive finite value/);
    expect(() => clampForLog([{ y: 1 }], "y", { floor: 0 })).toThrow(RangeError);
    expect(() => clampForLog([{ y: 1 }], "y", { floor: 2, ceiling: 1 })).toThrow(/ceiling = 1 /);
    expect(() => clampForLog([{ y: "1" }], "y")).toThrow(/data\[0\]\.y = "1"/);
  });
});

describe("log axes in the builders", () => {
  it("flag every underflowed row, note them in the subtitle, and draw them as triangles", () => {
    const spec = examples.lineLogClampedSlider();
    const values = (spec.data as { values: Row[] }).values;
    const zeros = gradientRows().filter((r) => r.y === 0).length;
    expect(values.filter((r) => r.clamped === true)).toHaveLength(zeros);
    expect(values.every((r) => typeof r.y === "number" && r.y > 0)).toBe(true);
    expect(spec.title.subtitle).toEqual([expect.stringContaining(`▼ ${zeros} values`), "(▼ counted over all slider positions)"]);
    // Slider at scale 1: the plain stack underflows at L = 10, 11, 12.
    const view = chartView(spec).run();
    const triangles = markItems(view, "symbol").filter((item) => item.shape === "triangle-down");
    expect(triangles.map((t) => t.datum?.x)).toEqual([10, 11, 12]);
  });

  it("clamp infinite x values too and mark them with a shape in scatter plots", () => {
    const rows = [{ x: 1, y: 1 }, { x: Infinity, y: 2 }, { x: 10, y: 0 }];
    const spec = scatterChart(rows, { title: "t", xTitle: "a (s)", yTitle: "b (m)", logX: true, logY: true });
    const values = (spec.data as { values: Row[] }).values;
    expect(values.map((r) => r.clamped)).toEqual([false, true, true]); // spelled out for the shape legend
    expect(values[1].x).toBe(100);
    const shapes = markItems(chartView(spec).run(), "symbol").map((s) => s.shape);
    expect(shapes).toEqual(["circle", "triangle-down", "triangle-down"]);
  });

  it("say why points were pinned: off the log axis, or merely outside an explicit floor/ceiling", () => {
    const options = { title: "t", xTitle: "L (layers)", yTitle: "norm (log scale)", logY: true };
    const raised = lineChart([{ x: 1, y: 1 }, { x: 2, y: 1e-9 }, { x: 3, y: 1e-7 }], { ...options, clamp: { y: { floor: 1e-6 } } });
    expect(raised.title.subtitle).toBe("▼ 2 values outside [0.000001, 10] pinned to the axis edge");
    expect(raised.title.subtitle).not.toContain("≤ 0");
    const mixed = lineChart([{ x: 1, y: 1 }, { x: 2, y: 0 }, { x: 3, y: 1e-9 }, { x: 4, y: 5e3 }], { ...options, clamp: { y: { floor: 1e-6, ceiling: 1e3 } } });
    expect(mixed.title.subtitle).toBe("▼ 3 values pinned to the axis edge: 1 off the log axis (≤ 0, ±∞ or NaN), 2 outside [0.000001, 1000]");
    const off = lineChart([{ x: 1, y: 1 }, { x: 2, y: 0 }], options);
    expect(off.title.subtitle).toBe("▼ 1 value off the log axis (≤ 0, ±∞ or NaN) pinned to its edge");
  });

  it("say that behind a slider the count covers every slider position, not the one on screen", () => {
    const rows = [{ c: 1, x: 1, y: 1 }, { c: 1, x: 2, y: 0 }, { c: 2, x: 1, y: 0 }, { c: 2, x: 2, y: 0 }];
    const spec = lineChart(rows, {
      title: "t", xTitle: "L (layers)", yTitle: "norm (log scale)", logY: true,
      slider: { field: "c", min: 1, max: 2, step: 1 },
    });
    expect(spec.title.subtitle).toEqual(["▼ 3 values off the log axis (≤ 0, ±∞ or NaN) pinned to its edge", "(▼ counted over all slider positions)"]);
  });

  it("leave a clean log chart unflagged: no marker layer, no note", () => {
    const spec = lineChart([{ x: 1, y: 1 }, { x: 2, y: 0.1 }], { title: "t", xTitle: "L (layers)", yTitle: "norm", logY: true });
    expect(spec.title.subtitle).toBeUndefined();
    expect(spec.layer).toHaveLength(1);
  });

  it("refuse non-finite values on a linear axis, naming the row", () => {
    const rows = [{ x: 1, y: 1 }, { x: 2, y: NaN }];
    expect(() => lineChart(rows, { title: "t", xTitle: "L (layers)", yTitle: "norm" })).toThrow(/data\[1\]\.y = NaN/);
  });
});
