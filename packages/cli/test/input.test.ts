// Hostile and mistyped input at the edges: option values, root flags, names with invisible characters, pasted
// secrets. Each is refused with the right exit code and one line, and nothing is stored.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, type RunResult, runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
let agentDir: string;
const run = (args: string[], input?: string) => runCli(home, args, input === undefined ? {} : { input });
const profilesPath = () => join(agentDir, "auth-profiles.json");
const profiles = () => JSON.parse(readFileSync(profilesPath(), "utf8")).profiles;
const CONFIG = `${JSON.stringify({ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } } }, null, 2)}\n`;
const env = () => ({
  PATH: process.env.PATH,
  HOME: home,
  MODELCTL_HOME: join(home, ".modelctl"),
  NO_COLOR: "1",
});

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(join(home, ".modelctl"));
  writeFileSync(configPath, CONFIG);
});
afterEach(() => cleanup());

function expectOneLine(result: RunResult, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^Error: /);
  // One line, and a second when a near name is suggested.
  const [, second, ...more] = result.stderr.trimEnd().split("\n");
  if (second !== undefined) expect(second).toMatch(/^Did you mean `[^`]+`\?$/);
  expect(more).toEqual([]);
  expect(result.stderr).toMatch(message);
}

/** Runs the bin with `feed` writing its stdin; `written` is what `feed` returns (bytes the child took). */
function runWithStdin(
  args: string[],
  feed: (stdin: Writable) => Promise<number>,
): Promise<RunResult & { written: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // The child may stop reading and exit before everything is written: that is the point of some tests.
    child.stdin.on("error", () => {});
    const fed = feed(child.stdin).finally(() => child.stdin.end());
    child.on("error", reject);
    child.on("close", async (code) => resolve({ code: code ?? -1, stdout, stderr, written: await fed }));
  });
}

/** Writes `total` bytes, each chunk only once the pipe has taken the last; stops when the reader goes away. */
async function writeWithBackpressure(stdin: Writable, total: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  let written = 0;
  while (written < total && !stdin.destroyed) {
    const drained = stdin.write(chunk);
    written += chunk.length;
    if (!drained) {
      const more = await new Promise<boolean>((resolve) => {
        stdin.once("drain", () => resolve(true));
        stdin.once("close", () => resolve(false));
      });
      if (!more) break;
    }
  }
  return written;
}

describe("a value option given twice", () => {
  it.each([
    [["models", "status", "--config", "a.json", "--config", "b.json"], "--config"],
    [["models", "auth", "list", "--provider", "openai", "--provider", "groq"], "--provider"],
    [["models", "status", "--agent", "main", "--agent", "main"], "--agent"],
    [
      ["models", "auth", "paste-api-key", "--provider", "openai", "--profile-id", "a", "--profile-id", "b"],
      "--profile-id",
    ],
    [
      ["models", "auth", "add", "--provider", "openai", "--method", "api-key", "--method", "token"],
      "--method",
    ],
  ])("%j is a usage error naming it, and nothing is stored", async (args, flag) => {
    const result = await run(args, "sk-abcdefghijklmnopqrs");
    expectOneLine(result, 64, new RegExp(`${flag} was given 2 times`));
    expect(existsSync(profilesPath())).toBe(false);
  });

  it("the repeatable ones stay repeatable", async () => {
    const result = await run([
      "models",
      "status",
      "--probe",
      "--probe-model",
      "openai/a",
      "--probe-model",
      "openai/b",
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).auth.probes.options.models).toEqual(["openai/a", "openai/b"]);
  });
});

describe("integer options take plain decimal digits", () => {
  it.each([
    ["--probe-timeout", "0x10"],
    ["--probe-timeout", "1e3"],
    ["--probe-timeout", "+5"],
    ["--probe-timeout", "08"],
    ["--probe-timeout", " 500"],
    ["--probe-timeout", "0b11"],
    ["--probe-timeout", "1_000"],
    ["--probe-concurrency", "0x2"],
    ["--probe-concurrency", "02"],
    ["--probe-max-tokens", "1e1"],
    ["--probe-max-tokens", "0o7"],
  ])("%s %j exits 64 naming the flag and the value as typed", async (flag, value) => {
    const result = await run(["models", "status", "--probe", flag, value]);
    const shown = JSON.stringify(value).replace(/[+]/g, "\\+");
    expectOneLine(result, 64, new RegExp(`${flag} must be a positive whole number.*got ${shown}`));
  });

  it("keeps the text of a value that looks like a number: --profile-id 1e3 is 1e3", async () => {
    const result = await run(
      ["models", "auth", "paste-api-key", "--provider", "openai", "--profile-id", "1e3"],
      "sk-proj-0123456789abcdef",
    );
    expect(result.code).toBe(0);
    expect(Object.keys(profiles())).toEqual(["openai:1e3"]);
  });

  it.each([
    [["models", "status", "--agent", ""], /Option --agent <id> needs a value/],
    [["models", "status", "--agent", "  "], /Option --agent <id> needs a value/],
    [["models", "status", "--config", ""], /Option --config <path> needs a value/],
    [["models", "auth", "list", "--agent", ""], /Option --agent <id> needs a value/],
  ])("%j is a usage error (64), not a crash", async (args, message) => {
    expectOneLine(await run(args), 64, message);
  });
});

describe("root flags", () => {
  it.each([
    [
      ["--version-x"],
      /Unknown option --version-x for `modelctl`\. Run `modelctl --help`[^\n]*\nDid you mean `--version`\?\n$/,
    ],
    [["--verbose"], /Unknown option --verbose for `modelctl`/],
    [["-x"], /Unknown option -x for `modelctl`/],
    [["--json"], /Unknown option --json for `modelctl`/],
    [["--api-key", "sk-secret-in-argv-0123"], /Secrets are not taken from arguments \(--api-key\)/],
  ])("%j exits 64 with one line", async (args, message) => {
    const result = await run(args);
    expectOneLine(result, 64, message);
    expect(result.stderr).not.toContain("sk-secret-in-argv");
  });

  it.each([["--help"], ["-h"], ["--version"], ["-v"], []])(
    "%j still prints help or the version",
    async (...args) => {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/modelctl/);
    },
  );
});

describe("names with invisible characters or invalid UTF-8 are refused (65)", () => {
  const REF = "anthropic/claude-opus-4-6";
  // Labelled, so that the test names do not carry the characters themselves to the terminal.
  it.each([
    [
      "set, right-to-left override",
      ["models", "set", "openai/gpt\u202E5.2"],
      /Invalid model reference "openai\/gpt\\u202e5\.2".*\(U\+202E\)/,
    ],
    [
      "set-image, zero-width space",
      ["models", "set-image", "openai/gpt\u200B5"],
      /Invalid model reference "openai\/gpt\\u200b5".*\(U\+200B\)/,
    ],
    ["fallbacks add, isolate", ["models", "fallbacks", "add", "openai/gpt\u2066-5"], /\(U\+2066\)/],
    ["image-fallbacks add, BOM", ["models", "image-fallbacks", "add", "openai/g\uFEFFpt"], /\(U\+FEFF\)/],
    ["set, joiner in a profile pin", ["models", "set", `${REF}@anthropic:wo\u200Drk`], /\(U\+200D\)/],
    [
      "aliases add, override in the alias",
      ["models", "aliases", "add", "op\u202Eus", REF],
      /Invalid alias "op\\u202eus".*\(U\+202E\)/,
    ],
    [
      "aliases add, letter mark in the ref",
      ["models", "aliases", "add", "opus", "openai/gpt\u061C5"],
      /\(U\+061C\)/,
    ],
    [
      "aliases add, leading RTL mark",
      ["models", "aliases", "add", "\u200Fopus", REF],
      /Invalid alias .*\(U\+200F\)/,
    ],
    [
      "status --probe-model, isolate",
      ["models", "status", "--probe", "--probe-model", "openai/gpt\u2069x"],
      /\(U\+2069\)/,
    ],
  ])("%s: exits 65, shows the character escaped, and leaves the config alone", async (_, args, message) => {
    const result = await run(args);
    expectOneLine(result, 65, message);
    expect(result.stderr).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/);
    expect(readFileSync(configPath, "utf8")).toBe(CONFIG);
  });

  it("refuses a ref whose bytes are not UTF-8", async () => {
    // Real invalid bytes in argv, through a shell: node decodes them to U+FFFD.
    const result = await new Promise<RunResult>((resolve) => {
      execFile(
        "/bin/sh",
        ["-c", `"${process.execPath}" "${BIN}" models set "$(printf 'openai/gpt\\377\\376')"`],
        { env: env(), encoding: "utf8" },
        (error, stdout, stderr) =>
          resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
      );
    });
    expectOneLine(result, 65, /it contains bytes that are not valid UTF-8 \(U\+FFFD\)/);
    expect(readFileSync(configPath, "utf8")).toBe(CONFIG);
  });

  it.each([
    ["--provider", ["--provider", "open\u202Eai"], /Invalid --provider: .*\(U\+202E\)/],
    [
      "--profile-id",
      ["--provider", "openai", "--profile-id", "wo\u200Brk"],
      /Invalid --profile-id: .*\(U\+200B\)/,
    ],
  ])("auth commands refuse a %s with such a character the same way", async (_, extra, message) => {
    const result = await run(["models", "auth", "paste-api-key", ...extra], "sk-proj-0123456789abcdef");
    expectOneLine(result, 65, message);
    expect(existsSync(profilesPath())).toBe(false);
  });
});

describe("pasted secrets", () => {
  const paste = ["models", "auth", "paste-api-key", "--provider", "openai"];

  it.each([
    ["a NUL byte", "sk-live-abc\u0000defghijklmnop"],
    ["an ESC sequence", "sk-live-abc\u001B[2Jdefghijklmnop"],
    ["an OSC 52 clipboard write", "sk-live-abc\u001B]52;c;aGk=\u0007defghijklmnop"],
    ["a bidi override", "sk-live-abc\u202Edefghijklmnop"],
    ["a zero-width space", "sk-live-abc\u200Bdefghijklmnop"],
  ])("a key with %s exits 65, is not stored and not echoed", async (_, secret) => {
    const result = await run(paste, `${secret}\n`);
    expectOneLine(result, 65, /^Error: The API key contains .*nothing was saved, and the value is not shown/);
    expect(result.stderr).not.toContain("defghijklmnop");
    expect(existsSync(profilesPath())).toBe(false);
  });

  it("a key with bytes that are not UTF-8 exits 65", async () => {
    const bytes = Buffer.from([0x73, 0x6b, 0x2d, 0xff, 0xfe, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x0a]);
    const result = await runWithStdin(paste, async (stdin) => {
      stdin.write(bytes);
      return bytes.length;
    });
    expectOneLine(result, 65, /bytes that are not valid UTF-8 \(U\+FFFD\)/);
    expect(existsSync(profilesPath())).toBe(false);
  });

  it("a 20 MB key is refused after reading a little past 16 KiB, not buffered whole", async () => {
    const result = await runWithStdin(paste, (stdin) => writeWithBackpressure(stdin, 20 * 1024 * 1024));
    expectOneLine(result, 65, /The API key is longer than 16 KiB/);
    expect(result.written).toBeLessThan(4 * 1024 * 1024);
    expect(existsSync(profilesPath())).toBe(false);
  });

  it("a long but sane token (a 12 KiB JWT) is stored", async () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${"x".repeat(12 * 1024)}.sig`;
    const result = await run(["models", "auth", "paste-token", "--provider", "anthropic"], `${token}\r\n`);
    expect(result.code).toBe(0);
    expect(profiles()["anthropic:manual"].token).toBe(token);
  });
});

describe("--expires-in is bounded", () => {
  it.each(["99999999999999999999d", "36501d", "5300w", "36500d1s"])(
    "%s exits 64 and stores nothing",
    async (value) => {
      const result = await run(
        ["models", "auth", "paste-token", "--provider", "anthropic", "--expires-in", value],
        "sk-ant-oat01-pasted0123456789abcdefghij",
      );
      expectOneLine(result, 64, /Invalid --expires-in .*at most 100 years \(36500d\)/);
      expect(existsSync(profilesPath())).toBe(false);
    },
  );

  it("100 years is accepted and stored as an exact epoch ms", async () => {
    const result = await run(
      ["models", "auth", "paste-token", "--provider", "anthropic", "--expires-in", "36500d"],
      "sk-ant-oat01-pasted0123456789abcdefghij",
    );
    expect(result.code).toBe(0);
    const { expires } = profiles()["anthropic:manual"];
    expect(Number.isSafeInteger(expires)).toBe(true);
    expect(expires).toBeGreaterThan(Date.now() + 36_499 * 86_400_000);
  });
});
