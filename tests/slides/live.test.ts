// Live decks in real Chromium, from file:// with every other request refused: for the same
// parameters, each chart the browser recomputes carries the data the kernel produces for that
// cell (`npm run execute -- --set ...`), numbers within 1e-9 relative, at the defaults and at
// two other parameter sets per deck. A change on the panel recomputes only the charts whose
// data depend on it, and the deck then equals the kernel's run for the new values throughout.
// Invalid values are refused with the runner's messages and leave the charts as they were.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { buildDecks } from "../../slides/build";
import { safeSpec } from "../../slides/chart-spec";
import { deckSpec } from "../../slides/chart-theme";
import { declaredParameters } from "../../runner/parameters";
import { readNotebookFile } from "../../runner/nbformat";
import { executeCopy, notebookPath } from "../notebooks/executed";
import { launchChromium } from "./deck-browser";

const RELATIVE = 1e-9;

/** Paths where two JSON values differ: numbers beyond RELATIVE (absolute below 1e-300), anything else exactly. */
export function differences(a: unknown, b: unknown, path = "spec", found: string[] = []): string[] {
  if (found.length > 5) return found;
  if (typeof a === "number" && typeof b === "number") {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    if (!(a === b || Math.abs(a - b) <= RELATIVE * scale || (Number.isNaN(a) && Number.isNaN(b)))) found.push(`${path}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) found.push(`${path}: length ${a.length} vs ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, found));
  } else if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, found);
  } else if (a !== b) found.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`);
  return found;
}

test("the comparison itself: within 1e-9 relative passes, beyond fails, structure must match", () => {
  expect(differences({ v: [1, 2.000000000001, "x"] }, { v: [1, 2, "x"] })).toEqual([]);
  expect(differences({ v: [1, 2.00001] }, { v: [1, 2] })).toHaveLength(1);
  expect(differences({ v: [1] }, { v: [1, 2] })).toEqual(["spec.v: length 1 vs 2"]);
  expect(differences({ a: "x" }, { a: "y", b: 1 })).toHaveLength(2);
});

const decks: { file: string; sets: Record<string, string>[] }[] = [
  {
    file: "01-residual-connections.ipynb",
    sets: [{ seed: "7" }, { depth: "10", activation: "tanh", seed: "3" }, { width: "8", weightScale: "1.5", init: "xavier", steps: "60" }],
  },
  {
    file: "02-dropout-regularization.ipynb",
    sets: [{ seed: "2" }, { p: "0.4", seed: "5" }, { n: "30", d: "3", noise: "1", sgdSteps: "20000" }],
  },
];

let browser: Browser;
let context: BrowserContext;
let outDir: string;
const blocked: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "live-decks-"));
  await buildDecks({ notebooks: decks.map((d) => notebookPath(d.file)), outDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function openLive(file: string, query: Record<string, string>, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => void errors.push(String(e)));
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  const url = `${pathToFileURL(join(outDir, file.replace(/\.ipynb$/, ".html"))).href}?${new URLSearchParams(query)}`;
  await page.goto(url);
  await page.waitForFunction(() => ["ready", "failed"].includes(document.documentElement.dataset.deckState ?? ""), null, { timeout: 120_000 });
  return page;
}

/** The kernel's run of `file` at `set`, once per file and set for the whole test file. */
const kernelRuns = new Map<string, Promise<Awaited<ReturnType<typeof executeCopy>>>>();
function kernelRun(file: string, set: Record<string, string>) {
  const key = `${file} ${JSON.stringify(set)}`;
  if (!kernelRuns.has(key)) {
    kernelRuns.set(key, (async () => {
      const scratch = mkdtempSync(join(tmpdir(), "live-kernel-"));
      try {
        return await executeCopy(notebookPath(file), join(scratch, file), set);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    })());
  }
  return kernelRuns.get(key)!;
}

const deckCharts = (page: Page) => page.evaluate(() => (window as any).deckCharts() as { cellId: string; spec: unknown }[]);

/** Each chart on the page equals the kernel's chart of its cell, themed for the room its slide gives it (as the deck themes it). */
async function expectKernelCharts(page: Page, charts: { cellId: string; spec: unknown }[], kernel: Awaited<ReturnType<typeof executeCopy>>) {
  const rooms = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".cell.code[data-cell-id] .chart")).map((c) => c.dataset.chartHeight));
  const taken = new Map<string, number>();
  for (const [i, { cellId, spec }] of charts.entries()) {
    const k = taken.get(cellId) ?? 0;
    taken.set(cellId, k + 1);
    const specs = (kernel.byId.get(cellId) ?? []).filter((o) => o.data?.[VEGA_LITE_MIME]).map((o) => o.data[VEGA_LITE_MIME]);
    expect(specs.length, `kernel charts of cell ${cellId}`).toBeGreaterThan(k);
    const drawn = deckSpec(safeSpec(specs[k])!, { height: rooms[i] === undefined ? undefined : Number(rooms[i]) });
    expect(differences(spec, drawn), `cell ${cellId}, chart ${k + 1}`).toEqual([]);
  }
}

for (const { file, sets } of decks) {
  describe(`live deck ${file}`, () => {
    for (const set of sets) {
      test(`charts recomputed in the browser equal the kernel's for ${JSON.stringify(set)}`, async () => {
        const kernel = await kernelRun(file, set);
        const errors: string[] = [];
        const page = await openLive(file, set, errors);
        expect(await page.evaluate(() => document.documentElement.dataset.deckState)).toBe("ready");
        const charts = await deckCharts(page);
        expect(charts.length).toBeGreaterThan(3);
        await expectKernelCharts(page, charts, kernel);
        const status = await page.locator(".live-status-text").textContent();
        expect(status).toBe(statusLine(file, set));
        expect(errors).toEqual([]);
        await page.close();
      }, 240_000);
    }
  });
}

