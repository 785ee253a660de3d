// A vega-lite spec from a notebook enters the deck only as plain data that cannot reach the
// network or change how it is embedded. The deck embeds with its own options (no actions,
// the SVG renderer, a loader that refuses every URL); vega-embed would let a spec's
// `usermeta.embedOptions` override them (actions back on, a "View Source" header written
// into a popup, a config or patch loaded from a URL), so that key never reaches the deck.
// A spec that names any URL (data.url, an image mark's url, a lookup's data, a mark's href,
// a string that is itself a link) is refused here, and the client's loader refuses the rest (URLs built
// from data fields at run time).
import { isActiveReference } from "./urls";

/** The vega-lite v5 schema URL as `show()` writes it: metadata, never fetched. */
const schemaPattern = /^https:\/\/vega\.github\.io\/schema\/vega-lite\/v5(?:\.\d+\.\d+)?\.json$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The first place in `value` that names a URL or a prototype (`__proto__`, `constructor`,
 * `prototype`: keys a deep merge could follow into Object.prototype), as a path ("data.url").
 */
export function refusedPath(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return isActiveReference(value) ? path || "(spec)" : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = refusedPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key === "__proto__" || key === "constructor" || key === "prototype") return at;
    if (at === "$schema" && typeof child === "string" && schemaPattern.test(child)) continue;
    // `url` is where vega-lite loads from (data, image marks, lookups): any value there, even a
    // relative path, is a load; `href` makes a mark a link. Neither has a place in an offline deck.
    if ((key === "url" || key === "href") && (typeof child === "string" || isPlainObject(child))) return at;
    const found = refusedPath(child, at);
    if (found) return found;
  }
  return undefined;
}

/** The spec as the deck embeds it, or undefined when it is not a plain object, names a URL or a prototype. */
export function safeSpec(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  const { usermeta, ...rest } = value;
  const spec: Record<string, unknown> = rest;
  if (isPlainObject(usermeta)) {
    const { embedOptions: _ignored, ...kept } = usermeta;
    if (Object.keys(kept).length > 0) spec.usermeta = kept;
  }
  return refusedPath(spec) === undefined ? spec : undefined;
}
