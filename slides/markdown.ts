// A markdown cell to slide HTML: math out, markdown-it, sanitise, math back in. KaTeX's own
// output is inserted after sanitising, so the allowlist never has to know KaTeX's markup.
import MarkdownIt from "markdown-it";
import { rasterDataUri, rasterTypes } from "./images";
import { extractMath, renderTex, restoreMath, type MathOutput } from "./math";
import { sanitizeMarkup } from "./sanitize";

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

// Inline code breaks only at its spaces. A browser may break a line after any hyphen, and a
// command copied off a slide in two pieces (`-` then `-set`, `try-depth-` then `3.ipynb`) is
// a different command; each word with a hyphen is kept on one line.
const nowrap = (text: string) => `<span style="white-space: nowrap">${md.utils.escapeHtml(text)}</span>`;

/**
 * A command line's unbreakable pieces: `npm run execute --`, each option with its value (a
 * quoted value whole), then any other word, so that a wrapped command reads as a command.
 */
function commandPieces(words: readonly string[]): string[] {
  const pieces: string[] = [words.slice(0, words.indexOf("--") + 1).join(" ")];
  for (let i = pieces[0].split(" ").length; i < words.length; i++) {
    const takesValue = words[i].startsWith("--") && i + 1 < words.length && !words[i + 1].startsWith("-");
    pieces.push(takesValue ? `${words[i]} ${words[++i]}` : words[i]);
  }
  return pieces;
}

md.renderer.rules.code_inline = (tokens, idx) => {
  const content = tokens[idx].content;
  const words: string[] = content.match(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g) ?? [];
  if (words[0] === "npm" && words.includes("--") && words.join(" ") === content) return `<code>${commandPieces(words).map(nowrap).join(" ")}</code>`;
  const parts = content.split(/( +)/).map((part) => (part.includes("-") ? nowrap(part) : md.utils.escapeHtml(part)));
  return `<code>${parts.join("")}</code>`;
};

export type Attachments = Record<string, Record<string, unknown>>;

// `![plot](attachment:plot.png)` refers to a file stored in the cell itself; it is inlined
// only as a validated image (strict base64 of a raster format, or SVG, inert inside <img>).
function attachmentSource(attachments: Attachments, encodedName: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return undefined;
  }
  const bundle = Object.hasOwn(attachments, name) ? attachments[name] : undefined;
  if (typeof bundle !== "object" || bundle === null) return undefined;
  for (const mime of rasterTypes) {
    const uri = Object.hasOwn(bundle, mime) ? rasterDataUri(mime, bundle[mime]) : undefined;
    if (uri) return uri;
  }
  const svg = bundle["image/svg+xml"];
  return typeof svg === "string" ? `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` : undefined;
}

function inlineAttachments(html: string, attachments: Attachments | undefined): string {
  if (!attachments) return html;
  return html.replace(/src="attachment:([^"]+)"/g, (whole, name: string) => {
    const uri = attachmentSource(attachments, name);
    return uri ? `src="${uri}"` : whole;
  });
}

export interface MarkdownOptions {
  attachments?: Attachments;
  /** One line of text, no <p>. */
  inline?: boolean;
  math?: MathOutput;
}

/** Renders markdown with its math; throws KaTeX's ParseError on a formula it cannot parse. */
export function renderMarkdown(source: string, macros: Record<string, string>, options: MarkdownOptions = {}): string {
  const { text, spans } = extractMath(source);
  const rendered = spans.map((span) => renderTex(span, macros, options.math));
  const raw = options.inline ? md.renderInline(text) : md.render(text);
  const html = sanitizeMarkup(inlineAttachments(raw, options.attachments));
  return restoreMath(html, rendered, spans);
}

/** The markdown of the first heading (`# Title`) and of the paragraph under it, if any. */
export function titleOf(source: string): { title: string; subtitle?: string } | undefined {
  const tokens = md.parse(source, {});
  const h = tokens.findIndex((t) => t.type === "heading_open");
  if (h < 0) return undefined;
  const title = tokens[h + 1].content;
  const p = tokens.findIndex((t, i) => i > h && t.type === "paragraph_open");
  const nextHeading = tokens.findIndex((t, i) => i > h + 1 && t.type === "heading_open");
  const subtitle = p > 0 && (nextHeading < 0 || p < nextHeading) ? tokens[p + 1].content : undefined;
  return { title, subtitle };
}
