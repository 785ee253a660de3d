// `npm run slides:pdf`: one PDF page per slide, charts printed from their static SVG, and
// the index page linking the handout, still after a rebuild of the unchanged deck.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { buildDecks } from "../../slides/build";
import { scratchFolder } from "../temp-dir";
import { printDecks } from "../../slides/pdf";

const features = join(__dirname, "..", "fixtures", "slides", "features.ipynb");
const scratch = scratchFolder("deck-pdf-");
afterAll(scratch.remove);

test("the fixture deck prints as 7 pages of the slide's shape, the chart from its stored SVG, and the index links the PDF", async () => {
  const outDir = scratch.folder;
  await buildDecks({ notebooks: [features], outDir });
  const log: string[] = [];
  const decks = await printDecks(outDir, (line) => log.push(line));
  expect(log).toEqual(["features.pdf: 7 pages; charts: 1 from the stored SVG, 0 drawn live"]);
  expect(decks).toEqual([{ name: "features", title: "Skip connections in slides", file: "features.html", pdf: "features.pdf" }]);
  const pdf = readFileSync(join(outDir, "features.pdf")).toString("latin1");
  expect(pdf.startsWith("%PDF-")).toBe(true);
  expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(7);
  // reveal sizes print pages from the deck's 960x700 (plus margin): landscape, same ratio.
  const [, w, h] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!.map(Number);
  expect(w / h).toBeCloseTo(960 / 700, 1);
  expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain('<a href="features.pdf">PDF handout</a>');
  // Rebuilding the unchanged deck keeps the handout and its link.
  const printed = readFileSync(join(outDir, "features.pdf"));
  await buildDecks({ notebooks: [features], outDir });
  expect(readFileSync(join(outDir, "features.pdf"))).toEqual(printed);
  expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain('<a href="features.pdf">PDF handout</a>');
}, 120_000);
