// A Jupyter client for one tslab kernel. Requests go out on shell (DEALER ↔ the kernel's
// ROUTER) and control; everything a cell prints or displays comes back on iopub (SUB ↔ PUB),
// tagged with the msg_id of the request that caused it. tslab reports an unhandled promise
// rejection only as stderr sent just after the cell's idle status (in the same turn of its
// event loop). So once the execute_reply and the idle status have arrived, a fence follows:
// a kernel_info_request, which the kernel handles in a later turn, so its own iopub idle
// status comes after anything that turn still sent for the cell (iopub is one ordered
// stream). The cell is finished when the fence's reply and idle status are in, and iopub has
// then been quiet for the cell for `settleMs` (default 0). A fixed 100 ms wait did this before,
// at 100 ms a cell.
import { PROGRESS_METADATA } from "@skip-and-drop/lib/mime";
import type { Message } from "./protocol";
import { Channels } from "./channels";
import { newConnection, spawnKernel, type ConnectionInfo, type KernelProcess } from "./kernel-process";
import { CellCollector, type DisplayUpdate } from "./collector";
import type { Output } from "./nbformat";

export type ExecuteStatus = "ok" | "error" | "aborted" | "timeout" | "dead";

export interface ExecuteReply {
  status: ExecuteStatus;
  executionCount: number | null;
  outputs: Output[];
  /** Each output's display_id ("" for none), parallel to `outputs`. */
  displayIds: string[];
  /** Updates this cell sent to displays it did not show (an earlier cell's, as a rule). */
  updatesElsewhere: Map<string, DisplayUpdate>;
  /** All text the cell wrote to stderr (also present in `outputs` as a stream). */
  stderr: string;
  ms: number;
}

export interface KernelOptions {
  cwd?: string;
  startTimeoutMs?: number;
  /** Where the kernel's five ports come from (each start attempt asks again). */
  connect?: () => Promise<ConnectionInfo>;
}

/** Start attempts when a chosen port was taken before the kernel bound it. */
const START_ATTEMPTS = 3;

class PortTaken extends Error {}

export class Kernel {
  /** Milliseconds from spawning the process to the first answered kernel_info_request. */
  startMs = 0;
  languageInfo: Record<string, unknown> = {};
  private closed = false;

  private constructor(
    private readonly proc: KernelProcess,
    private readonly channels: Channels,
  ) {}

