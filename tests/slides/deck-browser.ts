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
  /** px each code or printed-output box hides below its end while its whole would be at most
   *  half again its height (deck.js shows such a box whole when its slide can fit it) */
  hiddenLines: number[];
  charts: { state: string; drawn: boolean }[];
  katexErrors: number;
  /** the font size (px) the autofit shrank the slide to, if it had to */
  fittedFont?: string;
  readability: Readability;
  screenshot: string;
}

/** What a student at the back of the room sees of a slide, measured on screen. */
export interface Readability {
  /** smallest visible chart text (SVG <text>), in screen px after reveal's scale; null without charts */
  chartTextPx: number | null;
  /** smallest visible code or printed-output text, in screen px; null without code */
  codeTextPx: number | null;
  /** pairs of visible chart labels whose boxes overlap, as "a" / "b" */
  collisions: string[];
  /** visible chart text cut off by an edge of its drawing, as "text" side (left, right, top or bottom) */
  clipped: string[];
  /** words shown: prose, tables and printed lines; a formula is one word; notes, code and charts are not counted */
  words: number;
  /** text whose colour reads below WCAG AA against its background: "text" ratio */
  lowContrast: string[];
}

/** The projector size the readability rules are stated for. */
export const projector = { width: 1280, height: 720 };

/** A context whose only reachable URLs are file:// ones; anything else is aborted and recorded. */
export async function offlineContext(browser: Browser, blocked: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: projector });
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

/** Shows slide i with all its fragments and waits until its charts have settled. */
export async function showSlide(page: Page, i: number): Promise<void> {
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
}

