// Lines of code and printed text as the deck sets them: one element per line with its hanging
// indent, spaces after the indent as the only places a line may wrap, the text unchanged.
import { describe, expect, test } from "vitest";
import { highlightCode } from "../../slides/cells";
import { escapeHtml } from "../../slides/html";
import { HANG_CH, indentOf, wrappableLines } from "../../slides/text-lines";

const text = (html: string) => html.replace(/<[^>]*>/g, "");
const lines = (html: string) => [...html.matchAll(/<span class="line" style="--hang: (\d+)ch">/g)].map((m) => Number(m[1]));

describe("wrappableLines", () => {
  test("keeps the text and gives each line the hanging indent of its own indent plus HANG_CH", () => {
    const source = "const x = f(a,\n    1e-10, 5.2e-16);\n\n  y();";
    const html = wrappableLines(escapeHtml(source));
    expect(text(html)).toBe(escapeHtml(source));
    expect(lines(html)).toEqual([0, 4, 0, 2].map((n) => n + HANG_CH));
    expect(HANG_CH).toBe(2);
  });

  test("only the spaces after a line's indent may wrap: a number or a name is never split", () => {
    const html = wrappableLines(escapeHtml("    ratio 5.2e-16 x-y"));
    expect(html).toBe('<span class="line" style="--hang: 6ch">    ratio<span class="ws"> </span>5.2e-16<span class="ws"> </span>x-y</span>');
  });

  test("an element open across a line end is closed there and opened again on the next line", () => {
    const html = wrappableLines('a(<span class="hljs-string">`one\n  two`</span>)');
    expect(html).toBe(
      '<span class="line" style="--hang: 2ch">a(<span class="hljs-string">`one\n</span></span>' +
        '<span class="line" style="--hang: 4ch"><span class="hljs-string">  two`</span>)</span>',
    );
  });

  test("text ending with a line end has no empty last line, as a <pre> shows it", () => {
    expect(wrappableLines("loss 0.2\n")).toBe('<span class="line" style="--hang: 2ch">loss<span class="ws"> </span>0.2\n</span>');
  });

  test("highlighted code keeps its text and its colours", () => {
    const source = "function f(x: number) {\n  // the slope\n  return x * 1e-3; // small\n}\n";
    const html = highlightCode(source);
    expect(text(html)).toBe(escapeHtml(source).replace(/&#39;/g, "'"));
    expect(html).toContain('<span class="hljs-number">1e-3</span>');
    expect(lines(html)).toEqual([2, 4, 4, 2]);
  });

  test("a tab in the indent moves to the next multiple of 8 columns", () => {
    expect(indentOf("\tx")).toBe(8);
    expect(indentOf("  \t x")).toBe(9);
    expect(indentOf("x  ")).toBe(0);
  });
});
