// What a rebuild keeps of the output folder it replaces. A subset build (`npm run slides --
// notebooks/02-....ipynb`) rebuilds only the named decks, so every other deck of the previous
// build is carried over with its PDF handout. A PDF handout of a rebuilt deck is kept only if
// the deck's page came out byte-identical: otherwise it shows slides that are no longer there,
// and the index stops linking it (`npm run slides:pdf` prints it again).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DeckEntry } from "./index-page";

/** The deck list of the new build, and the files of the previous output to copy into it. */
export interface Carried {
  entries: DeckEntry[];
  files: string[];
}

/** The decks listed in `<dir>/decks.json` ([] when there is none or it cannot be read). */
export function readDeckList(dir: string): DeckEntry[] {
  try {
    const list: unknown = JSON.parse(readFileSync(join(dir, "decks.json"), "utf8"));
    return Array.isArray(list) ? (list as DeckEntry[]) : [];
  } catch {
    return [];
  }
}

const present = (dir: string, file: string | undefined): file is string => file !== undefined && existsSync(join(dir, file));

/**
 * The entries of the new build (rebuilt decks with the PDFs still valid for them, and with
 * `subset` the previous decks not rebuilt) and the files to copy from `outDir`, by name.
 */
export function carryOver(outDir: string, rebuilt: readonly { entry: DeckEntry; html: string }[], subset: boolean): Carried {
  const previous = readDeckList(outDir);
  const files: string[] = [];
  const entries = rebuilt.map(({ entry, html }) => {
    const before = previous.find((p) => p.name === entry.name);
    const unchanged = before !== undefined && present(outDir, before.file) && readFileSync(join(outDir, before.file), "utf8") === html;
    if (!unchanged || !present(outDir, before.pdf)) return entry;
    files.push(before.pdf);
    if (!present(outDir, before.notesPdf)) return { ...entry, pdf: before.pdf };
    files.push(before.notesPdf);
    return { ...entry, pdf: before.pdf, notesPdf: before.notesPdf };
  });
  if (subset) {
    for (const deck of previous) {
      if (rebuilt.some(({ entry }) => entry.name === deck.name) || !present(outDir, deck.file)) continue;
      const { pdf, notesPdf, ...page } = deck;
      files.push(deck.file);
      const handouts = [pdf, notesPdf].filter((file) => present(outDir, file)) as string[];
      files.push(...handouts);
      entries.push({ ...page, ...(present(outDir, pdf) ? { pdf } : {}), ...(present(outDir, notesPdf) ? { notesPdf } : {}) });
    }
  }
  return { entries: entries.sort((a, b) => a.name.localeCompare(b.name)), files };
}
