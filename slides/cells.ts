// One notebook cell to slide HTML: markdown with its math, code highlighted at build time,
// outputs. A formula KaTeX cannot parse fails the build and names the notebook and the cell.
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import { cellName } from "../runner/cell-label";
import { hasTag, type Cell } from "../runner/nbformat";
import { escapeHtml, renderOutputs } from "./outputs";
import { renderMarkdown, type Attachments, type MarkdownOptions } from "./markdown";
import { wrappableLines } from "./text-lines";

hljs.registerLanguage("typescript", typescript);

/** Where a cell sits, for error messages: the notebook and the cell's position. */
export interface CellContext {
  notebook: string;
  /** 0-based position in nb.cells; messages name it with cellName (counted from 1). */
  index: number;
  macros: Record<string, string>;
  /** The height (slide pixels) the slide leaves each of its charts; see slide-space.ts. */
  chartHeight?: number;
}

export class DeckBuildError extends Error {
  override name = "DeckBuildError";
}

export function cellLabel(cell: Cell, ctx: CellContext): string {
  return `notebook "${ctx.notebook}", ${cellName(ctx.index)} (id ${cell.id})`;
}

/** Markdown of a cell, with any KaTeX failure rethrown naming the notebook and cell. */
export function markdownOf(source: string, cell: Cell, ctx: CellContext, options: Omit<MarkdownOptions, "attachments"> = {}): string {
  try {
    return renderMarkdown(source, ctx.macros, { ...options, attachments: cell.attachments as Attachments | undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DeckBuildError(`${cellLabel(cell, ctx)}: cannot render math: ${message}`, { cause: error });
  }
}

export function highlightCode(code: string): string {
  const html = hljs.highlight(code, { language: "typescript", ignoreIllegals: true }).value;
  return `<pre class="code"><code class="hljs language-typescript">${wrappableLines(html)}</code></pre>`;
}


/**
 * A cell tagged `try-this` (an exercise: question, parameters, "Predict:", and the
 * explanation inside <details>) is set off as a box; its <details> stays closed until
 * clicked or opened with Enter, and opens in print (deck.js).
 */
const tryThis = (cell: Cell) => (hasTag(cell, "try-this") ? " try-this" : "");

export function renderCell(cell: Cell, ctx: CellContext): string {
  if (cell.cell_type === "markdown") return `<div class="cell markdown${tryThis(cell)}">${markdownOf(cell.source, cell, ctx)}</div>`;
  if (cell.cell_type === "raw") return `<pre class="cell raw">${escapeHtml(cell.source)}</pre>`;
  const input = hasTag(cell, "hide-input") || cell.source.trim() === "" ? "" : highlightCode(cell.source);
  const outputs = hasTag(cell, "hide-output") ? "" : renderOutputs(cell.outputs ?? [], { chartHeight: ctx.chartHeight });
  const body = [input, outputs && `<div class="outputs">${outputs}</div>`].filter(Boolean).join("\n");
  return body ? `<div class="cell code${tryThis(cell)}" data-cell-id="${escapeHtml(cell.id)}">${body}</div>` : "";
}

/**
 * Speaker notes: markdown as rendered text, code cells as their source. Their math is MathML
 * only: reveal's speaker view shows notes in a popup that loads no stylesheet of the deck.
 */
export function renderNotes(cell: Cell, ctx: CellContext): string {
  return cell.cell_type === "markdown" ? markdownOf(cell.source, cell, ctx, { math: "mathml" }) : `<pre>${escapeHtml(cell.source)}</pre>`;
}
