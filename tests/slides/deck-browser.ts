// Opens a built deck in Chromium (file://, every other request blocked and counted), visits
// every slide with all fragments shown, measures fit, waits for charts, and screenshots each
// slide into test-artifacts/slides/<deck>/NN.png.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";

export const screenshotRoot = join(__dirname, "..", "..", "test-artifacts", "slides");

export { launchChromium } from "../../slides/chromium";

export interface SlideReport {
  /** reveal's indices, "h.v" */
  at: string;
  heading: string;
  /** content height beyond the 700 px slide (0 when it fits) */
  overflowY: number;
  /** widest chart or slide content beyond the slide width (0 when it fits) */
  overflowX: number;
  charts: { state: string; drawn: boolean }[];
  katexErrors: number;
  /** the font size (px) the autofit shrank the slide to, if it had to */
  fittedFont?: string;
  screenshot: string;
}

/** A context whose only reachable URLs are file:// ones; anything else is aborted and recorded. */
export async function offlineContext(browser: Browser, blocked: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 730 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return context;
}

/** A context that reaches only the local server (127.0.0.1); a request to any other host is aborted and recorded. */
export async function localhostContext(browser: Browser, foreign: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 730 } });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
  return context;
}

export async function openDeck(context: BrowserContext, htmlPath: string, consoleErrors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  page.on("pageerror", (e) => void consoleErrors.push(String(e)));
  await page.goto(pathToFileURL(htmlPath).href);
  await page.waitForFunction(() => (window as any).Reveal?.isReady());
  // Screenshots show the end state of a step, not a fade in progress.
  await page.evaluate(() => (window as any).Reveal.configure({ transition: "none", backgroundTransition: "none" }));
  await page.addStyleTag({ content: ".reveal .fragment, .reveal .slides section { transition: none !important; }" });
  return page;
}

/** Shows slide i with all its fragments, waits until its charts have settled, measures it. */
async function visit(page: Page, i: number): Promise<Omit<SlideReport, "screenshot">> {
  await page.evaluate((i) => {
    const Reveal = (window as any).Reveal;
    const slide = Reveal.getSlides()[i];
    const { h, v } = Reveal.getIndices(slide);
    Reveal.slide(h, v, slide.querySelectorAll(".fragment").length - 1);
  }, i);
  await page.waitForFunction(() => {
    const charts = (window as any).Reveal.getCurrentSlide().querySelectorAll(".chart");
    return Array.from(charts).every((c: any) => ["live", "static", "failed"].includes(c.dataset.state));
  });
  return page.evaluate(() => {
    // A heading's text with each formula as its TeX source (KaTeX renders it twice: MathML + HTML).
    const headingText = (el: Element | null) => {
      if (!el) return "";
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll(".katex").forEach((k) => k.replaceWith(`$${k.querySelector("annotation")?.textContent ?? ""}$`));
      return (copy.textContent ?? "").trim().slice(0, 60);
    };
    const Reveal = (window as any).Reveal;
    const slide: HTMLElement = Reveal.getCurrentSlide();
    const { h, v } = Reveal.getIndices(slide);
    const box = slide.getBoundingClientRect();
    const scale = Reveal.getScale();
    // Every chart drawing and the slide's own content must stay inside the slide's width.
    const widths = Array.from(slide.querySelectorAll(".chart svg, .chart canvas, .output.svg svg")).map(
      (el) => (Math.max(el.getBoundingClientRect().right - box.right, box.left - el.getBoundingClientRect().left)) / scale,
    );
    // A display formula wider than the slide scrolls inside its box (overflow-x: auto), so the
    // slide itself does not grow: count the hidden part of the formula as too wide as well.
    slide.querySelectorAll<HTMLElement>(".katex-display").forEach((el) => widths.push(el.scrollWidth - el.clientWidth));
    return {
      at: `${h}.${v ?? 0}`,
      heading: headingText(slide.querySelector("h1, h2, h3")),
      overflowY: Math.max(0, slide.scrollHeight - Reveal.getConfig().height),
      overflowX: Math.max(0, slide.scrollWidth - slide.clientWidth, ...widths.map((w) => Math.ceil(w))),
      charts: Array.from(slide.querySelectorAll<HTMLElement>(".chart")).map((c) => ({
        state: c.dataset.state ?? "",
        drawn: c.querySelector(".chart-live svg, .chart-live canvas") !== null,
      })),
      katexErrors: slide.querySelectorAll(".katex-error").length,
      fittedFont: slide.dataset.fittedFont,
    };
  });
}

/** Visits every slide of the open deck, screenshotting each into screenshotRoot/<deck>/. */
export async function inspectDeck(page: Page, deck: string): Promise<SlideReport[]> {
  const dir = join(screenshotRoot, deck);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const count = await page.evaluate(() => (window as any).Reveal.getTotalSlides() as number);
  const reports: SlideReport[] = [];
  for (let i = 0; i < count; i++) {
    const report = await visit(page, i);
    const screenshot = join(dir, `${String(i + 1).padStart(2, "0")}.png`);
    await page.screenshot({ path: screenshot });
    reports.push({ ...report, screenshot });
  }
  return reports;
}

/** One line per problem slide, naming the deck and the slide, for assertion messages. */
export function fitProblems(deck: string, slides: readonly SlideReport[]): string[] {
  return slides.flatMap((s) => [
    ...(s.overflowY > 0 ? [`${deck} slide ${s.at} "${s.heading}" overflows by ${s.overflowY}px vertically`] : []),
    ...(s.overflowX > 0 ? [`${deck} slide ${s.at} "${s.heading}" is ${s.overflowX}px too wide`] : []),
    ...(s.katexErrors > 0 ? [`${deck} slide ${s.at} "${s.heading}" has ${s.katexErrors} KaTeX error(s)`] : []),
    ...s.charts.filter((c) => c.state !== "live" || !c.drawn).map((c) => `${deck} slide ${s.at} "${s.heading}" chart not drawn (state ${c.state})`),
  ]);
}
