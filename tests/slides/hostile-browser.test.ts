// The hostile fixture's deck in real Chromium, from file:// and over http: every slide is
// visited with its fragments and charts, and no probe may run script (window.__pwned, the
// page title, a dialog), make reveal.js build a slide, background or frame, or send any
// request but the deck's own files. The client's half is probed on its own: charts whose
// specs never passed the build are added to a slide, and the deck's embedding must still
// refuse every URL and every embed option a spec carries.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildDecks } from "../../slides/build";
import { serveDecks } from "../../slides/serve";
import { judgeUrl } from "../../slides/urls";
import { inspectDeck, launchChromium, localhostContext, offlineContext, openDeck } from "./deck-browser";

const fixture = join(__dirname, "..", "fixtures", "slides", "hostile.ipynb");
const title = "Hostile notebook";

let browser: Browser;
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "hostile-decks-"));
  await buildDecks({ notebooks: [fixture], outDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** Everything that would show that a probe ran or fetched, read from the page. */
interface Watch {
  dialogs: string[];
  requests: string[];
  errors: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], requests: [], errors: [] };
  page.on("dialog", (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("request", (r) => void w.requests.push(r.url()));
  page.on("pageerror", (e) => void w.errors.push(String(e)));
  return w;
}

/** Requests for anything but the deck's page and its assets/ folder. */
const foreignRequests = (requests: string[], deckUrl: string) => {
  const assets = new URL("assets/", deckUrl).href;
  return requests.filter((url) => url !== deckUrl && !url.startsWith(assets));
};

const probeState = (page: Page) =>
  page.evaluate(() => ({
    pwned: (window as any).__pwned as unknown,
    title: document.title,
    slides: (window as any).Reveal.getTotalSlides() as number,
    frames: document.querySelectorAll("iframe, frame, object, embed, video, audio, foreignObject").length,
    backgrounds: Array.from(document.querySelectorAll<HTMLElement>(".reveal .backgrounds *")).filter(
      (el) => el.style.backgroundImage !== "" || el.tagName === "IFRAME" || el.tagName === "VIDEO",
    ).length,
    revealAttributes: document.querySelectorAll(
      [
        "data-src", "data-background", "data-background-image", "data-background-iframe", "data-background-video",
        "data-background-interactive", "data-autoplay", "data-preload", "data-notes", "data-transition", "data-autoslide",
      ].map((a) => `.reveal .slides [${a}]`).join(", ") + ", .reveal .slides section[data-state]",
    ).length,
    actions: document.querySelectorAll(".vega-actions, .vega-embed.has-actions").length,
  }));

const clean = { pwned: undefined, title, slides: 9, frames: 0, backgrounds: 0, revealAttributes: 0, actions: 0 };

describe("from file://", () => {
  let context: BrowserContext;
  let page: Page;
  let w: Watch;
  const blocked: string[] = [];
  const deckUrl = () => page.url().split("#")[0];

  beforeAll(async () => {
    context = await offlineContext(browser, blocked);
    // The watch must be on before the page loads: probes act while it loads.
    context.on("page", (p) => void (w = watch(p)));
    page = await openDeck(context, join(outDir, "hostile.html"), []);
    await inspectDeck(page, "hostile");
  });
  afterAll(async () => {
    await context?.close();
  });

  test("every slide visited: no probe ran, no slide, background, frame or reveal attribute came from content, nothing fetched", async () => {
    expect(await probeState(page)).toEqual(clean);
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(foreignRequests(w.requests, deckUrl())).toEqual([]);
  });

  test("the chart whose spec asked for actions, a source header and remote config is drawn live with the deck's options", async () => {
    await page.evaluate(() => (window as any).Reveal.slide(7, 0));
    const chart = page.locator(".present .chart");
    await expect.poll(() => chart.getAttribute("data-state"), { timeout: 20_000 }).toBe("live");
    expect(await chart.locator(".chart-live svg .mark-rect path").count()).toBe(2);
    expect(await page.locator(".vega-actions, details.vega-embed-actions, .vega-embed summary").count()).toBe(0);
  });

  test("legitimate content next to the probes renders: math beside attributes, collapsed details, images, cleaned SVG", async () => {
    expect(await page.locator('span[title^="cost"]').getAttribute("title")).toBe("cost $x$ and $y$");
    expect(await page.locator('a[title="$$t$$"]').getAttribute("href")).toBe("https://example.org/");
    expect(await page.locator('img[alt="alt with $z$"]').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await page.locator("section").nth(3).locator(".cell .katex").count()).toBe(1);
    const details = page.locator("details:not(.chart-text)"); // the notebook's; each chart also gets a "Chart data" toggle
    expect(await details.count()).toBe(2);
    expect(await details.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))).toEqual([false, false]);
    expect(await details.first().locator("summary").textContent()).toBe("Explanation");
    expect(await page.locator("img.output.image").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await page.locator("#probe-rect").evaluate((r) => [r.getAttribute("fill"), r.getAttribute("stroke")])).toEqual([null, "url(#grad)"]);
  });

  test("the speaker view shows the notes without running or fetching anything from them", async () => {
    await page.evaluate(() => (window as any).Reveal.slide(3, 0));
    const [speaker] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("s")]);
    const notes = speaker.locator(".speaker-controls-notes");
    await expect.poll(() => notes.textContent(), { timeout: 20_000 }).toContain("Speaker probe");
    expect(await notes.locator("math").count()).toBe(1);
    expect(await notes.locator("span[title]").getAttribute("title")).toBe("$n$");
    expect(await notes.locator("iframe, [data-src], [onerror]").count()).toBe(0);
    expect(await speaker.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await speaker.close();
    expect(await probeState(page)).toEqual(clean);
    expect(blocked).toEqual([]);
  });

  test("charts that never passed the build: the deck's loader refuses every URL and no spec changes the embed options", async () => {
    const before = w.requests.length;
    const specs = [
      { data: { url: "http:\\\\probe.invalid/client-backslash.json" }, mark: "point" },
      { data: { url: " //probe.invalid/client-protocol-relative.json" }, mark: "point" },
      { data: { url: "client-relative.json" }, mark: "point" },
      { data: { url: "data:application/json,[{\"a\":1}]" }, mark: "point" },
      { data: { values: [{ u: "HTTP://probe.invalid/client-field.png" }] }, mark: "image", encoding: { url: { field: "u" }, x: { value: 5 }, y: { value: 5 } } },
      { data: { values: [{ a: 1 }] }, mark: { type: "image", url: "\thttps://probe.invalid/client-mark.png", width: 5, height: 5 } },
      { data: { values: [{ a: 1 }] }, mark: { type: "image", url: "client-mark-relative.png", width: 5, height: 5 } },
      {
        data: { values: [{ a: 1 }] }, mark: "point",
        usermeta: { embedOptions: {
          actions: true, sourceHeader: "<script>window.__pwned='client-header'</script>", renderer: "canvas",
          config: "http:\\\\probe.invalid/client-config.json", patch: "//probe.invalid/client-patch.json", loader: { baseURL: "http://probe.invalid/" },
        } },
      },
      { data: { values: [{ a: 1 }] }, mark: { type: "point", size: 4000, filled: true }, encoding: { href: { value: "javascript: window.__pwned='client-href'" } } },
      { data: { values: [{ a: 1 }] }, mark: "point", usermeta: { embedOptions: { config: { background: "red" }, patch: [{ op: "add", path: "/data/url", value: "http://probe.invalid/p.json" }] } } },
    ];
    const states = await page.evaluate(async (specs) => {
      const Reveal = (window as any).Reveal;
      const slide = Reveal.getSlides()[1] as HTMLElement;
      for (const spec of specs) {
        const chart = document.createElement("div");
        chart.className = "chart";
        const script = document.createElement("script");
        script.type = "application/json";
        script.className = "chart-spec";
        script.textContent = JSON.stringify(spec);
        const live = document.createElement("div");
        live.className = "chart-live";
        chart.append(script, live);
        slide.append(chart);
      }
      Reveal.slide(1, 0);
      const charts = Array.from(slide.querySelectorAll<HTMLElement>(".chart"));
      while (!charts.every((c) => ["live", "failed"].includes(c.dataset.state ?? ""))) await new Promise((r) => setTimeout(r, 50));
      // Let any image mark finish asking for its URL before the requests are counted.
      await new Promise((r) => setTimeout(r, 500));
      return charts.map((c) => ({ state: c.dataset.state, canvas: c.querySelector("canvas") !== null }));
    }, specs);
    expect(states).toHaveLength(specs.length);
    // The inline-data charts draw (with the deck's SVG renderer); the others fail to load.
    expect(states.slice(-3)).toEqual([{ state: "live", canvas: false }, { state: "live", canvas: false }, { state: "live", canvas: false }]);
    // A click on the mark whose href is script: vega asks the loader, which refuses.
    const linked = page.locator(".present .chart").nth(-3).locator(".chart-live svg .mark-symbol path").first();
    await linked.click({ force: true });
    await page.waitForTimeout(300);
    // Fonts of the deck's own assets may load as new text appears; nothing else may be asked for.
    expect(foreignRequests(w.requests.slice(before), deckUrl())).toEqual([]);
    expect(blocked).toEqual([]);
    expect(await probeState(page)).toEqual(clean);
    expect(w.dialogs).toEqual([]);
  });
});

