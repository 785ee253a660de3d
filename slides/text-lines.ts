// Code and printed text on a slide, each source line a line of its own that wraps only where a
// reader expects it to. A browser may break a line after a hyphen or a slash: a number came
// apart ("5.2e-" then "16", "1e-" then "10") and an identifier could too. Here each line is
// set without wrapping and only the spaces inside it may wrap (CSS Text: a preserved space's
// own white-space decides whether a line breaks after it; every other break, the one after a
// hyphen included, is decided by the line, which does not wrap). A wrapped line continues
// indented: a hanging indent of the line's own indent plus HANG_CH, so the code's structure
// still reads. The text itself is unchanged (what a reader copies is the notebook's text):
// only elements are added around it. A token wider than the whole box is broken by deck.js.

/** How much further than its line's own indent a wrapped line's continuation starts, in ch. */
export const HANG_CH = 2;
/** CSS's default tab-size: a tab in a line's indent moves to the next multiple of it. */
const TAB_CH = 8;

/** Columns of a line's leading spaces and tabs. */
export function indentOf(line: string): number {
  let column = 0;
  for (const c of line) {
    if (c === " ") column += 1;
    else if (c === "\t") column += TAB_CH - (column % TAB_CH);
    else break;
  }
  return column;
}

const openLine = (indent: number) => `<span class="line" style="--hang: ${indent + HANG_CH}ch">`;

/**
 * HTML (text, character references and <span> elements, as highlight.js writes it) as lines:
 * every source line a `span.line` carrying its hanging indent, every run of spaces after the
 * line's indent a `span.ws`, the only places the line may wrap. An element open across a line
 * end (a multi-line string or comment) is closed at the end of the line and opened again on
 * the next, so every line is whole. The text content is the input's.
 */
export function wrappableLines(html: string): string {
  const plain = html.replace(/<[^>]*>/g, "").split("\n");
  const open: string[] = [];
  let line = 0;
  let out = openLine(indentOf(plain[0]));
  let lineStart = out.length;
  let atIndent = true;
  let inSpace = false;
  const endSpace = () => {
    if (inSpace) out += "</span>";
    inSpace = false;
  };
  for (const [token] of html.matchAll(/<[^>]*>|&[^;\s<]*;|[^<&]/g)) {
    if (token.startsWith("<")) {
      endSpace();
      if (token.startsWith("</")) open.pop();
      else open.push(token);
      out += token;
    } else if (token === "\n") {
      endSpace();
      line += 1;
      out += `\n${"</span>".repeat(open.length)}</span>`;
      lineStart = out.length;
      out += `${openLine(indentOf(plain[line]))}${open.join("")}`;
      atIndent = true;
    } else if ((token === " " || token === "\t") && !atIndent) {
      if (!inSpace) out += '<span class="ws">';
      inSpace = true;
      out += token;
    } else {
      if (token !== " " && token !== "\t") {
        endSpace();
        atIndent = false;
      }
      out += token;
    }
  }
  endSpace();
  // text that ends with a line end has no last line (a <pre> shows none after it)
  const empty = out.slice(lineStart) === `${openLine(indentOf(plain[line]))}${open.join("")}`;
  return empty && line > 0 ? out.slice(0, lineStart) : `${out}${"</span>".repeat(open.length)}</span>`;
}
