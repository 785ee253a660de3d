// The command line that reproduces a live deck's charts in a notebook, shared by the page
// (which updates it) and the build (which writes the first one, also for readers without
// JavaScript).
import type { Parameter } from "../../runner/parameter-values";

/** A parameter literal as a person types it: strings unquoted, lists without spaces. */
export const literalText = (literal: string): string => (literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.replace(/\s+/g, ""));

const shellWord = (word: string) => (/^[\w.,:+\-[\]=]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * `npm run execute -- --set … --out try-NOTEBOOK.ipynb NOTEBOOK` with the values that differ
 * from the notebook's own. The run goes to a new file beside the kit's README (git-ignored,
 * as the try-this runs are), so the student's notebook and its outputs stay as they were.
 */
export function reproduceCommand(notebook: string, parameters: readonly Parameter[], values: Record<string, string>): string {
  const sets = parameters
    .filter((p) => values[p.name] !== undefined && values[p.name] !== p.value)
    .map((p) => ` --set ${shellWord(`${p.name}=${literalText(values[p.name])}`)}`);
  const out = shellWord(`try-${notebook.split("/").pop()}`);
  return `npm run execute --${sets.join("")} --out ${out} ${notebook}`;
}

/** The status line: which parameters the charts on screen were computed for. */
export function computedForText(parameters: readonly Parameter[], values: Record<string, string>): string {
  const changed = parameters.filter((p) => (values[p.name] ?? p.value) !== p.value);
  const shown = changed.map((p) => `${p.name} = ${literalText(values[p.name])}`).join(", ");
  return `Charts computed for ${shown || "the notebook's own parameters"}`;
}
