// npm run slides:pdf: prints a PDF handout per built deck through Chromium, using reveal's
// print mode (?print-pdf lays every slide out as one page, fragments shown). Charts print
// as the static SVG stored in the notebook. The index page then links the handouts.
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium";
import { defaultOutDir } from "./cli";
import { writeDeckList, type DeckEntry } from "./index-page";
import { plainName } from "./output-folder";

export interface Printed {
  pages: number;
  /** charts printed from the SVG stored with them in the notebook, and charts drawn live */
  staticCharts: number;
  liveCharts: number;
}

/** Prints one deck page to `pdfPath` (written whole or not at all). */
export async function printDeck(browser: Browser, htmlPath: string, pdfPath: string): Promise<Printed> {
  const page = await browser.newPage();
  try {
    const errors: string[] = [];
    page.on("pageerror", (e) => void errors.push(String(e)));
    await page.goto(`${pathToFileURL(htmlPath).href}?print-pdf`);
    await page.waitForFunction(() => (window as any).Reveal?.isReady());
    // Charts without a stored SVG are drawn live even in print mode; wait for them.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLElement>(".chart")).every((c) => ["live", "static", "failed"].includes(c.dataset.state ?? "")),
    );
    await page.evaluate(() => document.fonts.ready);
    if (errors.length > 0) throw new Error(`${htmlPath}: ${errors.join("; ")}`);
    const pages = await page.locator(".pdf-page").count();
    const staticCharts = await page.locator('.chart[data-state="static"]').count();
    const liveCharts = await page.locator('.chart[data-state="live"]').count();
    const partial = `${pdfPath}.partial`;
    await page.pdf({ path: partial, preferCSSPageSize: true, printBackground: true });
    renameSync(partial, pdfPath);
    return { pages, staticCharts, liveCharts };
  } finally {
    await page.close();
  }
}

/** Prints every deck listed in `<outDir>/decks.json` and relinks the index page. */
export async function printDecks(outDir: string, log: (line: string) => void = () => {}): Promise<DeckEntry[]> {
  const decks = JSON.parse(readFileSync(join(outDir, "decks.json"), "utf8")) as DeckEntry[];
  // The handouts are written into this folder only, under names of plain files.
  const stray = decks.find((d) => !plainName(d.name) || !plainName(d.file));
  if (stray) throw new RangeError(`${join(outDir, "decks.json")} lists a deck named ${JSON.stringify(stray.name)} in ${JSON.stringify(stray.file)}: expected plain file names inside the folder; rebuild it with npm run slides`);
  const browser = await launchChromium();
  try {
    const printed: DeckEntry[] = [];
    for (const deck of decks) {
      const pdf = `${deck.name}.pdf`;
      const { pages, staticCharts, liveCharts } = await printDeck(browser, join(outDir, deck.file), join(outDir, pdf));
      log(`${pdf}: ${pages} pages; charts: ${staticCharts} from the stored SVG, ${liveCharts} drawn live`);
      printed.push({ ...deck, pdf });
    }
    writeDeckList(outDir, printed);
    return printed;
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const outDir = process.argv[2] ?? defaultOutDir;
  printDecks(outDir, (line) => console.log(line)).catch((error: unknown) => {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    console.error(missing ? `${outDir} has no built decks: run \`npm run slides\` first` : error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
