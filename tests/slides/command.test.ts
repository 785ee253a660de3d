// The live deck's "in a notebook" command: what the runner reads from it, and that running it
// writes a new file instead of the student's notebook.
import { describe, expect, test } from "vitest";
import { parseArgs } from "../../runner/cli";
import { parseParameters } from "../../runner/parameter-values";
import { reproduceCommand } from "../../slides/live/command";

const parameters = parseParameters('const seed = 7; // seed\nconst label = "a b"; // words\nconst p = 0.7; // keep probability');
const notebook = "notebooks/02-dropout-regularization.ipynb";
/** The words after `npm run execute --`, as a POSIX shell splits them. */
const argv = (command: string) => {
  expect(command.startsWith("npm run execute -- ")).toBe(true);
  return [...command.slice("npm run execute -- ".length).matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => m[1]?.replace(/'\\''/g, "'") ?? m[2]);
};

describe("the live deck's command", () => {
  test("sets the changed parameters only, and the runner reads them back", () => {
    const args = parseArgs(argv(reproduceCommand(notebook, parameters, { seed: "12", label: '"two words"', p: "0.7" })), "/kit");
    expect(args.set).toEqual({ seed: "12", label: "two words" }); // strings typed unquoted, as on the panel
    expect(args.notebooks).toEqual([`/kit/${notebook}`]);
  });

  test("writes its run to try-<notebook> in the kit's folder, never over the notebook, changed or not", () => {
    for (const values of [{ seed: "12" }, {}] as Record<string, string>[]) {
      const args = parseArgs(argv(reproduceCommand(notebook, parameters, values)), "/kit");
      expect(args.out).toBe("/kit/try-02-dropout-regularization.ipynb");
      expect(args.notebooks).not.toContain(args.out);
    }
  });
});
