// buildDecks: the output folder, offline assets, the index, all-or-nothing replacement,
// and how execution and parameters are passed to the runner. Also the CLI's arguments.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join, relative, sep } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildDecks, listNotebooks, replaceFolder } from "../../slides/build";
import { writeDeckList, type DeckEntry } from "../../slides/index-page";
import { parseArgs } from "../../slides/cli";
import { parseNotebook } from "../../runner/nbformat";
import { markOutputFolder } from "../../tools/output-folder";
import { printedOutputs } from "./printed";

const fixtures = join(__dirname, "..", "fixtures", "slides");
const projectRoot = join(__dirname, "..", "..");
const features = join(fixtures, "features.ipynb");
const badFormula = join(fixtures, "bad-formula.ipynb");
const depthNb = join(fixtures, "parameters.ipynb");
const pNb = join(fixtures, "keep-probability.ipynb");

let parent: string;
let outDir: string;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), "deck-build-"));
  outDir = join(parent, "dist");
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The deck names decks.json lists, in its order. */
const listed = () => deckList().map((d) => d.name);
const deckList = () => JSON.parse(readFileSync(join(outDir, "decks.json"), "utf8")) as DeckEntry[];
const pdfLinks = () => Object.fromEntries(deckList().map((d) => [d.name, d.pdf]));

/** Stands in for `npm run slides:pdf` on these decks: a PDF file each, linked the way it links them. */
function printedFakes(names: string[]): void {
  for (const name of names) writeFileSync(join(outDir, `${name}.pdf`), `%PDF- ${name}`);
  writeDeckList(outDir, deckList().map((d) => (names.includes(d.name) ? { ...d, pdf: `${d.name}.pdf` } : d)));
}

/** An executor whose run ends the notebook with a slide of one code cell that printed `text`. */
const withOutput = (text: string) => async (path: string) => {
  const nb = parseNotebook(readFileSync(path, "utf8"));
  const printed = { id: "printed", cell_type: "code" as const, source: "print()", metadata: { slideshow: { slide_type: "slide" } }, execution_count: 1, outputs: [{ output_type: "stream" as const, name: "stdout" as const, text }] };
  return { ...nb, cells: [...nb.cells, printed] };
};

