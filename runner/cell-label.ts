// How cells are named to people: "cell N" counts from 1, top to bottom, every cell (markdown
// included) as JupyterLab lists them. Programmatic indexes (`cellIndex`, `index`) stay 0-based
// positions in nb.cells; only text meant for a person goes through here.

/** "cell N" for the cell at 0-based position `index`. */
export const cellName = (index: number): string => `cell ${index + 1}`;

/** The first non-blank line of a cell's source, trimmed and clipped to `max` characters. */
export function firstLine(source: string, max = 60): string {
  const line = (source.split("\n").find((l) => l.trim() !== "") ?? "").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
