import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../probe/test/leaks.js";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let agentDir: string;
const run = (args: string[], input?: string, env?: Record<string, string>) =>
  runCli(home, args, { ...(input === undefined ? {} : { input }), ...(env ? { env } : {}) });
const profiles = () => JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).profiles;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
});
afterEach(() => cleanup());

const TOKEN = "sk-ant-oat01-pasted0123456789abcdefghij";

describe("models auth paste-token", () => {
  it("stores a token piped on stdin as <provider>:manual, with an absolute expiry", async () => {
    const before = Date.now();
    const result = await run(
      ["models", "auth", "paste-token", "--provider", "Anthropic", "--expires-in", "12h"],
      `${TOKEN}\n`,
    );
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("Saved anthropic:manual (token, expires in 12h)");
    const stored = profiles()["anthropic:manual"];
    expect(stored).toMatchObject({ type: "token", provider: "anthropic", token: TOKEN });
    expect(stored.expires).toBeGreaterThanOrEqual(before + 12 * 3_600_000);
    expect(stored.expires).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000);
    expect(statSync(join(agentDir, "auth-profiles.json")).mode & 0o777).toBe(0o600);
    expect(statSync(agentDir).mode & 0o777).toBe(0o700);
  });

  it("takes --profile-id, with or without the provider prefix", async () => {
    await run(["models", "auth", "paste-token", "--provider", "anthropic", "--profile-id", "work"], TOKEN);
    await run(
      ["models", "auth", "paste-token", "--provider", "anthropic", "--profile-id", "anthropic:home"],
      TOKEN,
    );
    expect(Object.keys(profiles())).toEqual(["anthropic:work", "anthropic:home"]);
  });

  it.each([
    [["--expires-in", "12x"], "Invalid --expires-in"],
    [["--expires-in", "0h"], "Invalid --expires-in"],
    [["--profile-id", "openai:x"], 'names provider "openai"'],
  ])("refuses %j with exit 64 and stores nothing", async (extra, message) => {
    const result = await run(["models", "auth", "paste-token", "--provider", "anthropic", ...extra], TOKEN);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(() => statSync(join(agentDir, "auth-profiles.json"))).toThrow();
  });

  it("refuses a secret flag and points at stdin", async () => {
    const result = await run(["models", "auth", "paste-token", "--provider", "anthropic", "--token", TOKEN]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("printf %s");
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("refuses empty stdin and a value with blanks, without echoing it", async () => {
    expect((await run(["models", "auth", "paste-token", "--provider", "anthropic"], "")).code).toBe(64);
    const spaced = await run(
      ["models", "auth", "paste-token", "--provider", "anthropic"],
      "Bearer sk-secret-value-123\n",
    );
    expect(spaced.code).toBe(65);
    expect(spaced.stderr).not.toContain("sk-secret-value-123");
  });

  it("keeps fields of an existing profile it replaces, and drops its old expiry", async () => {
    mkdirSync(agentDir, { recursive: true });
    writeFileSync(
      join(agentDir, "auth-profiles.json"),
      JSON.stringify({
        version: 1,
        profiles: {
          "anthropic:manual": {
            type: "token",
            provider: "anthropic",
            token: "old-token-0123456789",
            expires: 1,
            email: "me@example.com",
          },
        },
      }),
    );
    await run(["models", "auth", "paste-token", "--provider", "anthropic"], TOKEN);
    expect(profiles()["anthropic:manual"]).toEqual({
      type: "token",
      provider: "anthropic",
      token: TOKEN,
      email: "me@example.com",
    });
  });
});

describe("models auth paste-api-key and add", () => {
  it("stores an API key as <provider>:default", async () => {
    const result = await run(
      ["models", "auth", "paste-api-key", "--provider", "openai"],
      "sk-proj-0123456789abcdef\n",
    );
    expect(result.code).toBe(0);
    expect(profiles()["openai:default"]).toEqual({
      type: "api_key",
      provider: "openai",
      key: "sk-proj-0123456789abcdef",
    });
  });

  it("add runs unattended with flags and stdin", async () => {
    const result = await run(
      ["models", "auth", "add", "--provider", "groq", "--method", "api-key", "--profile-id", "ci"],
      "gsk_0123456789abcdef",
    );
    expect(result.code).toBe(0);
    expect(profiles()["groq:ci"]).toEqual({ type: "api_key", provider: "groq", key: "gsk_0123456789abcdef" });
  });

  it("add without a terminal says which flags it needs", async () => {
    const result = await run(["models", "auth", "add"], "x");
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("--provider <id> and --method <api-key|token>");
  });
});

describe("models auth setup-token", () => {
  const SETUP = "sk-ant-oat01-setupTOKEN_0123456789abcdefghijklmnop";

  it("--run captures the token `claude setup-token` prints, without showing it", async () => {
    const bin = join(home, "bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "claude"),
      `#!/bin/sh\n[ "$1" = "setup-token" ] || exit 3\necho "Open https://claude.ai/oauth to sign in"\necho "Your token: ${SETUP}"\n`,
    );
    chmodSync(join(bin, "claude"), 0o755);
    const result = await run(["models", "auth", "setup-token", "--run"], undefined, {
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Open https://claude.ai/oauth");
    expect(result.stdout + result.stderr).not.toContain(SETUP);
    const stored = profiles()["anthropic:default"];
    expect(stored).toMatchObject({ type: "token", provider: "anthropic", token: SETUP });
    expect(stored.expires).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });

  it("--run masks a token that arrives in pieces, and still shows the text around it", async () => {
    const bin = join(home, "bin");
    mkdirSync(bin);
    // The token is printed in three writes, split inside its prefix and inside its body, with pauses between.
    const [a, b, c] = [SETUP.slice(0, 5), SETUP.slice(5, 20), SETUP.slice(20)];
    writeFileSync(
      join(bin, "claude"),
      `#!/bin/sh\nprintf 'Paste this: '\nprintf '%s' '${a}'\nsleep 0.2\nprintf '%s' '${b}'\nsleep 0.2\nprintf '%s\\n' '${c} (keep it safe)'\n`,
    );
    chmodSync(join(bin, "claude"), 0o755);
    const result = await run(["models", "auth", "setup-token", "--run"], undefined, {
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Paste this: sk-ant-oat…(captured) (keep it safe)");
    // Nothing of the token past its public prefix (`sk-ant-oat01-`), in any form.
    expect(leaksOf(result.stdout + result.stderr, SETUP.slice(13))).toEqual([]);
    expect(profiles()["anthropic:default"]).toMatchObject({ token: SETUP });
  });

  it("--run without claude on PATH exits 69 and says how to paste instead", async () => {
    const result = await run(["models", "auth", "setup-token", "--run"], undefined, { PATH: "/nonexistent" });
    expect(result.code).toBe(69);
    expect(result.stderr).toContain("`claude` is not on PATH");
  });

  it("reads a pasted setup token from stdin", async () => {
    expect((await run(["models", "auth", "setup-token"], SETUP)).code).toBe(0);
    expect(profiles()["anthropic:default"].token).toBe(SETUP);
  });
});

describe("models auth list, logout and order", () => {
  beforeEach(async () => {
    await run(["models", "auth", "paste-token", "--provider", "anthropic", "--profile-id", "work"], TOKEN);
    await run(["models", "auth", "paste-token", "--provider", "anthropic"], "tok-second-0123456789");
    await run(["models", "auth", "paste-api-key", "--provider", "openai"], "sk-proj-0123456789abcdef");
  });

  it("lists profiles masked, filtered by provider", async () => {
    const result = await run(["models", "auth", "list", "--provider", "anthropic", "--json"]);
    const doc = JSON.parse(result.stdout);
    expect(doc.profiles.map((profile: { profileId: string }) => profile.profileId)).toEqual([
      "anthropic:work",
      "anthropic:manual",
    ]);
    expect(doc.profiles[0]).toMatchObject({ type: "token", value: "token:sk-a...ghij", status: "static" });
    expect(result.stdout).not.toContain(TOKEN);
  });

  it("sets, shows and clears the order override as the reference prints it", async () => {
    const set = await run([
      "models",
      "auth",
      "order",
      "set",
      "--provider",
      "anthropic",
      "anthropic:manual",
      "anthropic:work",
    ]);
    expect(set.stdout).toBe(
      "Agent: main\nProvider: anthropic\nOrder override: anthropic:manual, anthropic:work\n",
    );
    const get = await run(["models", "auth", "order", "get", "--provider", "anthropic"]);
    expect(get.stdout).toBe(
      "Agent: main\nProvider: anthropic\nAuth state file: ~/.modelctl/agents/main/agent/auth-state.json\nOrder override: anthropic:manual, anthropic:work\n",
    );
    expect(
      JSON.parse((await run(["models", "auth", "order", "get", "--provider", "anthropic", "--json"])).stdout),
    ).toEqual({
      agentId: "main",
      agentDir,
      provider: "anthropic",
      authStatePath: "~/.modelctl/agents/main/agent/auth-state.json",
      order: ["anthropic:manual", "anthropic:work"],
    });
    const clear = await run(["models", "auth", "order", "clear", "--provider", "anthropic"]);
    expect(clear.stdout).toBe("Agent: main\nProvider: anthropic\nCleared per-agent order override.\n");
    expect(
      JSON.parse((await run(["models", "auth", "order", "get", "--provider", "anthropic", "--json"])).stdout)
        .order,
    ).toBeNull();
  });

  it("refuses an order with a profile the provider does not have (exit 65)", async () => {
    const result = await run(["models", "auth", "order", "set", "--provider", "anthropic", "openai:default"]);
    expect(result.code).toBe(65);
    expect(result.stderr).toContain("anthropic has: anthropic:work, anthropic:manual");
  });

  it("logout removes the profile and its order and usage entries", async () => {
    await run([
      "models",
      "auth",
      "order",
      "set",
      "--provider",
      "anthropic",
      "anthropic:work",
      "anthropic:manual",
    ]);
    const result = await run(["models", "auth", "logout", "anthropic:work"]);
    expect(result.code).toBe(0);
    expect(Object.keys(profiles())).toEqual(["anthropic:manual", "openai:default"]);
    const state = JSON.parse(readFileSync(join(agentDir, "auth-state.json"), "utf8"));
    expect(state.order).toEqual({ anthropic: ["anthropic:manual"] });
    expect((await run(["models", "auth", "logout", "anthropic:work"])).code).toBe(65);
  });

  it("logout leaves other providers' order overrides alone, an empty one (which excludes them all) included", async () => {
    const statePath = join(agentDir, "auth-state.json");
    writeFileSync(
      statePath,
      JSON.stringify({ version: 1, order: { openai: [], anthropic: ["anthropic:work"] } }),
    );
    expect((await run(["models", "auth", "logout", "anthropic:manual"])).code).toBe(0);
    expect(JSON.parse(readFileSync(statePath, "utf8")).order).toEqual({
      openai: [],
      anthropic: ["anthropic:work"],
    });
  });

  it("works on another agent's store with --agent", async () => {
    const config = join(home, ".modelctl", "modelctl.json");
    writeFileSync(
      config,
      JSON.stringify({ agents: { list: [{ id: "main", default: true }, { id: "ops" }] } }),
    );
    await run(
      ["models", "auth", "paste-api-key", "--provider", "openai", "--agent", "ops"],
      "sk-ops-0123456789abcdef",
    );
    const ops = JSON.parse(
      readFileSync(join(home, ".modelctl", "agents", "ops", "agent", "auth-profiles.json"), "utf8"),
    );
    expect(Object.keys(ops.profiles)).toEqual(["openai:default"]);
    expect(Object.keys(profiles())).toEqual(["anthropic:work", "anthropic:manual", "openai:default"]);
  });
});

describe("a store locked by another process", () => {
  it("makes a write wait, then exit 75 naming the holder's pid, with nothing changed", async () => {
    await run(["models", "auth", "paste-api-key", "--provider", "openai"], "sk-first-0123456789");
    const before = readFileSync(join(agentDir, "auth-profiles.json"), "utf8");
    // A live holder on this host: this test process itself.
    writeFileSync(
      join(agentDir, "auth-profiles.json.lock"),
      JSON.stringify({ pid: process.pid, host: hostname(), token: "test", createdAt: Date.now() }),
    );
    const result = await run(
      ["models", "auth", "paste-api-key", "--provider", "openai"],
      "sk-second-0123456789",
      {
        MODELCTL_LOCK_TIMEOUT_MS: "300",
      },
    );
    expect(result.code).toBe(75);
    expect(result.stderr).toContain(`locked by process ${process.pid}`);
    expect(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).toBe(before);
  });
});

describe("a store file that others can read", () => {
  const store = () => join(agentDir, "auth-profiles.json");
  beforeEach(() => {
    mkdirSync(agentDir, { recursive: true });
    writeFileSync(
      store(),
      JSON.stringify({
        version: 1,
        profiles: { "openai:a": { type: "api_key", provider: "openai", key: "sk-a-0123456789abcdef" } },
      }),
    );
    chmodSync(store(), 0o644);
  });

  it.each([
    [["models", "status"]],
    [["models", "status", "--json"]],
    [["models", "auth", "list"]],
    [["models", "auth", "list", "--json"]],
  ])("%j warns once on stderr with the chmod that fixes it, and still works", async (args) => {
    const result = await run(args);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("Warning:"));
    expect(warnings).toEqual([
      "Warning: ~/.modelctl/agents/main/agent/auth-profiles.json holds credentials and can be read by other users (mode 644); run `chmod 600 " +
        store() +
        "` to make it private.",
    ]);
    if (args.includes("--json")) expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(statSync(store()).mode & 0o777).toBe(0o644);
  });

  it("is not mentioned once it is 0600", async () => {
    chmodSync(store(), 0o600);
    expect((await run(["models", "auth", "list"])).stderr).toBe("");
  });
});

describe("a store with the same profile id twice", () => {
  it.each([
    [
      "plain JSON",
      '{"version":1,"profiles":{"openai:work":{"type":"api_key","provider":"openai","key":"sk-first-0123456789"},"openai:work":{"type":"api_key","provider":"openai","key":"sk-second-0123456789"}}}',
    ],
    [
      "hand-edited JSON5, the second hidden after a comment ending in CR",
      '{"version":1,"profiles":{\n"openai:work":{"type":"api_key","provider":"openai","key":"sk-FIRST-0123456789"}, // c\r"openai:work":{"type":"api_key","provider":"openai","key":"sk-SECOND-0123456789"}\n}}',
    ],
  ])("(%s) is not rewritten: exit 65 naming the id, the file byte-identical", async (_, text) => {
    mkdirSync(agentDir, { recursive: true });
    writeFileSync(join(agentDir, "auth-profiles.json"), text, { mode: 0o600 });
    const result = await run(
      ["models", "auth", "paste-api-key", "--provider", "openai", "--profile-id", "openai:new"],
      "sk-new-0123456789abcdef",
    );
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(
      /^Error: .*auth-profiles\.json has the key "openai:work" twice in profiles/,
    );
    expect(result.stderr).not.toContain("sk-");
    expect(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).toBe(text);
  });
});

describe("a hand-edited (JSON5) store", () => {
  it("keeps a 64-bit integer it does not own exact through a write of a JSON5 or BOM-prefixed file", async () => {
    mkdirSync(agentDir, { recursive: true });
    for (const text of [
      "// mine\n{version: 1, meta: {id: 12345678901234567890}, profiles: {},}",
      '\uFEFF{"version": 1, "meta": {"id": 12345678901234567890}, "profiles": {}}',
    ]) {
      writeFileSync(join(agentDir, "auth-profiles.json"), text, { mode: 0o600 });
      const result = await run(
        ["models", "auth", "paste-api-key", "--provider", "openai", "--profile-id", "openai:new"],
        "sk-new-0123456789abcdef",
      );
      expect(result.code).toBe(0);
      expect(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).toMatch(
        /^\{\n {2}"version": 1,\n {2}"meta": \{\n {4}"id": 12345678901234567890\n/,
      );
    }
  });
});

describe("models auth add on a terminal", () => {
  it("refuses a bad --provider or --method before it asks anything, so neither reaches the prompts raw", async () => {
    const { addCommand } = await import("../src/commands/auth-save.js");
    const { Readable } = await import("node:stream");
    for (const [flags, code] of [
      [{ provider: "evil\x1b]52;c;QUJD\x07\u202e\x1b[31mRED" }, 65],
      [{ provider: "__proto__" }, 65],
      [{ provider: "openai", method: "passkey\x1b[2J" }, 64],
    ] as const) {
      const written: string[] = [];
      const stdin = Object.assign(Readable.from([]), { isTTY: true });
      const io = {
        stdin,
        stdout: { write: (text: string) => written.push(text), isTTY: true },
        stderr: { write: (text: string) => written.push(text), isTTY: true },
        env: { MODELCTL_HOME: join(home, ".modelctl") },
        homedir: home,
        programName: "modelctl",
      };
      const failure = await addCommand(io, flags).then(
        () => undefined,
        (error: unknown) => error,
      );
      const { exitCodeOf } = await import("../src/errors.js");
      expect(exitCodeOf(failure)).toBe(code);
      expect(written.join("")).toBe("");
    }
  }, 10_000);
});