describe("buildDecks", () => {
  test("writes the deck, the index and every asset the page references", async () => {
    const { decks } = await buildDecks({ notebooks: [features], outDir });
    expect(decks).toEqual([{ name: "features", title: "Skip connections in slides", file: "features.html" }]);
    const html = readFileSync(join(outDir, "features.html"), "utf8");
    const refs = [...html.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(existsSync(join(outDir, ref)), ref).toBe(true);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain('<a href="features.html">Skip connections in slides</a>');
  });

  test("the copied CSS loads nothing from the network, and KaTeX's fonts are all there", async () => {
    await buildDecks({ notebooks: [features], outDir });
    const files = filesUnder(join(outDir, "assets"));
    const css = files.filter((f) => f.endsWith(".css"));
    expect(css.length).toBeGreaterThanOrEqual(6);
    for (const file of css) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/(@import|url)\(\s*["']?(https?:)?\/\//);
      for (const [, font] of text.matchAll(/url\(["']?(fonts\/[^"')?#]+)/g)) expect(existsSync(join(file, "..", font)), font).toBe(true);
    }
    expect(files.some((f) => f.endsWith("KaTeX_Main-Regular.woff2"))).toBe(true);
  });

  test("a bad formula fails the build and leaves the previous output untouched, with no staging folder behind", async () => {
    await buildDecks({ notebooks: [features], outDir });
    const before = filesUnder(outDir).sort();
    await expect(buildDecks({ notebooks: [features, badFormula], outDir })).rejects.toThrow(/notebook "bad-formula", cell 3 \(id broken\)/);
    expect(filesUnder(outDir).sort()).toEqual(before);
    expect(existsSync(join(outDir, "bad-formula.html"))).toBe(false);
    expect(readdirSync(parent)).toEqual(["dist"]);
  });

  test("a failure on a fresh output creates nothing at all", async () => {
    await expect(buildDecks({ notebooks: [badFormula], outDir })).rejects.toThrow(/bad-formula/);
    expect(readdirSync(parent)).toEqual([]);
  });

  test("a notebook file that is missing or cut short fails the build naming it, before anything is written", async () => {
    const cut = join(parent, "cut.ipynb");
    writeFileSync(cut, readFileSync(features, "utf8").slice(0, 100));
    await expect(buildDecks({ notebooks: [features, cut], outDir })).rejects.toThrow(/notebook = ".*cut\.ipynb" is invalid: expected the path of an existing nbformat 4 \.ipynb file \(.*JSON/);
    await expect(buildDecks({ notebooks: [join(parent, "gone.ipynb")], outDir })).rejects.toThrow(/gone\.ipynb" is invalid/);
    expect(readdirSync(parent)).toEqual(["cut.ipynb"]);
  });

  test("a rebuild replaces the folder: decks of notebooks that are gone do not linger", async () => {
    await buildDecks({ notebooks: [features], outDir });
    await buildDecks({ notebooks: [], outDir });
    expect(existsSync(join(outDir, "features.html"))).toBe(false);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain("No notebooks found.");
  });

  test("a subset build rebuilds only the named decks and keeps the others, all listed in the index", async () => {
    await buildDecks({ notebooks: [features, depthNb], outDir });
    const featuresPage = readFileSync(join(outDir, "features.html"));
    await buildDecks({ notebooks: [pNb], outDir, subset: true });
    expect(readdirSync(outDir).filter((f) => f.endsWith(".html")).sort()).toEqual(["features.html", "index.html", "keep-probability.html", "parameters.html"]);
    expect(readFileSync(join(outDir, "features.html"))).toEqual(featuresPage);
    expect(listed()).toEqual(["features", "keep-probability", "parameters"]);
    const index = readFileSync(join(outDir, "index.html"), "utf8");
    for (const name of listed()) expect(index).toContain(`<a href="${name}.html">`);
    // A subset of one deck already there replaces that deck only.
    await buildDecks({ notebooks: [depthNb], outDir, execute: true, executor: withOutput("SUBSET REBUILD"), subset: true });
    expect(printedOutputs(readFileSync(join(outDir, "parameters.html"), "utf8")).map(([, text]) => text).join("")).toContain("SUBSET REBUILD");
    expect(readFileSync(join(outDir, "features.html"))).toEqual(featuresPage);
    expect(listed()).toEqual(["features", "keep-probability", "parameters"]);
  });

  test("a PDF handout stays linked while its deck is unchanged and is dropped when the deck changes, in full and subset builds", async () => {
    await buildDecks({ notebooks: [features, depthNb], outDir });
    printedFakes(["features", "parameters"]);
    await buildDecks({ notebooks: [features, depthNb], outDir }); // the same decks again
    expect(pdfLinks()).toEqual({ features: "features.pdf", parameters: "parameters.pdf" });
    expect(readFileSync(join(outDir, "features.pdf"), "utf8")).toBe("%PDF- features");
    await buildDecks({ notebooks: [features], outDir, execute: true, executor: withOutput("CHANGED"), subset: true });
    expect(pdfLinks()).toEqual({ features: undefined, parameters: "parameters.pdf" });
    expect(existsSync(join(outDir, "features.pdf"))).toBe(false);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).not.toContain("features.pdf");
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toContain('<a href="parameters.pdf">PDF handout</a>');
    // A listed PDF whose file is gone is not linked.
    rmSync(join(outDir, "parameters.pdf"));
    await buildDecks({ notebooks: [features], outDir, subset: true });
    expect(pdfLinks()).toEqual({ features: undefined, parameters: undefined });
  });

  test("a failed subset build leaves the previous output as it was, PDFs included", async () => {
    await buildDecks({ notebooks: [features, depthNb], outDir });
    printedFakes(["features"]);
    const before = filesUnder(outDir).sort().map((f) => [f, readFileSync(f, "latin1")]);
    await expect(buildDecks({ notebooks: [depthNb, badFormula], outDir, subset: true })).rejects.toThrow(/bad-formula/);
    expect(filesUnder(outDir).sort().map((f) => [f, readFileSync(f, "latin1")])).toEqual(before);
    expect(readdirSync(parent)).toEqual(["dist"]);
  });

  test("execute hands each notebook and the parameters to the executor and builds from what it returns", async () => {
    const calls: [string, Record<string, string>][] = [];
    const original = readFileSync(features, "utf8");
    await buildDecks({
      notebooks: [features],
      outDir,
      execute: true,
      set: { depth: "12" },
      executor: async (path, set) => {
        calls.push([path, set]);
        const nb = parseNotebook(original);
        return { ...nb, cells: nb.cells.map((c) => (c.id === "cell04" ? { ...c, outputs: [{ output_type: "stream" as const, name: "stdout" as const, text: "FRESH 12\n" }] } : c)) };
      },
    });
    expect(calls).toEqual([[features, { depth: "12" }]]);
    expect(printedOutputs(readFileSync(join(outDir, "features.html"), "utf8"))).toContainEqual(["stdout", "FRESH 12\n"]);
    expect(readFileSync(features, "utf8")).toBe(original);
  });

  test("with several notebooks each gets the --set names it declares; a name none declares or a bad value is refused before any run", async () => {
    const calls: [string, Record<string, string>][] = [];
    const executor = async (path: string, set: Record<string, string>) => (calls.push([path, set]), parseNotebook(readFileSync(path, "utf8")));
    await buildDecks({ notebooks: [depthNb, pNb, features], outDir, execute: true, set: { p: "0.25", depth: "5" }, executor });
    expect(calls).toEqual([[depthNb, { depth: "5" }], [pNb, { p: "0.25" }], [features, { depth: "5" }]]);
    calls.length = 0;
    await expect(buildDecks({ notebooks: [depthNb, pNb], outDir, execute: true, set: { p: "0.25", width: "3" }, executor })).rejects.toThrow(
      '--set name = "width" is invalid: expected a parameter that a notebook declares; parameters: depth (number); keep-probability: p (number)',
    );
    await expect(buildDecks({ notebooks: [depthNb, pNb], outDir, execute: true, set: { depth: "5", p: "half" }, executor })).rejects.toThrow('p = "half" is invalid: expected a finite number');
    // One notebook: every name must be its own.
    await expect(buildDecks({ notebooks: [pNb], outDir, execute: true, set: { depth: "5" }, executor })).rejects.toThrow(/--set name = "depth" is invalid: expected one of p \(number\)/);
    expect(calls).toEqual([]);
  });

  test("parameters without execute are refused", async () => {
    await expect(buildDecks({ notebooks: [features], outDir, set: { depth: "3" } })).rejects.toThrow(RangeError);
    await expect(buildDecks({ notebooks: [features], outDir, set: { depth: "3" } })).rejects.toThrow('set = "depth=3" is invalid: expected no parameters without execute (--execute)');
  });
});

describe("the output folder: only a build's own output is replaced, and only its files are deleted", () => {
  const userFile = () => join(outDir, "thesis.tex");
  const snapshot = (dir: string) => filesUnder(dir).sort().map((f) => [f, readFileSync(f, "latin1")]);
  /** The build is refused naming --out and `why`, and the parent folder is exactly as before. */
  async function refused(notebooks: string[], why: RegExp): Promise<void> {
    const before = snapshot(parent);
    await expect(buildDecks({ notebooks, outDir })).rejects.toThrow(RangeError);
    await expect(buildDecks({ notebooks, outDir })).rejects.toThrow(why);
    expect(snapshot(parent)).toEqual(before);
  }

  test("a folder of a user's files is refused, and so is a file at the path", async () => {
    mkdirSync(join(outDir, "chapters"), { recursive: true });
    writeFileSync(userFile(), "my thesis");
    writeFileSync(join(outDir, "chapters", "1.tex"), "chapter");
    await refused([features], /^--out = ".*dist" is invalid: expected an empty or new folder, or one this command built \(holding \.skip-and-drop-output\); it holds 2 other entries \(chapters\/1\.tex, thesis\.tex\), which stay untouched$/);
    rmSync(outDir, { recursive: true });
    writeFileSync(outDir, "a file, not a folder");
    await refused([features], /--out = ".*dist" is invalid: expected a folder \(this is a file\)$/);
  });

  test("a folder holding the notebooks being built is refused (npm run slides -- --out notebooks), empty of anything else or not", async () => {
    mkdirSync(outDir);
    const copy = join(outDir, "features.ipynb");
    writeFileSync(copy, readFileSync(features));
    await refused([copy], /--out = ".*dist" is invalid: it holds ".*features\.ipynb", an input of this build/);
    // As npm runs it: in the project root, with the user's folder in INIT_CWD.
    const env = { ...process.env, npm_lifecycle_event: "slides", INIT_CWD: outDir };
    const cli = spawnSync(process.execPath, ["--import", "tsx", join("slides", "cli.ts"), "--out", ".", "features.ipynb"], { cwd: projectRoot, encoding: "utf8", env });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/--out = "\." is invalid: it holds "features\.ipynb", an input of this build/);
    expect(readFileSync(copy)).toEqual(readFileSync(features));
  });

  test("a previous output with a user's file put into it is refused; an empty folder is used", async () => {
    await buildDecks({ notebooks: [features], outDir });
    writeFileSync(userFile(), "my thesis");
    await refused([features], /--out = ".*dist" is invalid: it holds files that no build wrote \(thesis\.tex\)/);
    rmSync(outDir, { recursive: true });
    mkdirSync(outDir);
    await buildDecks({ notebooks: [features], outDir });
    expect(existsSync(join(outDir, "features.html"))).toBe(true);
  });

  test("the marker lists every file of the build; a deck list cannot claim files outside the folder", async () => {
    await buildDecks({ notebooks: [features], outDir });
    const marker = JSON.parse(readFileSync(join(outDir, ".skip-and-drop-output"), "utf8")) as { files: string[] };
    const written = filesUnder(outDir).map((f) => relative(outDir, f).split(sep).join("/")).filter((f) => f !== ".skip-and-drop-output");
    expect(marker.files.sort()).toEqual(written.sort());
    expect(marker.files).toContain("assets/reveal/reveal.js");
    // A tampered deck list naming a file beside the folder, and a user file of that name inside it.
    writeFileSync(join(parent, "secret.txt"), "beside");
    writeFileSync(join(outDir, "secret.txt"), "inside");
    writeDeckList(outDir, [...deckList(), { name: "x", title: "x", file: "../secret.txt", pdf: "secret.txt/.." }]);
    await refused([features], /it holds files that no build wrote \(secret\.txt\)/);
  });

  test("an output built before the marker existed (decks.json, no marker) is recognized and rebuilt", async () => {
    await buildDecks({ notebooks: [features, depthNb], outDir });
    rmSync(join(outDir, ".skip-and-drop-output"));
    await buildDecks({ notebooks: [features], outDir });
    expect(existsSync(join(outDir, "parameters.html"))).toBe(false);
    expect(existsSync(join(outDir, ".skip-and-drop-output"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["dist"]);
  });

  test("replaceFolder deletes only what a build made: a file that appeared during the build is kept and named", () => {
    mkdirSync(join(outDir, "assets"), { recursive: true });
    writeDeckList(outDir, []);
    writeFileSync(join(outDir, "assets", "deck.css"), "old");
    markOutputFolder(outDir, "npm run slides");
    writeFileSync(userFile(), "my thesis");
    const staging = join(parent, ".dist-staging-x");
    mkdirSync(staging);
    writeFileSync(join(staging, "index.html"), "new");
    const kept = replaceFolder(staging, outDir);
    expect(kept).toEqual([join(parent, ".dist-staging-x-old", "thesis.tex")]);
    expect(readFileSync(kept[0], "utf8")).toBe("my thesis");
    expect(readdirSync(join(parent, ".dist-staging-x-old"))).toEqual(["thesis.tex"]);
    expect(readFileSync(join(outDir, "index.html"), "utf8")).toBe("new");
  });

  test("--out under a file, and a notebook the deck could not read (a markdown source that is not text), are refused naming the option or the cell", async () => {
    mkdirSync(parent, { recursive: true });
    const file = join(parent, "plain.txt");
    writeFileSync(file, "x");
    await expect(buildDecks({ notebooks: [features], outDir: join(file, "dist") })).rejects.toThrow(/^--out = ".*plain\.txt\/dist" is invalid: expected a folder for the output \(ENOTDIR: a part of it is a file, not a folder\)$/);
    const odd = join(parent, "odd.ipynb");
    const nb = JSON.parse(readFileSync(features, "utf8"));
    nb.cells[0].source = 5;
    writeFileSync(odd, JSON.stringify(nb));
    await refused([odd], /odd\.ipynb" is invalid: expected the path of an existing nbformat 4 \.ipynb file \(cells\[0\] \(cell 1\)\.source = 5 is invalid: expected a string or a list of strings\)/);
  });

  test("deck names that collide are refused before anything is written: index.ipynb, one name in two folders, names differing in case", async () => {
    const other = join(parent, "other");
    mkdirSync(other);
    const index = join(other, "index.ipynb");
    const twin = join(other, "features.ipynb");
    const upper = join(other, "Features.ipynb");
    for (const path of [index, twin, upper]) writeFileSync(path, readFileSync(features));
    await refused([features, index], /notebook = ".*index\.ipynb" is invalid: expected a notebook not named index\.ipynb: its deck would overwrite the index page/);
    await refused([features, twin], /notebook = ".*other\/features\.ipynb" is invalid: expected a notebook whose deck name differs from that of ".*fixtures\/slides\/features\.ipynb": both would be written to features\.html/);
    await refused([features, upper], /both would be written to Features\.html/);
    expect(existsSync(outDir)).toBe(false);
  });
});

test("replaceFolder: when the new folder cannot be moved in, the previous output is put back", () => {
  mkdirSync(outDir);
  writeFileSync(join(outDir, "index.html"), "previous");
  // A staging folder that is gone by the time it is moved: the second rename fails (ENOENT).
  const staging = join(parent, ".dist-staging-gone");
  expect(() => replaceFolder(staging, outDir)).toThrow(/ENOENT/);
  expect(readFileSync(join(outDir, "index.html"), "utf8")).toBe("previous");
  expect(readdirSync(parent)).toEqual(["dist"]);
});

test("listNotebooks: the .ipynb files of a folder in name order", () => {
  const dir = join(parent, "nb");
  mkdirSync(dir);
  for (const f of ["02-b.ipynb", "01-a.ipynb", "notes.md", ".~01-a.ipynb"]) writeFileSync(join(dir, f), "{}");
  expect(listNotebooks(dir)).toEqual([join(dir, "01-a.ipynb"), join(dir, "02-b.ipynb")]);
  expect(listNotebooks(join(parent, "missing"))).toEqual([]);
});

describe("CLI arguments", () => {
  test("--execute, repeated --set (both spellings), --out and explicit notebooks, paths taken from the given folder", () => {
    const args = parseArgs(["--execute", "--set", "depth=30", "--set=p=0.5", "--set", "label=a=b", "--out", "x", "a.ipynb"], join("/", "home", "me"));
    expect(args).toEqual({ notebooks: [join("/", "home", "me", "a.ipynb")], subset: true, outDir: join("/", "home", "me", "x"), execute: true, set: { depth: "30", p: "0.5", label: "a=b" }, live: true, help: false });
  });

  test("without notebooks it takes every notebook in notebooks/; --help asks for the help text", () => {
    expect(parseArgs([]).notebooks.every((n) => /[\\/]notebooks[\\/][^\\/]+\.ipynb$/.test(n))).toBe(true);
    expect(parseArgs([]).subset).toBe(false);
    expect(parseArgs(["--help"]).help).toBe(true);
  });

  test("bad arguments name the problem", () => {
    expect(() => parseArgs(["--set", "depth"])).toThrow(/--set "depth" is invalid: expected name=value/);
    expect(() => parseArgs(["--set", "1x=2"])).toThrow(/--set "1x=2" is invalid/);
    expect(() => parseArgs(["--set"])).toThrow(/--set needs a value/);
    expect(() => parseArgs(["--exec"])).toThrow(/option --exec is unknown\n\nusage: npm run slides/);
  });
});
