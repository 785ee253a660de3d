// A notebook to one self-contained reveal.js page (its assets live in ./assets, shared by all
// decks). Only key cells reach the deck; the first slide is a title slide.
import type { Cell, Notebook } from "../runner/nbformat";
import { renderCell, renderNotes, markdownOf, type CellContext } from "./cells";
import { titleOf } from "./markdown";
import { escapeHtml } from "./outputs";
import { pageHtml } from "./page";
import { chartHeightFor } from "./slide-space";
import { groupSlides, slideTypeOf, type Column, type Slide } from "./structure";

interface Indexed {
  cell: Cell;
  ctx: CellContext;
}

function slideHtml(slide: Slide<Indexed>, className = ""): string {
  const parts: string[] = [];
  // Every fragment shown at once is the slide's fullest state: its charts get the room left then.
  const chartHeight = chartHeightFor(slide.blocks.map((b) => b.cell.cell));
  for (let i = 0; i < slide.blocks.length; ) {
    const { fragment } = slide.blocks[i];
    const group: string[] = [];
    // Cells of one fragment (a `fragment` cell and the `-` cells after it) appear together.
    for (; i < slide.blocks.length && slide.blocks[i].fragment === fragment; i++) {
      group.push(renderCell(slide.blocks[i].cell.cell, { ...slide.blocks[i].cell.ctx, chartHeight }));
    }
    parts.push(fragment === undefined ? group.join("\n") : `<div class="fragment">${group.join("\n")}</div>`);
  }
  const notes = slide.notes.map(({ cell, ctx }) => renderNotes(cell, ctx)).join("\n");
  const aside = notes ? `\n<aside class="notes">${notes}</aside>` : "";
  return `<section${className ? ` class="${className}"` : ""}>\n${parts.join("\n")}${aside}\n</section>`;
}

function columnHtml(column: Column<Indexed>, first: boolean): string {
  const slides = column.map((slide, i) => slideHtml(slide, first && i === 0 ? "title-slide" : ""));
  return slides.length === 1 ? slides[0] : `<section>\n${slides.join("\n")}\n</section>`;
}

/** The notebook's first heading as a title slide, with the paragraph under it as subtitle. */
function titleSlide(cells: readonly Indexed[], name: string): { html: string; plain: string; cell?: Cell } {
  for (const { cell, ctx } of cells) {
    if (cell.cell_type !== "markdown") continue;
    const title = titleOf(cell.source);
    if (!title) continue;
    const subtitle = title.subtitle ? `<p class="subtitle">${markdownOf(title.subtitle, cell, ctx, { inline: true })}</p>` : "";
    const html = `<section class="title-slide">\n<h1>${markdownOf(title.title, cell, ctx, { inline: true })}</h1>\n${subtitle}\n</section>`;
    return { html, plain: title.title.replace(/[$`*_\\]/g, ""), cell };
  }
  return { html: `<section class="title-slide">\n<h1>${escapeHtml(name)}</h1>\n</section>`, plain: name };
}

/**
 * The deck for one notebook as an HTML page. `name` is the notebook's file name without
 * extension; it names the notebook in build errors and is the fallback title.
 */
export function notebookToDeck(nb: Notebook, name: string): string {
  const macros: Record<string, string> = {};
  const indexed: Indexed[] = nb.cells.map((cell, index) => ({ cell, ctx: { notebook: name, index, macros } }));
  const keyCells = indexed.flatMap((entry) => {
    const type = slideTypeOf(entry.cell.metadata);
    return type && type !== "skip" ? [{ cell: entry, type }] : [];
  });
  const title = titleSlide(indexed, name);
  // When the title cell is itself the first key cell, its own slide is the title slide.
  const ownTitle = title.cell !== undefined && keyCells[0]?.cell.cell === title.cell;
  const columns = groupSlides(keyCells).map((column, i) => columnHtml(column, ownTitle && i === 0));
  const sections = ownTitle ? columns : [title.html, ...columns];
  return pageHtml({ title: title.plain, sections: sections.join("\n") });
}
