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
import { fitProblems, inspectDeck, launchChromium, localhostContext, offlineContext, openDeck, screenshotRoot, type SlideReport } from "./deck-browser";

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
    expect(deck.slides.map((s) => s.at)).toEqual(["0.0", "1.0", "1.1", "1.2", "2.0", "3.0", "4.0"]);
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
    await deck.page.evaluate(() => fetch("https://example.com/probe.json").then(() => "reached", () => "blocked"));
    expect(deck.blocked.slice(before)).toEqual(["https://example.com/probe.json"]);
  });

  test("hash navigation and slide numbers are on", async () => {
    const { page } = deck;
    await page.evaluate(() => (window as any).Reveal.slide(2, 0));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/2");
    expect((await page.locator(".slide-number").textContent())?.replace(/\s+/g, "")).toBe("5/7");
  });
});

test("with scripts off, the deck reads as one page and each chart shows the SVG drawn from its spec at build time", async () => {
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

test("a display formula wider than the slide is reported, not hidden behind a scrollbar", async () => {
  const wide = Array.from({ length: 40 }, (_, k) => `W_{${k}}`).join(" + ");
  const nb = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" }, language_info: { name: "typescript" } },
    cells: [{ cell_type: "markdown", id: "wide", metadata: { slideshow: { slide_type: "slide" } }, source: [`## Too wide\n\n$$${wide}$$`] }],
  };
  const dir = mkdtempSync(join(tmpdir(), "wide-"));
  try {
    writeFileSync(join(dir, "wide.ipynb"), JSON.stringify(nb));
    await buildDecks({ notebooks: [join(dir, "wide.ipynb")], outDir: join(dir, "dist") });
    const context = await offlineContext(browser, []);
    try {
      const page = await openDeck(context, join(dir, "dist", "wide.html"), []);
      const problems = fitProblems("wide", await inspectDeck(page, "wide"));
      expect(problems).toEqual([expect.stringMatching(/^wide slide 0\.0 "Too wide" is \d+px too wide$/)]);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.runIf(notebooks.length > 0)("decks of the project's notebooks", () => {
  test.each(notebooks.map(deckName))("%s: every slide fits, renders its formulas and charts, offline, no injected script", async (name) => {
    const deck = await visitDeck(name);
    try {
      expectCleanDeck(name, deck);
      expect(await deck.page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    } finally {
      await deck.context.close();
    }
  }, 180_000);
});
