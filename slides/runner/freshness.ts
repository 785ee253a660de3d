// Freshness check, nbval style: do the outputs committed in a notebook still match what its
// code produces today? Text must match exactly (stream text, text/* MIME values, error
// name and message). Vega-lite specs are compared after rounding every number to 6
// significant digits, so the last bits of floating-point noise do not count as drift while
// any visible change in a chart does. Images are ignored: PNG and SVG bytes depend on fonts
// and rasteriser versions, and they are drawn from the spec that is compared anyway.
import type { Cell, Output } from "./nbformat";

const VEGA_LITE = "application/vnd.vegalite.v5+json";

/** Every number in `value` rounded to `digits` significant digits (a new value; input untouched). */
export function roundNumbers(value: unknown, digits = 6): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
  if (Array.isArray(value)) return value.map((v) => roundNumbers(v, digits));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v, digits)]));
  }
  return value;
}

/** The part of each output that is compared, as short labelled strings; image-only outputs vanish. */
function comparable(outputs: readonly Output[]): { label: string; value: string }[] {
  const merged: { label: string; value: string }[] = [];
  for (const output of outputs) {
    if (output.output_type === "stream") {
      const last = merged[merged.length - 1];
      // Adjacent chunks of one stream are one text however they were written.
      if (last?.label === output.name) last.value += output.text;
      else merged.push({ label: output.name, value: output.text });
    } else if (output.output_type === "error") {
      merged.push({ label: "error", value: `${output.ename}: ${output.evalue}` });
    } else {
      for (const [mime, data] of Object.entries(output.data).sort(([a], [b]) => a.localeCompare(b))) {
        if (mime.startsWith("text/")) merged.push({ label: mime, value: String(data) });
        else if (mime === VEGA_LITE) merged.push({ label: mime, value: JSON.stringify(roundNumbers(data)) });
      }
    }
  }
  return merged;
}

const clip = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** Where the text of a and b first differs, shown with a little context. */
function firstDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 20);
  return `committed ${clip(a.slice(from, at + 40))} vs fresh ${clip(b.slice(from, at + 40))}`;
}

/** Why a code cell's committed outputs differ from fresh ones, or null when they agree. */
export function outputDrift(committed: Cell, fresh: Cell): string | null {
  const a = comparable(committed.outputs ?? []);
  const b = comparable(fresh.outputs ?? []);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const where = `output ${i + 1}`;
    if (!a[i]) return `${where} (${b[i].label} ${clip(b[i].value)}) is new: not in the committed notebook`;
    if (!b[i]) return `${where} (${a[i].label} ${clip(a[i].value)}) is committed but no longer produced`;
    if (a[i].label !== b[i].label) return `${where} is ${a[i].label} in the committed notebook but ${b[i].label} now`;
    if (a[i].value !== b[i].value) return `${where} (${a[i].label}) differs: ${firstDifference(a[i].value, b[i].value)}`;
  }
  return null;
}
