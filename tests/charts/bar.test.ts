import { describe, expect, it } from "vitest";
import { barChart, type Row } from "../../lib/src/charts";
import { chartView } from "../../lib/src/display";
import { examples, spreadNorms } from "./examples";
import { markItems } from "./scene";

interface Rect {
  y: number;
  height: number;
  datum: Row;
}

const rects = (spec: ReturnType<typeof barChart>) => {
  const view = chartView(spec).run();
  return { view, bars: markItems(view, "rect") as unknown as Rect[] };
};

describe("bar chart on a log y axis", () => {
  it("draws every bar of a grouped chart with a positive, finite height", () => {
    const { bars } = rects(examples.barLog());
    expect(bars).toHaveLength(spreadNorms.length);
    for (const bar of bars) {
      expect(Number.isFinite(bar.y), JSON.stringify(bar.datum)).toBe(true);
      expect(Number.isFinite(bar.height) && bar.height > 0, JSON.stringify(bar.datum)).toBe(true);
    }
  });

  it("raises each bar from one decade under the smallest value to the value itself", () => {
    const { view, bars } = rects(examples.barLog());
    const y = view.scale("y") as (v: number) => number;
    const floor = 1e-4 / 10;
    expect(view.scale("y").domain()[0]).toBeLessThanOrEqual(floor);
    for (const bar of bars) {
      expect(bar.y).toBeCloseTo(y(bar.datum.value as number), 6);
      expect(bar.y + bar.height).toBeCloseTo(y(floor), 6);
    }
    // Equal steps in log10 give equal steps in height: 10⁻¹ … 10⁻⁴ lose one decade each.
    const x = bars.filter((b) => b.datum.matrix === "X").map((b) => b.height);
    const decade = x[0] - x[1];
    expect(decade).toBeGreaterThan(0);
    for (let i = 1; i < x.length; i++) expect(x[i - 1] - x[i]).toBeCloseTo(decade, 6);
    expect(x[3]).toBeCloseTo(decade, 6);
  });

  it("starts bars at an explicit clamp floor, and leaves a clamped 0 flat on it under a triangle", () => {
    const rows = [{ category: "a", value: 0 }, { category: "b", value: 2 }];
    const spec = barChart(rows, { title: "t", xTitle: "f", yTitle: "norm (log scale)", logY: true, clamp: { y: { floor: 0.01 } } });
    const { view, bars } = rects(spec);
    const y = view.scale("y") as (v: number) => number;
    expect(bars.map((b) => b.y + b.height).every((base) => Math.abs(base - y(0.01)) < 1e-6)).toBe(true);
    expect(bars.map((b) => b.height > 0)).toEqual([false, true]);
    const marks = markItems(view, "symbol") as unknown as { y: number; shape: string }[];
    expect(marks.map((m) => m.shape)).toEqual(["triangle-down"]);
    expect(marks[0].y).toBeCloseTo(y(0.01), 6);
  });

  it("keeps linear bars starting at zero, with no y2", () => {
    const spec = examples.bar();
    const layer = (spec.layer as { encoding: Record<string, unknown> }[])[0];
    expect(layer.encoding.y2).toBeUndefined();
    const { view, bars } = rects(spec);
    const y0 = (view.scale("y") as (v: number) => number)(0);
    for (const bar of bars) expect(bar.y + bar.height).toBeCloseTo(y0, 6);
  });
});
