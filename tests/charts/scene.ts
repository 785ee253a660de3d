// Reading a rendered vega View: the data-mark items (not legend or axis symbols) it drew.
import type { View } from "vega";

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
  shape?: string;
  text?: string;
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
