// The deck refuses chart data given by URL: a notebook's spec must not make the page fetch
// anything. Built from a notebook whose charts point at remote, protocol-relative and
// relative URLs, opened in real Chromium with every request recorded: no request for the
// data is made at all, each such chart draws no marks, and the refusal is logged; the
// inline chart beside them draws its points.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { VEGA_LITE_MIME } from "../../lib/src/display/mime";
import { buildDecks } from "../../slides/build";
import { launchChromium } from "./deck-browser";

const urls = ["https://example.com/data.json", "//example.com/data.json", "data.json"];
const inline = { data: { values: [{ a: 1 }, { a: 2 }] }, mark: "point", title: "inline", encoding: { x: { field: "a", type: "quantitative" } } };
const chartCell = (spec: object, i: number) => ({
  cell_type: "code",
  id: `chart-${i}`,
  execution_count: i + 1,
  metadata: { slideshow: { slide_type: "slide" } },
  source: `show(spec${i})`,
  outputs: [{ output_type: "display_data", data: { [VEGA_LITE_MIME]: spec, "text/plain": "chart" }, metadata: {} }],
});

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "url-data-"));
  const specs = [...urls.map((url) => ({ ...inline, title: url, data: { url } })), inline];
  const nb = { cells: [{ cell_type: "markdown", id: "t", metadata: {}, source: "# URL data" }, ...specs.map(chartCell)], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(join(dir, "url-data.ipynb"), JSON.stringify(nb));
  writeFileSync(join(dir, "data.json"), '[{"a": 1}]');
  await buildDecks({ notebooks: [join(dir, "url-data.ipynb")], outDir: join(dir, "out") });
  writeFileSync(join(dir, "out", "data.json"), '[{"a": 1}]'); // a relative URL would find this
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("charts with URL data draw nothing and request nothing; the inline chart draws", async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 730 } });
  const requested: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/data\.json/.test(url)) requested.push(url);
    return url.startsWith("file:") ? route.continue() : route.abort();
  });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "out", "url-data.html")).href);
    await page.waitForFunction(() => (window as any).Reveal?.isReady());
    const errors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    const marks: number[] = [];
    for (let h = 1; h <= urls.length + 1; h++) {
      await page.evaluate((h) => (window as any).Reveal.slide(h, 0), h);
      await page.waitForFunction(() => {
        const chart = document.querySelector(".present .chart") as HTMLElement | null;
        return chart && ["live", "failed"].includes(chart.dataset.state ?? "");
      });
      await page.waitForTimeout(300); // a refused load settles after the view is drawn
      marks.push(await page.locator(".present .chart-live .mark-symbol path").count());
    }
    expect(marks).toEqual([...urls.map(() => 0), 2]);
    expect(requested).toEqual([]);
    for (const url of urls.slice(0, 2)) expect(errors.join("\n")).toContain(url);
  } finally {
    await context.close();
  }
}, 120_000);
