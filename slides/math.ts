// LaTeX in markdown is rendered with KaTeX at build time. The markdown parser must never see
// the TeX (it would read `a_1 * b_2` as emphasis and `\\` as an escape), so the math is cut
// out first and replaced by inert placeholders, the markdown is rendered, and the KaTeX HTML
// is put back in place of the placeholders.
import katex from "katex";
import { escapeHtml } from "./outputs";

export interface MathSpan {
  tex: string;
  display: boolean;
}

export interface Extracted {
  text: string;
  spans: MathSpan[];
}

const placeholder = (i: number) => `qqmath${i}qq`;
const placeholderPattern = /qqmath(\d+)qq/g;

// Delimiters in the order they are tried at each position; `$` follows Pandoc's rule: the
// opening `$` is not followed by a space, the closing one not preceded by a space nor
// followed by a digit, so "it costs $5 and $6" stays text.
const delimiters: { open: string; close: string; display: boolean }[] = [
  { open: "$$", close: "$$", display: true },
  { open: "\\[", close: "\\]", display: true },
  { open: "\\(", close: "\\)", display: false },
  { open: "$", close: "$", display: false },
];

function closingDollar(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "\n" && text[i + 1] === "\n") return -1;
    else if (c === "$" && !/\s/.test(text[i - 1]) && !/\d/.test(text[i + 1] ?? "")) return i;
  }
  return -1;
}

function matchMath(text: string, at: number): { span: MathSpan; end: number } | undefined {
  for (const { open, close, display } of delimiters) {
    if (!text.startsWith(open, at)) continue;
    const start = at + open.length;
    if (open === "$") {
      if (text[start] === undefined || /\s/.test(text[start])) return undefined;
      const end = closingDollar(text, start);
      return end < 0 ? undefined : { span: { tex: text.slice(start, end), display }, end: end + 1 };
    }
    const end = text.indexOf(close, start);
    if (end < 0) return undefined;
    return { span: { tex: text.slice(start, end).trim(), display }, end: end + close.length };
  }
  return undefined;
}

