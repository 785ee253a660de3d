// A chart as text, for readers who cannot see it: its description and a small table, one row
// per series (and panel), saying where each starts and ends. It sits behind a <details>
// toggle beside the chart, so a keyboard or screen-reader user reaches it with Tab and
// opens it with Enter, and it costs the slide no room while closed.
import { escapeHtml } from "./outputs";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** At most this many series rows; the rest are counted in a last line. */
const MAX_ROWS = 12;

function firstEncoding(spec: Json): Json {
  const inner = isObject(spec.spec) ? spec.spec : spec;
  const layers = Array.isArray(inner.layer) ? inner.layer : [inner];
  const first = layers.find((l) => isObject(l) && isObject(l.encoding)) as Json | undefined;
  return first ? (first.encoding as Json) : {};
}

const fieldOf = (channel: unknown) => (isObject(channel) && typeof channel.field === "string" ? channel.field : undefined);
const titleOf = (channel: unknown, field: string) => (isObject(channel) && typeof channel.title === "string" && channel.title ? channel.title : field);

const show = (v: unknown) => (typeof v === "number" ? String(Number(v.toPrecision(3))) : String(v));

/** The description plus a table of the series' first and last points. */
export function chartText(spec: Json): string {
  const description = typeof spec.description === "string" ? `<p>${escapeHtml(spec.description)}</p>` : "";
  const rows = isObject(spec.data) && Array.isArray(spec.data.values) ? (spec.data.values as Json[]).filter(isObject) : [];
  const encoding = firstEncoding(spec);
  const x = fieldOf(encoding.x);
  const y = fieldOf(encoding.y);
  if (!x || !y || rows.length === 0) return description;
  // A slider filters rows on a field (the builders' filter reads datum["field"]): one row per position.
  const transforms = Array.isArray(spec.transform) ? spec.transform.filter(isObject) : [];
  const filtered = transforms.flatMap((t) => (typeof t.filter === "string" ? [...t.filter.matchAll(/datum\["([^"]+)"\]/g)].map((m) => m[1]) : []));
  const slider = filtered.length > 0;
  const groupFields = [...new Set([fieldOf(isObject(spec.facet) ? spec.facet : undefined), fieldOf(encoding.color), ...filtered])].filter((f): f is string => f !== undefined && f !== x && f !== y);
  const groups = new Map<string, Json[]>();
  for (const row of rows) {
    const key = groupFields.map((f) => show(row[f])).join(", ");
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const head = [...(groupFields.length ? [groupFields.join(", ")] : []), `first ${titleOf(encoding.x, x)}`, titleOf(encoding.y, y), `last ${titleOf(encoding.x, x)}`, titleOf(encoding.y, y), "points"];
  const body = [...groups].slice(0, MAX_ROWS).map(([key, points]) => {
    const sorted = [...points].sort((a, b) => (typeof a[x] === "number" && typeof b[x] === "number" ? (a[x] as number) - (b[x] as number) : 0));
    const [first, last] = [sorted[0], sorted[sorted.length - 1]];
    const cells = [...(groupFields.length ? [key] : []), show(first[x]), show(first[y]), show(last[x]), show(last[y]), String(points.length)];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`;
  });
  const more = groups.size > MAX_ROWS ? `<p>… and ${groups.size - MAX_ROWS} more series.</p>` : "";
  const note = slider ? "<p>One row per series and slider position.</p>" : "";
  const table = `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`;
  return `${description}${note}${table}${more}`;
}
