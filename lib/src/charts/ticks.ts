// Tick values chosen by the caller, for log axes whose default ticks crowd: label only the
// decades (0.01, 0.1, 1, 10, …) so labels such as "2e+3" and "3e+3" never touch.
import { fail, requireFinite } from "../checks";
import type { ChartSpec } from "./defaults";

/** The powers of 10 inside [min(values), max(values)] (all values > 0). */
export function decadeTicks(values: readonly number[]): number[] {
  if (values.length < 1) fail("values.length", 0, "at least one value");
  values.forEach((v, i) => {
    if (!(requireFinite(`values[${i}]`, v) > 0)) fail(`values[${i}]`, v, "a number > 0 (a log axis)");
  });
  const lo = Math.ceil(Math.log10(Math.min(...values)) - 1e-12);
  const hi = Math.floor(Math.log10(Math.max(...values)) + 1e-12);
  return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, k) => Number((10 ** (lo + k)).toPrecision(1)));
}

/** A copy of `spec` whose every `channel` encoding (layers, facets, concatenations) shows only `ticks`. */
export function withAxisTicks(spec: ChartSpec, channel: "x" | "y", ticks: readonly number[], format = "~g"): ChartSpec {
  if (channel !== "x" && channel !== "y") fail("channel", channel, '"x" or "y"');
  ticks.forEach((t, i) => requireFinite(`ticks[${i}]`, t));
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = visit(value);
    const encoding = out.encoding as Record<string, Record<string, unknown>> | undefined;
    const position = encoding?.[channel];
    if (position && position.type === "quantitative" && position.field !== undefined) {
      const axis = (position.axis as Record<string, unknown> | undefined) ?? {};
      encoding![channel] = { ...position, axis: { ...axis, values: [...ticks], format } };
    }
    return out;
  };
  return visit(spec) as ChartSpec;
}
