// The exporter on fixture notebooks: slide structure, tags, notes, math, code, outputs,
// sanitising, charts, and the build failing cleanly.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseNotebook, type Notebook } from "../../runner/nbformat";
import { notebookToDeck } from "../../slides/deck";
import { VEGA_LITE_MIME } from "../../lib/src/display/mime";
import { jsonScript, renderOutput, renderOutputs } from "../../slides/outputs";
import { PROGRESS_METADATA } from "../../lib/src/display/mime";
import { sanitizeSvg } from "../../slides/sanitize";
import { deckSpec } from "../../slides/chart-theme";
import { escapeHtml } from "../../slides/html";
import { renderSvg } from "../../lib/src/display/render";
import { printedOutputs } from "./printed";

const fixtures = join(__dirname, "..", "fixtures", "slides");
const load = (name: string) => parseNotebook(readFileSync(join(fixtures, `${name}.ipynb`), "utf8"));
const nb = load("features");
const html = notebookToDeck(nb, "features");
const slidesPart = html.slice(html.indexOf('<div class="slides">'), html.lastIndexOf("</div>\n</div>"));

/** Top-level sections, each split into its vertical slides (a column without subslides is one). */
function columns(part: string): string[][] {
  const tops: string[] = [];
  let depth = 0;
  let start = 0;
  for (const m of part.matchAll(/<section[^>]*>|<\/section>/g)) {
    if (m[0] !== "</section>") {
      if (depth++ === 0) start = m.index ?? 0;
    } else if (--depth === 0) tops.push(part.slice(start, (m.index ?? 0) + m[0].length));
  }
  return tops.map((top) => {
    const inner = top.slice(top.indexOf(">") + 1, top.lastIndexOf("</section>"));
    return inner.trimStart().startsWith("<section") ? columns(inner).map((c) => c[0]) : [top];
  });
}

const deck = columns(slidesPart);

describe("slide structure", () => {
  test("title slide, then a column per `slide` with its `subslide`s under it", () => {
    // the notebook has a parameters cell, so its live deck ends on the Parameters slide
    expect(deck.map((c) => c.length)).toEqual([1, 3, 1, 1, 1, 1]);
    expect(deck[5][0]).toMatch(/^<section id="parameters" class="live-panel-slide">/);
    expect(deck[0][0]).toMatch(/^<section class="title-slide">/);
  });

  test("the title slide holds the first heading and the paragraph under it, not the next one", () => {
    expect(deck[0][0]).toContain("<h1>Skip connections in slides</h1>");
    expect(deck[0][0]).toContain("A fixture deck: the identity path");
    expect(deck[0][0]).toContain('<annotation encoding="application/x-tex">y = x + F(x)</annotation>');
    expect(html).not.toContain("More text that is not the subtitle");
  });

  test("`-` continues the slide; `fragment` and the `-` cell after it appear together on the next step", () => {
    const slide = deck[1][0];
    expect(printedOutputs(slide)).toContainEqual(["stdout", "gradient factor 1.5\n"]);
    const fragments = [...slide.matchAll(/<div class="fragment">/g)];
    expect(fragments).toHaveLength(1);
    const fragment = slide.slice(fragments[0].index);
    expect(fragment).toContain("this appears on the next step");
    expect(fragment).toMatch(/g<span class="ws"> <\/span>\*<span class="ws"> <\/span><span class="hljs-number">2<\/span>/);
    expect(printedOutputs(fragment)).toContainEqual(["result", "3"]);
  });

  test("`notes` become the speaker notes of the slide they follow", () => {
    expect(deck[1][0]).toMatch(/<aside class="notes"><p>Speaker note: stress the identity term/);
    expect(html.match(/<aside class="notes">/g)).toHaveLength(1);
  });

  test("when the title cell is itself the first key cell, its own slide is the title slide (no second title)", () => {
    const titled: Notebook = {
      ...nb,
      cells: [
        { id: "t", cell_type: "markdown", source: "# Own title\n\nIts paragraph.", metadata: { slideshow: { slide_type: "slide" } } },
        { id: "u", cell_type: "markdown", source: "Under it.", metadata: { slideshow: { slide_type: "-" } } },
      ],
    };
    const built = notebookToDeck(titled, "titled");
    expect(built.match(/<section/g)).toHaveLength(1);
    expect(built).toMatch(/<section class="title-slide">\n<div class="cell markdown"><h1>Own title<\/h1>\n<p>Its paragraph.<\/p>[\s\S]*Under it./);
    expect(built).toContain("<title>Own title</title>");
  });

  test("`skip` and unmarked cells stay out of the slides (a live deck's program still runs their code)", () => {
    expect(slidesPart).not.toContain("SKIPPED-CELL");
    expect(slidesPart).not.toContain("UNMARKED-CELL");
    expect(slidesPart).not.toContain("const depth = 4");
    expect(notebookToDeck(nb, "features", { live: false })).not.toMatch(/SKIPPED-CELL|UNMARKED-CELL|const depth = 4/);
  });

  test("hide-input drops the code and keeps the output; hide-output the reverse", () => {
    expect(deck[1][1]).not.toContain("gradientChart");
    expect(deck[1][1]).toMatch(/<div class="chart"[^>]*>/);
    expect(deck[1][2]).toContain("runSweep");
    expect(deck[1][2]).toContain("HIDDEN-OUTPUT"); // in the code
    expect(deck[1][2]).not.toContain('<div class="outputs">');
  });
});

