// Runs a course notebook through the real kernel into a temporary copy (the committed file
// is never written) and reads back what it printed and displayed, for the notebook tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { executeNotebook } from "../../runner";

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
