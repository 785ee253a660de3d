// npm run slides:pdf [-- --notes] [--out dir]: prints a PDF handout per built deck through
// Chromium, using reveal's print mode (?print-pdf lays every slide out as one page, fragments
// shown). Charts print as the static SVG the build drew from their themed spec. With --notes
// each deck also gets a handout with its speaker notes, each slide's notes on the page after
// it (reveal's showNotes=separate-page). The index page then links the handouts.
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { commandFolder, helpText, parseCommandLine, userPath, type Command } from "../tools/command-line";
import { launchChromium } from "./chromium";
import { defaultOutDir } from "./cli";
import { writeDeckList, type DeckEntry } from "./index-page";
import { plainName } from "../tools/output-folder";

export interface Printed {
  pages: number;
  /** charts printed from the static SVG the build drew, and charts drawn live */
  staticCharts: number;
  liveCharts: number;
  /** pages of speaker notes (with `notes`), one after each slide that has notes */
  notePages: number;
}

export interface PrintOptions {
  /** Print each slide's speaker notes on a page after it. */
  notes?: boolean;
}

/** Prints one deck page to `pdfPath` (written whole or not at all). */
export async function printDeck(browser: Browser, htmlPath: string, pdfPath: string, { notes = false }: PrintOptions = {}): Promise<Printed> {
  const page = await browser.newPage();
  try {
    const errors: string[] = [];
    page.on("pageerror", (e) => void errors.push(String(e)));
    // Reveal lays the slides out for print after it is ready, and says so with "pdf-ready":
    // counted before that, a deck had no pages (a run under load printed "0 slides").
    await page.addInitScript(() => document.addEventListener("pdf-ready", () => ((window as any).__pdfReady = true)));
    await page.goto(`${pathToFileURL(htmlPath).href}?print-pdf${notes ? "&showNotes=separate-page" : ""}`);
    await page.waitForFunction(() => (window as any).Reveal?.isReady() && (window as any).__pdfReady === true);
    // Charts without a stored SVG are drawn live even in print mode; wait for them.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLElement>(".chart")).every((c) => ["live", "static", "failed"].includes(c.dataset.state ?? "")),
    );
    await page.evaluate(() => document.fonts.ready);
    if (errors.length > 0) throw new Error(`${htmlPath}: ${errors.join("; ")}`);
    const pages = await page.locator(".pdf-page").count();
    const staticCharts = await page.locator('.chart[data-state="static"]').count();
    const liveCharts = await page.locator('.chart[data-state="live"]').count();
    const notePages = await page.locator('.speaker-notes-pdf[data-layout="separate-page"]').count();
    const partial = `${pdfPath}.partial`;
    await page.pdf({ path: partial, preferCSSPageSize: true, printBackground: true });
    renameSync(partial, pdfPath);
    return { pages, staticCharts, liveCharts, notePages };
  } finally {
    await page.close();
  }
}

/** Prints every deck listed in `<outDir>/decks.json` (with `notes`, also a handout with notes) and relinks the index page. */
export async function printDecks(outDir: string, log: (line: string) => void = () => {}, { notes = false }: PrintOptions = {}): Promise<DeckEntry[]> {
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
      log(`${pdf}: ${pages} pages; charts: ${staticCharts} from the static SVG, ${liveCharts} drawn live`);
      const entry: DeckEntry = { ...deck, pdf };
      if (notes) {
        const notesPdf = `${deck.name}-notes.pdf`;
        const withNotes = await printDeck(browser, join(outDir, deck.file), join(outDir, notesPdf), { notes });
        log(`${notesPdf}: ${withNotes.pages} slides and ${withNotes.notePages} page${withNotes.notePages === 1 ? "" : "s"} of speaker notes`);
        entry.notesPdf = notesPdf;
      }
      printed.push(entry);
    }
    writeDeckList(outDir, printed);
    return printed;
  } finally {
    await browser.close();
  }
}

const command: Command = {
  usage: "npm run slides:pdf -- [--notes] [--out dir]",
  options: [
    { flag: "--notes", help: "also print <deck>-notes.pdf: each slide, then its speaker notes on the next page" },
    { flag: "--out", value: "dir", help: "the folder of built decks (default slides/dist)" },
  ],
  notes: "Prints <deck>.pdf for every deck that `npm run slides` built, and links the handouts from its index page.",
};

/** slides:pdf's arguments; the folder is made absolute against `folder`. A bare folder name still works. */
export function parsePdfArgs(argv: readonly string[], folder = process.cwd()): { outDir: string; notes: boolean; help: boolean } {
  const { values, positionals, help } = parseCommandLine(argv, command);
  if (positionals.length > 1) throw new RangeError(`one folder at most, got ${positionals.join(" ")}\n\n${helpText(command)}`);
  const out = values.get("--out")?.at(-1) ?? positionals[0];
  return { outDir: out === undefined ? defaultOutDir : userPath(folder, out), notes: values.has("--notes"), help };
}

if (require.main === module) {
  let args: ReturnType<typeof parsePdfArgs>;
  try {
    args = parsePdfArgs(process.argv.slice(2), commandFolder("slides:pdf"));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { outDir, notes, help } = args;
  if (help) console.log(helpText(command));
  else {
    printDecks(outDir, (line) => console.log(line), { notes }).catch((error: unknown) => {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      console.error(missing ? `${outDir} has no built decks: run \`npm run slides\` first` : error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
  }
}
