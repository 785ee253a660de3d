// The Jupyter wire protocol (messaging spec 5.3): every message travels as ZeroMQ frames
//   [routing ids..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
// where signature = hex(HMAC-SHA256(key, header ‖ parent_header ‖ metadata ‖ content)).
// A kernel drops messages whose signature does not match, and so do we.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const DELIMITER = Buffer.from("<IDS|MSG>");

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

function sign(key: string, frames: readonly (string | Buffer)[]): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** A client session: one id and one key shared by every message it sends. */
export class Session {
  readonly id = randomUUID();

  constructor(private readonly key: string) {}

  /** Frames for a new request (header, empty parent) and its msg_id, to match replies against. */
  request(msgType: string, content: Record<string, unknown>): { msgId: string; frames: (string | Buffer)[] } {
    const header: Header = {
      msg_id: randomUUID(),
      session: this.id,
      username: "runner",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: "5.3",
    };
    const body = [header, {}, {}, content].map((part) => JSON.stringify(part));
    return { msgId: header.msg_id, frames: [DELIMITER, sign(this.key, body), ...body] };
  }

  /**
   * Parses received frames (routing ids and, on iopub, the topic come before the delimiter).
   * Returns null for frames that are not a well-signed Jupyter message of JSON parts.
   */
  parse(frames: readonly Buffer[]): Message | null {
    const at = frames.findIndex((frame) => frame.equals(DELIMITER));
    if (at < 0 || frames.length < at + 6) return null;
    const signature = frames[at + 1];
    const body = frames.slice(at + 2, at + 6);
    if (this.key !== "") {
      const expected = Buffer.from(sign(this.key, body));
      if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    }
    try {
      const [header, parent_header, metadata, content] = body.map((frame) => JSON.parse(frame.toString("utf8")));
      return { header, parent_header: parent_header ?? {}, metadata, content };
    } catch {
      return null; // signed, but not JSON: dropped like a bad signature
    }
  }
}
