// The static server behind `npm start`: serves the output folder, nothing outside it, and
// moves to a free port when the asked one is taken.
import { execFileSync } from "node:child_process";
import { createReadStream, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { resolveInside, serveDecks, serveFromEnv, type RunningServer } from "../../slides/serve";

let parent: string;
let root: string;
let server: RunningServer;

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), "serve-"));
  root = join(parent, "dist");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<h1>decks</h1>");
  writeFileSync(join(root, "assets", "deck.css"), "body{}");
  writeFileSync(join(parent, "secret.txt"), "outside");
  server = await serveDecks({ root, port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(parent, { recursive: true, force: true });
});

test("serves files with their content type, / as index.html, and 404 for the rest", async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const index = await fetch(server.url);
  expect(index.status).toBe(200);
  expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await index.text()).toBe("<h1>decks</h1>");
  const css = await fetch(new URL("assets/deck.css", server.url));
  expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  expect((await fetch(new URL("missing.html", server.url))).status).toBe(404);
});

test("nothing outside the folder is reachable, however the path is spelled", async () => {
  for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/%E0%A4%A"]) {
    expect(resolveInside(root, path), path).toBeUndefined();
  }
  const raw = await fetch(`${server.url}%2e%2e/secret.txt`);
  expect(raw.status).toBe(404);
});

test("symbolic links are judged by where they lead: out of the folder is 404, inside it is served", async () => {
  symlinkSync("/", join(root, "rootfs"));
  symlinkSync(join(parent, "secret.txt"), join(root, "secret-link.txt"));
  symlinkSync(parent, join(root, "up"));
  symlinkSync(join(root, "assets", "deck.css"), join(root, "inside-link.css"));
  symlinkSync(join(root, "assets"), join(root, "assets-link"));
  for (const path of ["/rootfs/etc/passwd", "/rootfs/proc/self/environ", "/secret-link.txt", "/up/secret.txt", "/rootfs/"]) {
    expect(resolveInside(root, path), path).toBeUndefined();
    expect((await fetch(new URL(path, server.url))).status, path).toBe(404);
  }
  const real = realpathSync(join(root, "assets", "deck.css"));
  expect(resolveInside(root, "/inside-link.css")).toBe(real);
  expect(resolveInside(root, "/assets-link/deck.css")).toBe(real);
  expect(await (await fetch(new URL("inside-link.css", server.url))).text()).toBe("body{}");
});

test("only regular files are served: a fifo in the folder is 404 (reading it would hang)", async () => {
  execFileSync("mkfifo", [join(root, "pipe.html")]);
  expect(resolveInside(root, "/pipe.html")).toBeUndefined();
  expect((await fetch(new URL("pipe.html", server.url))).status).toBe(404);
});

test("a taken port falls back to a free one; a bad port is refused", async () => {
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, "127.0.0.1", done));
  const taken = (blocker.address() as { port: number }).port;
  const second = await serveDecks({ root, port: taken });
  try {
    expect(second.port).not.toBe(taken);
    expect((await fetch(second.url)).status).toBe(200);
  } finally {
    await second.close();
    blocker.close();
  }
  await expect(serveDecks({ root, port: 70000 })).rejects.toThrow(/port = 70000 is invalid: expected an integer in \[0, 65535\]/);
});

test("npm start's server prints the URL it serves on, takes PORT from the environment, and refuses a bad PORT", async () => {
  const lines: string[] = [];
  const started = await serveFromEnv(root, "0", (line) => lines.push(line));
  try {
    expect(lines).toEqual([`Serving the slide decks at ${started.url}  (Ctrl+C to stop; press S in a deck for the speaker view)`]);
    expect(await (await fetch(started.url)).text()).toBe("<h1>decks</h1>");
  } finally {
    await started.close();
  }
  await expect(serveFromEnv(root, "80a")).rejects.toThrow('PORT = "80a" is invalid: expected an integer in [0, 65535]');
  await expect(serveFromEnv(root, "-1")).rejects.toThrow('PORT = "-1" is invalid');
  await expect(serveFromEnv(join(parent, "empty"))).rejects.toThrow(/has no decks yet: run `npm run slides` first/);
});

test("a file deleted or unreadable while being served fails that request only; the server keeps serving", async () => {
  const doomed = join(root, "doomed.html");
  writeFileSync(doomed, "<p>soon gone</p>");
  // Deleting the file between the lookup and the read is what a rebuild of slides/dist does.
  const racing = await serveDecks({ root, port: 0, open: (file) => (file === doomed && rmSync(file), createReadStream(file)) });
  // A folder opens fine but fails on the first read: the error comes after the headers.
  const breaking = await serveDecks({ root, port: 0, open: (file) => createReadStream(dirname(file)) });
  try {
    const gone = await fetch(new URL("doomed.html", racing.url));
    expect([gone.status, await gone.text()]).toEqual([404, "not found\n"]);
    await expect(fetch(breaking.url).then((cut) => cut.text())).rejects.toThrow();
    expect(await (await fetch(racing.url)).text()).toBe("<h1>decks</h1>");
    expect((await fetch(new URL("assets/deck.css", racing.url))).status).toBe(200);
  } finally {
    await racing.close();
    await breaking.close();
  }
});
