// Real runs through the project's tslab kernel. Each kernel start costs a second or two,
// so every test runs one notebook once and asserts everything that run shows.
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { Dealer } from "zeromq";
import { createRng } from "../../lib/src/rng";
import { checkNotebook, executeNotebook, Kernel, NotebookError, parseNotebook, serializeNotebook, startKernel, type ExecuteStatus } from "../../runner";
import type { Channels } from "../../runner/channels";
import { newConnection, type ConnectionInfo } from "../../runner/kernel-process";
import { failure } from "../../runner/run";
import { bytes, canListProcesses, kernelsIn, workspace } from "./workspace";

const ws = workspace("execute");
afterAll(() => ws.remove());
afterEach(() => {
  // Whatever happened, no kernel may outlive its run.
  expect(kernelsIn(ws.dir)).toEqual([]);
});

const quiet = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
};
const read = (path: string) => parseNotebook(readFileSync(path, "utf8"));
const streamText = (path: string, index: number) =>
  (read(path).cells[index].outputs ?? []).map((o) => (o.output_type === "stream" ? o.text : "")).join("");

/** What nb.cells[2] of passes.ipynb must print, computed here with the same library. */
function expectedDraws(depth: number, seed: number): string {
  const rng = createRng(seed);
  return Array.from({ length: depth }, () => rng.uniform().toFixed(4)).join(" ");
}

