// A hand-written JSON5 openclaw.json (comments, trailing commas, bare keys, single quotes, hex) through every command
// that edits the config: each changes only the values it owns, byte for byte everything else stays.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let file: string;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  mkdirSync(join(home, ".openclaw"));
  file = join(home, ".openclaw", "openclaw.json");
});
afterEach(() => cleanup());

const CONFIG = `// OpenClaw config, edited by hand
{
  /* agents and their models */
  agents: {
    defaults: {
      workspace: '~/clawd', // where the agent works
      model: {
        primary: 'anthropic/claude-opus-4-6', // the main one
        fallbacks: [
          'openai/gpt-5.2', // cheap
        ],
      },
      imageModel: { primary: "openai/gpt-5.2" /* sees pictures */ },
      models: {
        'anthropic/claude-opus-4-6': { alias: 'opus' }, // the best
        'openai/gpt-5.2': {
          alias: 'fast', // quick
          params: { temperature: 0.2, },
        },
      },
    },
    list: [{ id: 'main', default: true, },],
  },
  gateway: { port: 0x4965, bind: 'loopback', }, // hex stays hex
}
`;

/** CONFIG with each `[old, new]` replaced once (each `old` must be there). */
function changed(...replacements: [string, string][]): string {
  let text = CONFIG;
  for (const [old, replacement] of replacements) {
    expect(text).toContain(old);
    text = text.replace(old, replacement);
  }
  return text;
}

async function modelctl(...args: string[]) {
  const result = await runCli(home, args, { env: { MODELCTL_CONFIG: file, MODELCTL_HOME: undefined } });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result;
}

/** What modelctl reads back from the edited file. */
async function readBack(): Promise<Selection> {
  const status = JSON.parse((await modelctl("models", "status", "--json")).stdout);
  return {
    model: status.defaultModel,
    fallbacks: status.fallbacks,
    imageModel: status.imageModel,
    imageFallbacks: status.imageFallbacks,
    aliases: status.aliases,
  };
}

interface Selection {
  model: string;
  fallbacks: string[];
  imageModel: string;
  imageFallbacks: string[];
  aliases: Record<string, string>;
}

const BEFORE: Selection = {
  model: "anthropic/claude-opus-4-6",
  fallbacks: ["openai/gpt-5.2"],
  imageModel: "openai/gpt-5.2",
  imageFallbacks: [],
  aliases: { opus: "anthropic/claude-opus-4-6", fast: "openai/gpt-5.2" },
};

const cases: { args: string[]; text: string; reads: Partial<Selection> }[] = [
  {
    args: ["models", "set", "openai/gpt-5.2"],
    // The new primary leaves the fallbacks, its comment with it; the emptied list is written `[]`.
    text: changed(
      ["'anthropic/claude-opus-4-6', // the main one", "'openai/gpt-5.2', // the main one"],
      ["fallbacks: [\n          'openai/gpt-5.2', // cheap\n        ],", "fallbacks: [],"],
    ),
    reads: { model: "openai/gpt-5.2", fallbacks: [] },
  },
  {
    args: ["models", "set-image", "anthropic/claude-opus-4-6"],
    text: changed(['primary: "openai/gpt-5.2" /*', 'primary: "anthropic/claude-opus-4-6" /*']),
    reads: { imageModel: "anthropic/claude-opus-4-6" },
  },
  {
    args: ["models", "aliases", "add", "sonnet", "anthropic/claude-sonnet-4-6"],
    text: changed([
      "          params: { temperature: 0.2, },\n        },\n",
      "          params: { temperature: 0.2, },\n        },\n        'anthropic/claude-sonnet-4-6': {\n          alias: 'sonnet',\n        },\n",
    ]),
    reads: { aliases: { ...BEFORE.aliases, sonnet: "anthropic/claude-sonnet-4-6" } },
  },
  {
    args: ["models", "aliases", "remove", "fast"],
    text: changed(["          alias: 'fast', // quick\n", ""]),
    reads: { aliases: { opus: "anthropic/claude-opus-4-6" } },
  },
  {
    args: ["models", "fallbacks", "add", "google/gemini-2.5-pro"],
    text: changed(
      ["'openai/gpt-5.2', // cheap\n", "'openai/gpt-5.2', // cheap\n          'google/gemini-2.5-pro',\n"],
      [
        "          params: { temperature: 0.2, },\n        },\n",
        "          params: { temperature: 0.2, },\n        },\n        'google/gemini-2.5-pro': {},\n",
      ],
    ),
    reads: { fallbacks: ["openai/gpt-5.2", "google/gemini-2.5-pro"] },
  },
  {
    args: ["models", "fallbacks", "remove", "fast"],
    text: changed(["fallbacks: [\n          'openai/gpt-5.2', // cheap\n        ],", "fallbacks: [],"]),
    reads: { fallbacks: [] },
  },
  {
    args: ["models", "fallbacks", "clear"],
    text: changed(["fallbacks: [\n          'openai/gpt-5.2', // cheap\n        ],", "fallbacks: [],"]),
    reads: { fallbacks: [] },
  },
  {
    args: ["models", "image-fallbacks", "add", "opus"],
    text: changed([
      '{ primary: "openai/gpt-5.2" /* sees pictures */ }',
      "{ primary: \"openai/gpt-5.2\", fallbacks: ['anthropic/claude-opus-4-6'] /* sees pictures */ }",
    ]),
    reads: { imageFallbacks: ["anthropic/claude-opus-4-6"] },
  },
  {
    args: ["models", "image-fallbacks", "clear"],
    text: changed([
      '{ primary: "openai/gpt-5.2" /* sees pictures */ }',
      '{ primary: "openai/gpt-5.2", fallbacks: [] /* sees pictures */ }',
    ]),
    reads: {},
  },
];

describe("a commented JSON5 config edited by each command", () => {
  for (const { args, text, reads } of cases) {
    it(`${args.slice(1).join(" ")}: changes only its value, keeps the old bytes in .bak`, async () => {
      writeFileSync(file, CONFIG);
      await modelctl(...args);
      expect(readFileSync(file, "utf8")).toBe(text);
      expect(readFileSync(`${file}.bak`, "utf8")).toBe(CONFIG);
      expect(await readBack()).toEqual({ ...BEFORE, ...reads });
    });
  }

  it("image-fallbacks remove takes the item out of a one-line list on its line", async () => {
    const text = CONFIG.replace(
      '{ primary: "openai/gpt-5.2" /* sees pictures */ }',
      "{ primary: \"openai/gpt-5.2\", fallbacks: ['openai/gpt-5.2-mini', 'google/gemini-2.5-pro'] }",
    );
    writeFileSync(file, text);
    await modelctl("models", "image-fallbacks", "remove", "openai/gpt-5.2-mini");
    expect(readFileSync(file, "utf8")).toBe(text.replace("'openai/gpt-5.2-mini', ", ""));
  });

  it("a plain JSON config stays plain JSON in its own indentation", async () => {
    const json =
      '{\n    "agents": {\n        "defaults": {\n            "model": "openai/gpt-5.2"\n        }\n    }\n}\n';
    writeFileSync(file, json);
    await modelctl("models", "aliases", "add", "fast", "openai/gpt-5.2");
    expect(readFileSync(file, "utf8")).toBe(
      '{\n    "agents": {\n        "defaults": {\n            "model": "openai/gpt-5.2",\n            "models": {\n                "openai/gpt-5.2": {\n                    "alias": "fast"\n                }\n            }\n        }\n    }\n}\n',
    );
  });
});
