// show() and showSvg() in a real tslab kernel, spoken to over the Jupyter protocol by the
// project's runner: the cell's output must be ONE display_data with the whole bundle.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKernel, type Kernel } from "../../runner";
import { lineChart } from "../../lib/src/charts";
import { VEGA_LITE_MIME } from "../../lib/src/display";
import { outputDrift } from "../../runner/freshness";
import type { Cell, Output } from "../../runner/nbformat";
import { renderOutput } from "../../slides/outputs";
import { deckSpec } from "../../slides/chart-theme";

const root = resolve(__dirname, "..", "..");

/** The kernel imports the built lib: refuse to test a missing or stale build. */
function requireFreshBuild(): void {
  for (const folder of ["charts", "display"]) {
    for (const file of readdirSync(join(root, "lib/src", folder))) {
      const built = join(root, "lib/dist", folder, file.replace(/\.ts$/, ".js"));
      const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(join(root, "lib/src", folder, file)).mtimeMs;
      if (!fresh) throw new Error(`lib/dist is missing or older than lib/src/${folder}/${file}: run \`npm run build\``);
    }
  }
}

const options = { title: "Kernel chart", xTitle: "depth L (layers)", yTitle: "‖∂L/∂x₀‖ (log scale)", logY: true };
const rows = [{ x: 1, y: 1 }, { x: 2, y: 0.1 }, { x: 3, y: 0 }];
const figure = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><circle cx="60" cy="30" r="20" fill="none" stroke="#000"/></svg>';

describe("show in a real tslab kernel", () => {
  let kernel: Kernel;
  let shown: Output;
  beforeAll(async () => {
    requireFreshBuild();
    kernel = await startKernel({ cwd: root });
  });
  afterAll(async () => {
    await kernel?.shutdown();
  });

  it("imports the built lib", async () => {
    const reply = await kernel.execute('import { lineChart, show, showSvg } from "@skip-and-drop/lib";');
    expect([reply.status, reply.stderr]).toEqual(["ok", ""]);
  });

  it("show(spec) with no await puts one display_data with spec, PNG and title in that cell", async () => {
    const code = `const spec = lineChart(${JSON.stringify(rows)}, ${JSON.stringify(options)});\nshow(spec)`;
    const reply = await kernel.execute(code);
    expect([reply.status, reply.stderr]).toEqual(["ok", ""]);
    expect(reply.outputs).toHaveLength(1);
    const [out] = reply.outputs as { output_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }[];
    expect(out.output_type).toBe("display_data");
    expect(Object.keys(out.data).sort()).toEqual([VEGA_LITE_MIME, "image/png", "text/plain"].sort());
    expect(out.data[VEGA_LITE_MIME]).toEqual(lineChart(rows, options));
    expect(Buffer.from(out.data["image/png"] as string, "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(out.data["text/plain"]).toBe("Kernel chart");
    expect(out.metadata["image/png"]).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    shown = reply.outputs[0] as Output;
  });

  it("the deck and the freshness check recognise that output as a chart", () => {
    const spec = lineChart(rows, options);
    // the deck embeds the spec live, themed for the slide (its data untouched), with a static SVG drawn from it
    const html = renderOutput(shown);
    expect(html).toMatch(/^<div class="chart"[^>]*><script type="application\/json" class="chart-spec">/);
    const embedded = JSON.parse(/class="chart-spec">(.*?)<\/script>/s.exec(html)![1]);
    expect(embedded).toEqual(deckSpec(spec as Record<string, unknown>));
    expect(embedded.data).toEqual(spec.data);
    expect(html).toContain('<div class="chart-static"><svg');
    // freshness compares the spec (numbers to 6 digits) and ignores the PNG
    const cell = (output: Output): Cell => ({ id: "c", cell_type: "code", metadata: {}, source: "", outputs: [output], execution_count: 1 });
    const withSpec = (s: object, png = "AAAA"): Output => ({ ...shown, data: { ...(shown as { data: object }).data, [VEGA_LITE_MIME]: s, "image/png": png } }) as Output;
    const values = (spec.data as { values: { y: number }[] }).values;
    const moved = { ...spec, data: { values: values.map((r, i) => (i === 0 ? { ...r, y: r.y * 1.01 } : r)) } };
    const noise = { ...spec, data: { values: values.map((r) => ({ ...r, y: r.y * (1 + 1e-12) })) } };
    expect(outputDrift(cell(shown), cell(withSpec(spec, "BBBB")))).toBeNull();
    expect(outputDrift(cell(shown), cell(withSpec(noise)))).toBeNull();
    expect(outputDrift(cell(shown), cell(withSpec(moved)))).toMatch(/^output 1 \(application\/vnd\.vegalite\.v5\+json\) differs/);
  });

  it("show() takes a spec a student wrote: a string title, typed as a plain object literal", async () => {
    const spec = { data: { values: rows }, mark: "point", title: "my chart", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } };
    const reply = await kernel.execute(`show(${JSON.stringify(spec)})`);
    expect([reply.status, reply.stderr]).toEqual(["ok", ""]);
    const [out] = reply.outputs as { data: Record<string, unknown> }[];
    expect(out.data[VEGA_LITE_MIME]).toEqual(spec);
    expect(out.data["text/plain"]).toBe("my chart");
  });

  it("showSvg(svg, title) displays a hand-drawn figure as SVG + PNG + title", async () => {
    const reply = await kernel.execute(`showSvg(${JSON.stringify(figure)}, "Residual block")`);
    expect([reply.status, reply.stderr]).toEqual(["ok", ""]);
    expect(reply.outputs).toHaveLength(1);
    const [out] = reply.outputs as { data: Record<string, unknown> }[];
    expect(out.data).toMatchObject({ "image/svg+xml": figure, "text/plain": "Residual block" });
  });

  it("a bad chart fails the cell with the RangeError on stderr", async () => {
    const reply = await kernel.execute(`show(lineChart(${JSON.stringify(rows)}, { ...${JSON.stringify(options)}, width: 5 }))`);
    expect(reply.status).toBe("error");
    expect(reply.stderr).toContain("width = 5 is invalid");
  });

  it("an invalid spec fails the cell naming the property", async () => {
    // tslab aborts the request after a failed one (the test above failed on purpose)
    expect(["ok", "aborted"]).toContain((await kernel.execute("0")).status);
    const reply = await kernel.execute(`show({ data: { values: [] }, mark: "lines" })`);
    expect(reply.status).toBe("error");
    expect(reply.stderr).toContain('spec.mark = "lines" is invalid vega-lite v5');
  });
});
