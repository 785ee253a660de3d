// Live decks: how long after a parameter change each chart of a deck holds its recomputed
// spec, in Chromium, from file://, at the notebook's default sizes (only the seed changes, so
// every chart whose data depend on the seed changes and the work is the default work). A chart
// counts as redrawn when the page has replaced its spec; the one on screen is then drawn by
// vega within a frame or two. A chart whose data do not depend on the seed is kept as it is
// (its spec is never replaced) and is reported as kept. A chart is long when a cell it needs
// (dependencies.ts) ran one of the library's loops that report progress (training, SGD, Monte
// Carlo, the sweep of scales), as the worker's progress messages show; the others are the fast
// charts, which should hold their new spec within 100 ms.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readNotebookFile } from "../runner/nbformat";
import { buildDecks, deckName, listNotebooks } from "../slides/build";
import { launchChromium } from "../slides/chromium";
import { liveProgram } from "../slides/live/program";
import { closure } from "../slides/live/schedule";

export interface LiveChartTiming {
  cellId: string;
  /** median ms from the change to the chart's new spec; null: kept (it does not depend on the seed) */
  ms: number | null;
  /** a cell it needs reported progress (a long loop) */
  long: boolean;
}

export interface LiveDeckReport {
  deck: string;
  /** median ms from the change to data-deck-state "ready" (every chart recomputed) */
  readyMs: number;
  charts: LiveChartTiming[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runLive(root: string, runs: number, log: (line: string) => void): Promise<LiveDeckReport[]> {
  const out = mkdtempSync(join(tmpdir(), "bench-live-"));
  const browser = await launchChromium();
  try {
    const notebooks = listNotebooks(join(root, "notebooks"));
    await buildDecks({ notebooks, outDir: out, log: () => {} });
    const reports: LiveDeckReport[] = [];
    for (const notebook of notebooks) {
      const deck = deckName(notebook);
      const graph = liveProgram(readNotebookFile(notebook))!.dependencies;
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      // the cells that report progress: read from the worker's messages as the page receives them
      await page.addInitScript(() => {
        const Base = window.Worker;
        const seen = new Set<string>();
        (window as unknown as { progressCells: Set<string> }).progressCells = seen;
        window.Worker = class extends Base {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            this.addEventListener("message", (event: MessageEvent<{ type: string; cell?: string }>) => {
              if (event.data.type === "progress" && event.data.cell) seen.add(event.data.cell);
            });
          }
        };
      });
      await page.goto(pathToFileURL(join(out, `${deck}.html`)).href);
      await page.waitForFunction(() => document.documentElement.dataset.deckState === "ready");
      const perChart = new Map<string, (number | null)[]>();
      const progressCells = new Set<string>();
      const ready: number[] = [];
      for (let run = 0; run < runs + 1; run++) {
        const timing = await page.evaluate(async (seed) => {
          const charts = Array.from(document.querySelectorAll<HTMLElement>(".cell.code[data-cell-id] .chart"));
          const changed = new Map<Element, number>();
          const observer = new MutationObserver((records) => {
            for (const r of records) {
              const chart = (r.target as Element).parentElement?.closest(".chart") ?? (r.target as Element).closest?.(".chart");
              if (chart && !changed.has(chart)) changed.set(chart, performance.now());
            }
          });
          for (const c of charts) observer.observe(c.querySelector("script.chart-spec")!, { childList: true, characterData: true, subtree: true });
          const input = document.querySelector<HTMLInputElement>("#live-seed")!;
          input.value = String(seed);
          const start = performance.now();
          document.querySelector<HTMLFormElement>("form.live-panel")!.requestSubmit();
          await new Promise<void>((resolve) => {
            const timer = setInterval(() => {
              if (document.documentElement.dataset.deckState !== "ready") return;
              clearInterval(timer);
              resolve();
            }, 5);
          });
          const end = performance.now();
          observer.disconnect();
          return {
            progressCells: [...(window as unknown as { progressCells: Set<string> }).progressCells],
            readyMs: end - start,
            charts: charts.map((c) => ({ cellId: (c.closest("[data-cell-id]") as HTMLElement).dataset.cellId!, ms: changed.has(c) ? changed.get(c)! - start : null })),
          };
        }, 1000 + run);
        if (run === 0) continue; // the first change also starts the spare worker
        for (const cell of timing.progressCells) progressCells.add(cell);
        ready.push(timing.readyMs);
        for (const c of timing.charts) perChart.set(c.cellId, [...(perChart.get(c.cellId) ?? []), c.ms]);
      }
      await page.close();
      const report = {
        deck,
        readyMs: median(ready),
        charts: [...perChart].map(([cellId, ms]) => ({
          cellId,
          ms: ms.every((m) => m === null) ? null : median(ms.map((m) => m ?? 0)),
          long: [...closure(graph, cellId)].some((id) => progressCells.has(id)),
        })),
      };
      log(`live ${deck}: every chart recomputed in ${report.readyMs.toFixed(0)} ms`);
      reports.push(report);
    }
    return reports;
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  }
}

export function liveMarkdown(reports: readonly LiveDeckReport[]): string[] {
  const lines = ["| Live deck: a parameter change to … | median |", "| --- | --- |"];
  for (const r of reports) {
    const redrawn = r.charts.filter((c) => c.ms !== null);
    const fast = redrawn.filter((c) => !c.long);
    const kept = r.charts.length - redrawn.length;
    lines.push(`| ${r.deck}: every chart recomputed (deckState "ready") | ${r.readyMs.toFixed(0)} ms |`);
    lines.push(
      `| ${r.deck}: fast charts (no loop with progress among the cells they need) holding their new spec within 100 ms | ` +
        `${fast.filter((c) => c.ms! <= 100).length} of ${fast.length}; ${redrawn.length - fast.length} long${kept > 0 ? `; ${kept} kept (they do not depend on the seed)` : ""} |`,
    );
    for (const c of r.charts) lines.push(`| ${r.deck}, chart of cell \`${c.cellId}\`${c.long ? " (long: needs a loop with progress)" : ""} | ${c.ms === null ? "kept" : `${c.ms.toFixed(0)} ms`} |`);
  }
  return lines;
}
