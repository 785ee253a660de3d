// The HTML shell of a deck: reveal's .reveal > .slides structure around the sections, the
// offline assets, and nothing that reaches the network.
import { scripts, stylesheets } from "./assets";
import { escapeHtml } from "./outputs";

export function pageHtml({ title, sections }: { title: string; sections: string }): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join("\n");
  const tags = scripts.map((src) => `<script src="${src}"></script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${links}
</head>
<body>
<div class="reveal">
<div class="slides">
${sections}
</div>
</div>
${tags}
</body>
</html>
`;
}
