// Reading a rendered chart: the data-mark items (not legend or axis symbols) a vega View
// drew, and the tick labels of an axis in its SVG.
import type { View } from "vega";

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
  shape?: string;
  text?: string;
  height?: number;
}

/** Items of every data mark of this type, in scenegraph order. */
export function markItems(view: View, marktype: string): SceneNode[] {
  const out: SceneNode[] = [];
  const visit = (node: SceneNode) => {
    if (node.marktype === marktype && node.role === "mark") out.push(...(node.items ?? []));
    for (const child of node.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root);
  return out;
}

/** Tick labels of every axis whose aria label starts "X-axis" (or "Y-axis"), panel by panel. */
export function axisLabels(svg: string, axis: "X" | "Y"): string[][] {
  // vega writes each axis as a group labelled for screen readers, then its label texts,
  // then its title; the text of a label is the only content of its <text> element.
  return svg.split(`aria-label="${axis}-axis`).slice(1).map((part) => {
    const labels = part.split("role-axis-title")[0].split("role-axis-label")[1] ?? "";
    return [...labels.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  });
}