describe("math", () => {
  const slide = deck[1][0];
  test("inline math is KaTeX, and `a_1 * b_2 ... c_1 * d_2` never becomes markdown emphasis", () => {
    expect(slide).toContain('<annotation encoding="application/x-tex">a_1 * b_2</annotation>');
    expect(slide).toContain('<annotation encoding="application/x-tex">c_1 * d_2</annotation>');
    expect(slide).not.toContain("<em>");
  });

  test("display math is rendered in display mode", () => {
    expect(slide).toMatch(/<span class="katex-display"><span class="katex"><span class="katex-mathml"><math[^>]*display="block">/);
    expect(slide).toContain("\\frac{\\partial L}{\\partial x}");
  });

  test("an escaped dollar is a dollar and dollars inside code stay code", () => {
    expect(slide).toContain("A price of $5");
    expect(slide).toContain("<code>code with $not math$</code>");
  });

  test("a formula KaTeX cannot parse fails the build naming the notebook and the cell", () => {
    expect(() => notebookToDeck(load("bad-formula"), "bad-formula")).toThrow(
      /notebook "bad-formula", cell 3 \(id broken\): cannot render math: KaTeX parse error: .*\\frac\{1\}\{/,
    );
  });

  test("\\newcommand in one cell serves the cells after it, as in Jupyter", () => {
    const withMacro: Notebook = {
      ...nb,
      cells: [
        { id: "a", cell_type: "markdown", source: "$\\newcommand{\\RR}{\\mathbb{R}}$ defined", metadata: { slideshow: { slide_type: "slide" } } },
        { id: "b", cell_type: "markdown", source: "$x \\in \\RR^n$", metadata: { slideshow: { slide_type: "slide" } } },
      ],
    };
    const built = notebookToDeck(withMacro, "macros");
    expect(built).toContain('<annotation encoding="application/x-tex">x \\in \\RR^n</annotation>');
    expect(built).toContain('<span class="mord mathbb">R</span>');
  });
});

describe("code and outputs", () => {
  test("code is highlighted at build time as TypeScript", () => {
    expect(deck[1][0]).toMatch(/<pre class="code"><code class="hljs language-typescript"><span class="line" style="--hang: 2ch"><span class="hljs-keyword">const<\/span><span class="ws"> <\/span>g<span class="ws"> <\/span>=/);
  });

  test("a progress display stays off the slide: it tells how fast that day's machine was, not what the cell computed", () => {
    const progress = { output_type: "display_data" as const, data: { "text/plain": "SGD steps ▕███▏ 100 % (500/500), 2.7 s" }, metadata: { [PROGRESS_METADATA]: { done: 500, total: 500, finished: true } } };
    const result = { output_type: "display_data" as const, data: { "text/plain": "a result" }, metadata: {} };
    const printedLine = { output_type: "stream" as const, name: "stdout" as const, text: "loss 0.2\n" };
    const html = renderOutputs([progress, printedLine, result]);
    expect(printedOutputs(html)).toEqual([["stdout", "loss 0.2\n"], ["result", "a result"]]);
    expect(html).not.toContain("SGD steps");
  });

  test("stdout and stderr are preformatted and styled apart", () => {
    expect(printedOutputs(deck[1][0])).toContainEqual(["stdout", "gradient factor 1.5\n"]);
    expect(printedOutputs(deck[2][0])).toContainEqual(["stderr", "warning: this went to stderr\n"]);
  });

  test("PNG outputs become data URIs; SVG diagrams are inlined, sanitised, with their case-sensitive attributes", () => {
    const slide = deck[3][0];
    expect(slide).toMatch(/<img class="output image" alt="" src="data:image\/png;base64,iVBORw0KGgo[^"]+">/);
    expect(slide).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120">');
    expect(slide).toContain("x + F(x)</text>");
  });

  test("no script, event handler, javascript: URL or frame from a notebook reaches the deck", () => {
    expect(html).not.toMatch(/__pwned|onerror|onload|javascript:|<iframe/i);
    expect(deck[2][0]).toContain("<b>bold output</b>");
    // What is left of the markdown's <img onerror> and <a href="javascript:..."> is inert.
    expect(deck[2][0]).toContain("Markdown with raw HTML: <img /> and  <a>a link</a>.");
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    // the chart's spec, and the live deck's own parts: its parameter schema, its program (inert text) and its page script
    expect(scripts.filter((s) => !/^<script src="assets\/[\w/.-]+\.js">$/.test(s))).toEqual([
      '<script type="application/json" class="chart-spec">',
      '<script type="application/json" id="live-schema">',
      '<script type="text/plain" id="live-program">',
      "<script>",
    ]);
  });

  test("a vega-lite output embeds the deck-themed copy of its spec (slider param included) and an SVG drawn from that copy", () => {
    const output = nb.cells.flatMap((c) => c.outputs ?? []).find((o) => o.output_type === "display_data" && VEGA_LITE_MIME in o.data);
    const bundle = (output as { data: Record<string, unknown> }).data;
    const original = bundle[VEGA_LITE_MIME] as Record<string, unknown>;
    const chart = deck[1][1];
    const json = /<script type="application\/json" class="chart-spec">(.*?)<\/script>/s.exec(chart)![1];
    const spec = JSON.parse(json);
    expect(spec.data).toEqual(original.data);
    expect(spec.params).toEqual(original.params);
    expect(spec.params[0].bind).toMatchObject({ input: "range", min: 0.5, max: 2 });
    expect(spec).toMatchObject({ width: 880, autosize: { type: "fit", contains: "padding" }, config: { axis: { labelFontSize: 17 } } });
    // The static SVG is drawn at the themed size, not the one the notebook stored.
    const [, width] = /<div class="chart-static"><svg [^>]*viewBox="0 0 (\d+) \d+"/.exec(chart)!;
    expect(Number(width)).toBe(880);
    expect(chart).not.toContain(String(bundle["image/svg+xml"]).slice(0, 200));
  });

  test("the static SVG comes from the spec: a bundle without SVG gets one, a stored SVG is not used", () => {
    const spec = { data: { values: [{ a: 1, b: 2 }, { a: 2, b: 1 }] }, mark: "bar", title: "drawn at build time", encoding: { x: { field: "a", type: "ordinal" }, y: { field: "b", type: "quantitative" } } };
    const stored = '<svg xmlns="http://www.w3.org/2000/svg"><text>stale stored figure</text></svg>';
    for (const data of [{ [VEGA_LITE_MIME]: spec, "text/plain": "t" }, { [VEGA_LITE_MIME]: spec, "image/svg+xml": stored }]) {
      const html = renderOutput({ output_type: "display_data", data, metadata: {} });
      // drawn from the deck-themed copy of the spec (slide size, larger text), labelled for screen readers
      const themed = deckSpec(spec);
      const labelled = sanitizeSvg(renderSvg(themed).replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(String(themed.description))}"`));
      expect(html).toContain(`<div class="chart-static">${labelled}</div>`);
      expect(html).toContain("drawn at build time");
      expect(html).not.toContain("stale stored figure");
    }
  });


  test("a spec whose strings contain </script> cannot close its script element", () => {
    const spec = { title: "</script><script>window.__pwned = 1</script>", description: "a\u2028b" };
    const tag = jsonScript("chart-spec", spec);
    expect(tag.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(tag.slice(tag.indexOf(">") + 1, tag.lastIndexOf("</script>")))).toEqual(spec);
  });

  test("every stylesheet and script is a relative asset: no CDN", () => {
    const refs = [...html.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(8);
    expect(refs.filter((r) => !r.startsWith("assets/"))).toEqual([]);
  });
});
