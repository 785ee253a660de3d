// The allow-lists where notebook content enters a deck, on their own and on the hostile
// fixture (tests/fixtures/slides/hostile.ipynb: each probe there sets window.__pwned,
// rewrites the page title or fetches from probe.invalid if it gets through). The same
// deck opened in Chromium is tests/slides/hostile-browser.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseNotebook } from "../../runner/nbformat";
import { listNotebooks } from "../../slides/build";
import { safeSpec, refusedPath } from "../../slides/chart-spec";
import { notebookToDeck } from "../../slides/deck";
import { rasterDataUri, strictBase64 } from "../../slides/images";
import { renderMarkdown } from "../../slides/markdown";
import { renderOutput } from "../../slides/outputs";
import { imageSource, sanitizeMarkup, sanitizeSvg } from "../../slides/sanitize";
import { isActiveReference, judgeUrl, safeLink } from "../../slides/urls";
import { VEGA_LITE_MIME } from "../../lib/src/display/mime";
import { printedOutputs } from "./printed";

const root = join(__dirname, "..", "..");
const fixtures = join(root, "tests", "fixtures", "slides");
const load = (path: string) => parseNotebook(readFileSync(path, "utf8"));
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const display = (data: Record<string, unknown>) => renderOutput({ output_type: "display_data", data, metadata: {} });

