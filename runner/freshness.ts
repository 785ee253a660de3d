// Freshness check, nbval style: do the outputs committed in a notebook still match what its
// code produces today? Text must match exactly (stream text, text/* MIME values, error
// name and message). Vega-lite specs are compared after rounding every number to 6
// significant digits, so the last bits of floating-point noise do not count as drift while
// any visible change in a chart does. Images are ignored: PNG and SVG bytes depend on fonts
// and rasteriser versions, and they are drawn from the spec that is compared anyway. Key
// order does not count either: Jupyter saves JSON with sorted keys. A progress display
// (metadata PROGRESS_METADATA) is left out: whether a loop shows one depends on how long it
// took on that machine that day, not on what the cell computes.
import { PROGRESS_METADATA, VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { sortKeys, type Cell, type Output } from "./nbformat";

/** Every number in `value` rounded to `digits` significant digits (a new value; input untouched). */
export function roundNumbers(value: unknown, digits = 6): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(digits)) : value;
  if (Array.isArray(value)) return value.map((v) => roundNumbers(v, digits));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v, digits)]));
  }
  return value;
}

interface Part { output: number; label: string; value: string }

/**
 * The compared parts of a cell's outputs, each tagged with its output's 1-based position
 * (adjacent chunks of one stream count as one output); image-only outputs vanish.
 */
function comparable(outputs: readonly Output[]): Part[] {
  const parts: Part[] = [];
  let count = 0;
  for (const output of outputs) {
    const last = parts[parts.length - 1];
    if (output.output_type === "stream") {
      if (last?.label === output.name) last.value += output.text;
      else parts.push({ output: ++count, label: output.name, value: output.text });
    } else if (output.output_type === "error") {
      parts.push({ output: ++count, label: "error", value: `${output.ename}: ${output.evalue}` });
    } else if (output.metadata?.[PROGRESS_METADATA] === undefined) {
      const shown = Object.entries(output.data)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .flatMap(([mime, data]): [string, string][] =>
          mime.startsWith("text/") ? [[mime, String(data)]]
          : mime === VEGA_LITE_MIME ? [[mime, JSON.stringify(sortKeys(roundNumbers(data)))]]
          : []);
      if (shown.length > 0) count++;
      for (const [label, value] of shown) parts.push({ output: count, label, value });
    }
  }
  return parts;
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
    if (!a[i]) return `output ${b[i].output} (${b[i].label} ${clip(b[i].value)}) is new: not in the committed notebook`;
    const where = `output ${a[i].output}`;
    if (!b[i]) return `${where} (${a[i].label} ${clip(a[i].value)}) is committed but no longer produced`;
    if (a[i].label !== b[i].label || a[i].output !== b[i].output) return `${where} is ${a[i].label} in the committed notebook but ${b[i].label} now`;
    if (a[i].value !== b[i].value) return `${where} (${a[i].label}) differs: ${firstDifference(a[i].value, b[i].value)}`;
  }
  return null;
}
