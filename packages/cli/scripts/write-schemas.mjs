// Publishes the --json contracts as JSON Schema files (schemas/<name>.schema.json) from the zod schemas.
import { mkdirSync, writeFileSync } from "node:fs";
import { toJSONSchema } from "zod/v4/core";
import { JSON_SCHEMAS } from "../dist/index.js";

const out = new URL("../schemas/", import.meta.url);
mkdirSync(out, { recursive: true });
for (const [name, schema] of Object.entries(JSON_SCHEMAS)) {
  writeFileSync(new URL(`${name}.schema.json`, out), `${JSON.stringify(toJSONSchema(schema), null, 2)}\n`);
}
