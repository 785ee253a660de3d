// Argument checks shared by every module. Each failure is a RangeError that names the
// argument, the value it got and what is allowed, so a student who mistypes a parameter
// cell sees at once which knob is wrong and how to fix it.
import { Matrix } from "ml-matrix";
import { rowsOf } from "./dense/storage";

function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/** What a value that is not a matrix is, e.g. "Array(3)", "Object", "null", "2". */
function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return typeof value === "function" ? "a function" : show(value);
  const kind = (value as object).constructor?.name ?? "Object";
  const length = (value as { length?: unknown }).length;
  return typeof length === "number" ? `${kind}(${length})` : kind;
}

export function fail(name: string, value: unknown, allowed: string): never {
  failDescribed(name, show(value), allowed);
}

/** Like fail, for a value already described in words (printed as given, without quotes). */
export function failDescribed(name: string, description: string, allowed: string): never {
  throw new RangeError(`${name} = ${description} is invalid: expected ${allowed}`);
}

/** A finite number. */
export function requireFinite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(name, value, "a finite number");
  return value;
}

/** An integer in [min, max] (max defaults to Number.MAX_SAFE_INTEGER). */
export function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    fail(name, value, range);
  }
  return value;
}

/**
 * A number inside an interval; `open` says which ends are excluded, e.g.
 * requireInterval("p", p, 0, 1, "(]") accepts 0 < p ≤ 1.
 */
export function requireInterval(
  name: string,
  value: number,
  lo: number,
  hi: number,
  ends: "[]" | "(]" | "[)" | "()" = "[]",
): number {
  const aboveLo = ends[0] === "(" ? value > lo : value >= lo;
  const belowHi = ends[1] === ")" ? value < hi : value <= hi;
  if (typeof value !== "number" || Number.isNaN(value) || !aboveLo || !belowHi) fail(name, value, intervalText(lo, hi, ends));
  return value;
}

/** "a number in (0, 1]", or "a number > 0" / "a number ≤ 1" when one end is infinite. */
function intervalText(lo: number, hi: number, ends: string): string {
  const low = ends[0] === "(" ? `> ${lo}` : `≥ ${lo}`;
  const high = ends[1] === ")" ? `< ${hi}` : `≤ ${hi}`;
  if (lo === -Infinity && hi === Infinity) return "a number";
  if (hi === Infinity) return `a number ${low}`;
  if (lo === -Infinity) return `a number ${high}`;
  return `a number in ${ends[0]}${lo}, ${hi}${ends[1]}`;
}

/** A string from a list of allowed values, such as "relu" | "tanh". */
export function requireOneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) fail(name, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  return value;
}

/** A matrix with the given shape (either side may be left free) and only finite entries. */
export function requireMatrix(name: string, M: Matrix, rows?: number, columns?: number): Matrix {
  if (!(M instanceof Matrix) && !Matrix.isMatrix(M)) failDescribed(name, describe(M), "an ml-matrix Matrix");
  const shapeOk = (rows === undefined || M.rows === rows) && (columns === undefined || M.columns === columns);
  if (!shapeOk) {
    const want = `${rows ?? "any"}×${columns ?? "any"}`;
    throw new RangeError(`${name} has shape ${M.rows}×${M.columns}: expected ${want}`);
  }
  const stored = rowsOf(M);
  for (let i = 0; i < stored.length; i++) {
    const row = stored[i];
    for (let j = 0; j < row.length; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${name}[${i}][${j}] = ${row[j]} is invalid: expected finite entries`);
    }
  }
  return M;
}

/**
 * Upper bounds on what one call may ask for, so that a mistyped size (1e5 for 1e2) fails at
 * once instead of allocating for minutes or aborting the kernel:
 * - memory: 1 GiB of float64 entries (8 bytes each), i.e. 2^27 ≈ 1.3e8 entries, half of what
 *   a 2 GB Binder or JupyterHub pod holds in all;
 * - time: 1e11 elementary operations (multiply-adds, random draws), about 100 s at the 1e9
 *   operations per second plain JavaScript loops reach, which is the runner's 120 s cell limit.
 */
export const LIMITS = { bytesPerEntry: 8, bytes: 2 ** 30, operations: 1e11, operationsPerSecond: 1e9 } as const;

/** 1.3e8, 80 GB, 3 h: a large amount in a few characters. */
function rough(x: number): string {
  if (x < 10) return String(Number(x.toPrecision(2)));
  return x < 1e5 ? String(Math.round(x)) : x.toExponential(1).replace(/\.0e/, "e").replace("e+", "e");
}

const bytesText = (bytes: number) => {
  const [unit, size] = ([["TB", 1e12], ["GB", 1e9], ["MB", 1e6]] as const).find(([, s]) => bytes >= s) ?? ["kB", 1e3];
  return `${rough(bytes / size)} ${unit}`;
};

const durationText = (seconds: number) =>
  seconds >= 86400 * 365 ? `${rough(seconds / (86400 * 365))} years`
  : seconds >= 86400 ? `${rough(seconds / 86400)} days`
  : seconds >= 3600 ? `${rough(seconds / 3600)} h`
  : seconds >= 60 ? `${rough(seconds / 60)} min`
  : `${rough(seconds)} s`;

/**
 * Refuses a call whose size `amount` (what `expression` multiplies out to: float64 entries for
 * "memory", elementary operations for "time") is above LIMITS, with a RangeError that names
 * the expression, its value, what it would cost and which limit it breaks. Used once at the
 * entry of every public function that allocates or loops in proportion to its arguments; an
 * amount that is not a number (a bad argument) is left to the function's own checks.
 */
export function requireBudget(expression: string, amount: number, resource: "memory" | "time"): void {
  if (resource === "memory") {
    const max = LIMITS.bytes / LIMITS.bytesPerEntry;
    if (amount > max) {
      throw new RangeError(`${expression} = ${rough(amount)} entries needs ${bytesText(amount * LIMITS.bytesPerEntry)}: expected ≤ ${rough(max)} entries (memory: 1 GiB of float64 per call)`);
    }
  } else if (amount > LIMITS.operations) {
    throw new RangeError(
      `${expression} = ${rough(amount)} operations takes about ${durationText(amount / LIMITS.operationsPerSecond)} at ${rough(LIMITS.operationsPerSecond)} operations/s: expected ≤ ${rough(LIMITS.operations)} operations (time)`,
    );
  }
}

/** An object with the methods of the library's Rng (a seeded generator from createRng). */
export function requireRng(name: string, rng: unknown): void {
  const methods = ["uniform", "normal", "normalMatrix", "uniformMatrix", "bernoulliMask"];
  if (rng === null || typeof rng !== "object" || methods.some((m) => typeof (rng as Record<string, unknown>)[m] !== "function")) {
    failDescribed(name, describe(rng), "a random generator from createRng(seed)");
  }
}
