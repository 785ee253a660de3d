import { describe, expect, it } from "vitest";
import { VEGA_LITE_SCHEMA } from "../../lib/src/charts";
import { compileToVega, renderSvg } from "../../lib/src/display";
import { axisTitles, calls, examples } from "./examples";
import { validateVegaLite } from "./schema";

/** SVG text escapes these; the titles in the examples use none of the others. */
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe.each(Object.keys(examples))("chart example %s", (name) => {
  const spec = examples[name]();

  it("validates against the vega-lite v5 schema", () => {
    const ok = validateVegaLite(spec);
    expect(validateVegaLite.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
  });

  it("is plain finite JSON with inline data and no undefined", () => {
    // JSON.stringify would turn NaN into null silently: walk the object itself.
    const numbers: number[] = [];
    JSON.stringify(spec, (_key, v) => (typeof v === "number" && numbers.push(v), v));
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((v) => !Number.isFinite(v))).toEqual([]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(Array.isArray((spec.data as { values: unknown[] }).values)).toBe(true);
  });

  it("compiles without a vega-lite warning", () => {
    expect(compileToVega(spec).warnings).toEqual([]);
  });

  it("renders an SVG carrying the title and both axis titles", () => {
    const svg = renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of [spec.title.text, ...axisTitles[name]]) expect(svg).toContain(escapeXml(text));
  });

  it("leaves its data and options as they were, and shares no object with them", () => {
    const { build, rows, options } = calls[name];
    const [data, opts] = [structuredClone(rows()), structuredClone(options())];
    const [dataBefore, optsBefore] = [structuredClone(data), structuredClone(opts)];
    const built = build(data, opts);
    expect(data).toEqual(dataBefore);
    expect(opts).toEqual(optsBefore);
    // writing to every object of the spec must not reach the caller's rows or options
    const scribble = (o: unknown): void => {
      if (o && typeof o === "object") for (const k of Object.keys(o)) {
        const v = (o as Record<string, unknown>)[k];
        if (v && typeof v === "object") scribble(v);
        else (o as Record<string, unknown>)[k] = "scribbled";
      }
    };
    scribble(built);
    expect(data).toEqual(dataBefore);
    expect(opts).toEqual(optsBefore);
  });
});

describe("chart sizes", () => {
  it("fit a 960×700 slide with room to spare", () => {
    for (const name of Object.keys(examples)) {
      const svg = renderSvg(examples[name]());
      const [, w, h] = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.map(Number);
      expect(w, name).toBeLessThanOrEqual(900);
      expect(h, name).toBeLessThanOrEqual(600);
    }
  });
});
