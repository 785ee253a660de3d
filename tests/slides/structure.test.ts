// JupyterLab's slide types grouped into columns of slides.
import { expect, test } from "vitest";
import { groupSlides, slideTypeOf, type SlideType } from "../../slides/structure";

const group = (types: SlideType[]) => groupSlides(types.map((type, i) => ({ cell: `c${i}`, type })));

test("slide opens a column, subslide a slide under it, - continues, skip is dropped", () => {
  expect(group(["slide", "-", "subslide", "skip", "-", "slide"])).toEqual([
    [{ blocks: [{ cell: "c0" }, { cell: "c1" }], notes: [] }, { blocks: [{ cell: "c2" }, { cell: "c4" }], notes: [] }],
    [{ blocks: [{ cell: "c5" }], notes: [] }],
  ]);
});

test("a fragment starts a step; - after it joins that step; each fragment is its own step", () => {
  const [[slide]] = group(["slide", "fragment", "-", "fragment", "notes"]);
  expect(slide.blocks).toEqual([{ cell: "c0" }, { cell: "c1", fragment: 0 }, { cell: "c2", fragment: 0 }, { cell: "c3", fragment: 1 }]);
  expect(slide.notes).toEqual(["c4"]);
});

test("key cells before the first `slide` still get a slide", () => {
  expect(group(["-", "notes"])).toEqual([[{ blocks: [{ cell: "c0" }], notes: ["c1"] }]]);
  expect(group(["subslide"])).toEqual([[{ blocks: [{ cell: "c0" }], notes: [] }]]);
  expect(group([])).toEqual([]);
});

test("slideTypeOf reads metadata.slideshow.slide_type and ignores anything else", () => {
  expect(slideTypeOf({ slideshow: { slide_type: "fragment" } })).toBe("fragment");
  expect(slideTypeOf({ slideshow: { slide_type: "sideways" } })).toBeUndefined();
  expect(slideTypeOf({ tags: ["slide"] })).toBeUndefined();
});
