// Live decks: how long after a parameter change each chart of a deck holds its recomputed
// spec, in Chromium, from file://, at the notebook's default sizes (only the seed changes, so
// every chart whose data depend on the seed changes and the work is the default work). A chart
// counts as redrawn when the page has replaced its spec; the one on screen is then drawn by
// vega within a frame or two. A chart whose data do not depend on the seed is kept as it is
// (its spec is never replaced) and is reported as kept.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildDecks, deckName, listNotebooks } from "../slides/build";
import { launchChromium } from "../slides/chromium";

export interface LiveChartTiming {
  cellId: string;
  /** median ms from the change to the chart's new spec; null: kept (it does not depend on the seed) */
  ms: number | null;
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
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(pathToFileURL(join(out, `${deck}.html`)).href);
      await page.waitForFunction(() => document.documentElement.dataset.deckState === "ready");
      const perChart = new Map<string, (number | null)[]>();
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
            readyMs: end - start,
            charts: charts.map((c) => ({ cellId: (c.closest("[data-cell-id]") as HTMLElement).dataset.cellId!, ms: changed.has(c) ? changed.get(c)! - start : null })),
          };
        }, 1000 + run);
        if (run === 0) continue; // the first change also starts the spare worker
        ready.push(timing.readyMs);
        for (const c of timing.charts) perChart.set(c.cellId, [...(perChart.get(c.cellId) ?? []), c.ms]);
      }
      await page.close();
      const report = {
        deck,
        readyMs: median(ready),
        charts: [...perChart].map(([cellId, ms]) => ({ cellId, ms: ms.every((m) => m === null) ? null : median(ms.map((m) => m ?? 0)) })),
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
    const fast = redrawn.filter((c) => c.ms! <= 100).length;
    const kept = r.charts.length - redrawn.length;
    lines.push(`| ${r.deck}: every chart recomputed (deckState "ready") | ${r.readyMs.toFixed(0)} ms |`);
    lines.push(`| ${r.deck}: charts holding their new spec within 100 ms | ${fast} of ${redrawn.length}${kept > 0 ? ` (${kept} more kept: they do not depend on the seed)` : ""} |`);
    for (const c of r.charts) lines.push(`| ${r.deck}, chart of cell \`${c.cellId}\` | ${c.ms === null ? "kept" : `${c.ms.toFixed(0)} ms`} |`);
  }
  return lines;
}
