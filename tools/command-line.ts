// The command lines of `npm run execute` and `npm run slides`: `--flag value` or
// `--flag=value`, switches, repeatable `--set name=value`, --help, and notebook paths taken
// relative to the folder the user typed the command in (npm starts scripts in the project
// root and passes that folder on as INIT_CWD).
import { resolve } from "node:path";

export interface Option {
  flag: `--${string}`;
  /** The value's placeholder in the help text; a switch takes none. */
  value?: string;
  help: string;
}

export interface Command {
  usage: string;
  options: Option[];
  /** Paragraphs after the options. */
  notes?: string;
}

export interface CommandLine {
  /** Values of each given option, in order (a switch holds one empty string per use). */
  values: Map<string, string[]>;
  positionals: string[];
  help: boolean;
}

export function helpText({ usage, options, notes }: Command): string {
  const all: Option[] = [...options, { flag: "--help", help: "show this text" }];
  const left = all.map((o) => `${o.flag}${o.value ? ` ${o.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length));
  const lines = all.map((o, i) => `  ${left[i].padEnd(width)}  ${o.help}`);
  return [`usage: ${usage}`, "", ...lines, ...(notes ? ["", notes] : [])].join("\n");
}

/** Splits argv by `command`'s options; an unknown option or a missing value throws a RangeError with the help text. */
export function parseCommandLine(argv: readonly string[], command: Command): CommandLine {
  const line: CommandLine = { values: new Map(), positionals: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const at = argv[i].startsWith("--") ? argv[i].indexOf("=") : -1;
    const [flag, inline] = at > 0 ? [argv[i].slice(0, at), argv[i].slice(at + 1)] : [argv[i], undefined];
    if (flag === "--help" || flag === "-h") {
      line.help = true;
      continue;
    }
    if (!flag.startsWith("-")) {
      line.positionals.push(flag);
      continue;
    }
    const option = command.options.find((o) => o.flag === flag);
    if (!option) throw new RangeError(`option ${flag} is unknown\n\n${helpText(command)}`);
    const value = option.value ? inline ?? argv[++i] : "";
    if (value === undefined) throw new RangeError(`${flag} needs a value (${option.value})\n\n${helpText(command)}`);
    line.values.set(flag, [...(line.values.get(flag) ?? []), value]);
  }
  return line;
}

/**
 * Names that are not knobs but machinery of every JavaScript object (`__proto__`,
 * `constructor`, `toString`, `prototype`, ...): as keys of a name → value record they would
 * change the record itself rather than add an entry.
 */
const objectMachinery = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

/**
 * `--set name=value` pairs as a record without a prototype; the name must be an identifier
 * (what a parameters cell declares) and not one of the names above.
 */
export function parseSets(pairs: readonly string[]): Record<string, string> {
  const set: Record<string, string> = Object.create(null);
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (eq < 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) throw new RangeError(`--set ${JSON.stringify(pair)} is invalid: expected name=value with name an identifier`);
    if (objectMachinery.has(name)) throw new RangeError(`--set ${JSON.stringify(pair)} is invalid: expected a parameter name, not ${name} (a name every JavaScript object already has)`);
    set[name] = pair.slice(eq + 1);
  }
  return set;
}

/**
 * The folder the user typed the command in: INIT_CWD when npm ran `script` (npm itself starts
 * in the project root), otherwise the current folder.
 */
export function commandFolder(script: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return env.npm_lifecycle_event === script && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** A path as the user typed it, made absolute against `folder`. */
export const userPath = (folder: string, path: string): string => resolve(folder, path);
