// The built decks in real Chromium: every slide visited, charts drawn live, sliders work,
// formulas rendered, nothing overflows 960x700, no network, no injected script ran, notes
// and the speaker view present. Runs on the fixture deck and on the project's notebooks.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDecks, deckName, listNotebooks } from "../../slides/build";
import { serveDecks } from "../../slides/serve";
import { barChart, lineChart } from "../../lib/src/charts";
import { fitProblems, inspectDeck, launchChromium, showSlide, shownLines, localhostContext, offlineContext, openDeck, readabilityProblems, screenshotRoot, type SlideReport } from "./deck-browser";

const root = join(__dirname, "..", "..");
const fixture = join(root, "tests", "fixtures", "slides", "features.ipynb");
const notebooks = listNotebooks(join(root, "notebooks"));

let browser: Browser;
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "decks-"));
  await buildDecks({ notebooks: [fixture, ...notebooks], outDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

interface Opened {
  context: BrowserContext;
  page: Page;
  blocked: string[];
  errors: string[];
  slides: SlideReport[];
}

async function visitDeck(name: string): Promise<Opened> {
  const blocked: string[] = [];
  const errors: string[] = [];
  const context = await offlineContext(browser, blocked);
  const page = await openDeck(context, join(outDir, `${name}.html`), errors);
  const slides = await inspectDeck(page, name);
  console.log(`${name}: ${slides.length} slides\n${slides.map((s) => `  ${relative(root, s.screenshot)}  (${s.at} ${s.heading})${s.fittedFont ? ` [autofit ${s.fittedFont}px]` : ""}`).join("\n")}`);
  return { context, page, blocked, errors, slides };
}

function expectCleanDeck(name: string, deck: Opened): void {
  expect(deck.errors, "console errors").toEqual([]);
  expect(deck.blocked, "network requests").toEqual([]);
  expect(fitProblems(name, deck.slides)).toEqual([]);
}

describe("fixture deck", () => {
  let deck: Opened;
  beforeAll(async () => {
    deck = await visitDeck("features");
  });
  afterAll(async () => {
    await deck?.context.close();
  });

  test("every slide visited fits, renders its formulas and charts, offline, without console errors", () => {
    // title, identity path (+2 subslides), untrusted markup, diagram, long code
    // … and, the fixture having a parameters cell, the live deck's Parameters slide last
    expect(deck.slides.map((s) => s.at)).toEqual(["0.0", "1.0", "1.1", "1.2", "2.0", "3.0", "4.0", "5.0"]);
    expect(deck.slides.flatMap((s) => s.charts)).toHaveLength(1);
    expectCleanDeck("features", deck);
  });

  test("no script from a notebook ran", async () => {
    expect(await deck.page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  test("moving the chart's slider redraws the chart", async () => {
    const { page } = deck;
    await page.evaluate(() => (window as any).Reveal.slide(1, 1));
    const chart = page.locator(".present .chart .chart-live");
    const slider = chart.locator('input[type="range"]');
    await expect.poll(() => slider.count()).toBe(1);
    const before = await chart.locator("svg").innerHTML();
    await slider.evaluate((input: HTMLInputElement) => {
      input.value = "2";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await expect.poll(() => chart.locator("svg").innerHTML()).not.toBe(before);
  });

  test("speaker notes are in aside.notes and the speaker view opens on S", async () => {
    const { page, context } = deck;
    const notes = await page.locator("aside.notes").allTextContents();
    expect(notes.join(" ")).toContain("Speaker note: stress the identity term");
    await page.evaluate(() => (window as any).Reveal.slide(1, 0));
    const [speaker] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("s")]);
    await speaker.waitForSelector(".speaker-controls-notes");
    const speakerNotes = speaker.locator(".speaker-controls-notes");
    await expect.poll(() => speakerNotes.textContent()).toContain("stress the identity term");
    // The popup has none of the deck's stylesheets: the note's formula must show once, not as
    // KaTeX's HTML next to its (normally hidden) MathML copy.
    await speaker.setViewportSize({ width: 1100, height: 700 });
    await speaker.screenshot({ path: join(screenshotRoot, "features", "speaker-view.png") });
    // Chromium reads the MathML <mi>I</mi> as the italic letter 𝐼; the TeX annotation is not shown.
    expect(await speakerNotes.innerText()).toMatch(/identity term\s*𝐼\s*in the Jacobian/u);
    expect(await speakerNotes.locator("math").count()).toBe(1);
    for (const hidden of await speakerNotes.locator(".katex-mathml, .katex-html").all()) expect(await hidden.isVisible()).toBe(false);
    expect(await speakerNotes.locator("math").isVisible()).toBe(true);
    await speaker.close();
    expect(deck.blocked).toEqual([]);
  });

  test("the network guard catches a request when one is made (so an empty list means none was)", async () => {
    const before = deck.blocked.length;
    // from the deck itself its Content-Security-Policy stops the request before it is made
    expect(await deck.page.evaluate(() => fetch("https://example.com/probe.json").then(() => "reached", () => "refused"))).toBe("refused");
    expect(deck.blocked.slice(before)).toEqual([]);
    // from a page without that policy, in the same guarded context, the guard sees it
    const bare = await deck.context.newPage();
    await bare.evaluate(() => fetch("https://example.com/probe.json").then(() => "reached", () => "blocked"));
    await bare.close();
    expect(deck.blocked.slice(before)).toEqual(["https://example.com/probe.json"]);
  });

  test("hash navigation and slide numbers are on", async () => {
    const { page } = deck;
    await page.evaluate(() => (window as any).Reveal.slide(2, 0));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/2");
    expect((await page.locator(".slide-number").textContent())?.replace(/\s+/g, "")).toBe("5/8");
  });
});

test("with scripts off, the deck reads as one page and each chart shows the SVG the build drew, labelled", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 730 } });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(outDir, "features.html")).href);
    expect(await page.locator("section.title-slide h1").isVisible()).toBe(true);
    const fallback = page.locator(".chart .chart-static svg");
    expect(await fallback.count()).toBe(1);
    expect(await fallback.isVisible()).toBe(true);
    expect((await fallback.boundingBox())!.width).toBeGreaterThan(300);
    expect(await page.locator(".chart .chart-live svg").count()).toBe(0);
    expect(await fallback.getAttribute("aria-label")).toMatch(/\. (Line chart|Scatter plot|Bar chart)/);
    expect(await page.locator("aside.notes").first().isHidden()).toBe(true);
  } finally {
    await context.close();
  }
});

