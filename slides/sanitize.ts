// Everything a notebook carries into the deck as markup (HTML outputs, inline SVG diagrams,
// raw HTML inside markdown) passes an allowlist: no <script>, no on* handlers, no
// javascript: URLs, and images only as data: URIs so the deck never reaches the network.
import sanitizeHtml from "sanitize-html";

const imageSchemes = { img: ["data"], image: ["data"], use: [] as string[] };

/** HTML from markdown cells and text/html outputs. */
export function sanitizeMarkup(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "details", "summary", "center", "font"],
    allowedAttributes: {
      "*": ["class", "id", "title", "align", "colspan", "rowspan", "style", "aria-*", "data-*"],
      a: ["href", "name", "target"],
      img: ["src", "alt", "width", "height"],
      ol: ["start"],
      font: ["color"],
    },
    // Styles are kept for layout only; url() in a style could fetch, so only plain values pass.
    allowedStyles: { "*": plainStyles },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: imageSchemes,
    allowProtocolRelative: false,
    // A relative image path would point into the output folder, where nothing is copied: only
    // images carried inside the notebook (data: URIs) are kept.
    transformTags: { img: (tagName, attribs) => ({ tagName, attribs: dataSourceOnly(attribs) }) },
  });
}

function dataSourceOnly(attribs: Record<string, string>): Record<string, string> {
  const { src, ...rest } = attribs;
  return src !== undefined && /^data:image\//i.test(src.trim()) ? { ...rest, src } : rest;
}

const plainValue = [/^[-#%.,()\w\s]*$/];
const plainStyles = Object.fromEntries(
  [
    "color", "background-color", "text-align", "font-weight", "font-style", "font-size", "width", "height",
    "max-width", "max-height", "margin", "padding", "border", "display", "vertical-align", "white-space",
  ].map((property) => [property, plainValue]),
);

const svgTags = [
  "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse", "line",
  "polyline", "polygon", "text", "tspan", "textPath", "marker", "clipPath", "mask", "pattern",
  "linearGradient", "radialGradient", "stop", "image", "a",
];

const svgAttributes = [
  "xmlns", "xmlns:xlink", "version", "class", "id", "width", "height", "viewBox", "preserveAspectRatio",
  "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points", "transform",
  "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
  "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity", "display",
  "visibility", "clip-path", "clip-rule", "mask", "marker-start", "marker-mid", "marker-end", "markerWidth",
  "markerHeight", "refX", "refY", "orient", "markerUnits", "gradientUnits", "gradientTransform", "offset",
  "stop-color", "stop-opacity", "patternUnits", "clipPathUnits", "text-anchor", "dominant-baseline",
  "alignment-baseline", "baseline-shift", "font-family", "font-size", "font-weight", "font-style",
  "letter-spacing", "pointer-events", "role", "aria-*", "href", "xlink:href", "style",
];

/** An image/svg+xml display (a diagram or a chart's static fallback). */
export function sanitizeSvg(svg: string): string {
  return sanitizeHtml(svg, {
    allowedTags: svgTags,
    allowedAttributes: { "*": svgAttributes },
    allowedStyles: { "*": { ...plainStyles, fill: plainValue, stroke: plainValue, "font-family": [/^[-\w\s,"']*$/] } },
    // <use href="#id"> and <a href> keep working; <image> loads data: URIs only.
    allowedSchemes: ["http", "https"],
    allowedSchemesByTag: imageSchemes,
    allowedSchemesAppliedToAttributes: ["href", "xlink:href", "src"],
    allowProtocolRelative: false,
    // SVG is case-sensitive (viewBox, clipPath, linearGradient).
    parser: { lowerCaseTags: false, lowerCaseAttributeNames: false },
  });
}
