// Interactivity without a kernel. The notebook precomputes one series per value of a knob
// (weight scale, depth L, keep probability p ...) and tags every row with that value; a
// vega-lite param bound to a range input then filters the rows to the chosen value. The
// chart stays live in JupyterLab, VS Code and the slide deck with no kernel behind it.
import { fail, requireFinite } from "../checks";
import type { Row } from "./defaults";

export interface SliderOptions {
  /** Row field holding the knob value of each precomputed series. */
  field: string;
  min: number;
  max: number;
  step: number;
  /** Starting position (default: min). */
  init?: number;
  /** Param (signal) name; an identifier (default: `<field>_slider`). */
  name?: string;
  /** Text beside the slider (default: the field name). */
  label?: string;
}

export interface SliderParts {
  params: Record<string, unknown>[];
  filter: { filter: string };
}

// Signals vega defines itself, plus words the expression language reserves.
const RESERVED = new Set(["width", "height", "padding", "autosize", "background", "cursor", "datum", "event", "item", "parent"]);

/** Index k with value = min + k·step, or -1 when the value is off the slider's grid. */
function gridIndex(value: number, min: number, step: number, steps: number): number {
  const k = Math.round((value - min) / step);
  const onGrid = Math.abs(min + k * step - value) <= 1e-9 * Math.max(1, Math.abs(step));
  return onGrid && k >= 0 && k <= steps ? k : -1;
}

/** The param bound to a range input and the filter transform that shows one series. */
export function sliderParts(rows: readonly Row[], slider: SliderOptions): SliderParts {
  const { field, min, max, step, init = min, label = field } = slider;
  if (typeof field !== "string" || field === "") fail("slider.field", field, "a non-empty field name");
  const name = slider.name ?? `${field.replace(/[^A-Za-z0-9_]/g, "_")}_slider`;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || RESERVED.has(name)) {
    fail("slider.name", name, "an identifier that is not a vega built-in signal (e.g. \"p_slider\")");
  }
  requireFinite("slider.min", min);
  requireFinite("slider.max", max);
  requireFinite("slider.step", step);
  if (!(max > min)) fail("slider.max", max, `a number above slider.min = ${min}`);
  if (!(step > 0)) fail("slider.step", step, "a positive number");
  const steps = Math.round((max - min) / step);
  if (gridIndex(max, min, step, steps) !== steps) fail("slider.step", step, `a step that divides max − min = ${max - min}`);
  requireFinite("slider.init", init);
  if (gridIndex(init, min, step, steps) < 0) fail("slider.init", init, `a slider position min + k·step in [${min}, ${max}]`);

  // Every row must sit on a slider position, otherwise some series could never be shown.
  rows.forEach((row, i) => {
    const v = row[field];
    if (typeof v !== "number" || gridIndex(v, min, step, steps) < 0) {
      fail(`data[${i}].${field}`, v, `a slider position ${min} + k·${step} in [${min}, ${max}]`);
    }
  });

  return {
    params: [{ name, value: init, bind: { input: "range", min, max, step, name: `${label} ` } }],
    // Half a step of tolerance: the input's decimal value and the row's binary double
    // (0.1 + 0.2 vs 0.3) need not be bit-identical.
    filter: { filter: `abs(datum[${JSON.stringify(field)}] - ${name}) < ${step / 2}` },
  };
}
