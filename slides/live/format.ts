// console.log's arguments as one line, the way Node's util.format writes the values notebooks
// print (strings as they are, numbers as String gives them, arrays and objects inspected
// briefly), so a printed check reads the same in the deck as in the notebook.
function inspect(value: unknown, nested: boolean): string {
  if (typeof value === "string") return nested ? `'${value}'` : value;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : `[ ${value.map((v) => inspect(v, true)).join(", ")} ]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${k}: ${inspect(v, true)}`).join(", ")} }`;
}

export function formatLine(args: readonly unknown[]): string {
  return args.map((a) => inspect(a, false)).join(" ");
}
