import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
const run = (...args: string[]) => runCli(home, args);

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
});
afterEach(() => cleanup());

describe("the config file", () => {
  it("is created 0600 in a 0700 folder", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, ".modelctl")).mode & 0o777).toBe(0o700);
  });

  it("keeps its mode and a .bak of the previous version", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    chmodSync(configPath, 0o640);
    const previous = readFileSync(configPath, "utf8");
    await run("models", "set", "openai/gpt-5.2");
    expect(statSync(configPath).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${configPath}.bak`, "utf8")).toBe(previous);
    expect(JSON.parse(readFileSync(configPath, "utf8")).agents.defaults.model.primary).toBe("openai/gpt-5.2");
  });

  it("that does not parse is never overwritten: exit 65 with path, line and column", async () => {
    mkdirSync(join(home, ".modelctl"));
    const broken = '{\n  "agents": {\n    "defaults": { "model": oops }\n  }\n}\n';
    writeFileSync(configPath, broken);
    for (const args of [
      ["models", "set", "anthropic/claude-opus-4-6"],
      ["models", "status"],
      ["models", "fallbacks", "add", "x/y"],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(65);
      expect(result.stderr).toMatch(
        new RegExp(
          `^Error: Cannot parse ${configPath.replace(/[.]/g, "\\.")}:3:28 \\(line 3, column 28\\): invalid character 'o'\\. .*left unchanged`,
        ),
      );
      expect(readFileSync(configPath, "utf8")).toBe(broken);
      expect(existsSync(`${configPath}.bak`)).toBe(false);
    }
  });

  it("with a key of the wrong shape is refused with the key named", async () => {
    mkdirSync(join(home, ".modelctl"));
    writeFileSync(configPath, '{ "agents": { "defaults": { "model": 42 } } }');
    const result = await run("models", "fallbacks", "add", "openai/gpt-5.2");
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/Config key agents\.defaults\.model is not valid/);
    expect(readFileSync(configPath, "utf8")).toBe('{ "agents": { "defaults": { "model": 42 } } }');
  });

  it("that is a folder is reported as unreadable (exit 66)", async () => {
    mkdirSync(configPath, { recursive: true });
    const result = await run("models", "status");
    expect(result.code).toBe(66);
    expect(result.stderr).toMatch(/^Error: Cannot read .*modelctl\.json/);
  });
});

describe("a config or store that is not a regular file", () => {
  it("a FIFO config: status and set exit 66 at once with one line naming it, and nothing is written", async () => {
    mkdirSync(join(home, ".modelctl"));
    execFileSync("mkfifo", [configPath]);
    for (const args of [
      ["models", "status"],
      ["models", "set", "openai/gpt-5.2"],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(66);
      expect(result.stderr).toBe(
        `Error: Cannot read ${configPath}: it is a FIFO (named pipe), not a regular file.\n`,
      );
    }
    expect(readdirSync(join(home, ".modelctl"))).toEqual(["modelctl.json"]);
  });

  it("--config /dev/zero exits 66 with one line instead of running out of memory", async () => {
    const result = await run("--config", "/dev/zero", "models", "status");
    expect(result.code).toBe(66);
    expect(result.stderr).toBe(
      "Error: Cannot read /dev/zero: it is a character device, not a regular file.\n",
    );
  });

  it("a FIFO auth-profiles.json: auth list exits 66 with one line naming it", async () => {
    const agentDir = join(home, ".modelctl", "agents", "main", "agent");
    mkdirSync(agentDir, { recursive: true });
    const store = join(agentDir, "auth-profiles.json");
    execFileSync("mkfifo", [store]);
    const result = await run("models", "auth", "list");
    expect(result.code).toBe(66);
    expect(result.stderr).toBe(
      `Error: Cannot read ${store}: it is a FIFO (named pipe), not a regular file.\n`,
    );
  });
});

describe("a config that is not UTF-8", () => {
  it("is read, but a write exits 65 naming it and leaves its bytes alone", async () => {
    mkdirSync(join(home, ".modelctl"));
    const bytes = Buffer.from('{"agents":{},"owner":"Jos\xe9"}\n', "latin1");
    writeFileSync(configPath, bytes);
    expect((await run("models", "status")).code).toBe(0);
    const result = await run("models", "set", "openai/gpt-5.2");
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/^Error: .*modelctl\.json is not valid UTF-8 text; .*Nothing was written/);
    expect(readFileSync(configPath)).toEqual(bytes);
    expect(readdirSync(join(home, ".modelctl"))).toEqual(["modelctl.json"]);
  });
});

describe("an OpenClaw openclaw.json as the config file", () => {
  const openclaw = `// written by hand
{
  agents: {
    defaults: {
      workspace: "~/clawd",
      model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2",] },
      models: { "anthropic/claude-opus-4-6": { alias: "opus", params: { cacheControlTtl: "1h" } } },
    },
    list: [{ id: "main", default: true }, { id: "work", agentDir: "/srv/work-agent" }],
  },
  gateway: { port: 18789, auth: { mode: "token" } },
  meta: { lastTouchedVersion: "2026.4.27" },
}
`;

  it("is read with comments, finds its agents folder beside it, and keeps every other key on write", async () => {
    const dir = join(home, ".openclaw");
    mkdirSync(dir);
    const file = join(dir, "openclaw.json");
    writeFileSync(file, openclaw);
    const env = { MODELCTL_CONFIG: file, MODELCTL_HOME: undefined };
    const status = JSON.parse((await runCli(home, ["models", "status", "--json"], { env })).stdout);
    expect(status).toMatchObject({
      configPath: file,
      agentDir: join(dir, "agents", "main", "agent"),
      resolvedDefault: "anthropic/claude-opus-4-6",
      aliases: { opus: "anthropic/claude-opus-4-6" },
    });
    const work = JSON.parse(
      (await runCli(home, ["models", "status", "--json", "--agent", "work"], { env })).stdout,
    );
    expect(work).toMatchObject({ agentId: "work", agentDir: "/srv/work-agent" });

    const added = await runCli(home, ["models", "fallbacks", "add", "google/gemini-2.5-pro"], { env });
    expect(added.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(
      openclaw
        .replace('["openai/gpt-5.2",]', '["openai/gpt-5.2", "google/gemini-2.5-pro",]')
        .replace('cacheControlTtl: "1h" } } }', 'cacheControlTtl: "1h" } }, "google/gemini-2.5-pro": {} }'),
    );
    expect(readFileSync(`${file}.bak`, "utf8")).toBe(openclaw);
  });

  it("--config wins over MODELCTL_CONFIG", async () => {
    const a = join(home, "a.json");
    const b = join(home, "b.json");
    writeFileSync(a, '{"agents":{"defaults":{"model":"openai/a"}}}');
    writeFileSync(b, '{"agents":{"defaults":{"model":"openai/b"}}}');
    const result = await runCli(home, ["models", "status", "--plain", "--config", b], {
      env: { MODELCTL_CONFIG: a },
    });
    expect(result.stdout).toBe("openai/b\n");
  });
});

describe("concurrent writers", () => {
  it("racing `fallbacks add` processes lose no addition", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    const refs = Array.from({ length: 8 }, (_, i) => `openai/racer-${i}`);
    const env = { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") };
    const codes = await Promise.all(
      refs.map(
        (ref) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [BIN, "models", "fallbacks", "add", ref], {
              env,
              stdio: "ignore",
            });
            child.on("exit", resolve);
          }),
      ),
    );
    expect(codes).toEqual(refs.map(() => 0));
    const fallbacks: string[] = JSON.parse(readFileSync(configPath, "utf8")).agents.defaults.model.fallbacks;
    expect([...fallbacks].sort()).toEqual([...refs].sort());
    expect(existsSync(`${configPath}.lock`)).toBe(false);
  });
});

/** `models fallbacks add <ref>` in a child process; resolves with its exit code. */
function addFallback(ref: string, extra: string[] = []): Promise<number | null> {
  const env = { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "models", "fallbacks", "add", ref, ...extra], {
      env,
      stdio: "ignore",
    });
    child.on("exit", resolve);
  });
}

describe("a symlinked config (dotfiles)", () => {
  it("shares one lock with its target: writers through both names lose no update, and the link stays", async () => {
    const target = join(home, "dotfiles", "modelctl.json");
    mkdirSync(join(home, "dotfiles"));
    mkdirSync(join(home, ".modelctl"));
    writeFileSync(target, '{ "agents": { "defaults": { "model": "anthropic/claude-opus-4-6" } } }\n');
    symlinkSync(target, configPath);
    const refs = Array.from({ length: 24 }, (_, i) => `openai/racer-${i}`);
    const codes = await Promise.all(
      refs.map((ref, i) => addFallback(ref, i % 2 === 0 ? [] : ["--config", target])),
    );
    expect(codes).toEqual(refs.map(() => 0));
    expect(lstatSync(configPath).isSymbolicLink()).toBe(true);
    const fallbacks: string[] = JSON.parse(readFileSync(target, "utf8")).agents.defaults.model.fallbacks;
    expect([...fallbacks].sort()).toEqual([...refs].sort());
    expect(readdirSync(join(home, "dotfiles")).sort()).toEqual(["modelctl.json", "modelctl.json.bak"]);
    expect(readdirSync(join(home, ".modelctl"))).toEqual(["modelctl.json"]);
  });
});

describe("what the config holds beyond modelctl's keys", () => {
  it("keeps a 64-bit integer in an unknown field byte for byte through a write", async () => {
    mkdirSync(join(home, ".modelctl"));
    writeFileSync(configPath, '{\n  "meta": {\n    "installId": 12345678901234567890\n  }\n}\n');
    expect((await run("models", "set", "openai/gpt-5.2")).code).toBe(0);
    expect(readFileSync(configPath, "utf8")).toContain('"installId": 12345678901234567890\n');
  });

  it("nested 10,000 levels deep: a write exits 65 with one clear line and leaves it alone", async () => {
    mkdirSync(join(home, ".modelctl"));
    const deep = `{"agents":{"defaults":{"model":"openai/gpt-5.2"}},"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    writeFileSync(configPath, deep);
    for (const args of [
      ["models", "set", "anthropic/claude-opus-4-6"],
      ["models", "fallbacks", "add", "openai/gpt-5.2-mini"],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(65);
      expect(result.stderr).toMatch(
        /^Error: .*modelctl\.json nests objects or arrays more than 1000 levels deep/,
      );
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(readFileSync(configPath, "utf8")).toBe(deep);
    }
    expect((await run("models", "status", "--plain")).stdout).toBe("openai/gpt-5.2\n");
  });

  it("keeps a 64-bit integer, hex, -0 and a BOM as written through a write of a JSON5 or BOM-prefixed config", async () => {
    mkdirSync(join(home, ".modelctl"));
    for (const text of [
      '// c\n{"x": 12345678901234567890, "h": 0x10, "z": -0,}',
      '\uFEFF{"x": 12345678901234567890, "h": 16, "z": -0}',
    ]) {
      writeFileSync(configPath, text);
      expect((await run("models", "fallbacks", "add", "anthropic/claude-x")).code).toBe(0);
      const written = readFileSync(configPath, "utf8");
      expect(written.startsWith(text.replace(/,?\}$/, ""))).toBe(true);
      expect(readFileSync(`${configPath}.bak`, "utf8")).toBe(text);
    }
  });

  it("holding Infinity or NaN (JSON5) is edited in place, the numbers kept as written", async () => {
    mkdirSync(join(home, ".modelctl"));
    const text = '{"x": Infinity, "n": NaN, "h": 0x10}';
    writeFileSync(configPath, text);
    expect((await run("models", "fallbacks", "add", "anthropic/claude-x")).code).toBe(0);
    expect(readFileSync(configPath, "utf8")).toBe(
      '{"x": Infinity, "n": NaN, "h": 0x10, "agents": { "defaults": { "model": { "fallbacks": ["anthropic/claude-x"] }, "models": { "anthropic/claude-x": {} } } }}',
    );
  });

  it("nested deep after a comment that ends at U+2028: exit 65, not a crash", async () => {
    mkdirSync(join(home, ".modelctl"));
    const text = `{"a":1, // c\u2028"deep": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    writeFileSync(configPath, text);
    const result = await run("models", "set", "openai/gpt-5.2");
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/nests objects or arrays more than 1000 levels deep/);
    expect(readFileSync(configPath, "utf8")).toBe(text);
  });

  it("with the same key twice is not rewritten (exit 65, naming the key)", async () => {
    mkdirSync(join(home, ".modelctl"));
    const text = '{ "agents": { "defaults": { "model": "openai/a" } }, "agents": { "list": [] } }\n';
    writeFileSync(configPath, text);
    const result = await run("models", "set", "openai/gpt-5.2");
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/has the key "agents" twice/);
    expect(readFileSync(configPath, "utf8")).toBe(text);
  });
});

describe("a locked config", () => {
  it("whose lock path is a directory fails with exit 73 naming it, and changes nothing", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    const before = readFileSync(configPath, "utf8");
    mkdirSync(`${configPath}.lock`);
    const result = await run("models", "set", "openai/gpt-5.2");
    expect(result.code).toBe(73);
    expect(result.stderr).toContain(`${configPath}.lock is a directory, not a lock file`);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(readFileSync(configPath, "utf8")).toBe(before);
  });

  it("is taken over when it is 3 days old, even if its pid is alive", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    const old = Date.now() - 3 * 86_400_000;
    writeFileSync(
      `${configPath}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: old }),
    );
    utimesSync(`${configPath}.lock`, old / 1000, old / 1000);
    const result = await runCli(home, ["models", "set", "openai/gpt-5.2"], {
      env: { MODELCTL_LOCK_TIMEOUT_MS: "200" },
    });
    expect(result.code).toBe(0);
    expect(existsSync(`${configPath}.lock`)).toBe(false);
  });

  it("fails with exit 75 and the holder's pid when a live process holds the lock", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    const before = readFileSync(configPath, "utf8");
    writeFileSync(
      `${configPath}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() }),
    );
    const result = await runCli(home, ["models", "set", "openai/gpt-5.2"], {
      env: { MODELCTL_LOCK_TIMEOUT_MS: "200" },
    });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain(`is locked by process ${process.pid}`);
    expect(readFileSync(configPath, "utf8")).toBe(before);
  });

  it("is taken over when the process that held it is gone", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    // The holder's pid namespace too: a pid from another one (a container) says nothing about the process here.
    writeFileSync(
      `${configPath}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: hostname(),
        pidNs: readlinkSync("/proc/self/ns/pid"),
        createdAt: Date.now(),
      }),
    );
    const result = await runCli(home, ["models", "set", "openai/gpt-5.2"], {
      env: { MODELCTL_LOCK_TIMEOUT_MS: "200" },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(configPath, "utf8")).agents.defaults.model.primary).toBe("openai/gpt-5.2");
  });

  it("rejects a malformed MODELCTL_LOCK_TIMEOUT_MS as a usage error", async () => {
    const result = await runCli(home, ["models", "set", "openai/gpt-5.2"], {
      env: { MODELCTL_LOCK_TIMEOUT_MS: "soon" },
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/MODELCTL_LOCK_TIMEOUT_MS must be a positive whole number/);
  });
});
