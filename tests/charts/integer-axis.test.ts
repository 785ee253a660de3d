import { describe, expect, it } from "vitest";
import { lineChart, type LineOptions, type Row } from "../../lib/src/charts";
import { renderSvg } from "../../lib/src/display";
import { axisLabels } from "./scene";

const titles: LineOptions = { title: "Norm by layer", xTitle: "layer ℓ", yTitle: "‖h_ℓ‖ (no unit)" };
/** x = 1 … n, as a notebook's feature index or layer number. */
const layers = (n: number, extra: Row = {}): Row[] => Array.from({ length: n }, (_, i) => ({ x: i + 1, y: Math.cos(i), ...extra }));
const whole = /^−?\d+$/;

describe("integer x axes on line charts", () => {
  it.each([2, 3, 4, 5, 12, 30, 200])("label x = 1 … %i with whole numbers only, each once", (n) => {
    const [labels] = axisLabels(renderSvg(lineChart(layers(n), titles)), "X");
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.filter((l) => !whole.test(l))).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
    if (n <= 5) expect(labels).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
  });

  it.each([
    ["x = 1 … 16", layers(16), {}],
    ["x = 0 … 249, two 300 px panels", [0, 1].flatMap((k) => layers(250, { k }).map((r) => ({ ...r, x: (r.x as number) - 1 }))), { facet: { field: "k" }, width: 300 }],
  ])("keep the default tick density where its labels were whole already (%s)", (_case, rows, extra) => {
    const labels = (xInteger: boolean) => axisLabels(renderSvg(lineChart(rows, { ...titles, ...extra, xInteger })), "X");
    const plain = labels(false);
    expect(plain.flat().filter((l) => !whole.test(l))).toEqual([]);
    expect(labels(true)).toEqual(plain);
  });

  it("leave fractional data, and xInteger: false, on the default ticks", () => {
    const [off] = axisLabels(renderSvg(lineChart(layers(5), { ...titles, xInteger: false })), "X");
    expect(off.filter((l) => !whole.test(l)).length).toBeGreaterThan(0);
    const halves = layers(5).map((r) => ({ ...r, x: (r.x as number) / 2 }));
    const spec = lineChart(halves, titles);
    expect((spec.layer as { encoding: { x: { axis: Record<string, unknown> } } }[])[0].encoding.x.axis).not.toHaveProperty("tickMinStep");
    expect(axisLabels(renderSvg(spec), "X")[0].filter((l) => !whole.test(l)).length).toBeGreaterThan(0);
  });

  it("stay whole behind a slider, whichever series it shows (depth 2 and depth 30)", () => {
    const rows = [2, 30].flatMap((L) => layers(L, { L }));
    for (const init of [2, 30]) {
      const spec = lineChart(rows, { ...titles, slider: { field: "L", min: 2, max: 30, step: 28, init } });
      const [labels] = axisLabels(renderSvg(spec), "X");
      expect(labels.filter((l) => !whole.test(l)), `L = ${init}`).toEqual([]);
      if (init === 2) expect(labels).toEqual(["1", "2"]);
      else expect(labels).toContain("30");
    }
  });

  it("stay whole in every facet panel", () => {
    const rows = [1, 2, 3].flatMap((k) => layers(3, { k }));
    const panels = axisLabels(renderSvg(lineChart(rows, { ...titles, facet: { field: "k", columns: 3 } })), "X");
    expect(panels).toHaveLength(3);
    for (const labels of panels) expect(labels).toEqual(["1", "2", "3"]);
  });

  it("keep log x axes as they are", () => {
    const spec = lineChart(layers(12), { ...titles, logX: true });
    expect((spec.layer as { encoding: { x: { axis?: unknown } } }[])[0].encoding.x.axis).toEqual({ format: "~s", labelOverlap: "greedy", labelSeparation: 6 });
  });

  it.each([
    ["non-integer data", { ...titles, xInteger: true }, layers(3).map((r) => ({ ...r, x: (r.x as number) + 0.5 })), /xInteger = true .*not integers/],
    ["a log x axis", { ...titles, xInteger: true, logX: true }, layers(3), /xInteger = true .*log x axis/],
    ["a non-boolean", { ...titles, xInteger: "yes" as unknown as boolean }, layers(3), /xInteger = "yes"/],
  ])("refuse xInteger: true on %s", (_case, options, rows, message) => {
    expect(() => lineChart(rows, options)).toThrow(RangeError);
    expect(() => lineChart(rows, options)).toThrow(message);
  });
});
