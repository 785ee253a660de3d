// Build step: compiles vega-lite's JSON schema into a standalone validator module,
// dist/display/vega-lite-validator.js, so show() in a notebook loads it (well under 0.1 s)
// instead of compiling the schema on its first call (over a second). The options are
// spec.ts's; without this file (running from src) spec.ts compiles the schema itself.
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const Ajv = require("ajv").default;
const standalone = require("ajv/dist/standalone").default;
const { AJV_OPTIONS } = require("../dist/display/spec.js");

const schema = require("vega-lite/build/vega-lite-schema.json");
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const out = join(__dirname, "..", "dist", "display", "vega-lite-validator.js");
mkdirSync(join(out, ".."), { recursive: true });
writeFileSync(out, standalone(ajv, ajv.compile(schema)));
