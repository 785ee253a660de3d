// A one-sentence description of a chart, for screen readers: vega-lite puts a spec's
// `description` on the rendered SVG as its aria-label. Read from the spec itself, so it
// describes any vega-lite spec, the builders' and a student's own.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

const markNames: Record<string, string> = {
  line: "Line chart", point: "Scatter plot", circle: "Scatter plot", bar: "Bar chart", tick: "Strip plot", area: "Area chart", rect: "Heat map",
};

/** The title text of a spec (`"t"`, `["t", ...]` or `{ text }`). */
export function titleText(spec: Json): string | undefined {
  const title = spec.title;
  const text = isObject(title) ? title.text : title;
  if (typeof text === "string") return text;
  if (Array.isArray(text)) return text.filter((t) => typeof t === "string").join(" ");
  return undefined;
}

/** The first layer's mark and encoding, looking through facets and layers. */
function firstView(spec: Json): { mark?: unknown; encoding?: Json } {
  const inner = isObject(spec.spec) ? spec.spec : spec;
  const layer = Array.isArray(inner.layer) ? inner.layer.find(isObject) : inner;
  if (!isObject(layer)) return {};
  if (Array.isArray(layer.layer)) return firstView(layer);
  return { mark: layer.mark, encoding: isObject(layer.encoding) ? layer.encoding : undefined };
}

function channelName(channel: unknown): string | undefined {
  if (!isObject(channel)) return undefined;
  if (typeof channel.title === "string") return channel.title;
  return typeof channel.field === "string" ? channel.field : undefined;
}

/** "Title. Line chart of y against x, one line per series, in panels by k." */
export function describeChart(spec: Json): string {
  const { mark, encoding = {} } = firstView(spec);
  const type = isObject(mark) ? mark.type : mark;
  const kind = (typeof type === "string" && markNames[type]) || "Chart";
  const x = channelName(encoding.x);
  const y = channelName(encoding.y);
  const series = channelName(encoding.color);
  const facet = channelName(spec.facet);
  const parts = [y && x ? `${kind} of ${y} against ${x}` : kind];
  if (series) parts.push(`one ${type === "line" ? "line" : "colour"} per ${series}`);
  if (facet) parts.push(`one panel per ${facet}`);
  const title = titleText(spec);
  return `${title ? `${title}. ` : ""}${parts.join(", ")}.`;
}