test("served over http by the start server, the deck asks nothing of any other host", async () => {
  const server = await serveDecks({ root: outDir, port: 0 });
  const foreign: string[] = [];
  const context = await localhostContext(browser, foreign);
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => void errors.push(String(e)));
    await page.goto(server.url);
    await page.click('a[href="features.html"]');
    await page.waitForFunction(() => (window as any).Reveal?.isReady());
    await page.evaluate(() => (window as any).Reveal.slide(1, 1));
    await page.waitForSelector('.present .chart[data-state="live"] .chart-live svg');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});

/** Builds a deck from these cells in a scratch folder and hands `use` its HTML file. */
async function withDeck<T>(name: string, cells: unknown[], use: (html: string) => Promise<T>): Promise<T> {
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" }, language_info: { name: "typescript" } },
    cells,
  };
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    writeFileSync(join(dir, `${name}.ipynb`), JSON.stringify(nb));
    await buildDecks({ notebooks: [join(dir, `${name}.ipynb`)], outDir: join(dir, "dist") });
    return await use(join(dir, "dist", `${name}.html`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds a deck from these cells in a scratch folder, opens it offline, and visits every slide. */
async function inspectCells(name: string, cells: unknown[]): Promise<SlideReport[]> {
  return withDeck(name, cells, async (html) => {
    const context = await offlineContext(browser, []);
    try {
      return await inspectDeck(await openDeck(context, html, []), name);
    } finally {
      await context.close();
    }
  });
}

/** On each of these slides of a deck built from `cells`: the px its first `selector` box hides, and whether the slide fits. */
async function hiddenInBoxes(name: string, cells: unknown[], selector: string, slides: number[]): Promise<{ hidden: number; fits: boolean }[]> {
  return withDeck(name, cells, async (html) => {
    const context = await offlineContext(browser, []);
    try {
      const page = await openDeck(context, html, []);
      const measured = [];
      for (const i of slides) {
        await showSlide(page, i);
        measured.push(await page.evaluate((selector) => {
          const slide = (window as any).Reveal.getCurrentSlide() as HTMLElement;
          const box = slide.querySelector(selector) as HTMLElement;
          return { hidden: box.scrollHeight - box.clientHeight, fits: slide.scrollHeight <= (window as any).Reveal.getConfig().height };
        }, selector));
      }
      return measured;
    } finally {
      await context.close();
    }
  });
}

test("a display formula wider than the slide is reported, not hidden behind a scrollbar", async () => {
  const wide = Array.from({ length: 40 }, (_, k) => `W_{${k}}`).join(" + ");
  const slides = await inspectCells("wide", [{ cell_type: "markdown", id: "wide", metadata: { slideshow: { slide_type: "slide" } }, source: [`## Too wide\n\n$$${wide}$$`] }]);
  expect(fitProblems("wide", slides)).toEqual([expect.stringMatching(/^wide slide 0\.0 "Too wide" is \d+px too wide$/)]);
});

test("the readability check counts the words a slide shows, a formula as one, notes and closed explanations not at all", async () => {
  const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(" ");
  const cell = (id: string, type: string, source: string) => ({ cell_type: "markdown", id, metadata: { slideshow: { slide_type: type } }, source: [source] });
  const slides = await inspectCells("words", [
    cell("title", "slide", "# Words"),
    cell("long", "slide", `## Long\n\n${words(90, "word")}`),
    cell("lean", "slide", `## Lean\n\n${words(85, "word")} $\\sum_{i=1}^n x_i^2 + y$\n\n<details><summary>Why</summary>${words(50, "hidden")}</details>`),
    cell("notes", "notes", words(200, "note")),
  ]);
  // "Long" + 90 words; "Lean" + 85 words + one formula + "Why".
  expect(slides.map((s) => s.readability.words)).toEqual([1, 91, 88]);
  expect(readabilityProblems("words", slides)).toEqual(['words slide 1.0 "Long" shows 91 words']);
});

test("a printed output a little taller than its box is shown whole (the slide's font shrinks), a much taller one scrolls", async () => {
  const printed = (id: string, lines: number) => [
    { cell_type: "markdown", id: `${id}-title`, metadata: { slideshow: { slide_type: "slide" } }, source: [`## ${lines} printed lines`] },
    {
      cell_type: "code", id, execution_count: 1, metadata: { slideshow: { slide_type: "-" } }, source: ["for (const row of table) console.log(row);"],
      outputs: [{ output_type: "stream", name: "stdout", text: Array.from({ length: lines }, (_, i) => `x${i + 1}  scale ${(0.1 * (i + 1)).toFixed(2)}  norm ${(4 + i).toFixed(2)}\n`) }],
    },
  ];
  const boxes = await hiddenInBoxes("printed", [...printed("short", 13), ...printed("long", 60)], "pre.output", [0, 1]);
  expect(boxes[0]).toEqual({ hidden: 0, fits: true });
  expect(boxes[1].hidden).toBeGreaterThan(0);
  expect(boxes[1].fits).toBe(true);
});

test("a code line longer than its box wraps after a space, never inside a number, its continuation indented past the line's own indent; copied, the code is as written", async () => {
  // Lines one character longer each: whatever column the box ends at, some line reaches it
  // inside "1e-10" (a browser may break after its hyphen) and some inside an identifier.
  const code = ["function check(ratio: number) {", ...Array.from({ length: 12 }, (_, k) =>
    `    console.log(checkLine("p = 0.05: |enumerated / (4) - 1|", Math.abs(ratio${"x".repeat(k)} - 1), 1e-10));`), "}"].join("\n");
  const printed = Array.from({ length: 12 }, (_, k) => `plain sigmoid${"x".repeat(k)} at initialisation: ||dL/dW_1|| = 1.6e-16, ||dL/dW_30|| = 0.314, ratio 5.2e-16\n`);
  const cell = { cell_type: "code", id: "long", execution_count: 1, metadata: { slideshow: { slide_type: "slide" } }, source: [code], outputs: [{ output_type: "stream", name: "stdout", text: printed }] };
  const shown = await withDeck("lines", [cell], async (html) => {
    const context = await offlineContext(browser, []);
    try {
      const page = await openDeck(context, html, []);
      await showSlide(page, 1); // after the title slide
      return { code: await shownLines(page, "pre.code code"), output: await shownLines(page, "pre.output") };
    } finally {
      await context.close();
    }
  });
  for (const [name, box, source] of [["code", shown.code, code], ["output", shown.output, printed.join("")]] as const) {
    const sourceLines = source.replace(/\n$/, "").split("\n");
    expect(box.lines.map((l) => l.rows.map((r) => r.text).join("")), name).toEqual(sourceLines);
    // (a selection of a <pre> leaves out a line end that ends its text, as it always did)
    expect(box.copied, name).toBe(source.replace(/\n$/, ""));
    const wrapped = box.lines.filter((l) => l.rows.length > 1);
    expect(wrapped.length, `${name}: lines that wrap`).toBeGreaterThan(5);
    for (const line of wrapped) {
      const indent = line.rows[0].text.length - line.rows[0].text.trimStart().length;
      for (const [before, after] of line.rows.slice(0, -1).map((row, i) => [row, line.rows[i + 1]])) {
        // a row ends with a space: the break is between words, not inside "1e-10" or a name
        expect(before.text, `${name}: "${before.text}" / "${after.text}"`).toMatch(/ $/);
        expect(Math.abs(after.left - (line.rows[0].left + (indent + 2) * box.ch)), `${name}: indent of "${after.text}"`).toBeLessThan(1);
      }
    }
  }
});

test("a code box a little taller than its box is shown whole (the slide's font shrinks), a much taller one scrolls", async () => {
  const coded = (id: string, lines: number) => ({
    cell_type: "code", id, execution_count: 1, metadata: { slideshow: { slide_type: "slide" } }, outputs: [],
    source: [Array.from({ length: lines }, (_, i) => `const x${i + 1} = step(x${i}, ${i + 1}); // line ${i + 1}`).join("\n")],
  });
  // slide 0 is the title slide the deck makes for a notebook without a heading
  const boxes = await hiddenInBoxes("coded", [coded("short", 19), coded("long", 40)], "pre.code code", [1, 2]);
  expect(boxes[0]).toEqual({ hidden: 0, fits: true });
  expect(boxes[1].hidden).toBeGreaterThan(0);
  expect(boxes[1].fits).toBe(true);
});

test("a chart whose plot, shrunk to fit its slide, gets a y label at its top keeps its title inside the drawing, live and as the SVG drawn at build time", async () => {
  // At the slide's full chart height vega-lite's y ticks are 0.2 apart, the top one (1.4) under
  // the plot's top; the plot that fits has them 0.5 apart, 1.5 on its top edge, half above it.
  const weights = [0.66, 0.21, -0.3, 0.33, 1.1, -0.07, -0.13, -1.15];
  const rows = weights.flatMap((w, i) => [
    { feature: `x${i + 1}`, w, method: "dropout" },
    { feature: `x${i + 1}`, w: w * 1.1 + 0.02, method: "ridge" },
    { feature: `x${i + 1}`, w: w * (i === 7 ? 1.6 : 0.9), method: "plain ridge" },
  ]);
  const spec = barChart(rows, { x: "feature", y: "w", group: "method", title: "Dropout ≈ ridge on standardised features", subtitle: "same penalty for both ridge fits", xTitle: "feature x_j", yTitle: "w_j · rms(X[:, j]) (units of y)" });
  const cell = {
    cell_type: "code", id: "bars", execution_count: 1, metadata: { slideshow: { slide_type: "slide" }, tags: ["hide-input"] }, source: ["show(spec)"],
    outputs: [{ output_type: "display_data", metadata: {}, data: { "application/vnd.vegalite.v5+json": spec, "text/plain": "bars" } }],
  };
  const { slides, staticCut } = await withDeck("fit", [cell], async (html) => {
    const context = await offlineContext(browser, []);
    const still = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 720 } });
    try {
      const slides = await inspectDeck(await openDeck(context, html, []), "fit");
      const page = await still.newPage();
      await page.goto(pathToFileURL(html).href);
      const staticCut = await page.locator(".chart-static svg").evaluate((svg) => {
        const box = svg.getBoundingClientRect();
        return Array.from(svg.querySelectorAll("text"))
          .filter((t) => getComputedStyle(t).fillOpacity !== "0" && t.getBoundingClientRect().top < box.top - 1)
          .map((t) => t.textContent);
      });
      return { slides, staticCut };
    } finally {
      await context.close();
      await still.close();
    }
  });
  expect(slides.flatMap((s) => s.charts)).toEqual([{ state: "live", drawn: true }]);
  expect(readabilityProblems("fit", slides)).toEqual([]);
  expect(staticCut).toEqual([]);
});

