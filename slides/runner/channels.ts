// The client ends of a kernel's sockets: shell and control are DEALERs talking to the
// kernel's ROUTERs (replies come back on the same socket), iopub is a SUB socket receiving
// everything the kernel publishes. Each incoming message is routed by its parent msg_id to
// the listener registered when that request was sent.
import { Dealer, Subscriber } from "zeromq";
import { Session, type Message } from "./protocol";
import type { ConnectionInfo } from "./kernel-process";

export type Listener = (message: Message) => void;
type Channel = "shell" | "control";

export class Channels {
  private readonly session: Session;
  private readonly dealers: Record<Channel, Dealer>;
  private readonly iopub = new Subscriber({ linger: 0 });
  private readonly listeners = new Map<string, Listener>();
  private readonly queues = new Map<Channel, Promise<unknown>>();

  constructor(connection: ConnectionInfo) {
    const url = (port: number) => `tcp://${connection.ip}:${port}`;
    this.session = new Session(connection.key);
    this.dealers = { shell: new Dealer({ linger: 0 }), control: new Dealer({ linger: 0 }) };
    this.dealers.shell.connect(url(connection.shell_port));
    this.dealers.control.connect(url(connection.control_port));
    this.iopub.connect(url(connection.iopub_port));
    this.iopub.subscribe();
    for (const socket of [this.dealers.shell, this.dealers.control, this.iopub]) void this.listen(socket);
  }

  /**
   * Queues a request (zeromq allows one send in flight per socket; a DEALER holds it until
   * the kernel has bound its socket) and returns its msg_id. `listener` receives the reply
   * and every iopub message the request causes, until forget(msg_id).
   */
  send(channel: Channel, msgType: string, content: Record<string, unknown>, listener?: Listener): string {
    const { msgId, frames } = this.session.request(msgType, content);
    if (listener) this.listeners.set(msgId, listener);
    const socket = this.dealers[channel];
    this.queues.set(channel, this.sent(channel).then(() => socket.send(frames)).catch(() => undefined));
    return msgId;
  }

  /** Resolves once everything queued on `channel` so far has been handed to zeromq. */
  sent(channel: Channel): Promise<unknown> {
    return this.queues.get(channel) ?? Promise.resolve();
  }

  forget(msgId: string): void {
    this.listeners.delete(msgId);
  }

  close(): void {
    for (const socket of [this.dealers.shell, this.dealers.control, this.iopub]) socket.close();
    this.listeners.clear();
  }

  private async listen(socket: Dealer | Subscriber): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = this.session.parse(frames);
        const parent = message?.parent_header.msg_id;
        if (message && parent) this.listeners.get(parent)?.(message);
      }
    } catch {
      // The socket was closed by close().
    }
  }
}
