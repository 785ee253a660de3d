// The client sockets against a fake kernel (zeromq ROUTER and PUB bound here), so the wire
// can carry frames no real kernel sends: signed parts that are not JSON.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { Publisher, Router } from "zeromq";
import { Channels } from "../../runner/channels";
import { newConnection, type ConnectionInfo } from "../../runner/kernel-process";
import { Session, type Message } from "../../runner/protocol";

const DELIMITER = "<IDS|MSG>";
const signed = (key: string, parts: string[]) => {
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return [DELIMITER, hmac.digest("hex"), ...parts];
};
const reply = (parent: string, text: string) =>
  [{ msg_id: `reply-${text}`, msg_type: "execute_reply" }, { msg_id: parent }, {}, { status: "ok", text }].map((part) => JSON.stringify(part));
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<"timed out">((done) => setTimeout(() => done("timed out"), ms))]);

const open: { close: () => void }[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});

async function fakeKernel(): Promise<{ connection: ConnectionInfo; shell: Router; iopub: Publisher }> {
  const connection = await newConnection();
  const shell = new Router({ linger: 0 });
  const iopub = new Publisher({ linger: 0 });
  await shell.bind(`tcp://127.0.0.1:${connection.shell_port}`);
  await iopub.bind(`tcp://127.0.0.1:${connection.iopub_port}`);
  open.push(shell, iopub);
  return { connection, shell, iopub };
}

describe("Session.parse", () => {
  it("returns null for a well-signed message whose parts are not JSON, instead of throwing", () => {
    const session = new Session("key");
    const frames = (parts: string[]) => signed("key", parts).map((f) => Buffer.from(f));
    expect(session.parse(frames(["{not json", "{}", "{}", "{}"]))).toBeNull();
    expect(session.parse(frames(reply("m", "fine")))?.content).toEqual({ status: "ok", text: "fine" });
  });
});

describe("Channels", () => {
  it("drops a malformed frame, counts it, and still delivers the next message on that socket", async () => {
    const { connection, shell } = await fakeKernel();
    const channels = new Channels(connection);
    open.push(channels);
    const received: Message[] = [];
    let delivered = () => {};
    const arrived = new Promise<void>((done) => (delivered = done));
    const { msgId, sent } = channels.send("shell", "execute_request", { code: "1" }, (m) => {
      received.push(m);
      delivered();
    });
    await sent;
    const [identity] = await shell.receive();
    await shell.send([identity, ...signed(connection.key, ["{not json", "{}", "{}", "{}"])]);
    await shell.send([identity, ...signed(connection.key, reply(msgId, "after the bad frame"))]);
    expect(await within(5_000, arrived)).not.toBe("timed out");
    expect(received.map((m) => m.content.text)).toEqual(["after the bad frame"]);
    expect(channels.dropped).toBe(1);
  });

  it("rejects `sent` of each request zeromq refuses (here: on closed sockets)", async () => {
    const { connection } = await fakeKernel();
    const channels = new Channels(connection);
    channels.close();
    const first = channels.send("shell", "execute_request", { code: "1" }).sent;
    const second = channels.send("shell", "execute_request", { code: "2" }).sent;
    await expect(within(5_000, first)).rejects.toThrow(/closed/i);
    await expect(within(5_000, second)).rejects.toThrow(/closed/i);
  });
});