test("an inline formula breaks only outside its brackets, and never before the punctuation written after it", async () => {
  // The prefix grows by one narrow letter per paragraph, so the formulas' ends sweep across
  // the line's end: whichever column the line ends at, some formula reaches it.
  const formulas = "norm $\\|(I + A)^\\top g\\|^2/\\|g\\|^2$. It grows $(1 + c^4/2)^{(L-l)/2}$, then $W_2DW_1$.";
  const paragraph = (j: number) => `${"mm ".repeat(18)}${"i".repeat(j)} ${formulas}`;
  const long = Array.from({ length: 40 }, (_, k) => `a_{${k}}`).join(" + ");
  const cells = Array.from({ length: 8 }, (_, s) => ({
    cell_type: "markdown", id: `sweep${s}`, metadata: { slideshow: { slide_type: "slide" } },
    source: [`## Sweep ${s}\n\n${Array.from({ length: 6 }, (_, k) => paragraph(6 * s + k)).join("\n\n")}`],
  }));
  cells.push({ cell_type: "markdown", id: "long", metadata: { slideshow: { slide_type: "slide" } }, source: [`## Long\n\nA sum $${long}$ wraps.`] });
  const found = await withDeck("breaks", cells, async (html) => {
    const context = await offlineContext(browser, []);
    try {
      const page = await openDeck(context, html, []);
      const problems: string[] = [];
      const rowsOfLong: number[] = [];
      const count = await page.evaluate(() => (window as any).Reveal.getTotalSlides() as number);
      for (let i = 0; i < count; i++) {
        await showSlide(page, i);
        const measured = await page.evaluate(() => {
          const slide = (window as any).Reveal.getCurrentSlide() as HTMLElement;
          const out = { problems: [] as string[], rows: [] as number[], long: slide.querySelector("h2")?.textContent === "Long" };
          slide.querySelectorAll(".katex").forEach((k) => {
            const tex = k.querySelector("annotation")?.textContent ?? "";
            // KaTeX's boxes in order, whether or not the build grouped them
            const boxes = Array.from(k.querySelectorAll(".katex-html .base")).filter((b) => !b.parentElement?.closest(".base")).map((b) => ({ el: b, r: b.getBoundingClientRect() }));
            const below = (a: DOMRect, b: DOMRect) => b.top > a.bottom - 2;
            let depth = 0;
            boxes.forEach(({ el, r }, n) => {
              depth += el.querySelectorAll(".mopen").length - el.querySelectorAll(".mclose").length;
              if (n + 1 < boxes.length && depth > 0 && below(r, boxes[n + 1].r)) out.problems.push(`break inside brackets of "${tex}"`);
            });
            out.rows.push(new Set(boxes.map(({ r }) => Math.round(r.top))).size);
            const next = k.nextSibling;
            if (next?.nodeType === Node.TEXT_NODE && /^[.,;:]/.test(next.textContent ?? "")) {
              const range = document.createRange();
              range.setStart(next, 0);
              range.setEnd(next, 1);
              if (below(boxes[boxes.length - 1].r, range.getBoundingClientRect())) out.problems.push(`"${next.textContent![0]}" starts a line after "${tex}"`);
            }
          });
          return out;
        });
        problems.push(...measured.problems.map((p) => `slide ${i}: ${p}`));
        if (measured.long) rowsOfLong.push(...measured.rows);
      }
      return { problems, rowsOfLong, fit: fitProblems("breaks", await inspectDeck(page, "breaks")) };
    } finally {
      await context.close();
    }
  });
  expect(found.problems).toEqual([]);
  // a formula wider than the line still wraps (after a top-level "+") instead of running off the slide
  expect(found.rowsOfLong[0]).toBeGreaterThan(1);
  expect(found.fit).toEqual([]);
}, 120_000);

