// Parameter grids for sweeps and checkpoints: keep probabilities, ridge strengths, sample counts
// and feature scales all span decades, so they are spaced evenly on a log axis.
import { fail, requireInteger, requireInterval, requireBudget } from "./checks";

/** `count` numbers from lo to hi, evenly spaced on a log axis (both ends included). */
export function logSpace(lo: number, hi: number, count: number): number[] {
  requireInterval("lo", lo, 0, Infinity, "()");
  requireInterval("hi", hi, 0, Infinity, "()");
  requireInteger("count", count, 1);
  requireBudget("count", count, "memory");
  if (count === 1 && lo !== hi) fail("count", count, "at least 2 when lo ≠ hi");
  if (count === 1) return [lo];
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? hi : lo * (hi / lo) ** (k / (count - 1))));
}

/** Distinct integers from lo to hi, roughly evenly spaced on a log axis (e.g. Monte Carlo sample counts). */
export function logSpaceIntegers(lo: number, hi: number, count: number): number[] {
  requireInteger("lo", lo, 1);
  requireInteger("hi", hi, lo);
  return [...new Set(logSpace(lo, hi, count).map(Math.round))];
}