test("served over http, every slide visited: no probe ran and no request but the deck's own files", async () => {
  const server = await serveDecks({ root: outDir, port: 0 });
  const foreign: string[] = [];
  const context = await localhostContext(browser, foreign);
  try {
    const page = await context.newPage();
    const w = watch(page);
    const deckUrl = new URL("hostile.html", server.url).href;
    await page.goto(deckUrl);
    await page.waitForFunction(() => (window as any).Reveal?.isReady());
    await inspectDeck(page, "hostile-http");
    expect(await probeState(page)).toEqual(clean);
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(foreign).toEqual([]);
    expect(foreignRequests(w.requests, deckUrl)).toEqual([]);
  } finally {
    await context.close();
    await server.close();
  }
});

test("the build reads each URL as Chromium does: the same resolution for every spelling", async () => {
  const spellings = [
    "  JaVa\tScRiPt:alert(1)", "java\nscript:x", "\u0001 javascript:x", "HTTP:\\\\probe.invalid\\a", "http:probe.invalid/b",
    "//probe.invalid/c", "\\\\probe.invalid/d", "/\\probe.invalid/e", "\\/probe.invalid/f", "/\t/probe.invalid/g", " \n//probe.invalid/h",
    "DATA:image/png;base64,AA==", "Https://EXAMPLE.org/%7e", "#grad", "other.html#x", "./a/../b", "mailto:a@b.c", "vbscript:x",
  ];
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent('<base href="https://deck.invalid/deck/"><a id="probe">x</a>');
    const chromium = await page.evaluate((spellings) => {
      const a = document.getElementById("probe") as HTMLAnchorElement;
      return spellings.map((s) => {
        a.setAttribute("href", s);
        return a.href;
      });
    }, spellings);
    expect(spellings.map((s) => judgeUrl(s)?.url.href)).toEqual(chromium);
  } finally {
    await context.close();
  }
});
