// A Jupyter client for one tslab kernel. Requests go out on shell (DEALER ↔ the kernel's
// ROUTER) and control; everything a cell prints or displays comes back on iopub (SUB ↔ PUB),
// tagged with the msg_id of the request that caused it. A cell is finished when both its
// execute_reply and its iopub `status: idle` have arrived and iopub then stays quiet for
// `settleMs`: tslab reports an unhandled promise rejection only as stderr sent just after
// the idle status (about 1 ms later on an idle machine; 100 ms leaves room for a busy one).
import { Dealer, Subscriber } from "zeromq";
import { Session, type Message } from "./protocol";
import { newConnection, spawnKernel, type KernelProcess } from "./kernel-process";
import { CellCollector } from "./collector";
import type { Output } from "./nbformat";

export type ExecuteStatus = "ok" | "error" | "aborted" | "timeout" | "dead";

export interface ExecuteReply {
  status: ExecuteStatus;
  executionCount: number | null;
  outputs: Output[];
  /** All text the cell wrote to stderr (also present in `outputs` as a stream). */
  stderr: string;
  ms: number;
}

export interface KernelOptions {
  cwd?: string;
  startTimeoutMs?: number;
}

type Listener = (message: Message) => void;

export class Kernel {
  /** Milliseconds from spawning the process to the first answered kernel_info_request. */
  startMs = 0;
  languageInfo: Record<string, unknown> = {};
  private readonly listeners = new Map<string, Listener>();
  private readonly queues = new Map<Dealer, Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly proc: KernelProcess,
    private readonly session: Session,
    private readonly shell: Dealer,
    private readonly control: Dealer,
    private readonly iopub: Subscriber,
  ) {
    for (const socket of [shell, control, iopub]) void this.listen(socket);
  }

  static async start({ cwd = process.cwd(), startTimeoutMs = 60_000 }: KernelOptions = {}): Promise<Kernel> {
    const started = performance.now();
    const connection = await newConnection();
    const proc = spawnKernel(connection, cwd);
    const url = (port: number) => `tcp://${connection.ip}:${port}`;
    const [shell, control, iopub] = [new Dealer({ linger: 0 }), new Dealer({ linger: 0 }), new Subscriber({ linger: 0 })];
    shell.connect(url(connection.shell_port));
    control.connect(url(connection.control_port));
    iopub.connect(url(connection.iopub_port));
    iopub.subscribe();
    const kernel = new Kernel(proc, new Session(connection.key), shell, control, iopub);
    try {
      await kernel.handshake(startTimeoutMs);
    } catch (error) {
      await kernel.shutdown();
      throw error;
    }
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
      delay(timeoutMs).then(() => `the kernel did not answer within ${timeoutMs} ms:\n${this.proc.output()}`),
    ]);
    for (;;) {
      let reply: Message | undefined;
      let sawIopub = false;
      let done = () => {};
      const answered = new Promise<"ok">((resolve) => (done = () => resolve("ok")));
      const msgId = this.send(this.shell, "kernel_info_request", {}, (m) => {
        if (m.header.msg_type === "kernel_info_reply") reply = m;
        else sawIopub = true;
        if (reply && sawIopub) done();
      });
      // The first send waits until the kernel has bound its sockets; then allow 500 ms.
      const attempt = this.sent(this.shell).then(() => Promise.race([answered, delay(500).then(() => "retry" as const)]));
      const outcome = await Promise.race([attempt, failed]);
      this.listeners.delete(msgId);
      if (outcome === "ok") {
        this.languageInfo = (reply?.content.language_info as Record<string, unknown>) ?? {};
        return;
      }
      if (outcome !== "retry") throw new Error(outcome);
    }
  }

  async execute(code: string, { timeoutMs = 120_000, settleMs = 100 } = {}): Promise<ExecuteReply> {
    const started = performance.now();
    const cell = new CellCollector();
    let reply: Message | undefined;
    let idle = false;
    let lastMessage = performance.now();
    let wake = () => {};
    const request = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
    const msgId = this.send(this.shell, "execute_request", request, (m) => {
      lastMessage = performance.now();
      if (m.header.msg_type === "execute_reply") reply = m;
      else if (m.header.msg_type === "status" && m.content.execution_state === "idle") idle = true;
      else cell.add(m);
      wake();
    });
    const exit = this.proc.exited.then(() => "dead" as const);
    const deadline = started + timeoutMs;
    let status: ExecuteStatus | undefined;
    while (!status) {
      const now = performance.now();
      if (reply && idle && now - lastMessage >= settleMs) status = replyStatus(reply);
      else if (!reply && now >= deadline) status = "timeout";
      else {
        const until = reply && idle ? lastMessage + settleMs - now : deadline - now;
        const woke = new Promise<"woke">((done) => (wake = () => done("woke")));
        if ((await Promise.race([woke, delay(Math.max(1, until)), exit])) === "dead") status = "dead";
      }
    }
    if (status === "timeout") this.interrupt();
    this.listeners.delete(msgId);
    const executionCount = typeof reply?.content.execution_count === "number" ? reply.content.execution_count : null;
    return { status, executionCount, outputs: cell.outputs(executionCount), stderr: cell.stderr, ms: performance.now() - started };
  }

  /** SIGINT is how Jupyter interrupts kernels whose spec has no interrupt_mode "message". */
  interrupt(): void {
    if (this.proc.child.exitCode === null) this.proc.child.kill("SIGINT");
  }

  /** Polite shutdown_request on control, then SIGTERM, then SIGKILL; idempotent. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { child, exited } = this.proc;
    if (child.exitCode === null && child.signalCode === null) {
      this.send(this.control, "shutdown_request", { restart: false });
      await Promise.race([exited, delay(2_000)]);
      for (const signal of ["SIGTERM", "SIGKILL"] as const) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        child.kill(signal);
        await Promise.race([exited, delay(2_000)]);
      }
    }
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    this.proc.release();
  }

  /** Sends a request (queued: zeromq allows one send in flight per socket); returns its msg_id. */
  private send(socket: Dealer, msgType: string, content: Record<string, unknown>, listener?: Listener): string {
    const { msgId, frames } = this.session.request(msgType, content);
    if (listener) this.listeners.set(msgId, listener);
    this.queues.set(socket, this.sent(socket).then(() => socket.send(frames)).catch(() => undefined));
    return msgId;
  }

  /** Resolves once everything queued on `socket` so far has been handed to zeromq. */
  private sent(socket: Dealer): Promise<unknown> {
    return this.queues.get(socket) ?? Promise.resolve();
  }

  private async listen(socket: Dealer | Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = this.session.parse(frames);
        const parent = message?.parent_header.msg_id;
        if (message && parent) this.listeners.get(parent)?.(message);
      }
    } catch {
      // The socket was closed by shutdown().
    }
  }
}

function replyStatus(reply: Message): ExecuteStatus {
  const status = String(reply.content.status);
  // The spec says "aborted"; tslab 1.0.22 answers "abort".
  if (status === "abort" || status === "aborted") return "aborted";
  return status === "ok" ? "ok" : "error";
}

const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());
