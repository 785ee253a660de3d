// The class environment files: each parses, has the shape its tool documents, installs the
// same Node LTS that CI tests, and runs no project step but tools/setup.sh, invoked exactly as
// .ci/run invokes it (so CI has run what Binder and the JupyterHub image run).
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, test } from "vitest";

const root = join(__dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

/** JSON with comments (devcontainer.json is JSONC): comments outside strings removed, then JSON.parse. */
export function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = i;
      const m = end.exec(text);
      if (!m) throw new SyntaxError(`unterminated string at ${i}`);
      out += m[0];
      i += m[0].length - 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) throw new SyntaxError(`unterminated comment at ${i}`);
      i = close + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

/** The shell commands of a script: no comments, blank lines, shebang or `set` options. */
const commands = (script: string) =>
  script.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !/^set -[a-z]+( pipefail)?$/.test(l));

/** The instructions of a Dockerfile (continuation lines joined), comments dropped. */
function dockerInstructions(text: string): { op: string; args: string }[] {
  const joined = text.split("\n").filter((l) => !l.trim().startsWith("#")).join("\n").replace(/\\\n/g, " ");
  return joined.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(" ") };
  });
}

const ciRun = read(".ci/run");
const lts = /^lts=(\d+)$/m.exec(ciRun)?.[1];

describe(".ci/run", () => {
  test("sets the project up with tools/setup.sh only, under the machine's Node and again under the LTS", () => {
    expect(lts).toMatch(/^\d+$/);
    expect(commands(ciRun).filter((c) => c.startsWith("tools/setup.sh"))).toEqual(["tools/setup.sh --sys-prefix", "tools/setup.sh --sys-prefix || lts_status=$?"]);
    expect(ciRun).not.toMatch(/^\s*npm (ci|install)(?!.*node@)/m);
    expect(ciRun).toContain(`"node@$lts"`);
    // the kernel, notebook and deck tests (and this project's class and site tests) under the LTS
    expect(ciRun).toMatch(/npx vitest run tests\/runner tests\/notebooks tests\/slides tests\/site tests\/class --exclude tests\/runner\/bench\.test\.ts/);
  });
});

describe("binder/", () => {
  test("environment.yml: a conda environment from conda-forge with Python, JupyterLab and the LTS Node", () => {
    const env = parseYaml(read("binder/environment.yml")) as { channels: string[]; dependencies: string[] };
    expect(env.channels).toEqual(["conda-forge"]);
    const names = env.dependencies.map((d) => d.split("=")[0]);
    expect(names).toEqual(expect.arrayContaining(["python", "jupyterlab", "nodejs"]));
    expect(env.dependencies).toContain(`nodejs=${lts}`);
  });

  test("postBuild is executable and runs exactly the setup CI runs", () => {
    const text = read("binder/postBuild");
    expect(text.startsWith("#!/usr/bin/env bash\n")).toBe(true);
    expect(statSync(join(root, "binder", "postBuild")).mode & 0o111).toBe(0o111);
    expect(commands(text)).toEqual(["tools/setup.sh --sys-prefix"]);
    expect(commands(ciRun)).toContain("tools/setup.sh --sys-prefix");
  });
});

describe("Dockerfile (JupyterHub)", () => {
  const steps = dockerInstructions(read("Dockerfile"));
  test("builds on the Jupyter project's base notebook image", () => {
    expect(steps[0].op).toBe("FROM");
    expect(steps[0].args).toMatch(/^quay\.io\/jupyter\/base-notebook:[\w.-]+$/);
  });

  test("installs the LTS Node from conda-forge, copies the course, and runs exactly the setup CI runs", () => {
    const runs = steps.filter((s) => s.op === "RUN").map((s) => s.args);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatch(new RegExp(`^mamba install .*-c conda-forge nodejs=${lts} `));
    expect(runs[1]).toBe("tools/setup.sh --sys-prefix");
    expect(steps.map((s) => s.op)).toEqual(["FROM", "RUN", "COPY", "WORKDIR", "RUN", "WORKDIR"]);
  });

  test(".dockerignore keeps locally built files out of the image", () => {
    expect(commands(read(".dockerignore"))).toEqual(expect.arrayContaining(["node_modules", "lib/dist", ".jupyter-local"]));
  });
});

