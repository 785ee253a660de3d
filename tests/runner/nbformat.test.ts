import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../runner/atomic";
import { hasTag, parseNotebook, readNotebookFile, serializeNotebook, type Cell } from "../../runner/nbformat";
import { workspace } from "./workspace";

const ws = workspace("nbformat");
afterAll(() => ws.remove());

// A notebook exercising every shape the writer handles: multi-line and unterminated text,
// CRLF, unicode, merged streams, a full MIME bundle with a JSON spec, an error output.
const sample = {
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  cells: [
    { cell_type: "markdown", metadata: {}, source: "# Title — ε ≤ 1\n\nSecond paragraph" },
    {
      cell_type: "code", metadata: { tags: ["parameters"] }, execution_count: 1, source: ["const p = 0.5;\n", "const n = 3;"],
      outputs: [
        { output_type: "stream", name: "stdout", text: "line one\nline two\r\nno newline" },
        {
          output_type: "display_data", metadata: {},
          data: {
            "text/plain": "chart\nof two lines",
            "image/svg+xml": "<svg>\n</svg>\n",
            "image/png": "iVBORw0KGgo=",
            "application/vnd.vegalite.v5+json": { mark: "bar", data: { values: [{ x: 1, y: 0.1 }] }, $schema: "v5" },
          },
        },
        { output_type: "execute_result", execution_count: 1, metadata: {}, data: { "text/plain": "1.5" } },
        { output_type: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom", "  at cell"] },
      ],
    },
    { cell_type: "code", metadata: {}, execution_count: null, source: "", outputs: [] },
  ],
};

// CI installs nbformat (jupyter-nbconvert depends on it, .ci/run): there a missing one fails, not skips.
const required = Boolean(process.env.CI);
const jupyterPython = ["/usr/bin/python3", "python3"].find(
  (python) => spawnSync(python, ["-c", "import nbformat"], { stdio: "ignore" }).status === 0,
);

describe("nbformat", () => {
  it("gives every cell a unique id, keeps valid ones, and upgrades to nbformat 4.5", () => {
    const withIds = { ...sample, cells: sample.cells.map((c, i) => ({ ...c, id: i === 2 ? "keep-me" : i === 1 ? "keep-me" : "bad id!" })) };
    const nb = parseNotebook(JSON.stringify(withIds));
    expect(nb.nbformat_minor).toBe(5);
    const ids = nb.cells.map((c) => c.id);
    expect(ids[1]).toBe("keep-me");
    expect(ids[2]).not.toBe("keep-me"); // a duplicate gets a fresh id
    expect(ids[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it("joins split text on read and splits it back on write, keeping JSON specs as objects", () => {
    const nb = parseNotebook(JSON.stringify(sample));
    expect(nb.cells[1].source).toBe("const p = 0.5;\nconst n = 3;");
    const text = serializeNotebook(nb);
    const written = JSON.parse(text);
    expect(written.cells[1].outputs[0].text).toEqual(["line one\n", "line two\r\n", "no newline"]);
    expect(written.cells[1].outputs[1].data["application/vnd.vegalite.v5+json"].mark).toBe("bar");
    expect(written.cells[1].outputs[1].data["image/png"]).toBe("iVBORw0KGgo=");
    expect(text.split("\n")[1]).toBe(' "cells": [');
    expect(serializeNotebook(parseNotebook(text))).toBe(text);
  });

  it.skipIf(!jupyterPython && !required)("writes byte for byte what Jupyter's own nbformat writer writes (needs python3 nbformat)", () => {
    expect(jupyterPython, "python3 with nbformat (apt-get install python3-nbformat)").toBeDefined();
    const ours = join(ws.dir, "ours.ipynb");
    const theirs = join(ws.dir, "theirs.ipynb");
    writeFileSync(ours, serializeNotebook(parseNotebook(JSON.stringify(sample))));
    const script = "import nbformat, sys; nbformat.write(nbformat.read(sys.argv[1], as_version=4), sys.argv[2])";
    const run = spawnSync(jupyterPython!, ["-c", script, ours, theirs], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(ours, "utf8")).toBe(readFileSync(theirs, "utf8"));
  });
});

describe("hasTag", () => {
  const cell = (tags: unknown) => ({ cell_type: "markdown", id: "t", source: "", metadata: { tags } }) as unknown as Cell;
  it("finds a whole tag in the list, and nothing in tags a notebook from elsewhere stored as another type", () => {
    expect(hasTag(cell(["hide-input", "try-this"]), "try-this")).toBe(true);
    expect(hasTag(cell(["hide-input"]), "hide")).toBe(false);
    expect(hasTag(cell("hide-input"), "hide")).toBe(false);
    expect(hasTag(cell({ length: 1, 0: "parameters" }), "parameters")).toBe(false);
    expect(hasTag(cell(undefined), "parameters")).toBe(false);
  });
});

describe("readNotebookFile", () => {
  it("reads a notebook, and names the file when it is missing, cut short or not nbformat 4", () => {
    const good = join(ws.dir, "good.ipynb");
    writeFileSync(good, JSON.stringify(sample));
    expect(readNotebookFile(good).cells).toHaveLength(3);
    const expected = "is invalid: expected the path of an existing nbformat 4 .ipynb file";
    expect(() => readNotebookFile(join(ws.dir, "missing.ipynb"))).toThrow(`missing.ipynb" ${expected}`);
    expect(() => readNotebookFile(ws.dir)).toThrow(expected);
    const cut = join(ws.dir, "cut.ipynb");
    writeFileSync(cut, JSON.stringify(sample).slice(0, 40));
    expect(() => readNotebookFile(cut)).toThrow(new RegExp(`cut\\.ipynb" ${expected.replace(/\./g, "\\.")} \\(.*JSON`));
    const v3 = join(ws.dir, "v3.ipynb");
    writeFileSync(v3, JSON.stringify({ nbformat: 3, worksheets: [] }));
    expect(() => readNotebookFile(v3)).toThrow(/v3\.ipynb" is invalid: .*\(nbformat = 3 is invalid/);
  });
});

describe("nbformat shapes", () => {
  const withCell = (cell: unknown) => JSON.stringify({ ...sample, cells: [sample.cells[0], cell] });
  const code = { cell_type: "code", metadata: {}, source: "1", outputs: [], execution_count: null };

  it("refuses a cell the runner or the deck could not handle, saying where, value and what is allowed", () => {
    const cases: [unknown, string][] = [
      [{ ...code, cell_type: "bogus" }, 'cells[1] (cell 2).cell_type = "bogus" is invalid: expected one of "code", "markdown", "raw"'],
      [{ ...code, source: 5 }, "cells[1] (cell 2).source = 5 is invalid: expected a string or a list of strings"],
      [{ ...code, cell_type: "markdown", source: { text: "x" } }, 'cells[1] (cell 2).source = {"text":"x"} is invalid: expected a string or a list of strings'],
      [{ ...code, source: ["a", 2] }, 'cells[1] (cell 2).source = ["a",2] is invalid: expected a string or a list of strings'],
      [{ ...code, metadata: { tags: "parameters" } }, 'cells[1] (cell 2).metadata.tags = "parameters" is invalid: expected a list of strings'],
      [{ ...code, metadata: [] }, "cells[1] (cell 2).metadata = [] is invalid: expected an object"],
      [{ ...code, outputs: {} }, "cells[1] (cell 2).outputs = {} is invalid: expected a list of outputs"],
      [{ ...code, outputs: [{ output_type: "video" }] }, 'cells[1] (cell 2).outputs[0].output_type = "video" is invalid: expected one of "stream", "display_data", "execute_result", "error"'],
      [{ ...code, outputs: [{ output_type: "stream", name: "stdin", text: "x" }] }, 'is invalid: expected a stream named "stdout" or "stderr" with text'],
      [{ ...code, outputs: [{ output_type: "display_data", data: "AA==", metadata: {} }] }, 'cells[1] (cell 2).outputs[0].data = "AA==" is invalid: expected a MIME bundle (an object)'],
      [null, "cells[1] (cell 2) = null is invalid: expected a cell object"],
    ];
    for (const [cell, message] of cases) {
      expect(() => parseNotebook(withCell(cell)), message).toThrow(RangeError);
      expect(() => parseNotebook(withCell(cell)), message).toThrow(message);
    }
    expect(() => parseNotebook("[1]")).toThrow("the notebook = \"[…]\" is invalid: expected a JSON object");
  });

  it("a refused notebook file is named and left untouched", () => {
    const path = join(ws.dir, "bogus.ipynb");
    writeFileSync(path, withCell({ ...code, cell_type: "bogus" }));
    const before = readFileSync(path);
    expect(() => readNotebookFile(path)).toThrow(/bogus\.ipynb" is invalid: expected the path of an existing nbformat 4 \.ipynb file \(cells\[1\] \(cell 2\)\.cell_type = "bogus"/);
    expect(readFileSync(path)).toEqual(before);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file and leaves no temporary file", () => {
    const path = join(ws.dir, "atomic.txt");
    writeFileSync(path, "old");
    writeFileAtomic(path, "new contents");
    expect(readFileSync(path, "utf8")).toBe("new contents");
    expect(readdirSync(ws.dir).filter((f) => f.includes("atomic"))).toEqual(["atomic.txt"]);
  });

  it("removes its temporary file when the rename fails", () => {
    const target = join(ws.dir, "a-folder");
    mkdirSync(join(target, "inside"), { recursive: true });
    expect(() => writeFileAtomic(target, "text")).toThrow();
    expect(readdirSync(ws.dir).filter((f) => f.includes("a-folder"))).toEqual(["a-folder"]);
  });
});