describe("URLs are judged as the browser reads them", () => {
  test.each([
    ["  JaVa\tScRiPt:alert(1)", "javascript"],
    ["java\nscript:alert(1)", "javascript"],
    ["\u0000\u001f javascript:alert(1)", "javascript"],
    ["HTTP:\\\\probe.invalid/x", "http"],
    ["DATA:image/png;base64,AA==", "data"],
    ["vbscript:x", "vbscript"],
  ])("%j has scheme %s", (raw, scheme) => {
    expect(judgeUrl(raw)?.scheme).toBe(scheme);
    expect(judgeUrl(raw)?.relative).toBe(false);
    expect(isActiveReference(raw)).toBe(true);
  });

  test.each(["//probe.invalid/x", "\\\\probe.invalid/x", "/\\probe.invalid/x", "\\/probe.invalid/x", " //probe.invalid", "/\t/probe.invalid/x"])(
    "%j leaves the page for another host",
    (raw) => {
      const judged = judgeUrl(raw)!;
      expect(judged.relative).toBe(false);
      expect(judged.url.hostname).toBe("probe.invalid");
      expect(isActiveReference(raw)).toBe(true);
    },
  );

  test("references inside the page stay relative; prose with a colon is not a reference", () => {
    expect(judgeUrl("#grad")).toMatchObject({ relative: true, fragment: true });
    expect(judgeUrl("other.html#x")).toMatchObject({ relative: true, fragment: false });
    for (const prose of ["depth: 4", "Gradient norm vs depth", "p = 0.5", "note:see", "data: 20 points", "file: weights.csv", "http: the protocol"]) expect(isActiveReference(prose), prose).toBe(false);
  });

  test("a link keeps http(s) and mailto, written in the form the browser reads; everything else is refused", () => {
    expect(safeLink("HTTPS://Example.ORG/a b")).toBe("https://example.org/a%20b");
    expect(safeLink(" //probe.invalid/x")).toBe("https://probe.invalid/x");
    expect(safeLink("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(safeLink("other.html#x")).toBe("other.html#x");
    for (const bad of ["javascript:x", " JAVA\tSCRIPT:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "blob:x"]) expect(safeLink(bad), bad).toBeUndefined();
  });
});

describe("images: strict base64 of the format the MIME type names", () => {
  test("the issue's probe and its variants are refused", () => {
    for (const data of [
      'AA=="onerror="alert(document.domain)',
      "AA==\" onerror=\"x",
      "/9j/\"><img src=x onerror=x>",
      "R0lGODlh' onerror='x",
      "iVBORw0KGgo=AAAA", // padding inside
      "iVBORw0KGgo", // length not a multiple of 4
      "AB==", // non-canonical: the unused bits are not zero
      "", 5, null, ["iVBORw0KGgo="],
    ]) {
      expect(rasterDataUri("image/png", data), JSON.stringify(data)).toBeUndefined();
    }
  });

  test("valid base64 of another format is refused: the signature must match the MIME type", () => {
    expect(rasterDataUri("image/png", Buffer.from("<svg onload=x>").toString("base64"))).toBeUndefined();
    expect(rasterDataUri("image/jpeg", PNG)).toBeUndefined();
    expect(rasterDataUri("image/gif", Buffer.from("GIF89a....").toString("base64"))).toBe(`data:image/gif;base64,${Buffer.from("GIF89a....").toString("base64")}`);
    expect(rasterDataUri("image/x-icon", PNG)).toBeUndefined();
  });

  test("nbformat's line breaks are allowed and removed; the result is canonical base64", () => {
    expect(strictBase64(`${PNG.slice(0, 40)}\n${PNG.slice(40)}\n`)).toBe(PNG);
    expect(rasterDataUri("image/png", PNG)).toBe(`data:image/png;base64,${PNG}`);
  });

  test("an <img src> keeps only validated data: images", () => {
    expect(imageSource(` DATA:IMAGE/PNG;base64,${PNG}`)).toBe(`data:image/png;base64,${PNG}`);
    expect(imageSource('data:image/png;base64,AA==" onerror="x')).toBeUndefined();
    expect(imageSource("http://probe.invalid/x.png")).toBeUndefined();
    expect(imageSource("//probe.invalid/x.png")).toBeUndefined();
  });
});

describe("outputs: only allow-listed MIME types, each through its validator", () => {
  test("a refused image falls back to the text representation; an unlisted type shows nothing", () => {
    expect(display({ "image/png": 'AA=="onerror="alert(1)', "text/plain": "pixel" })).toBe('<pre class="output result"><span class="line" style="--hang: 2ch">pixel</span></pre>');
    expect(display({ "image/png": PNG })).toBe(`<img class="output image" alt="" src="data:image/png;base64,${PNG}">`);
    expect(display({ "text/javascript": "alert(1)", "application/javascript": "alert(1)", "text/markdown": "<script>x</script>" })).toBe("");
  });

  test("markup that is not a string is refused, not stringified", () => {
    expect(display({ "text/html": { toString: "x" }, "image/svg+xml": ["<svg/>"], "text/plain": "t" })).toBe('<pre class="output result"><span class="line" style="--hang: 2ch">t</span></pre>');
  });

  test("text is escaped", () => {
    expect(display({ "text/plain": "<script>x</script>" })).toBe('<pre class="output result"><span class="line" style="--hang: 2ch">&#60;script&#62;x&#60;/script&#62;</span></pre>');
  });
});

describe("chart specs: plain objects that name no URL, without usermeta.embedOptions", () => {
  const base = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", data: { values: [{ a: 1 }] }, mark: "point" };

  test("usermeta.embedOptions is removed; other usermeta stays", () => {
    const spec = safeSpec({ ...base, usermeta: { embedOptions: { actions: true, sourceHeader: "<script>x</script>" }, course: "skip" } });
    expect(spec).toEqual({ ...base, usermeta: { course: "skip" } });
    expect(safeSpec({ ...base, usermeta: { embedOptions: { actions: true } } })).toEqual(base);
  });

  test("not a plain object: refused", () => {
    for (const value of [null, [], "spec", 5, new Date(0)]) expect(safeSpec(value), String(value)).toBeUndefined();
  });

  test.each([
    [{ data: { url: "http:\\\\probe.invalid/d.json" } }, "data.url"],
    [{ data: { url: "d.json" } }, "data.url"],
    [{ mark: { type: "image", url: " //probe.invalid/i.png" } }, "mark.url"],
    [{ encoding: { url: { field: "u" } } }, "encoding.url"],
    [{ transform: [{ lookup: "k", from: { data: { url: "x.csv" }, key: "k" } }] }, "transform[0].from.data.url"],
    [{ data: { values: [{ u: "HTTP://probe.invalid/i.png" }] } }, "data.values[0].u"],
    [{ config: { background: "javascript:x" } }, "config.background"],
    [{ encoding: { href: { value: "javascript: x" } } }, "encoding.href"],
    [{ mark: { type: "point", href: "https://example.org/" } }, "mark.href"],
    [{ $schema: "https://probe.invalid/vega-lite/v5.json" }, "$schema"],
    [JSON.parse('{"config": {"__proto__": {"polluted": 1}}}'), "config.__proto__"],
    [{ transform: [{ calculate: "1", as: "constructor" }], encoding: { x: { field: "a", prototype: 1 } } }, "encoding.x.prototype"],
  ])("%j is refused at %s", (part, path) => {
    const spec = { ...base, ...part };
    expect(refusedPath(spec)).toBe(path);
    expect(safeSpec(spec)).toBeUndefined();
  });

  test("every chart of the project's notebooks and of the fixture passes unchanged", () => {
    const specs = [join(fixtures, "features.ipynb"), ...listNotebooks(join(root, "notebooks"))]
      .flatMap((path) => load(path).cells.flatMap((c) => c.outputs ?? []))
      .flatMap((o) => ("data" in o && VEGA_LITE_MIME in o.data ? [o.data[VEGA_LITE_MIME]] : []));
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) expect(safeSpec(spec)).toEqual(spec);
  });
});

describe("markup: no reveal structure or attributes, no frames, nothing that fetches", () => {
  test("sections, asides, data-* attributes and classes reveal acts on are dropped from markdown and HTML", () => {
    const probe = `<section data-background-iframe="javascript:x" data-background-image="http://probe.invalid/a.png">s</section>
      <aside class="notes">n</aside><div data-state="x" data-transition="zoom" data-notes="&lt;img&gt;" class="fragment r-stretch chart">d</div>
      <img data-src="http://probe.invalid/b.png"><video data-autoplay data-src="http://probe.invalid/v.mp4"></video>`;
    for (const html of [sanitizeMarkup(probe), renderMarkdown(probe, {})]) {
      expect(html).not.toMatch(/<section|<aside|<video|\sdata-|class=|probe\.invalid|javascript:/i);
      expect(html).toContain("<div>d</div>");
    }
  });

  test("frames and plugins are dropped with their content", () => {
    const html = sanitizeMarkup(`<iframe srcdoc="<script>x</script>"></iframe><object data="x"></object><embed src="x"><frame src="x"><p>kept</p>`);
    expect(html).toBe("<p>kept</p>");
  });

  test("the try-this convention survives: <details> collapsed with its <summary>, code keeps its language class", () => {
    expect(sanitizeMarkup('<details open><summary>Explanation</summary><p>why</p></details><code class="language-ts x">c</code>')).toBe(
      '<details><summary>Explanation</summary><p>why</p></details><code class="language-ts">c</code>',
    );
  });

  test("SVG references stay in the document; links are links; no CSS value fetches", () => {
    const svg = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" data-src="x">
      <image href="http://probe.invalid/i.png"/><image xlink:href=" //probe.invalid/j.png"/><image href="data:image/png;base64,${PNG}"/>
      <use href="http:\\\\probe.invalid/u.svg#a"/><use href="relative.svg#b"/><use href="#c"/>
      <rect fill="url(http://probe.invalid/f.svg#p)" stroke="URL(other.svg#q)" mask="url( #m)" clip-path="url(#clip)" style="fill: url(s.svg#s)"/>
      <a href="java&#x09;script:x"><text>t</text></a><a href="https://example.org/"><text>u</text></a>
      <foreignObject><iframe src="x"></iframe></foreignObject><animate attributeName="href" to="javascript:x"/><set to="x"/></svg>`);
    expect(svg).not.toMatch(/probe\.invalid|relative\.svg|other\.svg|s\.svg|javascript|data-src|foreignObject|iframe|animate|<set|mask=/i);
    expect(svg).toContain(`<image href="data:image/png;base64,${PNG}">`);
    expect(svg).toContain('<use href="#c">');
    expect(svg).toContain('clip-path="url(#clip)"');
    expect(svg).toContain('<a href="https://example.org/"><text>u</text></a>');
  });
});

describe("math is taken from text only", () => {
  test("a `$` pair inside an HTML attribute stays text and the markup stays whole", () => {
    const html = renderMarkdown('<span title="cost $x$ and $y$">hover</span> and $z$', {});
    expect(html).toMatch(/^<p><span title="cost \$x\$ and \$y\$">hover<\/span> and <span class="katex">/);
    expect(html.match(/class="katex"/g)).toHaveLength(1);
  });

  test("KaTeX's trusted commands stay untrusted: no data-*, link, image, class or style from a formula", () => {
    const tex = [
      "\\htmlData{background-image=http://probe.invalid/a.png}{a}", "\\href{javascript:x}{b}", "\\url{http://probe.invalid}",
      "\\includegraphics{http://probe.invalid/c.png}", "\\htmlStyle{background:url(http://probe.invalid/d)}{e}", "\\htmlClass{fragment}{f}",
    ];
    const html = renderMarkdown(tex.map((t) => `$${t}$`).join(" "), {});
    expect(html.match(/class="katex"/g)).toHaveLength(tex.length);
    // The TeX source is kept (escaped) only in MathML's annotation, which is never a URL.
    const rendered = html.replace(/<annotation[^>]*>[^<]*<\/annotation>/g, "");
    expect(rendered).not.toMatch(/data-|href=|src=|url\(|probe\.invalid|fragment/);
    expect(() => renderMarkdown("$\\color{red;background:url(http://probe.invalid/e)}{x}$", {})).toThrow(/Invalid color/);
  });

  test("a formula in text that markdown turns into an attribute (alt, link title) is written as its source, escaped", () => {
    const html = renderMarkdown(`![the $a<b$ plot](data:image/png;base64,${PNG}) [l](https://example.org/ "$$t$$")`, {});
    expect(html).toContain('alt="the $a&#60;b$ plot"');
    expect(html).toContain('title="$$t$$"');
    expect(html).not.toContain("katex");
  });
});

describe("the hostile fixture's deck", () => {
  const html = notebookToDeck(load(join(fixtures, "hostile.ipynb")), "hostile");
  const slides = html.slice(html.indexOf('<div class="slides">'));

  test("carries no probe: no data-* attribute, frame, handler, script URL or foreign URL", () => {
    // The exporter's own attributes (a chart's height bounds) aside, nothing data-* reaches a slide.
    const content = slides.replace(/<div class="chart"(?: data-min-height="\d+" data-max-height="\d+")?(?: data-chart-height="\d+")?>/g, '<div class="chart">')
      .replace(/<div class="cell code( try-this)?" data-cell-id="[\w-]+">/g, '<div class="cell code$1">');
    expect(content).not.toMatch(/\sdata-|<iframe|<object|<embed|<video|<foreignObject|\son\w+=|javascript:|probe\.invalid|__pwned|source-header/i);
    // One <section> per slide the notebook marks (title + 8), none from its content.
    expect(slides.match(/<section/g)).toHaveLength(9);
    const scripts = slides.match(/<script[^>]*>/g) ?? [];
    expect(scripts.filter((s) => !/^<script src="assets\/[\w/.-]+\.js">$/.test(s))).toEqual(['<script type="application/json" class="chart-spec">']);
  });

  test("each refused output shows its text fallback; the valid image and the cleaned chart stay", () => {
    for (const label of ["png-issue", "png-quote", "jpeg-close", "gif-single", "png-not-png", "png-inner-padding", "unlisted",
      "backslash-data-url", "relative-data-url", "image-mark-url", "image-field-url", "array-spec", "string-spec"]) {
      expect(printedOutputs(slides), label).toContainEqual(["result", `fallback ${label}`]);
    }
    expect(slides).not.toContain("fallback valid-png");
    expect(slides).not.toContain("fallback usermeta chart");
    expect(slides).not.toContain("usermeta");
  });
});
