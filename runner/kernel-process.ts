// Launching the project's tslab as a Jupyter kernel, the way a Jupyter front end does it:
// write a connection file (five TCP ports, a transport, an HMAC key), run
// `tslab kernel --config-path <file>` in the notebook's folder (so `@skip-and-drop/lib`
// resolves through node_modules), and make sure the process can never outlive us: every live
// kernel is killed when this process exits or is stopped by SIGINT / SIGTERM / SIGHUP, and
// each kernel runs with kernel-lifeline.cjs, which ends it when this process is gone without
// running any handler (SIGKILL, an out-of-memory kill).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../tools/project";

/** The project-local tslab launcher, the same one the kernelspec points at. */
export function tslabBin(root = projectRoot): string {
  return join(root, "node_modules", ".bin", process.platform === "win32" ? "tslab.cmd" : "tslab");
}

export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  key: string;
  signature_scheme: "hmac-sha256";
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** A port the OS reports free right now (the kernel binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function newConnection(): Promise<ConnectionInfo> {
  const ports: number[] = [];
  while (ports.length < 5) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
  const key = randomBytes(32).toString("hex");
  return { transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", shell_port, iopub_port, stdin_port, control_port, hb_port };
}

const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  detachHandlers();
  // With our handler gone, re-raising gives the signal its normal effect (or to other listeners).
  process.kill(process.pid, signal);
}

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function attachHandlers(): void {
  process.on("exit", killAll);
  for (const signal of signals) process.on(signal, onSignal);
}

function detachHandlers(): void {
  process.off("exit", killAll);
  for (const signal of signals) process.off(signal, onSignal);
}

export interface KernelProcess {
  child: ChildProcess;
  connectionFile: string;
  /** Everything the process printed outside of cells (start-up failures land here). */
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process has gone. */
  exited: Promise<string>;
  /**
   * Resolves if the kernel reports a port of its connection taken (EADDRINUSE): the ports
   * were free when chosen, but another process may bind one before the kernel does.
   */
  portTaken: Promise<void>;
  /** Delete the connection file (once the kernel has read it; a second call does nothing). */
  dropConnectionFile: () => void;
  /** Forget the process and delete its connection file if still there (after it exited). */
  release: () => void;
}

export function spawnKernel(connection: ConnectionInfo, cwd: string): KernelProcess {
  const connectionFile = join(tmpdir(), `skip-and-drop-kernel-${randomBytes(6).toString("hex")}.json`);
  writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });
  const tslab = join(projectRoot, "node_modules", "tslab", "bin", "tslab");
  const lifeline = join(__dirname, "kernel-lifeline.cjs");
  const child = spawn(process.execPath, ["--require", lifeline, tslab, "kernel", "--config-path", connectionFile], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  if (live.size === 0) attachHandlers();
  live.add(child);
  let printed = "";
  let taken = () => {};
  const portTaken = new Promise<void>((done) => (taken = done));
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString("utf8")).slice(-20_000);
    if (printed.includes("EADDRINUSE")) taken();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<string>((done) => {
    child.once("error", (error) => done(`spawn error: ${error.message}`));
    child.once("exit", (code, signal) => done(signal ?? `exit code ${code}`));
  });
  const dropConnectionFile = () => rmSync(connectionFile, { force: true });
  const release = () => {
    live.delete(child);
    if (live.size === 0) detachHandlers();
    dropConnectionFile();
  };
  return { child, connectionFile, output: () => printed, exited, portTaken, dropConnectionFile, release };
}