describe.runIf(notebooks.length > 0)("decks of the project's notebooks", () => {
  test.each(notebooks.map(deckName))("%s: every slide fits, renders its formulas and charts, offline, no injected script", async (name) => {
    const deck = await visitDeck(name);
    try {
      expectCleanDeck(name, deck);
      expect(await deck.page.evaluate(() => (window as any).__pwned)).toBeUndefined();
      // Readable at 1280x720 from the back of the room: chart and code text ≥ 16 px on
      // screen, no colliding chart labels, ≤ 90 words shown, text contrast WCAG AA.
      expect(readabilityProblems(name, deck.slides)).toEqual([]);
    } finally {
      await deck.context.close();
    }
  }, 180_000);
});

describe("exercises and charts for keyboard and screen-reader users", () => {
  const dir = mkdtempSync(join(tmpdir(), "a11y-"));
  const rows = [1, 2].flatMap((c) => [1, 2, 3, 4, 5].map((x) => ({ x, y: c * x * x, series: "plain", c })));
  const spec = lineChart(rows, { title: "Growth", xTitle: "depth L", yTitle: "norm", slider: { field: "c", min: 1, max: 2, step: 1, label: "scale c" } });
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" }, language_info: { name: "typescript" } },
    cells: [
      { cell_type: "markdown", id: "title", metadata: { slideshow: { slide_type: "slide" } }, source: ["# Exercises"] },
      {
        cell_type: "markdown", id: "try", metadata: { slideshow: { slide_type: "slide" }, tags: ["try-this"] },
        source: ["**Try this**: set depth = 3.\n\nPredict: which trains faster?\n\n<details><summary>Explanation</summary>The plain net wins at depth three.</details>"],
      },
      {
        cell_type: "code", id: "chart", execution_count: 1, metadata: { slideshow: { slide_type: "slide" } }, source: ["show(spec)"],
        outputs: [{ output_type: "display_data", metadata: {}, data: { "application/vnd.vegalite.v5+json": spec, "text/plain": "Growth" } }],
      },
    ],
  };
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    writeFileSync(join(dir, "a11y.ipynb"), JSON.stringify(nb));
    await buildDecks({ notebooks: [join(dir, "a11y.ipynb")], outDir: join(dir, "dist") });
    context = await offlineContext(browser, []);
    page = await openDeck(context, join(dir, "dist", "a11y.html"), []);
  });
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Presses Tab until `selector` on the current slide has the focus (at most 20 times). */
  async function tabTo(selector: string): Promise<boolean> {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
    }
    return false;
  }

  test("a try-this cell is a box of its own whose explanation opens from the keyboard", async () => {
    await page.evaluate(() => (window as any).Reveal.slide(1, 0));
    const box = page.locator(".present .try-this");
    expect(await box.count()).toBe(1);
    expect(await box.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    // innerText holds only what is rendered: a closed <details> shows its summary alone.
    const shown = () => box.innerText();
    expect(await shown()).toContain("Explanation");
    expect(await shown()).not.toContain("The plain net wins at depth three.");
    expect(await tabTo(".present .try-this summary")).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(shown).toContain("The plain net wins at depth three.");
  });

  test("a chart is labelled with its description, its data open as text from the keyboard, and its slider moves with the arrow keys", async () => {
    await page.evaluate(() => (window as any).Reveal.slide(2, 0));
    await page.waitForSelector('.present .chart[data-state="live"] .chart-live svg');
    // vega-embed's container is the chart's graphics document, named by the spec's description.
    const live = page.locator(".present .chart-live");
    expect(await live.getAttribute("role")).toBe("graphics-document");
    expect(await live.getAttribute("aria-label")).toBe(spec.description);
    expect(await tabTo(".present .chart-text summary")).toBe(true);
    await page.keyboard.press("Enter");
    const table = page.locator(".present .chart-text table");
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.locator("tbody tr").count()).toBe(2); // series plain at c = 1 and c = 2
    await page.keyboard.press("Enter"); // closes it again
    const slider = page.locator('.present .chart input[type="range"]');
    expect(await slider.getAttribute("aria-label")).toBe("scale c");
    expect(await tabTo('.present .chart input[type="range"]')).toBe(true);
    const before = await page.locator(".present .chart-live svg").innerHTML();
    await page.keyboard.press("ArrowRight");
    expect(await slider.inputValue()).toBe("2");
    await expect.poll(() => page.locator(".present .chart-live svg").innerHTML()).not.toBe(before);
    // The arrow key moved the slider, not the deck.
    expect(await page.evaluate(() => (window as any).Reveal.getIndices().h)).toBe(2);
  });

  test("in print, the explanation of a try-this cell is open", async () => {
    const print = await context.newPage();
    await print.goto(`${pathToFileURL(join(dir, "dist", "a11y.html")).href}?print-pdf`);
    await print.waitForFunction(() => (window as any).Reveal?.isReady());
    expect(await print.locator(".try-this details").evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    expect(await print.locator(".chart-text").evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    await print.close();
  });
});

