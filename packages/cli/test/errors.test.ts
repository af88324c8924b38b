import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
const run = (...args: string[]) => runCli(home, args);
const CONFIG = `${JSON.stringify({ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } } } }, null, 2)}\n`;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
  mkdirSync(join(home, ".modelctl"));
  writeFileSync(configPath, CONFIG);
});
afterEach(() => cleanup());

// Every bad input: one line on stderr that names the input and the fix, nothing on stdout, the config untouched.
const cases: { args: string[]; code: number; message: RegExp }[] = [
  {
    args: ["models", "set", "anthropic/"],
    code: 65,
    message: /Invalid model reference "anthropic\/": .*for example anthropic\/claude-opus-4-6/,
  },
  { args: ["models", "set", "/foo"], code: 65, message: /Invalid model reference "\/foo"/ },
  {
    args: ["models", "set", "open ai/gpt"],
    code: 65,
    message: /Invalid model reference "open ai\/gpt": it contains a blank/,
  },
  { args: ["models", "set", " "], code: 65, message: /Invalid model reference " ": it is empty/ },
  { args: ["models", "set-image", "openai/"], code: 65, message: /Invalid model reference "openai\/"/ },
  { args: ["models", "fallbacks", "add", "x/"], code: 65, message: /Invalid model reference "x\/"/ },
  { args: ["models", "image-fallbacks", "add", "/y"], code: 65, message: /Invalid model reference "\/y"/ },
  {
    args: ["models", "aliases", "add", "opus", "anthropic/"],
    code: 65,
    message: /Invalid model reference "anthropic\/"/,
  },
  {
    args: ["models", "aliases", "add", "my/alias", "anthropic/claude-opus-4-6"],
    code: 65,
    message: /Invalid alias "my\/alias".*for example opus/,
  },
  { args: ["models", "aliases", "remove", "nosuch"], code: 65, message: /Alias not found: nosuch/ },
  {
    args: ["models", "fallbacks", "remove", "nonexist/x"],
    code: 65,
    message: /Fallback not found: nonexist\/x\. The list holds "openai\/gpt-5\.2"/,
  },
  {
    args: ["models", "fallbacks", "add", "anthropic/claude-opus-4-6"],
    code: 65,
    message: /is the primary model/,
  },
  { args: ["models", "set"], code: 64, message: /Missing argument: usage is `modelctl models set <model>`/ },
  {
    args: ["models", "aliases", "add", "opus"],
    code: 64,
    message: /Missing argument: usage is `modelctl models aliases add <alias> <model>`/,
  },
  {
    args: ["models", "set", "a/b", "extra"],
    code: 64,
    message: /Unexpected argument `extra` for `modelctl models set`/,
  },
  {
    args: ["models", "set", "a/b", "--force"],
    code: 64,
    message: /Unknown option --force for `modelctl models set`\. Run `modelctl models set --help`/,
  },
  {
    args: ["models", "status", "--json", "--plain"],
    code: 64,
    message: /Choose either --json or --plain, not both\./,
  },
  {
    args: ["models", "aliases", "list", "--json", "--plain"],
    code: 64,
    message: /Choose either --json or --plain/,
  },
  { args: ["models", "status", "--agent"], code: 64, message: /Option --agent <id> needs a value/ },
  {
    args: ["models", "status", "--agent", "nosuch"],
    code: 64,
    message: /Unknown agent id "nosuch"\. Known agents: main\./,
  },
  {
    args: ["models", "frobnicate"],
    code: 64,
    message: /Unknown command "models frobnicate"\. models has: status, list, scan, set/,
  },
  {
    args: ["models", "fallbacks", "shuffle"],
    code: 64,
    message: /Unknown command "models fallbacks shuffle"/,
  },
  { args: ["frobnicate"], code: 64, message: /Unknown command "frobnicate"\. Run `modelctl --help`/ },
];

describe("bad input", () => {
  it.each(cases)(
    "$args exits $code with one clear line and leaves the config alone",
    async ({ args, code, message }) => {
      const result = await run(...args);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^Error: /);
      expect(readFileSync(configPath, "utf8")).toBe(CONFIG);
    },
  );
});
