// npm start: serves the built decks (slides/dist) on localhost and prints the URL. The port
// comes from PORT (default 8000); when it is taken, the server falls back to a free port.
// Served over http (not file://), the speaker view's window can talk to the deck.
import { createReadStream, existsSync, realpathSync, statSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative, resolve, sep } from "node:path";
import { pipeline, type Readable } from "node:stream";
import { fail, requireInteger } from "@skip-and-drop/lib/checks";
import { runIfEntry } from "../tools/entry";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
  ".map": "application/json",
};

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const inside = (base: string, path: string) => path === base || path.startsWith(base + sep);

/**
 * The file a URL path names inside `root`, or undefined (outside root, no such file, or not
 * a regular file). Judged on real paths: a symbolic link inside root that leads out of it
 * (`ln -s / dist/rootfs`) names nothing, and the file served is the real one that was judged.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  let base: string;
  let file: string;
  try {
    base = realpathSync(root);
    file = resolve(join(base, decoded.endsWith("/") ? `${decoded}index.html` : decoded));
    if (!inside(base, file)) return undefined;
    file = realpathSync(file);
  } catch {
    return undefined;
  }
  if (!inside(base, file)) return undefined;
  const stats = statSync(file);
  if (stats.isDirectory()) return decoded.endsWith("/") ? undefined : resolveInside(root, `${decoded}/`);
  return stats.isFile() ? file : undefined;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

const headersFor = (file: string) => ({ "content-type": contentTypes[extname(file).toLowerCase()] ?? "application/octet-stream", "cache-control": "no-cache" });

/** How a served file is read; tests pass one that fails the way a rebuild can make it fail. */
export type OpenFile = (path: string) => Readable;

/**
 * Streams `file` into `response`. The file can vanish between the lookup and the read (a
 * rebuild swaps slides/dist while the server runs), so headers go out only once it is open:
 * a failure before that answers 404 (gone) or 500, one after it cuts the response short.
 */
function sendFile(open: OpenFile, file: string, response: ServerResponse): void {
  const stream = open(file);
  const failed = (error: NodeJS.ErrnoException) => {
    if (response.headersSent) return response.destroy(error);
    const status = error.code === "ENOENT" ? 404 : 500;
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(status === 404 ? "not found\n" : "cannot read the file\n");
  };
  stream.once("error", failed);
  stream.once("ready", () => {
    stream.off("error", failed);
    response.writeHead(200, headersFor(file));
    // pipeline destroys both ends on an error from either (a read error, a client gone).
    pipeline(stream, response, () => {});
  });
}

/** Serves `root` on `host:port`; port 0, or a taken port, means any free port. */
export async function serveDecks({ root, port = 8000, host = "127.0.0.1", open = createReadStream }: { root: string; port?: number; host?: string; open?: OpenFile }): Promise<RunningServer> {
  requireInteger("port", port, 0, 65535);
  const server = createServer((request, response) => {
    const file = request.method === "GET" || request.method === "HEAD" ? resolveInside(root, request.url ?? "/") : undefined;
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    if (request.method === "HEAD") {
      response.writeHead(200, headersFor(file)).end();
    } else sendFile(open, file, response);
  });
  let bound: number;
  try {
    bound = await listen(server, port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    bound = await listen(server, 0, host);
  }
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/`,
    port: bound,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * What `npm start` runs after building: serves `root` on PORT (a string from the environment;
 * default 8000) and prints the URL to open.
 */
export async function serveFromEnv(root: string, portText = process.env.PORT, log: (line: string) => void = console.log): Promise<RunningServer> {
  if (!existsSync(join(root, "index.html"))) throw new Error(`${relative(process.cwd(), root) || "."} has no decks yet: run \`npm run slides\` first`);
  const port = portText === undefined || portText.trim() === "" ? 8000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("PORT", portText, "an integer in [0, 65535] (0: any free port)");
  const server = await serveDecks({ root, port });
  if (server.port !== port && port !== 0) log(`port ${port} is taken; using ${server.port}`);
  log(`Serving the slide decks at ${server.url}  (Ctrl+C to stop; press S in a deck for the speaker view)`);
  return server;
}

// resolves with nothing: the server keeps the process running until Ctrl+C
runIfEntry(module, async () => void (await serveFromEnv(join(__dirname, "dist"))));
