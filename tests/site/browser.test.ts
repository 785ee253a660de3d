// The course site in real Chromium, from file:// with every other request blocked and counted:
// the index, each notebook page (every cell, charts drawn live and interactive, formulas
// typeset, no console error, no network request, no script from a notebook ran) and a deck.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listNotebooks } from "../../slides/build";
import { buildSite } from "../../slides/site";
import { parseNotebook } from "../../runner";
import { launchChromium, offlineContext } from "../slides/deck-browser";
import { scratchFolder } from "../temp-dir";

const root = join(__dirname, "..", "..");
const features = join(root, "tests", "fixtures", "slides", "features.ipynb");
const notebooks = [features, ...listNotebooks(join(root, "notebooks"))];
const screenshots = join(root, "test-artifacts", "site");
const scratch = scratchFolder("site-browser-");
const out = join(scratch.folder, "site");

let browser: Browser;
let context: BrowserContext;
const blocked: string[] = [];

beforeAll(async () => {
  await buildSite({ notebooks, outDir: out });
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
  context = await offlineContext(browser, blocked);
});

afterAll(async () => {
  await browser?.close();
  scratch.remove();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await context.newPage();
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => void errors.push(String(e)));
  await page.goto(pathToFileURL(join(out, path)).href);
  return { page, errors };
}

test("the index links every notebook's page, deck and .ipynb, and loads cleanly", async () => {
  const { page, errors } = await open("index.html");
  const links = await page.locator("a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")));
  for (const name of ["features", "01-residual-connections", "02-dropout-regularization"]) {
    expect(links).toEqual(expect.arrayContaining([`notebooks/${name}.html`, `decks/${name}.html`, `notebooks/${name}.ipynb`]));
  }
  await page.screenshot({ path: join(screenshots, "index.png"), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

for (const path of notebooks) {
  const name = path.split("/").pop()!.replace(/\.ipynb$/, "");
  describe(`notebook page ${name}`, () => {
    let page: Page;
    let errors: string[];
    beforeAll(async () => {
      ({ page, errors } = await open(`notebooks/${name}.html`));
      await page.waitForFunction(() => document.documentElement.dataset.charts === "done", null, { timeout: 60_000 });
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
    });
    afterAll(async () => {
      await page?.close();
    });

    test("shows every cell, every chart drawn live, every formula typeset; no console error, no request, no injected script", async () => {
      const nb = parseNotebook(readFileSync(path, "utf8"));
      const seen = await page.evaluate(() => ({
        cells: document.querySelectorAll("main > .nb-cell").length,
        charts: Array.from(document.querySelectorAll<HTMLElement>(".chart")).map((c) => ({ state: c.dataset.state, drawn: c.querySelector(".chart-live svg") !== null })),
        formulas: document.querySelectorAll(".katex").length,
        katexErrors: document.querySelectorAll(".katex-error").length,
        pwned: (window as any).__pwned,
      }));
      expect(seen.cells).toBe(nb.cells.length);
      const charts = nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => "data" in o && o.data && "application/vnd.vegalite.v5+json" in o.data));
      expect(seen.charts).toEqual(charts.map(() => ({ state: "live", drawn: true })));
      expect(seen.formulas).toBeGreaterThan(0);
      expect(seen.katexErrors).toBe(0);
      expect(seen.pwned).toBeUndefined();
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    });

    test("offers the .ipynb and the command that reproduces it", async () => {
      expect(await page.locator(`a[download][href="${name}.ipynb"]`).count()).toBe(1);
      const command = await page.locator(".reproduce pre.command").textContent();
      expect(command).toMatch(new RegExp(`^npm run execute -- (--set \\S+ )+\\S*${name}\\.ipynb$`));
    });
  });
}

test("a chart's slider redraws it on the page", async () => {
  const { page, errors } = await open("notebooks/features.html");
  await page.waitForFunction(() => document.documentElement.dataset.charts === "done");
  const chart = page.locator(".chart-live").filter({ has: page.locator('input[type="range"]') });
  await expect.poll(() => chart.count()).toBe(1);
  const before = await chart.locator("svg").innerHTML();
  await chart.locator('input[type="range"]').evaluate((input: HTMLInputElement) => {
    input.value = "2";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await expect.poll(() => chart.locator("svg").innerHTML()).not.toBe(before);
  expect(errors).toEqual([]);
  await page.close();
});

test("a deck of the site opens from file:// with its charts, offline", async () => {
  const { page, errors } = await open("decks/01-residual-connections.html");
  await page.waitForFunction(() => (window as any).Reveal?.isReady());
  expect(await page.evaluate(() => (window as any).Reveal.getTotalSlides())).toBeGreaterThan(5);
  expect(errors).toEqual([]);
  expect(blocked).toEqual([]);
  await page.close();
});

test("the network guard sees a request when one is made (so an empty list means none was)", async () => {
  const { page } = await open("index.html");
  const before = blocked.length;
  await page.evaluate(() => fetch("https://example.com/x.json").then(() => "reached", () => "blocked"));
  expect(blocked.slice(before)).toEqual(["https://example.com/x.json"]);
  blocked.splice(before);
  await page.close();
});
