// Log axes end where the data end: vega's "nice" rounding once padded them by up to a decade
// (data stopping at 2·10⁴ drew an axis to 10⁵). The charts are rendered headless and their
// scale domains and tick labels read back.
import { describe, expect, it } from "vitest";
import { barChart, lineChart, scatterChart, type Row } from "../../lib/src/charts";
import { chartView } from "../../lib/src/display";
import { axisLabels } from "./scene";

const titles = { title: "t", xTitle: "steps t (log scale)", yTitle: "error (log scale)" };
const domainOf = (view: ReturnType<typeof chartView>, axis: "x" | "y") => view.scale(axis).domain() as number[];

describe("log axis domain", () => {
  it("spans exactly the data, not the enclosing decades, on both axes", async () => {
    // x from 3 to 2·10⁴, y from 2·10⁻³ to 0.5: nice rounding would give [1, 1e5] and [1e-3, 1].
    const rows = [3, 30, 300, 3000, 20000].map((x) => ({ x, y: 1.5 / x }));
    const view = await chartView(lineChart(rows, { ...titles, logX: true, logY: true })).runAsync();
    expect(domainOf(view, "x")).toEqual([3, 20000]);
    const [y0, y1] = domainOf(view, "y");
    expect(y0).toBeCloseTo(1.5 / 20000, 15);
    expect(y1).toBeCloseTo(0.5, 15);
    // No tick beyond the data: the last x label is 20k (the data's end), not 100k.
    const [x] = axisLabels(await view.toSVG(), "X");
    expect(x.at(-1)).toBe("20k");
    expect(x).not.toContain("100k");
  });

  it("keeps clamped points inside the axis: the domain reaches the clamp floor and ceiling", async () => {
    const rows = [{ x: 1, y: 1e-3 }, { x: 2, y: 0 }, { x: 3, y: 1 }, { x: 4, y: Infinity }];
    const view = await chartView(scatterChart(rows, { ...titles, logY: true })).runAsync();
    const [lo, hi] = domainOf(view, "y");
    expect(lo).toBeCloseTo(1e-4, 18); // one decade under 10⁻³, where the 0 is pinned
    expect(hi).toBeCloseTo(10, 12); // one decade over 1, where +∞ is pinned
  });

  it("starts a log bar chart's axis at the bars' floor, not a decade below it", async () => {
    const rows = [{ category: "a", value: 2e-3 }, { category: "b", value: 0.4 }];
    const view = await chartView(barChart(rows, { ...titles, xTitle: "feature", logY: true })).runAsync();
    const [lo, hi] = domainOf(view, "y");
    expect(lo).toBeCloseTo(2e-4, 18);
    expect(hi).toBeCloseTo(0.4, 15);
  });

  it("keeps an annotation outside the data on the axis", async () => {
    const rows = [{ x: 1, y: 0.2 }, { x: 2, y: 0.3 }];
    const view = await chartView(lineChart(rows, { ...titles, logY: true, annotations: [{ y: 1, label: "one" }] })).runAsync();
    expect(domainOf(view, "y")).toEqual([0.2, 1]);
  });

  it("stays fixed across slider positions when the plotted extent does (end points pinned by annotations)", async () => {
    // One series per L: 4^−l for l = 0..L, as in the gradient-bound chart; the annotations
    // at (0, 1) and (L_max, 4^−L_max) hold the axis still while the slider moves.
    const rows: Row[] = [1, 2, 3, 4].flatMap((L) => Array.from({ length: L + 1 }, (_, l) => ({ L, x: l, y: 4 ** -l })));
    const spec = lineChart(rows, {
      ...titles, logY: true, slider: { field: "L", min: 1, max: 4, step: 1 },
      annotations: [{ x: 0, y: 1 }, { x: 4, y: 4 ** -4 }],
    });
    const view = await chartView(spec).runAsync();
    for (const L of [1, 2, 3, 4]) {
      await view.signal("L_slider", L).runAsync();
      expect(domainOf(view, "y")).toEqual([4 ** -4, 1]);
    }
  });
});
