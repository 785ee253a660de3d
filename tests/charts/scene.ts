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

interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Tick labels vega drew and kept visible (label overlap hides the others with opacity 0), with their bounds. */
export function visibleLabels(view: View): { text: string; bounds: Bounds }[] {
  const out: { text: string; bounds: Bounds }[] = [];
  const visit = (node: SceneNode & { bounds?: Bounds; opacity?: number }) => {
    if (node.role === "axis-label") {
      for (const item of (node.items ?? []) as (SceneNode & { bounds: Bounds; opacity?: number })[]) {
        if (item.opacity !== 0 && item.text) out.push({ text: String(item.text), bounds: item.bounds });
      }
    }
    for (const child of node.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root);
  return out;
}

/** Pairs of visible labels whose boxes touch or overlap (closer than `gap` px on both axes). */
export function touchingLabels(labels: { text: string; bounds: Bounds }[], gap = 1): string[] {
  const touching: string[] = [];
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      const dx = Math.max(a.bounds.x1, b.bounds.x1) - Math.min(a.bounds.x2, b.bounds.x2);
      const dy = Math.max(a.bounds.y1, b.bounds.y1) - Math.min(a.bounds.y2, b.bounds.y2);
      if (dx < gap && dy < gap) touching.push(`"${a.text}" / "${b.text}"`);
    }),
  );
  return touching;
}
