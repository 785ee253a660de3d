// What show() accepts: any vega-lite v5 top-level spec, checked against vega-lite's own JSON
// schema (the one its front ends and editor use), whoever wrote it: the library's builders
// or a student. A spec that fails names the first property that is wrong and what the
// schema allows there.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";

/** A vega-lite v5 spec as a plain object: a builder's result, or a literal a student wrote. */
export type VegaLiteSpec = object;

/** draft-07 with union types; formats (uri, color-hex) are not checked. */
export const AJV_OPTIONS = { strict: false, allowUnionTypes: true, validateFormats: false, allErrors: true } as const;

const schemaJson = () => JSON.parse(readFileSync(require.resolve("vega-lite/build/vega-lite-schema.json"), "utf8"));

let compiled: ValidateFunction | undefined;
let known: Set<string> | undefined;

/**
 * The schema validator: the one the library's build compiled (scripts/vega-lite-validator.cjs),
 * else compiled here on first use (over a second), kept for the session either way.
 */
function validator(): ValidateFunction {
  if (!compiled) {
    try {
      compiled = require("./vega-lite-validator.js") as ValidateFunction;
    } catch {
      compiled = new Ajv(AJV_OPTIONS).compile(schemaJson());
    }
  }
  return compiled;
}

/** Every property name some definition of the schema declares (read only to explain an error). */
function knownProperties(): Set<string> {
  const collect = (node: unknown, into: Set<string>): Set<string> => {
    if (node !== null && typeof node === "object") {
      const { properties } = node as { properties?: Record<string, unknown> };
      if (properties && typeof properties === "object") Object.keys(properties).forEach((k) => into.add(k));
      Object.values(node).forEach((child) => collect(child, into));
    }
    return into;
  };
  return (known ??= collect(schemaJson(), new Set()));
}

const depth = (e: ErrorObject) => (e.instancePath === "" ? 0 : e.instancePath.split("/").length - 1);
const literal = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** "/encoding/x/type" → "spec.encoding.x.type"; array indices as [i]. */
function propertyName(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((name, k) => (/^\d+$/.test(k) ? `${name}[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `${name}.${k}` : `${name}[${JSON.stringify(k)}]`), "spec");
}

function valueAt(spec: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), spec);
}

const brief = (v: unknown): string => {
  const text = v === undefined ? "undefined" : JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * One sentence from ajv's errors. vega-lite's schema is a tree of anyOf alternatives, so a
 * wrong value yields one error per alternative tried. A property no definition of the schema
 * declares is a typo, and is named first; otherwise the deepest property is the one that is
 * wrong, and the alternatives at it are what it may be.
 */
export function describeSchemaErrors(spec: unknown, errors: readonly ErrorObject[], known: ReadonlySet<string>): string {
  const typo = errors
    .filter((e) => e.keyword === "additionalProperties" && !known.has(String(e.params.additionalProperty)))
    .sort((a, b) => depth(b) - depth(a))[0];
  if (typo) return `${propertyName(typo.instancePath)} has the property "${typo.params.additionalProperty}", which vega-lite v5 does not know`;
  const specific = errors.filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf" && e.keyword !== "if");
  const deepest = Math.max(...specific.map(depth));
  const here = specific.filter((e) => depth(e) === deepest);
  const pointer = here[0]?.instancePath ?? "";
  const name = propertyName(pointer);
  const alternatives = new Set<string>();
  for (const { keyword, params } of here) {
    if (keyword === "enum") (params.allowedValues as unknown[]).forEach((v) => alternatives.add(literal(v)));
    else if (keyword === "const") alternatives.add(literal(params.allowedValue));
    else if (keyword === "type") alternatives.add(String(params.type).replace(/^[aeiou]/, "an $&").replace(/^(?!an )/, "a ").replace(/,/g, " or "));
  }
  if (alternatives.size > 0) return `${name} = ${brief(valueAt(spec, pointer))} is invalid vega-lite v5: expected ${[...alternatives].join(", ")}`;
  const required = new Set(here.filter((e) => e.keyword === "required").map((e) => `"${e.params.missingProperty}"`));
  if (required.size > 0) return `${name} is invalid vega-lite v5: it needs ${[...required].join(" or ")}`;
  const extra = new Set(here.filter((e) => e.keyword === "additionalProperties").map((e) => `"${e.params.additionalProperty}"`));
  if (extra.size > 0) return `${name} is invalid vega-lite v5: ${[...extra].join(", ")} cannot appear together here`;
  return `${name} is invalid vega-lite v5: ${here[0]?.message ?? "rejected by the schema"}`;
}

/** The spec itself if it is valid vega-lite v5; otherwise a RangeError naming what is wrong. */
export function requireVegaLite<T>(spec: T): T {
  const validate = validator();
  if (!validate(spec)) throw new RangeError(describeSchemaErrors(spec, validate.errors ?? [], knownProperties()));
  return spec;
}

/**
 * The chart's title as one line of text (Jupyter's text/plain): a string title, the text of
 * a { text } title (lines joined), else the description, else "vega-lite chart".
 */
export function chartText(spec: VegaLiteSpec): string {
  const { title, description } = spec as { title?: unknown; description?: unknown };
  const text = title !== null && typeof title === "object" && !Array.isArray(title) ? (title as { text?: unknown }).text : title;
  const line = Array.isArray(text) ? text.join(" ") : text;
  if (typeof line === "string" && line.trim() !== "") return line;
  return typeof description === "string" && description.trim() !== "" ? description : "vega-lite chart";
}