/** Shows slide i with all its fragments, waits until its charts have settled, measures it. */
async function visit(page: Page, i: number): Promise<Omit<SlideReport, "screenshot" | "readability">> {
  await showSlide(page, i);
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
    // The same for a code box: a line running past its right edge is cut there on a projector.
    slide.querySelectorAll<HTMLElement>("pre.code code").forEach((el) => widths.push(el.scrollWidth - el.clientWidth));
    // A box that scrolls hides its end from a lecture hall; deck.js shows one up to half again
    // as tall as the box whole, so one that still hides a little is reported.
    const hiddenLines = Array.from(slide.querySelectorAll<HTMLElement>("pre.code code, pre.output"))
      .filter((el) => el.scrollHeight > el.clientHeight + 1 && el.scrollHeight <= 1.5 * el.clientHeight)
      .map((el) => el.scrollHeight - el.clientHeight);
    return {
      at: `${h}.${v ?? 0}`,
      hiddenLines,
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

/** Measures the current slide's readability (see Readability); runs in the page. */
function readability(page: Page): Promise<Readability> {
  return page.evaluate(() => {
    const slide: HTMLElement = (window as any).Reveal.getCurrentSlide();
    const shown = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true } as any);
    const notes = (el: Element) => el.closest("aside.notes") !== null;

    // Chart text: the font size times the scale from the SVG's user units to the screen
    // (its viewBox scaling and reveal's transform together).
    // Text whose glyphs are not filled is a label's halo (its outline in the background colour,
    // drawn beneath the label), not text of its own.
    const painted = (t: SVGTextElement) => getComputedStyle(t).fill !== "none" && parseFloat(getComputedStyle(t).fillOpacity) > 0;
    const texts = Array.from(slide.querySelectorAll<SVGTextElement>(".chart svg text")).filter((t) => shown(t) && painted(t) && (t.textContent ?? "").trim() !== "");
    const screenPx = (t: SVGTextElement) => {
      const m = t.getScreenCTM()!;
      return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    };
    const chartSizes = texts.map(screenPx);
    const collisions: string[] = [];
    const boxes = texts.map((t) => ({ text: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }));
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 0.5 && h > 0.5) collisions.push(`"${a.text}" / "${b.text}"`);
      }),
    );

    // Chart text that reaches past its drawing is cut off there (an SVG clips what it does not
    // hold): a title or subtitle centred over a narrower plot, a long label, a title placed
    // above a label or annotation that the chart's size did not make room for.
    const clipped: string[] = [];
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const svg = t.ownerSVGElement!.getBoundingClientRect();
      const sides = [
        r.left < svg.left - 1 && "left", r.right > svg.right + 1 && "right",
        r.top < svg.top - 1 && "top", r.bottom > svg.bottom + 1 && "bottom",
      ].filter(Boolean);
      if (sides.length > 0) clipped.push(`"${(t.textContent ?? "").trim().slice(0, 40)}" ${sides.join("+")}`);
    }

    // Code and printed lines: computed size times the element's on-screen scale.
    const code = Array.from(slide.querySelectorAll<HTMLElement>("pre")).filter((el) => shown(el) && !notes(el) && el.offsetWidth > 0);
    const codeSizes = code.map((el) => parseFloat(getComputedStyle(el).fontSize) * (el.getBoundingClientRect().width / el.offsetWidth));

    // Words: visible text outside notes, code, charts and formulas, plus one per formula.
    let words = 0;
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          const el = node as Element;
          if (el.matches("aside.notes, pre.code, .chart, script, style, svg") || !shown(el)) return NodeFilter.FILTER_REJECT;
          if (el.matches(".katex")) {
            words += 1;
            return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_SKIP;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // The body of a closed <details> is not shown, only its summary.
      const closed = node.parentElement?.closest("details:not([open])");
      if (closed && !node.parentElement?.closest("summary")) continue;
      words += (node.textContent ?? "").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    }

    // Contrast (WCAG 2 relative luminance) of each text against the first opaque background behind it.
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    // In a chart, the mark painted under the text's centre (a heatmap cell, a bar), if opaque:
    // text on a mark is read against the mark, not against the chart's background.
    const markBehind = (el: Element): number[] | null => {
      const box = el.getBoundingClientRect();
      const chart = el.closest("svg");
      for (const under of document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)) {
        if (under === chart) break;
        if (!(under instanceof SVGGeometryElement) || under.contains(el)) continue;
        const style = getComputedStyle(under);
        const fill = rgb(style.fill);
        if (fill.length >= 3 && (fill.length === 3 || fill[3] > 0.9) && Number(style.fillOpacity) > 0.9 && Number(style.opacity) > 0.9) return fill.slice(0, 3);
      }
      return null;
    };
    const lowContrast: string[] = [];
    const seen = new Set<Element>();
    const textWalker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = textWalker.nextNode(); node; node = textWalker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || (node.textContent ?? "").trim() === "" || notes(el) || !shown(el) || el.closest(".katex-mathml")) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const inSvg = el instanceof SVGElement;
      const fg = rgb(inSvg ? style.fill : style.color).slice(0, 3);
      if (fg.length < 3) continue;
      const behind = inSvg ? (markBehind(el) ?? background(el.closest("svg"))) : background(el);
      const [l1, l2] = [luminance(fg), luminance(behind)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) lowContrast.push(`"${(node.textContent ?? "").trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }

    return {
      chartTextPx: chartSizes.length ? Math.min(...chartSizes) : null,
      codeTextPx: codeSizes.length ? Math.min(...codeSizes) : null,
      collisions,
      clipped,
      words,
      lowContrast,
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
    reports.push({ ...report, readability: await readability(page), screenshot });
  }
  return reports;
}

/** The readability rules at projector size: text ≥ 16 px, no colliding or cut-off labels, ≤ 90 words, WCAG AA contrast. */
export const readable = { minTextPx: 16, maxWords: 90 };

/** One line per slide that breaks a readability rule, naming the deck and the slide. */
export function readabilityProblems(deck: string, slides: readonly SlideReport[]): string[] {
  return slides.flatMap(({ at, heading, readability: r }) => {
    const where = `${deck} slide ${at} "${heading}"`;
    return [
      ...(r.chartTextPx !== null && r.chartTextPx < readable.minTextPx ? [`${where} has chart text at ${r.chartTextPx.toFixed(1)}px`] : []),
      ...(r.codeTextPx !== null && r.codeTextPx < readable.minTextPx ? [`${where} has code at ${r.codeTextPx.toFixed(1)}px`] : []),
      ...r.collisions.map((c) => `${where} has colliding chart labels ${c}`),
      ...r.clipped.map((c) => `${where} has chart text cut off at the edge of its drawing: ${c}`),
      ...(r.words > readable.maxWords ? [`${where} shows ${r.words} words`] : []),
      ...r.lowContrast.map((c) => `${where} has low-contrast text ${c}`),
    ];
  });
}

/** One line per problem slide, naming the deck and the slide, for assertion messages. */
export function fitProblems(deck: string, slides: readonly SlideReport[]): string[] {
  return slides.flatMap((s) => [
    ...(s.overflowY > 0 ? [`${deck} slide ${s.at} "${s.heading}" overflows by ${s.overflowY}px vertically`] : []),
    ...(s.overflowX > 0 ? [`${deck} slide ${s.at} "${s.heading}" is ${s.overflowX}px too wide`] : []),
    ...s.hiddenLines.map((px) => `${deck} slide ${s.at} "${s.heading}" hides ${px}px of a code or output box`),
    ...(s.katexErrors > 0 ? [`${deck} slide ${s.at} "${s.heading}" has ${s.katexErrors} KaTeX error(s)`] : []),
    ...s.charts.filter((c) => c.state !== "live" || !c.drawn).map((c) => `${deck} slide ${s.at} "${s.heading}" chart not drawn (state ${c.state})`),
  ]);
}

/** A line of code or printed text as shown: the text of each row it wraps into, and each row's left edge (screen px). */
export interface ShownLine {
  rows: { text: string; left: number }[];
}

/**
 * The lines of the first element matching `selector` on the current slide, split where the
 * source has line ends, each into the rows it is drawn on; and the width of one character
 * (the text is monospaced) and the text a reader copies when selecting the whole element.
 */
export function shownLines(page: Page, selector: string): Promise<{ lines: ShownLine[]; ch: number; copied: string }> {
  return page.evaluate((selector) => {
    const el = (window as any).Reveal.getCurrentSlide().querySelector(selector) as HTMLElement;
    const lines: { rows: { text: string; left: number }[] }[] = [{ rows: [] }];
    let top = Number.NaN;
    let ch = 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (let i = 0; i < node.length; i++) {
        const c = node.data[i];
        if (c === "\n") {
          lines.push({ rows: [] });
          top = Number.NaN;
          continue;
        }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (c !== " " && ch === 0) ch = r.width;
        const rows = lines[lines.length - 1].rows;
        if (rows.length === 0 || Math.abs(r.top - top) > r.height / 2) {
          rows.push({ text: "", left: r.left });
          top = r.top;
        }
        rows[rows.length - 1].text += c;
      }
    }
    const selection = window.getSelection()!;
    const all = document.createRange();
    all.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(all);
    const copied = selection.toString();
    selection.removeAllRanges();
    return { lines: lines.filter((l) => l.rows.length > 0), ch, copied };
  }, selector);
}
