// npm run site: the folder it builds, the command line that reproduces a notebook, and an
// --out that only ever replaces a folder a site build made.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { injectParameters, parseNotebook, type Notebook } from "../../runner";
import { declaredParameters } from "../../runner/parameters";
import { parseSets } from "../../tools/command-line";
import { OUTPUT_MARKER } from "../../tools/output-folder";
import { buildSite } from "../../slides/site";
import { parseSiteArgs } from "../../slides/site-cli";
import { reproduceCommand } from "../../slides/site-page";
import { scratchFolder } from "../temp-dir";

const root = join(__dirname, "..", "..");
const fixtures = join(root, "tests", "fixtures", "slides");
const features = join(fixtures, "features.ipynb");
const badFormula = join(fixtures, "bad-formula.ipynb");
const scratch = scratchFolder("site-build-");
afterAll(() => scratch.remove());

const notebook = (cells: { source: string; tags?: string[] }[]): Notebook =>
  parseNotebook(
    JSON.stringify({
      cells: cells.map(({ source, tags }, i) => ({ cell_type: "code", id: `c${i}`, metadata: tags ? { tags } : {}, source, outputs: [], execution_count: null })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );

/** Splits a command line as a POSIX shell would for plain and single-quoted words. */
const shellSplit = (line: string) => [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));

describe("the reproduce line", () => {
  const nb = notebook([
    { source: `const depth = 30; // layers\nconst activation: "relu" | "tanh" = "relu";\nconst widths = [4, 8];\nconst label = "two words, it's";\nconst lr = 3e-2;`, tags: ["parameters"] },
    { source: "// Injected parameters\nconst depth = 5;\nconst activation: \"relu\" | \"tanh\" = \"tanh\";", tags: ["injected-parameters"] },
  ]);

  test("names every parameter with the value the outputs were computed with", () => {
    expect(reproduceCommand(nb, "notebooks/x.ipynb")).toBe(
      `npm run execute -- --set depth=5 --set activation=tanh --set widths=4,8 --set 'label=two words, it'\\''s' --set lr=3e-2 notebooks/x.ipynb`,
    );
  });

  test("read back by the runner's own --set parser, it injects those values", () => {
    const words = shellSplit(reproduceCommand(nb, "notebooks/x.ipynb"));
    const sets = words.flatMap((w, i) => (words[i - 1] === "--set" ? [w] : []));
    const injected = injectParameters(notebook([{ source: nb.cells[0].source, tags: ["parameters"] }]), parseSets(sets));
    const values = injected.cells[1].source.split("\n").slice(1);
    expect(values).toEqual([`const depth = 5;`, `const activation: "relu" | "tanh" = "tanh";`, `const widths = [4, 8];`, `const label = "two words, it's";`, `const lr = 0.03;`]);
    expect(declaredParameters(nb).map((p) => p.name)).toEqual(["depth", "activation", "widths", "label", "lr"]);
  });
});

describe("buildSite", () => {
  test("builds the index, a page and the .ipynb per notebook, the decks, the assets and its marker", async () => {
    const out = join(scratch.folder, "site");
    const pages = await buildSite({ notebooks: [features], outDir: out });
    expect(pages.map((p) => p.name)).toEqual(["features"]);
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, "assets", "decks", "index.html", "notebooks"].sort());
    expect(readdirSync(join(out, "notebooks")).sort()).toEqual(["features.html", "features.ipynb"]);
    expect(readFileSync(join(out, "notebooks", "features.ipynb"))).toEqual(readFileSync(features));
    expect(existsSync(join(out, "decks", "features.html"))).toBe(true);
    expect(existsSync(join(out, "decks", "assets", "vega", "vega-embed.min.js"))).toBe(true);
    // every local link and script of every page points at a file of the site
    for (const page of ["index.html", "notebooks/features.html"]) {
      const html = readFileSync(join(out, page), "utf8");
      const refs = [...html.matchAll(/(?:href|src)="([^"#:]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(3);
      for (const ref of refs) expect(existsSync(join(out, page, "..", ref)), `${page} → ${ref}`).toBe(true);
    }
  });

  test("replaces its own output and nothing else: a user's folder, a file and the notebooks folder are refused untouched", async () => {
    const out = join(scratch.folder, "own");
    await buildSite({ notebooks: [features], outDir: out });
    // A file an older build wrote (its marker lists it) goes; a file someone put there is refused.
    const marker = JSON.parse(readFileSync(join(out, OUTPUT_MARKER), "utf8"));
    writeFileSync(join(out, OUTPUT_MARKER), JSON.stringify({ ...marker, files: [...marker.files, "stale.txt"] }));
    writeFileSync(join(out, "stale.txt"), "from an older build");
    await buildSite({ notebooks: [features], outDir: out });
    expect(existsSync(join(out, "stale.txt"))).toBe(false);
    writeFileSync(join(out, "notes.txt"), "someone's notes");
    await expect(buildSite({ notebooks: [features], outDir: out })).rejects.toThrow(/it holds files that no build wrote \(notes\.txt\)/);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("someone's notes");
    rmSync(join(out, "notes.txt"));

    const mine = join(scratch.folder, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "thesis.tex"), "my work");
    await expect(buildSite({ notebooks: [features], outDir: mine })).rejects.toThrow(/--out = ".*mine" is invalid: expected an empty or new folder, or one this command built/);
    expect(readdirSync(mine)).toEqual(["thesis.tex"]);

    const file = join(scratch.folder, "a-file");
    writeFileSync(file, "x");
    await expect(buildSite({ notebooks: [features], outDir: file })).rejects.toThrow(/expected a folder/);
    expect(readFileSync(file, "utf8")).toBe("x");

    await expect(buildSite({ notebooks: [features], outDir: join(root, "notebooks") })).rejects.toThrow(RangeError);
    expect(readdirSync(join(root, "notebooks")).some((f) => f.endsWith(".ipynb"))).toBe(true);
  });

  test("a notebook that cannot be rendered fails the build and leaves the previous site as it was, with no staging folder", async () => {
    const out = join(scratch.folder, "kept");
    await buildSite({ notebooks: [features], outDir: out });
    const before = readFileSync(join(out, "index.html"), "utf8");
    await expect(buildSite({ notebooks: [features, badFormula], outDir: out })).rejects.toThrow(/bad-formula/);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe(before);
    expect(existsSync(join(out, "notebooks", "bad-formula.html"))).toBe(false);
    expect(readdirSync(scratch.folder).filter((f) => f.includes("staging"))).toEqual([]);
  });

  test("two notebooks with one name are refused", async () => {
    const copy = join(scratch.folder, "copy");
    mkdirSync(copy);
    writeFileSync(join(copy, "features.ipynb"), readFileSync(features));
    await expect(buildSite({ notebooks: [features, join(copy, "features.ipynb")], outDir: join(scratch.folder, "dup") })).rejects.toThrow(/two are named features\.ipynb/);
    expect(existsSync(join(scratch.folder, "dup"))).toBe(false);
  });
});

test("the command line: --out relative to the caller's folder, default site/, all notebooks unless named", () => {
  expect(parseSiteArgs(["--out", "public"], "/home/a")).toMatchObject({ outDir: "/home/a/public" });
  const all = parseSiteArgs([], "/home/a");
  expect(all.outDir).toBe(join(root, "site"));
  expect(all.notebooks.map((p) => p.slice(root.length + 1))).toEqual(["notebooks/01-residual-connections.ipynb", "notebooks/02-dropout-regularization.ipynb"]);
  expect(() => parseSiteArgs(["--outdir", "x"])).toThrow(/option --outdir is unknown/);
});