describe.runIf(notebooks.length > 0)("a lecture deck's panels and lines at 1280x720", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await offlineContext(browser, []);
    page = await openDeck(context, join(outDir, `${deckName(notebooks[0])}.html`), []);
  });
  afterAll(async () => {
    await context?.close();
  });

  test("every chart's data panel, opened, ends inside the slide and scrolls what does not fit", async () => {
    const slides = await page.evaluate(() => (window as any).Reveal.getSlides().map((s: Element, i: number) => (s.querySelector(".chart-text") ? i : -1)).filter((i: number) => i >= 0));
    expect(slides.length).toBeGreaterThan(3);
    let scrolled = 0;
    for (const i of slides) {
      await showSlide(page, i);
      // opened as a click opens it; the deck listens to the toggle event that follows
      await page.evaluate(() => ((window as any).Reveal.getCurrentSlide().querySelector(".chart-text") as HTMLDetailsElement).open = true);
      await page.waitForFunction(() => (window as any).Reveal.getCurrentSlide().querySelector(".chart-text-body").style.maxHeight !== "");
      const box = await page.evaluate(() => {
        const slide = (window as any).Reveal.getCurrentSlide() as HTMLElement;
        const body = slide.querySelector(".chart-text[open] .chart-text-body") as HTMLElement;
        const area = document.querySelector(".reveal .slides")!.getBoundingClientRect();
        return { bottom: body.getBoundingClientRect().bottom, slideBottom: area.top + (window as any).Reveal.getConfig().height * (window as any).Reveal.getScale(), overflow: body.scrollHeight > body.clientHeight };
      });
      expect(box.bottom, `slide ${i + 1}`).toBeLessThanOrEqual(box.slideBottom + 1);
      if (box.overflow) scrolled++;
      await page.evaluate(() => ((window as any).Reveal.getCurrentSlide().querySelector(".chart-text") as HTMLDetailsElement).open = false);
    }
    expect(scrolled).toBeGreaterThan(0);
  }, 120_000);

  test("the slide number and the status line read at 18 px or more, no control covers the number, and the status line covers no slide", async () => {
    // slide 2 has slides below it: reveal shows its down arrow, which sat over the number
    for (const i of [1, 2]) {
      await showSlide(page, i);
      const shown = await page.evaluate(() => {
        const box = (el: Element) => el.getBoundingClientRect();
        const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const number = document.querySelector(".reveal .slide-number")!;
        const status = document.querySelector(".live-status")!;
        const controls = Array.from(document.querySelectorAll(".reveal .controls button")).filter((b) => getComputedStyle(b).visibility === "visible");
        const n = box(number);
        return {
          numberPx: parseFloat(getComputedStyle(number).fontSize),
          statusPx: parseFloat(getComputedStyle(status).fontSize),
          controls: controls.length,
          covering: [...controls, status].filter((el) => overlap(n, box(el))).map((el) => el.className),
          onScreen: n.left >= 0 && n.top >= 0 && n.right <= window.innerWidth && n.bottom <= window.innerHeight,
          // the status line stays below the slide area, whose last line it would otherwise cover
          statusOverSlide: box(document.querySelector(".reveal .slides")!).top + (window as any).Reveal.getConfig().height * (window as any).Reveal.getScale() - box(status).top,
        };
      });
      expect(shown.numberPx, `slide ${i + 1}`).toBeGreaterThanOrEqual(18);
      expect(shown.statusPx, `slide ${i + 1}`).toBeGreaterThanOrEqual(18);
      expect(shown.controls, `slide ${i + 1}`).toBeGreaterThan(1);
      expect(shown.covering, `slide ${i + 1}`).toEqual([]);
      expect(shown.onScreen, `slide ${i + 1}`).toBe(true);
      expect(shown.statusOverSlide, `slide ${i + 1}`).toBeLessThanOrEqual(0);
    }
  });

  test("every text of the Parameters slide reads at 16 px or more, its reproducing command included", async () => {
    await page.evaluate(() => {
      const Reveal = (window as any).Reveal;
      const { h, v } = Reveal.getIndices(document.querySelector("section#parameters"));
      Reveal.slide(h, v);
    });
    const small = await page.evaluate(() => {
      const slide = document.querySelector<HTMLElement>("section#parameters")!;
      const scale = (window as any).Reveal.getScale();
      const found: string[] = [];
      slide.querySelectorAll<HTMLElement>("*").forEach((el) => {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
        const field = el.matches("input, select, button");
        if ((!own && !field) || !el.checkVisibility() || el.closest("aside.notes")) return;
        const px = parseFloat(getComputedStyle(el).fontSize) * scale;
        if (px < 16) found.push(`"${(el.textContent || (el as HTMLInputElement).value || "").trim().slice(0, 30)}" ${px.toFixed(1)}px`);
      });
      return found;
    });
    expect(small).toEqual([]);
  });

  test("no line ends with a bracket written against the formula that starts the next line", async () => {
    const count = await page.evaluate(() => (window as any).Reveal.getTotalSlides() as number);
    const lonely: string[] = [];
    for (let i = 0; i < count; i++) {
      await showSlide(page, i);
      lonely.push(...(await page.evaluate((i) => {
        const slide = (window as any).Reveal.getCurrentSlide() as HTMLElement;
        const found: string[] = [];
        slide.querySelectorAll(".katex:not(.katex-display .katex)").forEach((k) => {
          const first = k.querySelector(".katex-html .base")?.getBoundingClientRect();
          if (!first || k.closest("aside.notes")) return;
          const before = k.previousSibling;
          const text = before?.nodeType === Node.TEXT_NODE ? (before.textContent ?? "") : "";
          if (!/[(\[]$/.test(text)) return;
          const range = document.createRange();
          range.setStart(before!, text.length - 1);
          range.setEnd(before!, text.length);
          const bracket = range.getBoundingClientRect();
          if (Math.abs(bracket.bottom - first.bottom) > first.height) found.push(`slide ${i + 1}: "${text.slice(-30)}"`);
        });
        return found;
      }, i)));
    }
    expect(lonely).toEqual([]);
  }, 120_000);
});