// CommonMark's raw HTML: an open tag with its attributes, a closing tag, or a comment.
const attribute = String.raw`\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const htmlTag = new RegExp(String.raw`^(?:<[A-Za-z][A-Za-z0-9-]*(?:${attribute})*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!--[\s\S]*?-->)`);

/** Replaces every math span outside code (fenced blocks and backtick spans) and outside HTML tags by a placeholder. */
export function extractMath(markdown: string): Extracted {
  const spans: MathSpan[] = [];
  let out = "";
  let i = 0;
  while (i < markdown.length) {
    const lineStart = i === 0 || markdown[i - 1] === "\n";
    const fence = lineStart ? /^ {0,3}(`{3,}|~{3,})/.exec(markdown.slice(i)) : null;
    if (fence) {
      // A fenced block runs to a closing fence of the same character and at least the same length.
      const closeAt = markdown.slice(i + fence[0].length).search(new RegExp(`\\n {0,3}${fence[1][0]}{${fence[1].length},}`));
      const end = closeAt < 0 ? markdown.length : i + fence[0].length + closeAt + 1 + fence[1].length;
      out += markdown.slice(i, end);
      i = end;
      continue;
    }
    const ticks = /^`+/.exec(markdown.slice(i));
    if (ticks) {
      const close = markdown.indexOf(ticks[0], i + ticks[0].length);
      const end = close < 0 ? i + ticks[0].length : close + ticks[0].length;
      out += markdown.slice(i, end);
      i = end;
      continue;
    }
    // Raw HTML tags are copied whole: a `$` inside an attribute value is text, not math.
    const tag = markdown[i] === "<" ? htmlTag.exec(markdown.slice(i)) : null;
    if (tag) {
      out += tag[0];
      i += tag[0].length;
      continue;
    }
    if (markdown[i] === "\\" && markdown[i + 1] === "$") {
      out += "\\$";
      i += 2;
      continue;
    }
    const math = matchMath(markdown, i);
    if (math) {
      out += placeholder(spans.length);
      spans.push(math.span);
      i = math.end;
      continue;
    }
    out += markdown[i];
    i++;
  }
  return { text: out, spans };
}

/**
 * What KaTeX writes: "htmlAndMathml" (the slides: HTML styled by katex.css, MathML hidden by it
 * for screen readers) or "mathml" alone, for pages without katex.css, such as reveal's speaker
 * view popup, where both copies would show. Chromium draws MathML natively.
 */
export type MathOutput = "htmlAndMathml" | "mathml";

/**
 * Renders one formula. `macros` is shared by all cells of a notebook, as MathJax shares
 * \newcommand across a notebook's cells. KaTeX errors propagate (throwOnError).
 */
export function renderTex(span: MathSpan, macros: Record<string, string>, output: MathOutput = "htmlAndMathml"): string {
  const html = katex.renderToString(span.tex, {
    output,
    displayMode: span.display,
    throwOnError: true,
    trust: false,
    strict: "ignore",
    globalGroup: true,
    macros,
  });
  return span.display ? html : unbrokenRuns(html);
}

/**
 * KaTeX sets an inline formula as a row of boxes (`.base`), one after each relation or binary
 * operator, and a line may break between any two, also inside brackets: "‖(I +" on one line,
 * "A)ᵀg‖²" on the next, or, after the formula's last box, before the "." written against it.
 * Here the boxes are grouped into runs that end only where no bracket is open, each run kept
 * on one line (deck.css: .math-run), so a formula still breaks after a top-level "=" or "+"
 * and nowhere else.
 */
function unbrokenRuns(html: string): string {
  const open = '<span class="katex-html" aria-hidden="true">';
  const start = html.indexOf(open);
  if (start < 0) return html;
  const bases: string[] = [];
  let i = start + open.length;
  while (html.startsWith("<span", i)) {
    const end = closingSpan(html, i);
    bases.push(html.slice(i, end));
    i = end;
  }
  if (bases.length === 0) return html;
  const count = (s: string, cls: string) => (s.match(new RegExp(`class="[^"]*\\b${cls}\\b`, "g")) ?? []).length;
  const runs: string[][] = [[]];
  let depth = 0;
  for (const base of bases) {
    runs[runs.length - 1].push(base);
    depth = Math.max(0, depth + count(base, "mopen") - count(base, "mclose"));
    if (depth === 0) runs.push([]);
  }
  const grouped = runs.filter((r) => r.length > 0).map((r) => `<span class="math-run">${r.join("")}</span>`).join("");
  return html.slice(0, start + open.length) + grouped + html.slice(i);
}

/** The index just past the `</span>` that closes the `<span` at `from`. */
function closingSpan(html: string, from: number): number {
  const tag = /<span\b|<\/span>/g;
  tag.lastIndex = from;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[0] === "</span>" ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

/** A span as it was written, for places where a formula cannot be rendered (an attribute value). */
export const writtenForm = (span: MathSpan) => (span.display ? `$$${span.tex}$$` : `$${span.tex}$`);

/**
 * Puts rendered formulas back where their placeholders ended up in the (sanitised) HTML: in
 * text, the rendering; inside a tag (a link title or an image's alt text made from markdown),
 * the formula as written, escaped, so no markup can land in an attribute.
 */
export function restoreMath(html: string, rendered: string[], spans: readonly MathSpan[] = []): string {
  return html.replace(/<[^>]*>|[^<]+/g, (part) =>
    part.startsWith("<")
      ? part.replace(placeholderPattern, (whole, index: string) => {
          const span = spans[Number(index)];
          return span ? escapeHtml(writtenForm(span)) : "";
        })
      : part
          .replace(gluedPattern, (whole, before: string, index: string, after: string) => {
            const html = rendered[Number(index)];
            if (html === undefined || spans[Number(index)]?.display || (!before && !after)) return whole;
            return `<span class="math-glued">${before ?? ""}${html}${after ?? ""}</span>`;
          })
          .replace(placeholderPattern, (whole, index: string) => rendered[Number(index)] ?? whole),
  );
}

/**
 * An inline formula with the brackets and punctuation written against it: "(" before, ")" "," "."
 * after. The browser may break a line between text and a formula, which would leave a lone "("
 * at the end of a line; the slide keeps them together (deck.css: .math-glued).
 */
const gluedPattern = /([(\[{“‘«]+)?qqmath(\d+)qq([)\]}”’»,.;:!?]+)?/g;
