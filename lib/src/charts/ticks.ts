// Tick labels that never touch. vega hides a label that comes closer than `labelSeparation`
// pixels to its neighbour (parity on linear axes: every other label, repeatedly; greedy on
// log axes: each label that crowds the last one kept). Without a separation, labels that
// merely touch pass the test and read as one word ("2e+33e+3"). One format per axis, so an
// axis never mixes 0.005 with 1e-3.
import { fail, requireFinite } from "../checks";
import type { ChartSpec, Row } from "./defaults";

/** Smallest gap between two tick labels, in pixels. */
export const LABEL_SEPARATION = 6;

/** Pixels per tick on a linear x axis: room for a five-character label at slide size. */
export const X_TICK_SPACING = 80;

/**
 * One d3 format for a whole log axis, from the values it spans:
 *   all ≥ 1 (steps, counts)        SI prefixes   100 · 2k · 10k · 200k
 *   inside [10⁻³, 10³]             decimals      0.004 · 0.05 · 0.5 · 20
 *   otherwise (many decades)       exponents     1e-16 · 1e-8 · 1e+0
 */
export function logFormat(values: readonly number[]): string {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return "~e";
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  if (lo >= 1 && hi < 1e15) return "~s";
  if (lo >= 1e-3 && hi <= 1e3) return "~r";
  return "~e";
}

/** Axis properties of a quantitative position channel: label spacing, and the log format. */
export function quantitativeAxis(rows: readonly Row[], field: string, channel: "x" | "y", log: boolean): Record<string, unknown> {
  if (log) {
    const values = rows.map((row) => row[field]).filter((v): v is number => typeof v === "number");
    return { format: logFormat(values), labelOverlap: "greedy", labelSeparation: LABEL_SEPARATION };
  }
  const spacing = channel === "x" ? { tickCount: { expr: `ceil(span(range('x')) / ${X_TICK_SPACING})` } } : {};
  return { labelOverlap: true, labelSeparation: LABEL_SEPARATION, ...spacing };
}

// Tick values chosen by the caller, for log axes whose default ticks crowd: label only the
// decades (0.01, 0.1, 1, 10, …).

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