  /**
   * Starts a kernel on ports chosen free; if another process binds one of them first (a race
   * no choice of ports can exclude), starts again on new ones.
   */
  static async start(options: KernelOptions = {}): Promise<Kernel> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(options);
      } catch (error) {
        if (!(error instanceof PortTaken) || attempt === START_ATTEMPTS) throw error;
      }
    }
  }

  private static async startOnce({ cwd = process.cwd(), startTimeoutMs = 60_000, connect = newConnection }: KernelOptions): Promise<Kernel> {
    const started = performance.now();
    const connection = await connect();
    const proc = spawnKernel(connection, cwd);
    const kernel = new Kernel(proc, new Channels(connection));
    try {
      await kernel.handshake(startTimeoutMs);
    } catch (error) {
      await kernel.shutdown();
      throw error;
    }
    // tslab read the connection file when it bound the sockets that just answered, and never
    // reads it again: delete it now, so a runner killed before shutdown leaves none behind.
    proc.dropConnectionFile();
    kernel.startMs = performance.now() - started;
    return kernel;
  }

  /**
   * kernel_info until the reply AND its iopub status arrive: a SUB socket only receives what
   * is published after its subscription reached the kernel, so without this the first cell's
   * output could be lost.
   */
  private async handshake(timeoutMs: number): Promise<void> {
    const failed = Promise.race([
      this.proc.exited.then((how) => `the kernel exited (${how}) during start-up:\n${this.proc.output()}`),
      this.proc.portTaken.then(() => "port taken" as const),
      delay(timeoutMs).then(() => `the kernel did not answer within ${timeoutMs} ms:\n${this.proc.output()}`),
    ]);
    for (;;) {
      let reply: Message | undefined;
      let sawIopub = false;
      let done = () => {};
      const answered = new Promise<"ok">((resolve) => (done = () => resolve("ok")));
      const { msgId, sent } = this.channels.send("shell", "kernel_info_request", {}, (m) => {
        if (m.header.msg_type === "kernel_info_reply") reply = m;
        else sawIopub = true;
        if (reply && sawIopub) done();
      });
      // The first send waits until the kernel has bound its sockets; then allow 500 ms.
      // A send zeromq refuses rejects `attempt`, and with it the start.
      const attempt = sent.then(() => Promise.race([answered, delay(500).then(() => "retry" as const)]));
      const outcome = await Promise.race([attempt, failed]);
      this.channels.forget(msgId);
      if (outcome === "ok") {
        this.languageInfo = (reply?.content.language_info as Record<string, unknown>) ?? {};
        return;
      }
      if (outcome === "port taken") throw new PortTaken(`a port of the kernel's connection was taken:\n${this.proc.output()}`);
      if (outcome !== "retry") throw new Error(outcome);
    }
  }

  /** `onProgress` receives the text of each progress display (the library's trackProgress) as it arrives. */
  async execute(
    code: string,
    { timeoutMs = 120_000, settleMs = 0, onProgress }: { timeoutMs?: number; settleMs?: number; onProgress?: (text: string, finished: boolean) => void } = {},
  ): Promise<ExecuteReply> {
    const started = performance.now();
    const cell = new CellCollector();
    let reply: Message | undefined;
    let repliedAt = 0;
    let idle = false;
    let lastMessage = performance.now();
    let wake = () => {};
    const request = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    const { msgId, sent } = this.channels.send("shell", "execute_request", request, (m) => {
      lastMessage = performance.now();
      if (m.header.msg_type === "execute_reply") [reply, repliedAt] = [m, performance.now()];
      else if (m.header.msg_type === "status" && m.content.execution_state === "idle") idle = true;
      else cell.add(m);
      const progress = (m.content.metadata as Record<string, { finished?: unknown }> | undefined)?.[PROGRESS_METADATA];
      if (onProgress && progress && /display_data$/.test(m.header.msg_type)) {
        onProgress(String((m.content.data as Record<string, unknown>)?.["text/plain"] ?? ""), progress.finished === true);
      }
      wake();
    });
    const exit = this.proc.exited.then(() => "dead" as const);
    // A request zeromq refused gets no reply: end it with zeromq's error instead of waiting out the timeout.
    let unsent: unknown;
    const refused = sent.then(() => new Promise<never>(() => {}), (error: unknown) => (unsent = error ?? new Error("send failed")));
    const deadline = started + timeoutMs;
    let fence: { msgId: string; reply: boolean; idle: boolean } | undefined;
    let status: ExecuteStatus | undefined;
    while (!status) {
      const now = performance.now();
      if (reply && idle && !fence) fence = this.sendFence(() => wake());
      const fenced = fence !== undefined && fence.reply && fence.idle;
      if (fenced && now - lastMessage >= settleMs) status = replyStatus(reply!);
      else if (now >= deadline) status = reply ? replyStatus(reply) : "timeout";
      else {
        const until = fenced ? lastMessage + settleMs - now : deadline - now;
        const woke = new Promise<"woke">((done) => (wake = () => done("woke")));
        if ((await Promise.race([woke, delay(Math.max(1, until)), exit, refused])) === "dead") status = "dead";
        if (unsent !== undefined) {
          this.channels.forget(msgId);
          throw new Error(`the execute_request could not be sent to the kernel: ${unsent instanceof Error ? unsent.message : String(unsent)}`, { cause: unsent });
        }
      }
    }
    if (status === "timeout") this.interrupt();
    this.channels.forget(msgId);
    if (fence) this.channels.forget(fence.msgId);
    // After a failed cell tslab aborts every execute_request for 200 ms; wait that out, so the
    // next request runs (the fixed 100 ms wait per cell used to cover most of it by chance).
    const ms = performance.now() - started;
    if (status === "error") await delay(Math.max(0, repliedAt + ABORT_WINDOW_MS - performance.now()));
    const executionCount = typeof reply?.content.execution_count === "number" ? reply.content.execution_count : null;
    return { status, executionCount, outputs: cell.outputs(executionCount), displayIds: cell.displayIds(), updatesElsewhere: cell.updatesElsewhere, stderr: cell.stderr, ms };
  }

  /** A kernel_info_request whose reply and iopub idle status mark the end of what came before it. */
  private sendFence(wake: () => void): { msgId: string; reply: boolean; idle: boolean } {
    const fence = { msgId: "", reply: false, idle: false };
    fence.msgId = this.channels.send("shell", "kernel_info_request", {}, (m) => {
      if (m.header.msg_type === "kernel_info_reply") fence.reply = true;
      else if (m.header.msg_type === "status" && m.content.execution_state === "idle") fence.idle = true;
      wake();
    }).msgId;
    return fence;
  }

  /** SIGINT is how Jupyter interrupts kernels whose spec has no interrupt_mode "message". */
  interrupt(): void {
    if (this.proc.child.exitCode === null) this.proc.child.kill("SIGINT");
  }

  /** The connection file the kernel was started with (deleted once the kernel has answered). */
  get connectionFile(): string {
    return this.proc.connectionFile;
  }

  /** Polite shutdown_request on control, then SIGTERM, then SIGKILL; idempotent. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { child, exited } = this.proc;
    if (child.exitCode === null && child.signalCode === null) {
      // If this request cannot be sent, the signals below stop the kernel all the same.
      this.channels.send("control", "shutdown_request", { restart: false }).sent.catch(() => undefined);
      await Promise.race([exited, delay(2_000)]);
      for (const signal of ["SIGTERM", "SIGKILL"] as const) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        child.kill(signal);
        await Promise.race([exited, delay(2_000)]);
      }
    }
    this.channels.close();
    this.proc.release();
  }
}

function replyStatus(reply: Message): ExecuteStatus {
  const status = String(reply.content.status);
  // The spec says "aborted"; tslab 1.0.22 answers "abort".
  if (status === "abort" || status === "aborted") return "aborted";
  return status === "ok" ? "ok" : "error";
}

/** tslab's execQueue.reset(200) after an error, plus a margin for a busy machine. */
const ABORT_WINDOW_MS = 250;

const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());