/** The status line for `set`: the values that differ from the notebook's own. */
function statusLine(file: string, set: Record<string, string>): string {
  const declared = declaredParameters(readNotebookFile(notebookPath(file)));
  const changed = declared.filter((p) => set[p.name] !== undefined && set[p.name] !== p.value).map((p) => [p.name, set[p.name]]);
  return changed.length === 0 ? "Charts computed for the notebook's own parameters" : `Charts computed for ${changed.map(([n, v]) => `${n} = ${v}`).join(", ")}`;
}

/** Submits `set` on the Parameters panel (every other parameter at the notebook's value) and waits for the deck to settle. */
async function submitOnPanel(page: Page, file: string, set: Record<string, string>): Promise<string | undefined> {
  const values = declaredParameters(readNotebookFile(notebookPath(file))).map((p) => [p.name, set[p.name] ?? p.value]);
  return page.evaluate(async (values) => {
    for (const [name, value] of values) {
      const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`#live-${name}`)!;
      // a menu lists a literal union's members unquoted; `--set` and the URL take either form
      field.value = field instanceof HTMLSelectElement && value.startsWith('"') ? JSON.parse(value) : value;
    }
    document.querySelector<HTMLFormElement>("form.live-panel")!.requestSubmit();
    await new Promise<void>((resolve) => {
      const timer: ReturnType<typeof setInterval> = setInterval(() => {
        if (!["ready", "failed"].includes(document.documentElement.dataset.deckState ?? "")) return;
        clearInterval(timer);
        resolve();
      }, 20);
    });
    return document.documentElement.dataset.deckState;
  }, values);
}

