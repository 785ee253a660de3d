// The argument handling shared by `npm run execute` and `npm run slides`, and both CLIs run
// as a user runs them (through tsx) for --help and relative paths.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { commandFolder, helpText, parseCommandLine, parseSets, type Command } from "../../tools/command-line";
import { parseArgs } from "../../runner/cli";

const command: Command = { usage: "tool [--flag] [--out dir] <file>", options: [{ flag: "--flag", help: "a switch" }, { flag: "--out", value: "dir", help: "where" }] };

describe("parseCommandLine", () => {
  test("switches, values in both spellings, positionals and --help", () => {
    const line = parseCommandLine(["a", "--out", "x", "--flag", "--out=y=z", "b", "-h"], command);
    expect([...line.values]).toEqual([["--out", ["x", "y=z"]], ["--flag", [""]]]);
    expect([line.positionals, line.help]).toEqual([["a", "b"], true]);
  });

  test("an unknown option or a missing value names itself and shows the help", () => {
    expect(() => parseCommandLine(["--flg"], command)).toThrow(/^option --flg is unknown\n\nusage: tool/);
    expect(() => parseCommandLine(["--out"], command)).toThrow(/^--out needs a value \(dir\)/);
    expect(helpText(command)).toBe("usage: tool [--flag] [--out dir] <file>\n\n  --flag     a switch\n  --out dir  where\n  --help     show this text");
  });

  test("--set names must be identifiers", () => {
    expect(parseSets(["depth=3", "label=a=b"])).toEqual({ depth: "3", label: "a=b" });
    expect(() => parseSets(["1x=2"])).toThrow('--set "1x=2" is invalid: expected name=value with name an identifier');
  });

  test("--set names that every object already has are refused, and the record has no prototype to change", () => {
    for (const name of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "__defineGetter__"]) {
      expect(() => parseSets([`${name}=1`]), name).toThrow(new RangeError(`--set "${name}=1" is invalid: expected a parameter name, not ${name} (a name every JavaScript object already has)`));
    }
    const set = parseSets(["depth=3"]);
    expect(Object.getPrototypeOf(set)).toBeNull();
    expect("toString" in set).toBe(false);
  });

  test("paths are relative to INIT_CWD only when npm ran this very script", () => {
    expect(commandFolder("slides", { npm_lifecycle_event: "slides", INIT_CWD: "/home/me" }, "/project")).toBe("/home/me");
    expect(commandFolder("slides", { npm_lifecycle_event: "test", INIT_CWD: "/home/me" }, "/project")).toBe("/project");
    expect(commandFolder("execute", {}, "/project")).toBe("/project");
  });
});

describe("the runner's arguments", () => {
  test("notebook and --out paths resolve against the folder; bad ones are refused", () => {
    expect(parseArgs(["--out", "o.ipynb", "--timeout=5", "n.ipynb"], "/home/me")).toEqual({ set: {}, check: false, notebooks: [join("/home/me", "n.ipynb")], out: join("/home/me", "o.ipynb"), timeoutMs: 5000, help: false });
    expect(() => parseArgs(["--set", "1x=2", "n.ipynb"])).toThrow(/identifier/);
    expect(() => parseArgs([])).toThrow(/^no notebook given\n\nusage: npm run execute/);
    expect(parseArgs(["--help"]).help).toBe(true);
  });
});

describe("--help", () => {
  const root = join(__dirname, "..", "..");
  test.each([
    ["runner/cli.ts", /^usage: npm run execute[^]*--timeout seconds[^]*Cells are numbered from 1/],
    ["slides/cli.ts", /^usage: npm run slides[^]*--execute[^]*each notebook gets the names its parameters cell declares/],
  ])("%s prints its usage and exits 0", (cli, usage) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(root, cli), "--help"], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(usage);
  });
});
