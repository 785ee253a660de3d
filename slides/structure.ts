// JupyterLab's slideshow convention (metadata.slideshow.slide_type), as nbconvert reads it:
//   slide     starts a new horizontal slide
//   subslide  starts a vertical slide under the current horizontal one
//   fragment  starts a block that appears on the next step
//   -         continues whatever came before (the slide, or the open fragment)
//   notes     speaker notes of the current slide
//   skip / unmarked: not in the deck
// A deck is a list of columns; a column is its top slide followed by its subslides.

export const slideTypes = ["slide", "subslide", "fragment", "-", "notes", "skip"] as const;
export type SlideType = (typeof slideTypes)[number];

export interface Block<C> {
  cell: C;
  /** Blocks sharing a number appear together on one step; undefined: visible from the start. */
  fragment?: number;
}

export interface Slide<C> {
  blocks: Block<C>[];
  notes: C[];
}

export type Column<C> = Slide<C>[];

/** The slide type of a cell, or undefined when it carries none (such a cell stays out). */
export function slideTypeOf(metadata: Record<string, unknown>): SlideType | undefined {
  const slideshow = metadata.slideshow as { slide_type?: unknown } | undefined;
  const type = slideshow?.slide_type;
  return (slideTypes as readonly unknown[]).includes(type) ? (type as SlideType) : undefined;
}

/** Groups key cells (in notebook order) into columns of slides. */
export function groupSlides<C>(cells: readonly { cell: C; type: SlideType }[]): Column<C>[] {
  const columns: Column<C>[] = [];
  let fragments = 0;
  const current = (): Slide<C> => {
    if (columns.length === 0) columns.push([{ blocks: [], notes: [] }]);
    const column = columns[columns.length - 1];
    return column[column.length - 1];
  };
  for (const { cell, type } of cells) {
    if (type === "skip") continue;
    if (type === "slide") columns.push([{ blocks: [], notes: [] }]);
    if (type === "subslide") {
      if (columns.length === 0) columns.push([]);
      columns[columns.length - 1].push({ blocks: [], notes: [] });
    }
    const slide = current();
    if (type === "notes") {
      slide.notes.push(cell);
      continue;
    }
    const previous = slide.blocks[slide.blocks.length - 1];
    const fragment = type === "fragment" ? fragments++ : type === "-" ? previous?.fragment : undefined;
    slide.blocks.push(fragment === undefined ? { cell } : { cell, fragment });
  }
  return columns;
}
