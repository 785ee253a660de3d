// Runs a course notebook through the real kernel into a temporary copy (the committed file
// is never written) and reads back what it printed and displayed, for the notebook tests.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { PROGRESS_METADATA as PROGRESS, VEGA_LITE_MIME } from "@skip-and-drop/lib/mime";
import { roundNumbers } from "../../runner/freshness";
import { executeNotebook, Kernel } from "../../runner";

export type Output = Record<string, any>;
export interface Executed {
  /** everything the notebook printed to stdout, in cell order */
  text: string;
  /** everything it printed to stderr (must be empty) */
  stderr: string;
  /** every output, in cell order */
  outputs: Output[];
  /** the outputs of each cell, by cell id */
  byId: Map<string, Output[]>;
}

export function notebookPath(file: string): string {
  return join(__dirname, "..", "..", "notebooks", file);
}

/** A scratch folder for the executed copies, and its clean-up. */
export { scratchFolder } from "../temp-dir";

export async function executeCopy(notebook: string, out: string, set?: Record<string, string>): Promise<Executed> {
  await executeNotebook(notebook, { out, set, log: () => {} });
  const cells = JSON.parse(readFileSync(out, "utf8")).cells as { id: string; outputs?: Output[] }[];
  const outputs = cells.flatMap((c) => c.outputs ?? []);
  const stream = (kind: string) =>
    outputs.filter((o) => o.output_type === "stream" && o.name === kind).map((o) => [].concat(o.text).join("")).join("");
  return { text: stream("stdout"), stderr: stream("stderr"), outputs, byId: new Map(cells.map((c) => [c.id, c.outputs ?? []])) };
}

/** The first number printed after `label` and " = " on the line that starts with `label`. */
export function printed(text: string, label: string): number {
  const line = text.split("\n").find((l) => l.startsWith(label));
  if (!line) throw new Error(`no line starting with "${label}" in the notebook output`);
  const match = /= (-?[\d.]+(?:e[-+]?\d+)?)/.exec(line.slice(label.length));
  if (!match) throw new Error(`no "= number" on the line "${line}"`);
  return Number(match[1]);
}

/**
 * Runs every code cell of `notebook` in one kernel, then re-runs each alone, last to first and
 * then first to last, as a student does after editing a cell; the cells whose printed text or
 * charts (data inline) then differ from the first run. A cell that draws further along a
 * stream another cell uses shows up in the first pass, a silent cell that draws anew (and
 * changes what later cells print) in the second.
 */
export async function rerunDifferences(notebook: string): Promise<string[]> {
  const cells = (JSON.parse(readFileSync(notebook, "utf8")).cells as { cell_type: string; id: string; source: string[] }[])
    .filter((c) => c.cell_type === "code").map((c) => ({ id: c.id, source: c.source.join("") }));
  // Printed numbers below 1e-12 are rounding residuals of the checks (|a − b| of two routes);
  // their last digits varied between re-runs in one kernel on a loaded machine, and a shared
  // stream moves every number, so they count as one token. Specs compare as the freshness
  // check compares them (6 significant digits).
  const text = (s: string) => s.replace(/\d(?:\.\d+)?e-(?:1[2-9]|[2-9]\d|\d{3})/g, "(residual)");
  const shown = (outputs: Output[]) => JSON.stringify(outputs.filter((o) => !o.metadata?.[PROGRESS]).map((o) =>
    o.output_type === "stream" ? text([].concat(o.text).join(""))
    : o.data?.[VEGA_LITE_MIME] ? roundNumbers(o.data[VEGA_LITE_MIME]) : text(String(o.data?.["text/plain"] ?? o.output_type))));
  const kernel = await Kernel.start({ cwd: dirname(notebook) });
  try {
    const runCell = async ({ id, source }: { id: string; source: string }) => {
      const reply = await kernel.execute(source, { timeoutMs: 120_000 });
      expect([id, reply.status, reply.stderr], JSON.stringify(reply.outputs).slice(0, 2000)).toEqual([id, "ok", ""]);
      return shown(reply.outputs);
    };
    const first = new Map<string, string>();
    for (const c of cells) first.set(c.id, await runCell(c));
    const differ: string[] = [];
    for (const c of [...cells].reverse()) if ((await runCell(c)) !== first.get(c.id)) differ.push(`${c.id} (last to first)`);
    for (const c of cells) if ((await runCell(c)) !== first.get(c.id)) differ.push(`${c.id} (first to last)`);
    return differ;
  } finally {
    await kernel.shutdown();
  }
}