describe("executeNotebook", () => {
  it("runs every code cell and writes nbformat 4.5 outputs back in Jupyter's format", async () => {
    const path = ws.copy("passes.ipynb", "run.ipynb");
    const { lines, log } = quiet();
    const result = await executeNotebook(path, { log });
    expect(result.path).toBe(path);
    expect(result.cells.map((c) => c.index)).toEqual([1, 2, 4, 5]); // 0-based; nb.cells[3] is empty: skipped like nbclient does
    expect(result.kernelStartMs).toBeGreaterThan(0);
    expect(result.totalMs).toBeGreaterThan(result.kernelStartMs);
    // Progress lines count cells from 1, as JupyterLab shows them.
    expect(lines.filter((l) => /^ {2}cell +\d+ +\d+\.\d\d s {2}ok/.test(l)).map((l) => Number(l.split(/ +/)[2]))).toEqual([2, 3, 5, 6]);

    const text = readFileSync(path, "utf8");
    expect(serializeNotebook(parseNotebook(text))).toBe(text); // already in canonical form
    expect(text.startsWith('{\n "cells": [\n  {\n')).toBe(true);
    const raw = JSON.parse(text);
    expect([raw.nbformat, raw.nbformat_minor]).toEqual([4, 5]);
    expect(raw.cells.map((c: { id: string }) => c.id)).toEqual(["cell-1", "cell-2", "cell-3", "cell-4", "cell-5", "cell-6"]);
    expect(raw.cells.map((c: { execution_count?: number | null }) => c.execution_count)).toEqual([undefined, 1, 2, null, 3, 4]);
    expect(raw.metadata.kernelspec.name).toBe("tslab");
    expect(raw.metadata.language_info.name).toBe("typescript");

    expect(streamText(path, 2)).toBe(`depth=3 p=0.5 activation=relu widths=4,8\n${expectedDraws(3, 7)}\n`);
    const [display] = raw.cells[4].outputs;
    expect(display.output_type).toBe("display_data");
    expect(Object.keys(display.data).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]);
    expect(display.data["application/vnd.vegalite.v5+json"].data.values).toHaveLength(3); // an object, not a string
    expect(display.data["text/plain"]).toEqual(["bar chart of 3 draws"]);
    expect(streamText(path, 5)).toBe("1.5\n");
  });

  it("injects --set overrides after the parameters cell, and a re-run replaces them", async () => {
    const path = ws.copy("passes.ipynb", "set.ipynb");
    await executeNotebook(path, { set: { depth: "4", activation: "tanh", widths: "1,2,3" }, log: quiet().log });
    await executeNotebook(path, { set: { depth: "5", seed: "11" }, log: quiet().log });
    const nb = read(path);
    expect(nb.cells.map((c) => c.metadata.tags?.[0] ?? "")).toEqual(["", "parameters", "injected-parameters", "", "", "", ""]);
    expect(nb.cells[2].source).toBe("// Injected parameters\nconst depth = 5;\nconst seed = 11;");
    expect(streamText(path, 3)).toBe(`depth=5 p=0.5 activation=relu widths=4,8\n${expectedDraws(5, 11)}\n`);
    expect(streamText(path, 6)).toBe("2.5\n");
  });

  it("refuses bad --set names and values, a missing notebook, a bad timeout or --out folder before any kernel starts, leaving the file alone", async () => {
    const path = ws.copy("passes.ipynb", "bad-set.ipynb");
    const original = bytes(path);
    const start = vi.spyOn(Kernel, "start");
    try {
      await expect(executeNotebook(path, { set: { dpeth: "4" } })).rejects.toThrow(/"dpeth".*one of depth \(number\)/);
      await expect(executeNotebook(path, { set: { depth: "four" } })).rejects.toThrow(/depth = "four" is invalid: expected a finite number/);
      await expect(executeNotebook(path, { set: { verbose: "1" } })).rejects.toThrow(RangeError);
      await expect(executeNotebook(join(ws.dir, "missing.ipynb"))).rejects.toThrow(/notebook = ".*missing\.ipynb" is invalid: expected the path of an existing nbformat 4 \.ipynb file/);
      await expect(executeNotebook(path, { timeoutMs: 0 })).rejects.toThrow("timeoutMs = 0 is invalid: expected a number in (0, 86400000]");
      await expect(checkNotebook(path, { timeoutMs: NaN })).rejects.toThrow("timeoutMs = NaN is invalid");
      await expect(executeNotebook(path, { out: join(ws.dir, "no-such-folder", "out.ipynb") })).rejects.toThrow(/^out = ".*no-such-folder.*" is invalid: expected a file in an existing folder that can be written \(ENOENT: it does not exist\)$/);
      expect(start).not.toHaveBeenCalled();
    } finally {
      start.mockRestore();
    }
    expect(bytes(path).equals(original)).toBe(true);
  });

  it("writes to --out and leaves the input byte-identical", async () => {
    const path = ws.copy("passes.ipynb", "in.ipynb");
    const out = join(ws.dir, "out.ipynb");
    const original = bytes(path);
    const result = await executeNotebook(path, { out, log: quiet().log });
    expect(result.path).toBe(out);
    expect(bytes(path).equals(original)).toBe(true);
    expect(streamText(out, 5)).toBe("1.5\n");
  });

  it.each([
    ["throws.ipynb", {}, 2, /cell 3 \(`const broken.*`\) raised an error:\n[^]*Error: deliberate failure in cell 3/, /deliberate failure/],
    ["rejects.ipynb", {}, 1, /cell 2 .* wrote to stderr [^]*UnhandledPromiseRejection: Error: deliberate unhandled rejection in cell 2/, /UnhandledPromiseRejection/],
    ["writes-stderr.ipynb", {}, 2, /cell 3 .* wrote to stderr[^]*deliberate warning on stderr in cell 3/, /deliberate warning/],
    ["times-out.ipynb", { timeoutMs: 1500 }, 1, /cell 2 .* did not finish within 1.5 s; the kernel was interrupted and shut down$/, /^$/],
  ])("%s fails naming the cell, shows its stderr, and leaves the file byte-identical", async (fixture, options, cellIndex, message, stderr) => {
    const path = ws.copy(fixture);
    const original = bytes(path);
    const before = readdirSync(ws.dir).sort();
    const error = await executeNotebook(path, { ...options, log: quiet().log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotebookError);
    const failure = error as NotebookError;
    expect(failure.cellIndex).toBe(cellIndex);
    expect(failure.message).toMatch(message);
    expect(failure.stderr).toMatch(stderr);
    expect(bytes(path).equals(original)).toBe(true);
    expect(readdirSync(ws.dir).sort()).toEqual(before); // no temp file left behind
  });
});

