// `npm run slides:pdf`: one PDF page per slide, charts printed from their static SVG, and
// the index page linking the handout, still after a rebuild of the unchanged deck.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { buildDecks } from "../../slides/build";
import { scratchFolder } from "../temp-dir";
import { parsePdfArgs, printDecks } from "../../slides/pdf";

const features = join(__dirname, "..", "fixtures", "slides", "features.ipynb");
const scratch = scratchFolder("deck-pdf-");
afterAll(scratch.remove);

test("the fixture deck prints as 8 pages (its 7 slides and the Parameters slide of a live deck) of the slide's shape, the chart from its static SVG, and the index links the PDF", async () => {
  const outDir = scratch.folder;
  await buildDecks({ notebooks: [features], outDir });
  const log: string[] = [];
  const decks = await printDecks(outDir, (line) => log.push(line));
  expect(log).toEqual(["features.pdf: 8 pages; charts: 1 from the static SVG, 0 drawn live"]);
  expect(decks).toEqual([{ name: "features", title: "Skip connections in slides", file: "features.html", pdf: "features.pdf" }]);
  const pdf = readFileSync(join(outDir, "features.pdf")).toString("latin1");
  expect(pdf.startsWith("%PDF-")).toBe(true);
  expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(8);
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

test("--notes also prints a handout with each slide's speaker notes on the page after it; the plain one stays", async () => {
  const outDir = join(scratch.folder, "notes");
  await buildDecks({ notebooks: [features], outDir });
  const log: string[] = [];
  const decks = await printDecks(outDir, (line) => log.push(line), { notes: true });
  // One slide of the fixture has notes ("stress the identity term"): 8 slides + 1 page of notes.
  expect(log).toEqual(["features.pdf: 8 pages; charts: 1 from the static SVG, 0 drawn live", "features-notes.pdf: 8 slides and 1 page of speaker notes"]);
  expect(decks[0]).toMatchObject({ pdf: "features.pdf", notesPdf: "features-notes.pdf" });
  const pages = (file: string) => readFileSync(join(outDir, file)).toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g)?.length;
  expect(pages("features.pdf")).toBe(8);
  expect(pages("features-notes.pdf")).toBe(9);
  const index = readFileSync(join(outDir, "index.html"), "utf8");
  expect(index).toContain('<a href="features.pdf">PDF handout</a>');
  expect(index).toContain('<a href="features-notes.pdf">with speaker notes</a>');
  // An unchanged rebuild keeps both handouts linked.
  await buildDecks({ notebooks: [features], outDir });
  expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain('<a href="features-notes.pdf">with speaker notes</a>');
}, 120_000);

test("slides:pdf reads its arguments with the project's parser: --notes, --out or a folder, --help", () => {
  expect(parsePdfArgs(["--notes", "--out", "site"], "/course")).toEqual({ outDir: "/course/site", notes: true, help: false });
  expect(parsePdfArgs(["built"], "/course")).toMatchObject({ outDir: "/course/built", notes: false });
  expect(parsePdfArgs(["--help"]).help).toBe(true);
  expect(() => parsePdfArgs(["--note"])).toThrow(/option --note is unknown/);
  expect(() => parsePdfArgs(["a", "b"])).toThrow(RangeError);
});
