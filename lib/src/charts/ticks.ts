// Tick labels that never touch. vega hides a label that comes closer than `labelSeparation`
// pixels to its neighbour (parity on linear axes: every other label, repeatedly; greedy on
// log axes: each label that crowds the last one kept). Without a separation, labels that
// merely touch pass the test and read as one word ("2e+33e+3"). One format per axis, so an
// axis never mixes 0.005 with 1e-3.
import type { Row } from "./defaults";

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
