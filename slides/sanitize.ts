// Everything a notebook carries into the deck as markup (HTML outputs, inline SVG diagrams,
// raw HTML inside markdown) passes an allow-list of tags, attributes, classes and values;
// anything not listed is dropped. What the list leaves out on purpose:
// - script of any kind: <script>, on* handlers, javascript: and other non-http links;
// - reveal.js structure and behaviour: <section> (a slide), <aside> (speaker notes), every
//   data-* attribute (data-background-*, data-src lazy loading, data-autoplay, data-state,
//   data-transition, data-notes, ...), and every class but code's language-* and vega's SVG
//   class names (reveal and the deck's script act on classes such as fragment, r-stretch, chart);
// - embedded documents: <iframe>, <object>, <embed>, <frame>, <video>, <audio>, <source>;
// - anything that fetches: images only as validated data: URIs, SVG references only to
//   elements of the same document (`#id`), CSS values without url() to elsewhere.
// URLs are judged as the browser reads them (see urls.ts) and written back in that form.
import sanitizeHtml from "sanitize-html";
import { rasterDataUri } from "./images";
import { browserForm, localFragment, safeLink } from "./urls";

type Attributes = Record<string, string>;

/**
 * A CSS value (a style declaration, an SVG presentation attribute): a conservative character
 * set (no quotes, backslash escapes, colons or slashes), functions limited to colours and
 * transforms, and url() only to an element of the same document.
 */
const cssValue = /^(?:[-#%.,\w\s]|(?:rgba?|hsla?|matrix|translate|scale|rotate|skewx|skewy)\(|url\(#|\))*$/i;
const fontFamily = /^[-\w\s,"']*$/;

const styleProperties = [
  "color", "background-color", "text-align", "font-weight", "font-style", "font-size", "width", "height",
  "max-width", "max-height", "margin", "padding", "border", "display", "vertical-align", "white-space",
];
const plainStyles = Object.fromEntries(styleProperties.map((property) => [property, [cssValue]]));

/** An image source as the browser reads it: a data: URI of a validated raster image or of SVG (inert inside <img>), else nothing. */
export function imageSource(raw: string): string | undefined {
  const form = browserForm(raw);
  const data = /^data:(image\/[a-z+.-]+)(;base64)?,(.*)$/is.exec(form);
  if (!data) return undefined;
  const mime = data[1].toLowerCase();
  if (mime === "image/svg+xml") return `data:${mime}${data[2] ? ";base64" : ""},${data[3]}`;
  return data[2] ? rasterDataUri(mime, data[3].replace(/[\t\n\f\r ]/g, "")) : undefined;
}

/** Replaces attribute `name` by `judge(value)`, dropping it when the judge refuses. */
function judged(attribs: Attributes, name: string, judge: (value: string) => string | undefined): Attributes {
  if (!(name in attribs)) return attribs;
  const { [name]: value, ...rest } = attribs;
  const verdict = judge(value);
  return verdict === undefined ? rest : { ...rest, [name]: verdict };
}

function markupTransform(tagName: string, attribs: Attributes): { tagName: string; attribs: Attributes } {
  if (tagName === "img") return { tagName, attribs: judged(attribs, "src", imageSource) };
  if (tagName === "a") {
    const { rel: _fromContent, ...linked } = judged(attribs, "href", safeLink);
    // A link that opens a new tab gets no handle on the deck's window.
    return { tagName, attribs: "target" in linked ? { ...linked, target: "_blank", rel: "noopener noreferrer" } : linked };
  }
  return { tagName, attribs };
}

const markupTags = [
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "var",
  "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
  "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "span", "div", "abbr", "cite",
  "q", "dfn", "figure", "figcaption", "img", "details", "summary", "center", "font",
];

/** HTML from markdown cells and text/html outputs. */
export function sanitizeMarkup(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: markupTags,
    allowedAttributes: {
      "*": ["title", "align", "style", "aria-*"],
      a: ["href", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      code: ["class"],
      ol: ["start"],
      th: ["colspan", "rowspan"],
      td: ["colspan", "rowspan"],
      font: ["color"],
    },
    // markdown-it marks a fenced block's language on <code>; no other class is kept.
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedStyles: { "*": plainStyles },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["data"] },
    allowProtocolRelative: false,
    transformTags: { "*": markupTransform },
  });
}

const svgTags = [
  "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
  "polyline", "polygon", "text", "tspan", "textPath", "marker", "clipPath", "mask", "pattern",
  "linearGradient", "radialGradient", "stop", "image", "a",
];

/** Attributes whose values are text or references, not CSS: judged on their own below. */
const svgTextAttributes = new Set(["xmlns", "xmlns:xlink", "id", "role", "href", "xlink:href", "font-family"]);
const svgAttributes = [
  ...svgTextAttributes, "version", "width", "height", "viewBox", "preserveAspectRatio",
  "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points", "transform",
  "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
  "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity", "display",
  "visibility", "clip-path", "clip-rule", "mask", "marker-start", "marker-mid", "marker-end", "markerWidth",
  "markerHeight", "refX", "refY", "orient", "markerUnits", "gradientUnits", "gradientTransform", "offset",
  "stop-color", "stop-opacity", "patternUnits", "clipPathUnits", "text-anchor", "dominant-baseline",
  "alignment-baseline", "baseline-shift", "font-size", "font-weight", "font-style",
  "letter-spacing", "pointer-events", "aria-*", "style",
];

const namespaces: Attributes = { xmlns: "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink" };

/** Where an SVG element's href may point: <a> to a link, <image> to a data: image, the rest to `#id` in the same document. */
const svgReference = (tagName: string) => (tagName === "a" ? safeLink : tagName === "image" ? imageSource : localFragment);

function svgTransform(tagName: string, attribs: Attributes): { tagName: string; attribs: Attributes } {
  const kept: Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (name.startsWith("aria-") || name === "role" || name === "style") kept[name] = value;
    else if (name in namespaces) {
      if (value === namespaces[name]) kept[name] = value;
    } else if (name === "href" || name === "xlink:href") {
      const reference = svgReference(tagName)(value);
      if (reference !== undefined) kept[name] = reference;
    } else if (name === "font-family") {
      if (fontFamily.test(value)) kept[name] = value;
    } else if (name === "id") {
      if (/^[\w.:-]+$/.test(value)) kept[name] = value;
    } else if (cssValue.test(value)) kept[name] = value;
  }
  return { tagName, attribs: kept };
}

// The class names vega's SVG renderer writes (a chart's static fallback); none of them is a
// class reveal.js or the deck acts on (vega's facet `cell` is left out: the deck styles .cell).
const vegaSvgClasses = [/^(?:mark|role)-[a-z-]+$/, /^(?:marks|background|foreground|root)$/, /^[a-z]+(?:_[a-z0-9]+)*_(?:marks|pathgroup|header|footer)$/];

/** An image/svg+xml display (a diagram or a chart's static fallback). */
export function sanitizeSvg(svg: string): string {
  return sanitizeHtml(svg, {
    allowedTags: svgTags,
    allowedAttributes: { "*": svgAttributes },
    allowedClasses: { "*": vegaSvgClasses },
    allowedStyles: { "*": { ...plainStyles, fill: [cssValue], stroke: [cssValue], "font-family": [fontFamily] } },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { image: ["data"], use: [] },
    allowedSchemesAppliedToAttributes: ["href", "xlink:href", "src"],
    allowProtocolRelative: false,
    transformTags: { "*": svgTransform },
    // SVG is case-sensitive (viewBox, clipPath, linearGradient).
    parser: { lowerCaseTags: false, lowerCaseAttributeNames: false },
  });
}
