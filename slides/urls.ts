// A URL from a notebook is judged the way the browser will read it, never as written:
// WHATWG URL parsing strips leading and trailing C0 controls and spaces, drops every tab
// and newline, lower-cases the scheme, reads `\` as `/` in http(s) and file URLs, and
// resolves `//host` and `/\host` against the page's scheme. Node's URL is that parser, so
// each reference is resolved against a sentinel base that stands for the deck's own page:
// whatever leaves the sentinel's origin is a reference to somewhere else.

const sentinel = "https://deck.invalid/deck/";
// A second page elsewhere: a reference is relative only if it stays on whichever page it is read from.
const otherSentinel = "https://other.invalid/deck/";

export interface JudgedUrl {
  /** The URL as the browser resolves it (for relative references: against the sentinel). */
  url: URL;
  /** The scheme without its colon, lower case: "https", "data", "javascript", ... */
  scheme: string;
  /** A reference inside the deck's own page or folder (no scheme, no other host). */
  relative: boolean;
  /** Only a fragment (`#id`): a reference to an element of the same document. */
  fragment: boolean;
}

/** The WHATWG pre-processing: C0 controls and spaces trimmed at both ends, tabs and newlines removed. */
export function browserForm(raw: string): string {
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
}

/** How the browser reads `raw`; undefined when it is not a URL at all (the browser ignores it). */
export function judgeUrl(raw: string): JudgedUrl | undefined {
  const form = browserForm(raw);
  let url: URL;
  try {
    url = new URL(form, sentinel);
  } catch {
    return undefined;
  }
  const stays = (base: string) => new URL(form, base).origin === new URL(base).origin;
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(form) && stays(sentinel) && stays(otherSentinel);
  return { url, scheme: url.protocol.slice(0, -1), relative, fragment: relative && form.startsWith("#") };
}

/** Schemes through which a page fetches, runs or embeds something. */
const activeSchemes = new Set(["http", "https", "ftp", "ws", "wss", "file", "data", "blob", "filesystem", "javascript", "vbscript"]);

/**
 * True when `text` is itself a reference the browser would follow or run: an absolute URL
 * with an active scheme, or a reference that leaves the page's origin (`//host`, `\\host`).
 * Prose with a colon is not, even after a scheme's name ("depth: 4", "data: 20 points").
 */
export function isActiveReference(text: string): boolean {
  let known = judged.get(text);
  if (known === undefined) {
    if (judged.size >= 4096) judged.clear();
    known = judgeActive(text);
    judged.set(text, known);
  }
  return known;
}

/** Answers of isActiveReference (a chart's rows repeat a few strings thousands of times). */
const judged = new Map<string, boolean>();

function judgeActive(text: string): boolean {
  const form = browserForm(text);
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\s)/i.exec(form)?.[1].toLowerCase();
  if (scheme !== undefined) return activeSchemes.has(scheme);
  if (/^[a-z][a-z0-9+.-]*:\s/i.test(form)) return false;
  const judged = judgeUrl(form);
  return judged !== undefined && !judged.relative;
}

/** A link a reader may click: http(s), mailto, or a reference inside the deck; written as the browser reads it. */
export function safeLink(raw: string): string | undefined {
  const judged = judgeUrl(raw);
  if (!judged) return undefined;
  if (judged.relative) return browserForm(raw);
  return ["http", "https", "mailto"].includes(judged.scheme) ? judged.url.href : undefined;
}

/** A reference to an element of the same document (`#id`), as SVG's <use>, gradients and markers make. */
export function localFragment(raw: string): string | undefined {
  const judged = judgeUrl(raw);
  return judged?.fragment ? browserForm(raw) : undefined;
}
