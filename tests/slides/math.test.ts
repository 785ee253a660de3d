// Math extraction: what counts as math, what stays text or code, and the round trip.
import { describe, expect, test } from "vitest";
import { extractMath, renderTex, restoreMath } from "../../slides/math";

const spans = (md: string) => extractMath(md).spans.map((s) => `${s.display ? "D" : "I"}:${s.tex}`);

describe("extractMath", () => {
  test("all four delimiters", () => {
    expect(spans("$a$ and $$b$$ and \\(c\\) and \\[d\\]")).toEqual(["I:a", "D:b", "I:c", "D:d"]);
  });

  test("display math spans lines; the placeholders are plain words markdown leaves alone", () => {
    const { text, spans } = extractMath("before\n\n$$\na_1 * b_2\n\\\\ c\n$$\n\nafter $x_1$");
    expect(spans).toEqual([{ tex: "a_1 * b_2\n\\\\ c", display: true }, { tex: "x_1", display: false }]);
    expect(text).toBe("before\n\nqqmath0qq\n\nafter qqmath1qq");
  });

  test("Pandoc's dollar rule: prices are not math", () => {
    expect(spans("it costs $5 and $6 today")).toEqual([]);
    expect(spans("from $ a$ to $b $")).toEqual([]);
    expect(spans("$x$5")).toEqual([]);
  });

  test("escaped dollars, inline code and fenced code are left as they are", () => {
    const md = "\\$1 `$x$` ``a `$y$` b``\n```ts\nconst s = `$${z}$`;\n```\n~~~\n$w$\n~~~\n$v$";
    const { text } = extractMath(md);
    expect(spans(md)).toEqual(["I:v"]);
    expect(text).toBe(md.replace(/\$v\$$/, "qqmath0qq"));
  });

  test("an inline formula does not run across a blank line", () => {
    expect(spans("$a\n\nb$")).toEqual([]);
  });
});

test("restoreMath puts each rendering where its placeholder landed", () => {
  expect(restoreMath("<p>qqmath1qq then qqmath0qq</p>", ["A", "B"])).toBe("<p>B then A</p>");
});

test("renderTex throws on bad TeX instead of rendering an error span", () => {
  expect(() => renderTex({ tex: "\\frac{1}{", display: false }, {})).toThrow(/KaTeX parse error/);
  expect(renderTex({ tex: "\\sqrt{2}", display: true }, {})).toMatch(/^<span class="katex-display">/);
});

test("renderTex writes MathML alone when asked (for pages without katex.css), HTML and MathML otherwise", () => {
  const both = renderTex({ tex: "x^2", display: false }, {});
  expect(both).toContain('class="katex-html"');
  expect(both).toContain('class="katex-mathml"');
  const mathml = renderTex({ tex: "x^2", display: false }, {}, "mathml");
  expect(mathml).not.toMatch(/katex-html|katex-mathml/);
  expect(mathml).toMatch(/^<span class="katex"><math [^>]*><semantics><mrow><msup><mi>x<\/mi><mn>2<\/mn><\/msup><\/mrow>/);
});

test("an inline formula is kept with the bracket or punctuation written against it, so no line starts or ends with it alone", () => {
  const rendered = ["<K1>", "<K2>", "<K3>"];
  const html = restoreMath("<p>no guarantee (qqmath0qq gives 0), and qqmath1qq. alone qqmath2qq here</p>", rendered, [
    { tex: "a", display: false }, { tex: "b", display: false }, { tex: "c", display: false },
  ]);
  expect(html).toBe('<p>no guarantee <span class="math-glued">(<K1></span> gives 0), and <span class="math-glued"><K2>.</span> alone <K3> here</p>');
  expect(restoreMath("<p>(qqmath0qq)</p>", ["<D>"], [{ tex: "d", display: true }])).toBe("<p>(<D>)</p>");
});
