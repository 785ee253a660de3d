// Log-axis safety. A log scale has no place for 0, negatives, NaN or ±Infinity, yet those
// are exactly what deep stacks produce: gradient norms underflow to 0 (vanishing) or
// overflow to Infinity (exploding). Dropping them would hide the very effect being taught,
// so they are clamped to the edge of the plotted range and flagged, and the chart draws
// the flagged points with their own marker and says so in the tooltip and subtitle. That
// marker is ▼ for every clamp, at the floor and at the ceiling alike (an overflow to
// +Infinity too): which end of the axis it sits at tells which edge it is.
import { fail, requireFinite } from "../checks";
import { defaults, type Layer, type Row } from "./defaults";

export interface ClampOptions {
  /** Values below this (and 0, negatives, NaN, -Infinity) are drawn here. Default: one decade under the smallest positive value. */
  floor?: number;
  /** Values above this (and +Infinity) are drawn here. Default: one decade over the largest finite value. */
  ceiling?: number;
  /** Field set to true on clamped rows and absent from the others (an existing true is kept, so x and y can share it). */
  flag?: string;
}

export interface Clamped {
  rows: Row[];
  floor: number;
  ceiling: number;
  /** How many rows were clamped by this call (offAxis + outOfRange). */
  count: number;
  /** Clamped rows whose value no log axis can hold: ≤ 0, ±Infinity or NaN. */
  offAxis: number;
  /** Clamped rows with a positive finite value beyond an explicit floor or ceiling. */
  outOfRange: number;
}

/** Copies `rows`, clamping `field` into [floor, ceiling] and flagging the rows that moved. */
export function clampForLog(rows: readonly Row[], field: string, options: ClampOptions = {}): Clamped {
  const { flag = defaults.clampedField } = options;
  const values = rows.map((row, i) => {
    const v = row[field];
    if (typeof v !== "number") fail(`data[${i}].${field}`, v, "a number");
    return v;
  });
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  if (usable.length === 0 && (options.floor === undefined || options.ceiling === undefined)) {
    fail(`data.${field}`, "no positive finite value", "at least one positive finite value to place a log axis (or explicit floor and ceiling)");
  }
  const decade = 10 ** defaults.logClampDecades;
  const floor = options.floor ?? Math.min(...usable) / decade;
  const ceiling = options.ceiling ?? Math.max(...usable) * decade;
  requireFinite("floor", floor);
  requireFinite("ceiling", ceiling);
  if (!(floor > 0)) fail("floor", floor, "a positive number (a log axis starts above 0)");
  if (!(ceiling > floor)) fail("ceiling", ceiling, `a number above floor = ${floor}`);

  let offAxis = 0;
  let outOfRange = 0;
  const out = rows.map((row, i) => {
    const v = values[i];
    // NaN compares false with everything, so it falls to the floor with the underflows.
    const clampedValue = v > ceiling ? ceiling : v >= floor ? v : floor;
    const moved = clampedValue !== v;
    if (moved && Number.isFinite(v) && v > 0) outOfRange++;
    else if (moved) offAxis++;
    // only clamped rows carry the flag: a notebook stores every row of every chart
    if (row[flag] === true || moved) return { ...row, [field]: clampedValue, [flag]: true };
    const { [flag]: _unflagged, ...rest } = row;
    return { ...rest, [field]: clampedValue };
  });
  return { rows: out, floor, ceiling, count: offAxis + outOfRange, offAxis, outOfRange };
}

const countOf = (n: number) => `${n} value${n === 1 ? "" : "s"}`;

/**
 * A short subtitle line (it must not widen the chart) saying how many points sit on the axis
 * edge and why: off the log axis altogether (≤ 0, ±∞, NaN), or merely beyond a floor or
 * ceiling the caller set. With the default limits (a decade beyond the data) only the first
 * can happen.
 */
export function clampNote({ offAxis, outOfRange, floor, ceiling }: Omit<Clamped, "rows" | "count">): string {
  const range = `outside [${Number(floor.toPrecision(3))}, ${Number(ceiling.toPrecision(3))}]`;
  const off = "off the log axis (≤ 0, ±∞ or NaN)";
  if (outOfRange === 0) return `▼ ${countOf(offAxis)} ${off} pinned to its edge`;
  if (offAxis === 0) return `▼ ${countOf(outOfRange)} ${range} pinned to the axis edge`;
  return `▼ ${countOf(offAxis + outOfRange)} pinned to the axis edge: ${offAxis} ${off}, ${outOfRange} ${range}`;
}

/**
 * A layer that redraws the clamped rows as downward triangles, using the builder's own
 * positional encodings (x, y, xOffset, color) so the markers land on the clamped points.
 * Rows clamped at the ceiling get the same ▼ as those at the floor (the flag does not say
 * which edge); the clamp note's "▼" counts both.
 */
export function clampMarkerLayer(position: Record<string, unknown>, flag: string, tooltip: unknown[]): Layer {
  return {
    transform: [{ filter: { field: flag, equal: true } }],
    mark: { type: "point", shape: "triangle-down", filled: true, size: 90, opacity: 1 },
    encoding: { ...position, tooltip },
  };
}