describe("executeNotebook on cells that hang or kill the kernel", () => {
  it.each([
    [
      "an awaited promise that never settles",
      ['console.log("cell 1 runs");', 'console.error("waiting on a promise that never settles");\nawait new Promise(() => {});'],
      { timeoutMs: 1500 },
      /cell 2 .* did not finish within 1.5 s; the kernel was interrupted and shut down:\nwaiting on a promise that never settles$/,
    ],
    ["process.exit", ['console.log("cell 1 runs");', "process.exit(3);"], {}, /cell 2 \(`process\.exit\(3\);`\) killed the kernel/],
  ])("%s fails naming the cell, with its stderr, leaving the file byte-identical", async (_, sources, options, message) => {
    const path = ws.notebook("written.ipynb", sources);
    const original = bytes(path);
    const error = await executeNotebook(path, { ...options, log: quiet().log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotebookError);
    expect((error as NotebookError).cellIndex).toBe(1);
    expect((error as NotebookError).message).toMatch(message);
    expect(bytes(path).equals(original)).toBe(true);
  });
});

describe("failure", () => {
  const cell = { id: "c", cell_type: "code" as const, source: "\nconst x = await next();", metadata: {}, outputs: [] };
  const reply = (status: ExecuteStatus, stderr = "") => ({ status, stderr, executionCount: null, outputs: [], displayIds: [], updatesElsewhere: new Map(), ms: 5 });

  it("names the cell and says what went wrong for every status but a clean ok", () => {
    expect(failure("nb.ipynb", 4, cell, reply("ok"), 1000)).toBeNull();
    const cases: [ExecuteStatus, string, RegExp][] = [
      ["aborted", "", /^nb\.ipynb: cell 5 \(`const x = await next\(\);`\) was aborted by the kernel \(a request before it failed\)$/],
      ["error", "TypeError: next is not a function\n    at node:vm:1:1", /cell 5 .* raised an error:\nTypeError: next is not a function$/],
      ["ok", "(node) warning\n", /cell 5 .* wrote to stderr .*:\n\(node\) warning$/],
      ["timeout", "", /cell 5 .* did not finish within 1 s/],
      ["dead", "", /cell 5 .* killed the kernel$/],
    ];
    for (const [status, stderr, message] of cases) {
      const error = failure("nb.ipynb", 4, cell, reply(status, stderr), 1000);
      expect(error, status).toBeInstanceOf(NotebookError);
      expect(error?.message, status).toMatch(message);
      expect([error?.cellIndex, error?.stderr], status).toEqual([4, stderr]);
    }
  });
});

describe("Kernel", () => {
  it("rejects with the reason when the kernel cannot start", async () => {
    await expect(startKernel({ cwd: join(ws.dir, "no-such-folder") })).rejects.toThrow(/the kernel exited \(spawn error: .*ENOENT\) during start-up/);
  });

  it("ends a request zeromq refuses with that error at once, instead of waiting out the timeout", async () => {
    const kernel = await startKernel({ cwd: ws.dir });
    try {
      (kernel as unknown as { channels: Channels }).channels.close(); // every send now fails
      const started = performance.now();
      await expect(kernel.execute("1 + 1", { timeoutMs: 60_000 })).rejects.toThrow(/execute_request could not be sent to the kernel: .*closed/i);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await kernel.shutdown();
    }
  });

  it("deletes its connection file once the kernel has answered kernel_info, and still runs code", async () => {
    const kernel = await startKernel({ cwd: ws.dir });
    try {
      expect(kernel.connectionFile).toMatch(/skip-and-drop-kernel-[0-9a-f]{12}\.json$/);
      expect(existsSync(kernel.connectionFile)).toBe(false);
      expect((await kernel.execute("console.log(6 * 7)")).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
    } finally {
      await kernel.shutdown();
    }
  });

  it("starts again on new ports when another process took one of the chosen ports first", async () => {
    // hold a port, and hand it to the first attempt as its shell port: the kernel reports EADDRINUSE
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, "127.0.0.1", done));
    const held = (holder.address() as AddressInfo).port;
    const connections: ConnectionInfo[] = [];
    const connect = async () => {
      const connection = await newConnection();
      connections.push(connections.length === 0 ? { ...connection, shell_port: held } : connection);
      return connections[connections.length - 1];
    };
    try {
      // without the retry the first attempt ends in an error (at the start timeout)
      const kernel = await startKernel({ cwd: ws.dir, connect });
      try {
        expect(connections.map((c) => c.shell_port === held)).toEqual([true, false]);
        expect((await kernel.execute("console.log(6 * 7)")).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
      } finally {
        await kernel.shutdown();
      }
    } finally {
      holder.close();
    }
  }, 90_000);

  it("a message signed with another key (a client of another kernel, on a port both chose) does not fail the cell running here", async () => {
    let connection: ConnectionInfo | undefined;
    const kernel = await startKernel({ cwd: ws.dir, connect: async () => (connection = await newConnection()) });
    const stranger = new Dealer({ linger: 0 });
    try {
      stranger.connect(`tcp://127.0.0.1:${connection!.shell_port}`);
      const running = kernel.execute('await new Promise((done) => setTimeout(done, 1500)); console.log("done");');
      await new Promise((done) => setTimeout(done, 300));
      const header = JSON.stringify({ msg_id: "stranger", msg_type: "kernel_info_request", session: "other", username: "", date: new Date().toISOString(), version: "5.3" });
      const parts = [header, "{}", "{}", "{}"];
      const hmac = createHmac("sha256", "another kernel's key");
      for (const part of parts) hmac.update(part);
      await stranger.send(["<IDS|MSG>", hmac.digest("hex"), ...parts]);
      const result = await running;
      expect([result.status, result.stderr]).toEqual(["ok", ""]);
      expect(result.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "done\n" }]);
    } finally {
      stranger.close();
      await kernel.shutdown();
    }
  });

  it("reports the request after a failed one as aborted, and shuts down for good", async () => {
    const kernel = await startKernel({ cwd: ws.dir });
    const pid = canListProcesses ? kernelsIn(ws.dir) : [];
    if (canListProcesses) expect(pid).toHaveLength(1);
    const [failed, next] = await Promise.all([kernel.execute('throw new Error("first")'), kernel.execute('console.log("second")')]);
    await kernel.shutdown();
    expect([failed.status, next.status]).toEqual(["error", "aborted"]);
    expect(failed.stderr).toContain("Error: first");
    expect(next.outputs).toEqual([]);
  });
});

