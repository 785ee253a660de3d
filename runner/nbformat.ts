// nbformat 4.5 in memory and on disk. In memory every multi-line text is one string; on
// disk it is written the way Jupyter's own writer does it: sources, stream text and text/*
// MIME values split into lines that keep their "\n", JSON MIME values (vega-lite specs) left
// as objects, keys sorted, one space of indentation, and a final newline. Writing the same
// notebook twice therefore gives the same bytes, and a diff shows only what changed.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";

export type MimeBundle = Record<string, unknown>;

/** Whether a cell carries `tag` in metadata.tags (whole tags only, whatever the cell was built from). */
export function hasTag(cell: Cell, tag: string): boolean {
  const tags: unknown = cell.metadata.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  id: string;
  cell_type: "code" | "markdown" | "raw";
  source: string;
  metadata: Record<string, unknown> & { tags?: string[] };
  execution_count?: number | null;
  outputs?: Output[];
  attachments?: Record<string, MimeBundle>;
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const isJsonMime = (mime: string) => mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
const isSplitMime = (mime: string) => mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml";

const join = (value: unknown) => (Array.isArray(value) ? value.join("") : value);

/** Python's str.splitlines(keepends=True) for the line breaks notebooks contain. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function mapBundle(bundle: MimeBundle, f: (mime: string, value: unknown) => unknown): MimeBundle {
  return Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, f(mime, value)]));
}

function mapOutput(output: Output, text: (t: unknown) => unknown, bundle: (mime: string, v: unknown) => unknown): Output {
  if (output.output_type === "stream") return { ...output, text: text(output.text) as string };
  if (output.output_type === "error") return output;
  return { ...output, data: mapBundle(output.data ?? {}, bundle) };
}

/** A fresh cell id in the form Jupyter gives them (8 hex digits). */
export function newCellId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 8);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isText = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((line) => typeof line === "string"));
const outputTypes = ["stream", "display_data", "execute_result", "error"];

/**
 * The first place where `raw` breaks the shapes the runner and the deck rely on (nbformat 4's
 * schema for the fields they read), as "where = value is invalid: expected …", or null.
 */
function shapeProblem(raw: unknown): string | null {
  const bad = (where: string, value: unknown, expected: string) => {
    const shown = JSON.stringify(value) ?? String(value);
    return `${where} = ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown} is invalid: expected ${expected}`;
  };
  if (!isObject(raw)) return bad("the notebook", Array.isArray(raw) ? "[…]" : raw, "a JSON object");
  if (raw.nbformat !== 4 || !Array.isArray(raw.cells)) return bad("nbformat", raw.nbformat, "an nbformat 4 notebook with a cells list");
  if (raw.metadata !== undefined && !isObject(raw.metadata)) return bad("metadata", raw.metadata, "an object");
  for (const [i, cell] of (raw.cells as unknown[]).entries()) {
    const at = `cells[${i}] (cell ${i + 1})`;
    if (!isObject(cell)) return bad(at, cell, "a cell object");
    if (!["code", "markdown", "raw"].includes(cell.cell_type as string)) return bad(`${at}.cell_type`, cell.cell_type, 'one of "code", "markdown", "raw"');
    if (!isText(cell.source)) return bad(`${at}.source`, cell.source, "a string or a list of strings");
    if (cell.metadata !== undefined && !isObject(cell.metadata)) return bad(`${at}.metadata`, cell.metadata, "an object");
    const tags = isObject(cell.metadata) ? cell.metadata.tags : undefined;
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) return bad(`${at}.metadata.tags`, tags, "a list of strings");
    if (cell.cell_type !== "code" || cell.outputs === undefined) continue;
    if (!Array.isArray(cell.outputs)) return bad(`${at}.outputs`, cell.outputs, "a list of outputs");
    for (const [j, output] of cell.outputs.entries()) {
      const where = `${at}.outputs[${j}]`;
      if (!isObject(output) || !outputTypes.includes(output.output_type as string)) return bad(`${where}.output_type`, isObject(output) ? output.output_type : output, `one of ${outputTypes.map((t) => `"${t}"`).join(", ")}`);
      if (output.output_type === "stream" && (!["stdout", "stderr"].includes(output.name as string) || !isText(output.text))) return bad(where, output, 'a stream named "stdout" or "stderr" with text');
      if ((output.output_type === "display_data" || output.output_type === "execute_result") && !isObject(output.data)) return bad(`${where}.data`, output.data, "a MIME bundle (an object)");
      if (output.output_type === "error" && (typeof output.ename !== "string" || typeof output.evalue !== "string")) return bad(where, output, "an error with ename and evalue strings");
    }
  }
  return null;
}

/**
 * Reads notebook JSON; upgrades to nbformat 4.5 by giving every cell an id (kept if present).
 * A notebook whose cells break nbformat's shapes (an unknown cell_type, a source that is not
 * text, ...) is refused with a RangeError saying where.
 */
export function parseNotebook(json: string): Notebook {
  const raw = JSON.parse(json) as Notebook;
  const problem = shapeProblem(raw);
  if (problem) throw new RangeError(problem);
  const seen = new Set<string>();
  const cells = raw.cells.map((cell): Cell => {
    let id = typeof cell.id === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(cell.id) && !seen.has(cell.id) ? cell.id : newCellId();
    while (seen.has(id)) id = newCellId();
    seen.add(id);
    const joined: Cell = { ...cell, id, source: join(cell.source) as string, metadata: cell.metadata ?? {} };
    if (cell.cell_type !== "code") return joined;
    const outputs = (cell.outputs ?? []).map((o) => mapOutput(o, join, (mime, v) => (isJsonMime(mime) ? v : join(v))));
    return { ...joined, outputs, execution_count: cell.execution_count ?? null };
  });
  return { ...raw, cells, metadata: raw.metadata ?? {}, nbformat: 4, nbformat_minor: Math.max(5, raw.nbformat_minor ?? 0) };
}

/** The notebook file at `path`; a missing file or one that is not nbformat 4 JSON is refused naming the path. */
export function readNotebookFile(path: string): Notebook {
  const expected = "the path of an existing nbformat 4 .ipynb file";
  if (typeof path !== "string" || !existsSync(path) || !statSync(path).isFile()) throw new RangeError(`notebook = ${JSON.stringify(path)} is invalid: expected ${expected}`);
  try {
    return parseNotebook(readFileSync(path, "utf8"));
  } catch (error) {
    throw new RangeError(`notebook = ${JSON.stringify(path)} is invalid: expected ${expected} (${error instanceof Error ? error.message : error})`, { cause: error });
  }
}

/** A deep copy with object keys in code-point order, as Jupyter writes them. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortKeys(v)]));
}

/** The file text, byte for byte what Jupyter would save for this notebook. */
export function serializeNotebook(nb: Notebook): string {
  const split = (value: unknown) => (typeof value === "string" ? splitLines(value) : value);
  const cells = nb.cells.map((cell) => {
    const { outputs, execution_count, ...rest } = cell;
    const out: Record<string, unknown> = { ...rest, source: splitLines(cell.source) };
    if (cell.cell_type === "code") {
      out.execution_count = execution_count ?? null;
      out.outputs = (outputs ?? []).map((o) => mapOutput(o, split, (mime, v) => (isSplitMime(mime) ? split(v) : v)));
    }
    return out;
  });
  return JSON.stringify(sortKeys({ ...nb, cells }), null, 1) + "\n";
}
