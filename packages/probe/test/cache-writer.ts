// updateModelCache in a process of its own, for the test of writers racing: run as
// `node --experimental-transform-types --import ./ts-hooks.mjs cache-writer.ts <agentDir> <name> <updates>`. Each
// update adds a provider of its own (`<name>-<i>`), so a lost update shows as a missing provider.
import { updateModelCache } from "../src/model-cache.js";

const [agentDir = "", name = "w", updates = "1"] = process.argv.slice(2);
for (let index = 0; index < Number(updates); index += 1)
  await updateModelCache(
    agentDir,
    [
      {
        provider: `${name}-${index}`,
        api: "openai-completions",
        status: "ok",
        models: [{ id: `${name}-model-${index}` }],
        fetchedAt: new Date().toISOString(),
      },
    ],
    { timeoutMs: 60_000 },
  );
