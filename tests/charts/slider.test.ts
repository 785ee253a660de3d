import { describe, expect, it } from "vitest";
import { barChart, type SliderOptions } from "../../lib/src/charts";
import { chartView } from "../../lib/src/display";
import { columnNorms, examples, SCALES, DEPTHS } from "./examples";
import { markItems } from "./scene";

describe("slider", () => {
  it("is a param bound to a range input with the given bounds and start", () => {
    const spec = examples.lineLogClampedSlider();
    expect(spec.params).toEqual([
      { name: "scale", value: 1, bind: { input: "range", min: 0.5, max: 1.5, step: 0.5, name: "weight scale " } },
    ]);
  });

  it("shows only the series of the chosen value, and follows the signal", () => {
    const view = chartView(examples.lineLogClampedSlider()).run();
    // Data points only: not the clamp triangles, not the annotation dot (whose datum is {}).
    const points = () => markItems(view, "symbol").filter((s) => s.shape !== "triangle-down" && s.datum?.series);
    const shown = () => points().map((s) => s.datum?.scale);
    // Two series × DEPTHS points at the start value 1 (of 3 × 2 × DEPTHS rows in the data).
    expect(shown()).toEqual(Array(2 * DEPTHS).fill(1));
    expect(markItems(view, "symbol").filter((s) => !s.datum?.series)).toHaveLength(1);
    for (const scale of SCALES) {
      view.signal("scale", scale).run();
      expect(shown()).toEqual(Array(2 * DEPTHS).fill(scale));
    }
  });

  it("matches values despite binary rounding (0.2 + 0.3 + 0.3 ≠ 0.8)", () => {
    const view = chartView(examples.scatterSlider()).run();
    expect(markItems(view, "symbol").map((s) => s.datum?.p)).toEqual([0.2, 0.2, 0.2, 0.2]);
    view.signal("p_slider", 0.2 + 0.3 + 0.3).run();
    expect(markItems(view, "symbol").map((s) => s.datum?.p)).toEqual([0.8, 0.8, 0.8, 0.8]);
  });

  it("works on any builder: a bar chart with a slider over a row field", () => {
    const rows = [1, 2, 3].flatMap((k) => columnNorms.map((r) => ({ ...r, value: Number(r.value) * k, k })));
    const spec = barChart(rows, { title: "t", xTitle: "feature", yTitle: "norm (no unit)", group: "matrix", slider: { field: "k", min: 1, max: 3, step: 1, init: 2 } });
    const view = chartView(spec).run();
    expect(markItems(view, "rect").map((r) => r.datum?.k)).toEqual(Array(columnNorms.length).fill(2));
  });

  const rows = [{ x: 1, y: 1, p: 0.5 }];
  const base: SliderOptions = { field: "p", min: 0.1, max: 0.9, step: 0.1 };
  const build = (slider: SliderOptions, data = rows) => () => barChart(data, { x: "x", y: "y", title: "t", xTitle: "a", yTitle: "b", slider });

  it.each([
    ["slider.max", { ...base, max: 0.1 }],
    ["slider.step", { ...base, step: 0 }],
    ["slider.step", { ...base, step: 0.3 }],
    ["slider.init", { ...base, init: 0.55 }],
    ["slider.init", { ...base, init: 1 }],
    ["slider.name", { ...base, name: "width" }],
    ["slider.name", { ...base, name: "2p" }],
    ["slider.min", { ...base, min: NaN }],
    ["slider.field", { ...base, field: "" }],
  ])("rejects a bad %s", (name, slider) => {
    expect(build(slider)).toThrow(RangeError);
    expect(build(slider)).toThrow(name);
  });

  it("rejects rows that no slider position could show", () => {
    expect(build(base, [{ x: 1, y: 1, p: 0.55 }])).toThrow(/data\[0\]\.p = 0\.55/);
    expect(build(base, [{ x: 1, y: 1, p: 1 }])).toThrow(RangeError);
  });
});
