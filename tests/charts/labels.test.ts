// Tick labels never touch, and each axis speaks one format. Charts are rendered headless and
// the labels vega kept visible are read from the scenegraph with their bounds.
import { describe, expect, it } from "vitest";
import { LABEL_SEPARATION, lineChart, logFormat, scatterChart, type Row } from "../../lib/src/charts";
import { chartView, compileToVega } from "../../lib/src/display";
import { touchingLabels, visibleLabels } from "./scene";

/** SGD-style data: steps 100 … 2·10⁵ on a log axis (the chart that drew "2e+33e+3"). */
const steps: Row[] = Array.from({ length: 60 }, (_, i) => {
  const t = Math.round(100 * 2000 ** (i / 59));
  return { x: t, y: 0.5 / Math.sqrt(t), series: i % 2 ? "last iterate" : "Polyak average" };
});
const titles = { title: "SGD", xTitle: "SGD step t (log scale)", yTitle: "relative error (log scale)" };

describe("tick labels", () => {
  it.each([240, 300, 520, 900])("on log axes at width %i px, no two visible labels touch", (width) => {
    const view = chartView(lineChart(steps, { ...titles, logX: true, logY: true, width })).run();
    // x labels sit right of the y axis (whose labels end left of x = 0), along the bottom row.
    const labels = visibleLabels(view).filter((l) => l.bounds.x2 > 0);
    expect(labels.length).toBeGreaterThan(4);
    expect(touchingLabels(labels)).toEqual([]);
  });

  it.each([120, 300, 520])("on a linear axis of long decimals at width %i px, no two visible labels touch", (width) => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: 0.00012 + i * 0.0000731, y: i * 1234.5 }));
    const view = chartView(scatterChart(rows, { ...titles, width })).run();
    expect(touchingLabels(visibleLabels(view))).toEqual([]);
  });

  it("keep a gap of LABEL_SEPARATION between neighbours on the log x axis", () => {
    const view = chartView(lineChart(steps, { ...titles, logX: true, width: 300 })).run();
    // x labels sit right of the y axis (whose labels end left of x = 0), along the bottom row.
    const labels = visibleLabels(view).filter((l) => l.bounds.x2 > 0);
    const bottom = Math.max(...labels.map((l) => l.bounds.y1));
    const row = labels.filter((l) => l.bounds.y1 === bottom).sort((a, b) => a.bounds.x1 - b.bounds.x1);
    expect(row.length).toBeGreaterThan(3);
    for (let i = 1; i < row.length; i++) expect(row[i].bounds.x1 - row[i - 1].bounds.x2).toBeGreaterThanOrEqual(LABEL_SEPARATION);
  });

  it("use one format per log axis, chosen from the values it spans", () => {
    expect(logFormat([100, 2e5])).toBe("~s"); // 100 · 2k · 10k
    expect(logFormat([0.004, 0.5])).toBe("~r"); // 0.004 · 0.05
    expect(logFormat([0.004, 300])).toBe("~r");
    expect(logFormat([1e-16, 1])).toBe("~e"); // 1e-16 … 1e+0
    expect(logFormat([2, 1e20])).toBe("~e");
    const view = chartView(lineChart(steps, { ...titles, logX: true, logY: true })).run();
    const texts = visibleLabels(view).map((l) => l.text);
    // x: SI prefixes only; y (0.001 … 0.05): decimals only, never 1e-3 beside 0.005.
    expect(texts.filter((t) => /e/.test(t))).toEqual([]);
    expect(texts).toContain("1k");
    expect(texts.some((t) => /^0\.0\d+$/.test(t))).toBe(true);
  });
});

describe("chart descriptions", () => {
  it("say the title, the kind of chart, both axes and the series", () => {
    const spec = lineChart(steps, { ...titles, logX: true });
    expect(spec.description).toBe("SGD. Line chart of relative error (log scale) against SGD step t (log scale), one line per series.");
  });

  it("name the panels of small multiples and keep a description the caller gives", () => {
    const rows = steps.map((r, i) => ({ ...r, k: i % 3 }));
    expect(scatterChart(rows, { ...titles, facet: { field: "k", title: "keep probability" } }).description).toMatch(/Scatter plot of .*, one colour per series, one panel per keep probability\.$/);
    expect(lineChart(steps, { ...titles, description: "Error falls as 1/√t." }).description).toBe("Error falls as 1/√t.");
    expect(() => lineChart(steps, { ...titles, description: " " })).toThrow('description = " " is invalid');
  });

  it("reach the compiled vega spec, which a browser view puts on its container as aria-label", () => {
    const spec = lineChart(steps, titles);
    expect(compileToVega(spec).vega.description).toBe(spec.description);
  });
});