for (const { file, sets } of decks) {
  test(`${file}: a chain of panel changes (several values at once, values back to the notebook's) ends each time with every chart equal to the kernel's`, async () => {
    const errors: string[] = [];
    const page = await openLive(file, sets[1], errors);
    for (const set of [sets[2], sets[0], sets[1]]) {
      expect(await submitOnPanel(page, file, set), JSON.stringify(set)).toBe("ready");
      await expectKernelCharts(page, await deckCharts(page), await kernelRun(file, set));
      expect(await page.locator(".live-status-text").textContent()).toBe(statusLine(file, set));
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);
}

describe("a change on the panel", () => {
  test("recomputes only the charts whose data depend on what changed, and every chart then equals the kernel's", async () => {
    const file = decks[0].file;
    const set = { lr: "0.05" };
    const scratch = mkdtempSync(join(tmpdir(), "live-kernel-"));
    try {
      const kernel = await executeCopy(notebookPath(file), join(scratch, file), set);
      const errors: string[] = [];
      const page = await openLive(file, {}, errors);
      const before = await deckCharts(page);
      const replaced = await page.evaluate(async () => {
        const specs = Array.from(document.querySelectorAll(".cell.code[data-cell-id] .chart script.chart-spec"));
        const changed = new Set<number>();
        const observer = new MutationObserver((records) => records.forEach((r) => changed.add(specs.indexOf(r.target as Element))));
        specs.forEach((s) => observer.observe(s, { childList: true, characterData: true, subtree: true }));
        document.querySelector<HTMLInputElement>("#live-lr")!.value = "0.05";
        document.querySelector<HTMLFormElement>("form.live-panel")!.requestSubmit();
        await new Promise<void>((resolve) => {
          const timer: ReturnType<typeof setInterval> = setInterval(() => {
            if (document.documentElement.dataset.deckState !== "ready") return;
            clearInterval(timer);
            resolve();
          }, 20);
        });
        observer.disconnect();
        return [...changed].sort((a, b) => a - b);
      });
      const charts = await deckCharts(page);
      // only the training charts read lr (through the training run)
      expect(replaced.map((i) => charts[i].cellId)).toEqual(["train-chart", "train-gradient-chart", "train-collapse-chart"]);
      await expectKernelCharts(page, charts, kernel);
      charts.forEach((c, i) => replaced.includes(i) || expect(c.spec, `kept chart of ${c.cellId}`).toEqual(before[i].spec));
      expect(await page.locator(".live-status-text").textContent()).toBe("Charts computed for lr = 0.05");
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("the panel", () => {
  test("an invalid URL value gets the runner's message and the committed charts stay", async () => {
    const errors: string[] = [];
    const before = await (async () => {
      const page = await openLive(decks[0].file, {}, errors);
      const charts = await deckCharts(page);
      await page.close();
      return charts;
    })();
    const page = await openLive(decks[0].file, { depth: "abc", activation: "softmax", nope: "1" }, errors);
    const message = await page.locator(".live-message").textContent();
    expect(message).toContain('depth = "abc" is invalid: expected a finite number');
    expect(message).toContain('activation = "softmax" is invalid: expected one of "sigmoid", "tanh", "relu"');
    expect(message).toContain('--set name = "nope" is invalid');
    expect(await deckCharts(page)).toEqual(before);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  test("a value outside the documented range is refused by the notebook's own checks cell, charts unchanged", async () => {
    const errors: string[] = [];
    const page = await openLive(decks[0].file, {}, errors);
    const before = await deckCharts(page);
    await page.click(".live-open"); // the ⚙ link leads to the Parameters slide
    await page.fill("#live-depth", "1000");
    await page.click(".live-panel button[type=submit]");
    await page.waitForFunction(() => document.documentElement.dataset.deckState === "failed", null, { timeout: 60_000 });
    expect(await page.locator(".live-message").textContent()).toBe("depth = 1000 is invalid: expected an integer in [1, 200]");
    expect(await deckCharts(page)).toEqual(before);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  test("a long loop shows its progress on the status line while it runs, then the line names the new values", async () => {
    const errors: string[] = [];
    const page = await openLive(decks[0].file, {}, errors);
    await page.evaluate(() => {
      const status = document.querySelector(".live-status-text")!;
      const seen: string[] = [];
      (window as any).statusTexts = seen;
      new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, { childList: true, characterData: true, subtree: true });
    });
    expect(await submitOnPanel(page, decks[0].file, { seed: "5" })).toBe("ready");
    const texts = await page.evaluate(() => (window as any).statusTexts as string[]);
    const training = texts.map((t) => /^Computing: compareTraining: SGD steps of both networks, (\d+) %$/.exec(t)).filter((m) => m !== null);
    expect(training.length, texts.join("\n")).toBeGreaterThanOrEqual(2);
    // the first loop (the training chart's; later cells train again) climbs to 100 % in steps
    const percents = training.map((m) => Number(m![1]));
    const first = percents.slice(0, percents.indexOf(100) + 1);
    expect(first.some((v) => v > 0 && v < 100), percents.join(" ")).toBe(true); // shown while it runs, not only at its end
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(texts[texts.length - 1]).toBe("Charts computed for seed = 5");
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  test("a change on the panel recomputes, updates the URL and the command, and a newer change wins", async () => {
    const errors: string[] = [];
    const page = await openLive(decks[1].file, {}, errors);
    await page.click(".live-open"); // the ⚙ link leads to the Parameters slide
    await page.fill("#live-seed", "11");
    await page.click(".live-panel button[type=submit]");
    await page.fill("#live-seed", "12");
    await page.click(".live-panel button[type=submit]");
    await page.waitForFunction(() => document.documentElement.dataset.deckState === "ready", null, { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("seed")).toBe("12");
    expect(await page.locator(".live-status-text").textContent()).toBe("Charts computed for seed = 12");
    expect(await page.locator(".live-command").textContent()).toBe("npm run execute -- --set seed=12 --out try-02-dropout-regularization.ipynb notebooks/02-dropout-regularization.ipynb");
    await page.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  }, 120_000);
});
