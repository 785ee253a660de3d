// Guards that keep every emitted spec valid JSON for vega-lite: no NaN or ±Infinity
// anywhere (JSON.stringify would silently turn them into null), titles present, sizes sane.
import { fail, requireInteger } from "../checks";
import type { Row } from "./defaults";

/** A non-empty title string: every chart and axis says what it shows and in which units. */
export function requireTitle(name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") fail(name, value, "a non-empty title string");
  return value;
}

/** A chart dimension in pixels. */
export function requireSize(name: string, value: number): number {
  return requireInteger(name, value, 20, 4000);
}

/** The two arguments of every chart builder: data an array (checked row by row later), options an object. */
export function requireChartArguments(data: unknown, options: unknown): void {
  if (!Array.isArray(data)) fail("data", typeof data === "number" || typeof data === "string" ? data : typeof data, "an array of row objects");
  if (options === null || typeof options !== "object" || Array.isArray(options)) fail("options", options, "an options object (titles at least)");
}

/** Rows must be objects whose numbers are all finite. */
export function requireRows(name: string, rows: readonly Row[]): void {
  if (!Array.isArray(rows)) fail(name, typeof rows, "an array of row objects");
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object") fail(`${name}[${i}]`, row, "a row object");
    for (const [field, v] of Object.entries(row)) {
      if (typeof v === "number" && !Number.isFinite(v)) {
        fail(`${name}[${i}].${field}`, v, "a finite number (on a log axis, clampForLog handles 0, ±Infinity, NaN)");
      }
    }
  });
}

/** Every row must carry a field (so an encoding never points at nothing). */
export function requireField(name: string, rows: readonly Row[], field: string): string {
  if (typeof field !== "string" || field === "") fail(name, field, "a non-empty field name");
  const missing = rows.findIndex((row) => !(field in row));
  if (missing >= 0) fail(name, field, `a field present in every row (data[${missing}] lacks it)`);
  return field;
}

/** Walks a finished spec and throws if any number is not finite. */
export function requireFiniteSpec(value: unknown, path = "spec"): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(path, value, "a finite number in the chart spec");
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => requireFiniteSpec(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) requireFiniteSpec(v, `${path}.${k}`);
  }
}
