// The HTML shell of a deck: reveal's .reveal > .slides structure around the sections, the
// offline assets, and nothing that reaches the network. Without scripts reveal.js never lays
// the deck out (every section stays display: none), so a <noscript> style turns the page into
// one scrolling document, slide after slide, each chart shown as the SVG stored with it.
import { scripts, stylesheets } from "./assets";
import { escapeHtml } from "./outputs";

const withoutScripts = `<noscript><style>
html, body { height: auto; overflow: auto; }
.reveal, .reveal .slides { position: static; width: auto; height: auto; overflow: visible; pointer-events: auto; }
.reveal .slides section { display: block !important; position: static !important; box-sizing: border-box; width: 960px; max-width: 100%;
  margin: 0 auto; padding: 1em 1.5em; border-bottom: 1px solid #ddd; opacity: 1 !important; visibility: visible !important; transform: none !important; }
.reveal .slides section > section { border-bottom: none; }
.reveal .fragment { opacity: 1 !important; visibility: visible !important; }
</style></noscript>`;

/**
 * The deck's Content Security Policy, a second wall behind the build's allow-lists: the page
 * and everything it starts (a live deck's worker made from a Blob inherits the policy) may
 * load scripts, styles, fonts and images only from the deck's own folder or inline, and may
 * connect nowhere. vega compiles its expressions with Function, hence 'unsafe-eval'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' file: 'unsafe-inline' 'unsafe-eval'",
  "worker-src blob:",
  // the speaker view shows the current and the next slide in frames of the deck itself
  "frame-src 'self' file:",
  "style-src 'self' file: 'unsafe-inline'",
  "img-src 'self' file: data: blob:",
  "font-src 'self' file: data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function pageHtml({ title, sections, tail = "" }: { title: string; sections: string; tail?: string }): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join("\n");
  const tags = scripts.map((src) => `<script src="${src}"></script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(title)}</title>
${links}
${withoutScripts}
</head>
<body>
<div class="reveal">
<div class="slides">
${sections}
</div>
</div>
${tags}
${tail}
</body>
</html>
`;
}
