// A nearly full disk, for real: a 256 KiB tmpfs with a few pages left. Mounting needs root on Linux; CI runs as
// root, so this runs there (the injected short writes of safe-file's atomic-file.test.ts run everywhere).
import { execFileSync } from "node:child_process";
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "./run-cli.js";

function tryMount(dir: string): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const root = mkdtempSync(join(tmpdir(), "modelctl-full-"));
const mounted = tryMount(root);
const home = root;
const state = join(root, ".modelctl");
const agentDir = join(state, "agents", "main", "agent");
const configPath = join(state, "modelctl.json");
const storePath = join(agentDir, "auth-profiles.json");
const fill = join(root, "fill");

afterAll(() => {
  if (mounted) execFileSync("umount", [root]);
  rmSync(root, { recursive: true, force: true });
});

/** Every file under the home but the filler, with its bytes: what "exactly as before" means. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (path === fill) continue;
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, "base64");
    }
  };
  walk(root);
  return files;
}

/** Fills the file system, then frees `pages` pages of 4 KiB. */
function fillDisk(pages: number): void {
  const fd = openSync(fill, "w");
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  }
  ftruncateSync(fd, Math.max(0, fstatSync(fd).size - pages * 4096));
  closeSync(fd);
}

beforeAll(() => {
  if (!mounted) return;
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  const profiles = Object.fromEntries(
    Array.from({ length: 150 }, (_, i) => [
      `openai:p${i}`,
      {
        type: "api_key",
        provider: "openai",
        key: `sk-proj-${i.toString().padStart(4, "0")}-abcdefghijklmnopqrstuvwxyz`,
      },
    ]),
  );
  writeFileSync(storePath, `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`, { mode: 0o600 });
  const models = Object.fromEntries(
    Array.from({ length: 250 }, (_, i) => [`openrouter/vendor/model-${i}`, { alias: `model${i}` }]),
  );
  const config = {
    agents: {
      defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] }, models },
    },
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(`${configPath}.bak`, '{ "previous": true }\n', { mode: 0o600 });
  // Bigger than the pages left: the new versions cannot fit, the lock records can.
  expect(readFileSync(storePath).length).toBeGreaterThan(4 * 4096);
  expect(readFileSync(configPath).length).toBeGreaterThan(3 * 4096);
});

describe("a nearly full disk (tmpfs)", () => {
  it.runIf(mounted)(
    "fails with exit 73 and one clear line, and leaves every file, backup and lock as it was",
    async () => {
      fillDisk(3);
      const before = snapshot();

      const paste = await runBin(home, ["models", "auth", "paste-api-key", "--provider", "openai"], {
        input: "sk-new",
      });
      expect(paste.code).toBe(73);
      expect(paste.stdout).toBe("");
      expect(paste.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(paste.stderr).toMatch(
        /^Error: Cannot write .*auth-profiles\.json: the disk is full \(ENOSPC\)\. Nothing was changed; free some space/,
      );
      expect(snapshot()).toEqual(before);

      const add = await runBin(home, ["models", "fallbacks", "add", "google/gemini-2.5-pro"]);
      expect(add.code).toBe(73);
      expect(add.stdout).toBe("");
      expect(add.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(add.stderr).toMatch(/^Error: Cannot write .*modelctl\.json: the disk is full \(ENOSPC\)/);
      expect(snapshot()).toEqual(before);

      // With room again, the same commands succeed: the failure was the disk, nothing else.
      rmSync(fill);
      expect(
        (await runBin(home, ["models", "auth", "paste-api-key", "--provider", "openai"], { input: "sk-new" }))
          .code,
      ).toBe(0);
      expect(JSON.parse(readFileSync(storePath, "utf8")).profiles["openai:default"]).toMatchObject({
        key: "sk-new",
      });
      expect((await runBin(home, ["models", "fallbacks", "add", "google/gemini-2.5-pro"])).code).toBe(0);
      expect(readFileSync(`${configPath}.bak`, "base64")).toBe(before[".modelctl/modelctl.json"]);
    },
  );
});
