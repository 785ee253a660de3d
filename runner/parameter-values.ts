// The values of a parameters cell, with no Node dependency so that the live decks check a
// value typed into their panel or URL with this same code: a declaration line's type is read
// from its literal (`const depth = 20;` is a number), and a raw value as typed on a command
// line, a URL or a form is turned into a TypeScript literal of that type or refused with the
// message `npm run execute -- --set` prints.
import { fail } from "@skip-and-drop/lib/checks";

export type ParameterType = "number" | "string" | "boolean" | "number[]";

export interface Parameter {
  name: string;
  type: ParameterType;
  /** The explicit annotation (`: "relu" | "tanh"`), repeated in the injected cell so tslab checks it. */
  annotation: string;
  value: string;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const LITERALS: [ParameterType, RegExp][] = [
  ["number", new RegExp(`^${NUMBER}$`)],
  ["boolean", /^(?:true|false)$/],
  ["string", /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`$\\]*`)$/],
  ["number[]", new RegExp(`^\\[\\s*(?:${NUMBER}\\s*(?:,\\s*${NUMBER}\\s*)*,?)?\\s*\\]$`)],
];
const DECLARATION = /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(:[^=]+?)?\s*=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/;

/** The simple assignments of the `parameters` cell, in order; other lines are ignored. */
export function parseParameters(source: string): Parameter[] {
  const found: Parameter[] = [];
  for (const line of source.split(/\r?\n/)) {
    const match = DECLARATION.exec(line);
    if (!match) continue;
    const [, name, annotation = "", value] = match;
    const type = LITERALS.find(([, pattern]) => pattern.test(value))?.[0];
    if (type) found.push({ name, type, annotation: annotation.replace(/^:\s*/, "").trim(), value });
  }
  return found;
}

/** A raw `--set` value, as typed on the command line, turned into a TypeScript literal of `type`. */
function literal(name: string, raw: string, type: ParameterType): string {
  const text = raw.trim();
  const asNumber = (s: string) => (new RegExp(`^${NUMBER}$`).test(s.trim()) && Number.isFinite(Number(s)) ? String(Number(s)) : null);
  if (type === "number") return asNumber(text) ?? fail(name, raw, "a finite number");
  if (type === "boolean") return text === "true" || text === "false" ? text : fail(name, raw, "true or false");
  if (type === "string") {
    const quoted = /^(["'])(.*)\1$/s.exec(text);
    return JSON.stringify(quoted ? quoted[2] : raw);
  }
  const items = text.replace(/^\[|\]$/g, "").split(",").filter((s) => s.trim() !== "");
  const numbers = items.map(asNumber);
  if (numbers.some((n) => n === null)) fail(name, raw, "a list of finite numbers such as [1, 2, 3] or 1,2,3");
  return `[${numbers.join(", ")}]`;
}

/**
 * The members of a literal-union annotation (`"relu" | "tanh"`, `4 | 8`) written as the
 * literals `literal` produces, or undefined when any member is not a literal (`string`,
 * `"a" | string`): then the kernel's type check is the only one.
 */
function literalUnion(annotation: string): string[] | undefined {
  if (annotation === "") return undefined;
  const members = annotation.split("|").map((m) => m.trim());
  const canonical = members.map((m) => {
    const quoted = /^(["'])((?:(?!\1)[^\\])*)\1$/.exec(m);
    if (quoted) return JSON.stringify(quoted[2]);
    return new RegExp(`^${NUMBER}$`).test(m) ? String(Number(m)) : undefined;
  });
  return canonical.every((m) => m !== undefined) ? (canonical as string[]) : undefined;
}

/** The literal for `raw`, refused up front when the annotation is a union of literals it is not in. */
export function checkedLiteral(parameter: Parameter, raw: string): string {
  const value = literal(parameter.name, raw, parameter.type);
  const allowed = literalUnion(parameter.annotation);
  if (allowed && !allowed.includes(value)) fail(parameter.name, raw, `one of ${allowed.join(", ")} (its declared type)`);
  return value;
}

/** The declared parameter called `name`, or a RangeError listing the declared ones. */
export function knownParameter(known: readonly Parameter[], name: string): Parameter {
  const parameter = known.find((p) => p.name === name);
  if (!parameter) fail("--set name", name, `one of ${known.map((p) => `${p.name} (${p.type})`).join(", ") || "(none declared)"}`);
  return parameter;
}
