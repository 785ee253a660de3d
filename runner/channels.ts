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
  /** Frames received that were not a well-signed JSON message: dropped, the socket keeps listening. */
  dropped = 0;

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
   * the kernel has bound its socket). Returns its msg_id and `sent`, which resolves once
   * zeromq has the frames and rejects if it refused them: the caller must end the request
   * then, as no reply will come. `listener` receives the reply and every iopub message the
   * request causes, until forget(msg_id).
   */
  send(channel: Channel, msgType: string, content: Record<string, unknown>, listener?: Listener): { msgId: string; sent: Promise<void> } {
    const { msgId, frames } = this.session.request(msgType, content);
    if (listener) this.listeners.set(msgId, listener);
    const socket = this.dealers[channel];
    const sent = (this.queues.get(channel) ?? Promise.resolve()).then(() => socket.send(frames));
    // The next request waits for this one, whether it went out or not.
    this.queues.set(channel, sent.catch(() => undefined));
    return { msgId, sent };
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
        if (!message) this.dropped++;
        else if (parent) this.listeners.get(parent)?.(message);
      }
    } catch {
      // The socket was closed by close().
    }
  }
}
