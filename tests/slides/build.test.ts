// buildDecks: the output folder, offline assets, the index, all-or-nothing replacement,
// and how execution and parameters are passed to the runner. Also the CLI's arguments.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { buildDecks, listNotebooks, replaceFolder } from "../../slides/build";
import { writeDeckList, type DeckEntry } from "../../slides/index-page";
import { parseArgs } from "../../slides/cli";
import { parseNotebook } from "../../runner/nbformat";

const fixtures = join(__dirname, "..", "fixtures", "slides");
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
    expect(readFileSync(join(outDir, "parameters.html"), "utf8")).toContain("SUBSET REBUILD");
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
    expect(readFileSync(join(outDir, "features.html"), "utf8")).toContain('<pre class="output stdout">FRESH 12\n</pre>');
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
    expect(args).toEqual({ notebooks: [join("/", "home", "me", "a.ipynb")], subset: true, outDir: join("/", "home", "me", "x"), execute: true, set: { depth: "30", p: "0.5", label: "a=b" }, help: false });
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
