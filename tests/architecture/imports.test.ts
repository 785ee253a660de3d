// The parts of the project and the one direction their imports may point:
//   tools ← runner ← slides, and bench may use all three; every tool reaches the library only
//   through its package ("@skip-and-drop/lib" or a subpath it exports), never lib/src.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, test } from "vitest";

const root = resolve(__dirname, "..", "..");
const parts = ["lib", "tools", "runner", "slides", "bench"] as const;
type Part = (typeof parts)[number];
/** What each part may import from the others. */
const allowed: Record<Part, Part[]> = {
  lib: [],
  tools: [],
  runner: ["tools"],
  slides: ["tools", "runner"],
  bench: ["tools", "runner", "slides"],
};

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

/** Relative module specifiers of a source file (import, export … from, require, dynamic import). */
export function relativeImports(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g);
  return [...found].map((m) => m[1]);
}

const partOf = (path: string): string => relative(root, path).split(/[\\/]/)[0];

describe("imports point one way", () => {
  test("the specifier scanner finds every form of relative import", () => {
    const text = `import a from "../x";\nexport { b } from './y';\nconst c = require("../z");\nawait import("./w");\nimport "../side";`;
    expect(relativeImports(text)).toEqual(["../x", "./y", "../z", "./w", "../side"]);
  });

  for (const part of parts) {
    test(`${part}/ imports only ${allowed[part].join(", ") || "itself"} (and packages)`, () => {
      const folder = part === "lib" ? join(root, "lib", "src") : join(root, part);
      const wrong: string[] = [];
      for (const file of sources(folder)) {
        if (file.includes(`${join("slides", "dist")}`) || file.includes(`${join("slides", "client")}`)) continue;
        for (const spec of relativeImports(readFileSync(file, "utf8"))) {
          const target = partOf(resolve(dirname(file), spec));
          if (target !== part && !allowed[part].includes(target as Part)) wrong.push(`${relative(root, file)} → ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
