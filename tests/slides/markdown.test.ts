// Markdown cells on slides: inline code (a command a student copies) breaks only at spaces.
import { describe, expect, test } from "vitest";
import { renderMarkdown } from "../../slides/markdown";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/&quot;/g, '"');

describe("inline code", () => {
  const command = 'npm run execute -- --set "featureScales=[1, 1]" --out try-equal-scales.ipynb notebooks/02-dropout-regularization.ipynb';

  test("keeps every word that holds a hyphen on one line, and its text unchanged", () => {
    const html = renderMarkdown(`or run \`${command}\`.`, {});
    for (const word of ["--", "--set", "--out", "try-equal-scales.ipynb", "notebooks/02-dropout-regularization.ipynb"]) {
      expect(html).toContain(`<span style="white-space:nowrap">${word}</span>`);
    }
    expect(text(html)).toBe(`or run ${command}.\n`);
  });

  test("escapes what it wraps, and leaves words without a hyphen as they were", () => {
    const html = renderMarkdown("`a<b -x&y`", {}, { inline: true });
    expect(html).toBe('<code>a&lt;b <span style="white-space:nowrap">-x&amp;y</span></code>');
  });
});