// The properties of devcontainer.json documented by the Dev Container specification
// (containers.dev/implementors/json_reference), with the shapes of those this project uses.
const lifecycle = {
  oneOf: [
    { type: "string" },
    { type: "array", items: { type: "string" }, minItems: 1 },
    { type: "object", additionalProperties: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } },
  ],
};
const devcontainerSchema = {
  type: "object",
  required: ["name", "image", "postCreateCommand"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    image: { type: "string", pattern: "^[a-z0-9.-]+(/[a-z0-9._-]+)+:[\\w.-]+$" },
    build: { type: "object" },
    dockerComposeFile: {},
    service: { type: "string" },
    runServices: { type: "array" },
    workspaceFolder: { type: "string" },
    workspaceMount: { type: "string" },
    features: {
      type: "object",
      propertyNames: { pattern: "^[a-z0-9.-]+(/[a-z0-9._-]+)+:\\d+$" },
      additionalProperties: { oneOf: [{ type: "object" }, { type: "string" }, { type: "boolean" }] },
    },
    overrideFeatureInstallOrder: { type: "array", items: { type: "string" } },
    forwardPorts: { type: "array", items: { oneOf: [{ type: "integer", minimum: 0, maximum: 65535 }, { type: "string", pattern: "^[\\w.-]+:\\d+$" }] } },
    portsAttributes: {
      type: "object",
      propertyNames: { pattern: "^(\\d+(-\\d+)?|.+)$" },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          label: { type: "string" },
          onAutoForward: { enum: ["notify", "openBrowser", "openBrowserOnce", "openPreview", "silent", "ignore"] },
          elevateIfNeeded: { type: "boolean" },
          requireLocalPort: { type: "boolean" },
          protocol: { enum: ["http", "https"] },
        },
      },
    },
    otherPortsAttributes: { type: "object" },
    appPort: {},
    initializeCommand: lifecycle,
    onCreateCommand: lifecycle,
    updateContentCommand: lifecycle,
    postCreateCommand: lifecycle,
    postStartCommand: lifecycle,
    postAttachCommand: lifecycle,
    waitFor: { enum: ["initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand"] },
    containerEnv: { type: "object", additionalProperties: { type: "string" } },
    remoteEnv: { type: "object" },
    containerUser: { type: "string" },
    remoteUser: { type: "string" },
    updateRemoteUserUID: { type: "boolean" },
    userEnvProbe: { enum: ["none", "interactiveShell", "loginShell", "loginInteractiveShell"] },
    overrideCommand: { type: "boolean" },
    shutdownAction: { enum: ["none", "stopContainer", "stopCompose"] },
    init: { type: "boolean" },
    privileged: { type: "boolean" },
    capAdd: { type: "array", items: { type: "string" } },
    securityOpt: { type: "array", items: { type: "string" } },
    mounts: { type: "array" },
    runArgs: { type: "array", items: { type: "string" } },
    hostRequirements: { type: "object" },
    secrets: { type: "object" },
    customizations: {
      type: "object",
      properties: {
        vscode: {
          type: "object",
          properties: {
            extensions: { type: "array", items: { type: "string", pattern: "^[\\w-]+\\.[\\w-]+$" } },
            settings: { type: "object" },
          },
        },
        codespaces: { type: "object", properties: { openFiles: { type: "array", items: { type: "string" } } } },
      },
    },
  },
} as const;

describe(".devcontainer/devcontainer.json (Codespaces, VS Code)", () => {
  const config = parseJsonc(read(".devcontainer/devcontainer.json")) as Record<string, any>;

  test("the JSONC reader strips comments but not // inside strings, and refuses broken JSON", () => {
    expect(parseJsonc('{ // c\n "a": "http://x", /* b */ "b": [1,] }')).toEqual({ a: "http://x", b: [1] });
    expect(() => parseJsonc('{ "a": 1 "b": 2 }')).toThrow(SyntaxError);
  });

  test("has the documented shape", () => {
    const validate = new Ajv({ allErrors: true }).compile(devcontainerSchema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // the schema refuses what it should
    expect(validate({ ...config, postCreateComand: "x" })).toBe(false);
    expect(validate({ ...config, forwardPorts: [70000] })).toBe(false);
  });

  test("runs exactly tools/setup.sh for the user, with the LTS Node and JupyterLab", () => {
    expect(config.postCreateCommand).toBe("tools/setup.sh --user");
    for (const key of ["onCreateCommand", "updateContentCommand", "postStartCommand", "postAttachCommand", "initializeCommand"]) expect(config[key]).toBeUndefined();
    expect(config.image).toMatch(new RegExp(`^mcr\\.microsoft\\.com/devcontainers/javascript-node:(1-)?${lts}-`));
    expect(config.features["ghcr.io/devcontainers/features/python:1"]).toMatchObject({ installJupyterlab: true });
    expect(config.customizations.vscode.extensions).toContain("ms-toolsai.jupyter");
  });

  test("opens files that exist: the course notebooks", () => {
    const files: string[] = config.customizations.codespaces.openFiles;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(join(root, file)).isFile(), file).toBe(true);
  });
});

test("tools/setup.sh installs from the lock file and hands its arguments to runner/setup.ts", () => {
  const script = read("tools/setup.sh");
  expect(statSync(join(root, "tools", "setup.sh")).mode & 0o111).toBe(0o111);
  const steps = commands(script).filter((c) => /^(npm|node_modules|SETUP_FOLDER)/.test(c));
  expect(steps).toEqual(["npm ci --no-audit --no-fund", 'SETUP_FOLDER="$called_from" node_modules/.bin/tsx runner/setup.ts "$@"']);
});
