// The quantitative axes builders share: field checks, optional log scales with clamping,
// tooltip entries, and the series colour channel.
import { fail } from "../checks";
import { defaults, type Row } from "./defaults";
import { requireField, requireTitle } from "./guards";
import { clampForLog, clampNote, type ClampOptions } from "./logsafe";
import { quantitativeAxis } from "./ticks";

export interface LogAxes {
  logX?: boolean;
  logY?: boolean;
  /** Where log axes clamp (defaults: one decade beyond the data). */
  clamp?: { x?: ClampOptions; y?: ClampOptions };
}

/** Fields and titles of a chart with two quantitative axes and optional colour series. */
export interface XYOptions extends LogAxes {
  /** x field (default "x"). */
  x?: string;
  /** y field (default "y"). */
  y?: string;
  /** Field naming each series (default "series" when rows carry it; otherwise one series). */
  series?: string;
  /** Axis titles, with units: e.g. "depth L (layers)", "‖∂L/∂x₀‖ (log scale)". */
  xTitle: string;
  yTitle: string;
  seriesTitle?: string;
}

export interface PreparedAxes {
  rows: Row[];
  notes: string[];
  /** The boolean field marking clamped rows, when any row was clamped. */
  flag?: string;
  xScale?: Record<string, unknown>;
  yScale?: Record<string, unknown>;
  /** Lower edge of the log y axis (the clamp floor), where bars start: a log axis has no 0. */
  yFloor?: number;
}

/**
 * A log scale whose domain hugs what is drawn. vega's default "nice" rounding widens a log
 * domain to whole decades, up to almost a decade of empty axis (data ending at 2·10⁴ drew an
 * axis to 10⁵). Without it the domain is the extent of the drawn rows: clamped points sit at
 * the clamp floor or ceiling, so those stay on the axis; a bar's y2 floor and the annotations
 * share the scale, so they stay on it too; behind a slider the extent is that of the rows
 * shown, as before.
 */
function logScale(): Record<string, unknown> {
  return { type: "log", nice: false };
}

/** Copies rows, clamping the fields that go on log axes, and returns the scales to use. */
export function prepareAxes(rows: readonly Row[], x: string | undefined, y: string, logs: LogAxes): PreparedAxes {
  const { logX = false, logY = false, clamp = {} } = logs;
  if (typeof logX !== "boolean") fail("logX", logX, "true or false");
  if (typeof logY !== "boolean") fail("logY", logY, "true or false");
  let out: Row[] = rows.map((row) => ({ ...row }));
  const notes: string[] = [];
  let count = 0;
  let yFloor: number | undefined;
  const flag = defaults.clampedField;
  for (const [axis, field, on, opts] of [["x", x, logX, clamp.x], ["y", y, logY, clamp.y]] as const) {
    if (!on || field === undefined) continue;
    const c = clampForLog(out, field, { flag, ...opts });
    out = c.rows;
    count += c.count;
    if (c.count > 0) notes.push(clampNote(c));
    if (axis === "y") yFloor = c.floor;
  }
  return {
    rows: out,
    notes,
    flag: count > 0 ? flag : undefined,
    xScale: logX ? logScale() : undefined,
    yScale: logY ? logScale() : undefined,
    yFloor,
  };
}

/** A quantitative position channel with its axis title (units included by the caller). */
export function quantitative(rows: readonly Row[], name: string, field: string, title: string, scale?: Record<string, unknown>) {
  requireField(name, rows, field);
  requireTitle(`${name}Title`, title);
  const axis = quantitativeAxis(rows, field, name === "y" ? "y" : "x", scale?.type === "log");
  return { field, type: "quantitative", title, scale, axis };
}

/**
 * The series field: the one the caller named (must exist), else the default "series" when
 * the rows carry it, else none (a single series, no legend).
 */
export function seriesField(rows: readonly Row[], series: string | undefined, name = "series"): string | undefined {
  if (series !== undefined) return requireField(name, rows, series);
  return rows.length > 0 && rows.every((r) => defaults.series in r) ? defaults.series : undefined;
}

/** Tooltip entries: numbers with three significant digits, plus the clamp flag when present. */
export function tooltip(entries: { field: string; title: string; numeric: boolean }[], flag?: string): unknown[] {
  const list: unknown[] = entries.map(({ field, title, numeric }) =>
    numeric ? { field, type: "quantitative", title, format: ".3~g" } : { field, type: "nominal", title },
  );
  if (flag) list.push({ field: flag, type: "nominal", title: "clamped to axis edge" });
  return list;
}
