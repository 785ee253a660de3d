// Markdown cells on slides: inline code (a command a student copies) breaks only at spaces,
// and a command only between its pieces.
import { describe, expect, test } from "vitest";
import { renderMarkdown } from "../../slides/markdown";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/&quot;/g, '"');

describe("inline code", () => {
  const command = 'npm run execute -- --set "featureScales=[1, 1]" --out try-equal-scales.ipynb notebooks/02-dropout-regularization.ipynb';

  test("breaks a command only before an option or the notebook: each option stays with its value, the text unchanged", () => {
    const html = renderMarkdown(`or run \`${command}\`.`, {});
    const pieces = ["npm run execute --", '--set "featureScales=[1, 1]"', "--out try-equal-scales.ipynb", "notebooks/02-dropout-regularization.ipynb"];
    expect([...html.matchAll(/<span style="white-space: ?nowrap">([^<]*)<\/span>/g)].map((m) => text(m[1]))).toEqual(pieces);
    expect(text(html)).toBe(`or run ${command}.\n`);
  });

  test("keeps any other word with a hyphen whole", () => {
    const html = renderMarkdown("`make a-b c`", {}, { inline: true });
    expect(html).toBe('<code>make <span style="white-space:nowrap">a-b</span> c</code>');
  });

  test("escapes what it wraps, and leaves words without a hyphen as they were", () => {
    const html = renderMarkdown("`a<b -x&y`", {}, { inline: true });
    expect(html).toBe('<code>a&lt;b <span style="white-space:nowrap">-x&amp;y</span></code>');
  });
});
