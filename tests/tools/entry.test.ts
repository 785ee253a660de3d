// runIfEntry, the one way every command decides it was started as a script: real node (tsx)
// processes started with a tiny command module, or with a script that imports it.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchFolder } from "../temp-dir";

const root = join(__dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const scratch = scratchFolder("entry-");
afterAll(scratch.remove);

/** A command module whose main prints, then returns `result` (or throws when result is "throw"). */
function command(name: string, result: string): string {
  const path = join(scratch.folder, `${name}.ts`);
  const body = result === "throw" ? `throw new Error("bad input");` : `return ${result};`;
  writeFileSync(
    path,
    `import { runIfEntry } from ${JSON.stringify(join(root, "tools", "entry"))};\n` +
      `export const loaded = true;\n` +
      `runIfEntry(module, async () => { console.log("main ran"); ${body} }, { report: (e) => "✗ " + (e as Error).message, failureCode: 3 });\n` +
      `setTimeout(() => console.log("event loop finished"), 50);\n`,
  );
  return path;
}

const run = (path: string) => spawnSync(tsx, [path], { encoding: "utf8", cwd: scratch.folder });

describe("runIfEntry", () => {
  it("runs main when the module is the script, and exits with the code it returns", () => {
    const out = run(command("returns-4", "4"));
    expect(out.stdout).toBe("main ran\n"); // process.exit: the pending timer never fires
    expect(out.status).toBe(4);
  });

  it("lets the event loop finish when main returns nothing (a server keeps serving)", () => {
    const out = run(command("returns-nothing", "undefined"));
    expect(out.stdout).toBe("main ran\nevent loop finished\n");
    expect(out.status).toBe(0);
  });

  it("prints a thrown error through report and exits with failureCode", () => {
    const out = run(command("throws", "throw"));
    expect(out.stderr).toBe("✗ bad input\n");
    expect(out.status).toBe(3);
  });

  it("does not run main when another script imports the module", () => {
    const module = command("imported", "4");
    const importer = join(scratch.folder, "importer.ts");
    writeFileSync(importer, `import { loaded } from ${JSON.stringify(module.replace(/\.ts$/, ""))};\nconsole.log("imported", loaded);\n`);
    const out = run(importer);
    expect(out.stdout).toBe("imported true\nevent loop finished\n");
    expect(out.status).toBe(0);
  });
});

describe("one way to start a command", () => {
  const commands = ["runner/cli.ts", "runner/lab.ts", "slides/cli.ts", "slides/serve.ts", "bench/run.ts"];
  // slides/pdf.ts's command line is being moved to parseCommandLine separately
  const pending = ["slides/pdf.ts"];
  const read = (file: string) => readFileSync(join(root, file), "utf8");

  it.each(commands)("%s starts through runIfEntry and parses no argv by hand", (file) => {
    const text = read(file);
    expect(text).toMatch(/^runIfEntry\(module, /m);
    expect(text).not.toMatch(/require\.main|process\.argv\[|from "node:util"/);
  });

  it("no other tool module detects its entry point itself", () => {
    const sources = (folder: string): string[] =>
      readdirSync(join(root, folder), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (["dist", "client", "node_modules"].includes(e.name) ? [] : sources(join(folder, e.name))) : e.name.endsWith(".ts") ? [join(folder, e.name)] : [],
      );
    const own = ["tools", "runner", "slides", "bench"].flatMap(sources).filter((f) => f !== join("tools", "entry.ts") && !pending.includes(f));
    expect(own.filter((f) => /require\.main|process\.argv\[1\]/.test(read(f)))).toEqual([]);
  });
});