describe("checkNotebook", () => {
  it("passes on a fresh run, reports an edited output, ignores float noise, and never writes the file", async () => {
    const path = ws.copy("passes.ipynb", "check.ipynb");
    await executeNotebook(path, { log: quiet().log });
    const fresh = bytes(path);
    expect((await checkNotebook(path, { log: quiet().log })).drifted).toEqual([]);
    expect(bytes(path).equals(fresh)).toBe(true);

    const raw = JSON.parse(fresh.toString("utf8"));
    raw.cells[2].outputs[0].text[0] = "depth=3 p=0.6 activation=relu widths=4,8\n"; // a hand edit
    const values = raw.cells[4].outputs[0].data["application/vnd.vegalite.v5+json"].data.values;
    values[0].u *= 1 + 1e-9; // below 6 significant digits
    writeFileSync(path, JSON.stringify(raw, null, 1) + "\n");
    const edited = bytes(path);
    const { lines, log } = quiet();
    const { drifted } = await checkNotebook(path, { log });
    expect(drifted).toEqual([{ index: 2, reason: expect.stringMatching(/output 1 \(stdout\) differs: committed .*p=0\.6.* vs fresh .*p=0\.5/) }]);
    expect(lines.some((l) => l.includes("drifted: cell 3"))).toBe(true);
    expect(bytes(path).equals(edited)).toBe(true);
  }, 240_000); // four kernel runs; a shared 2-core machine has taken more than a minute
});
