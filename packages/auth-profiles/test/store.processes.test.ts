// Durability of the auth store under real processes: many writers at once, and writers killed mid-write.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnScript } from "../../safe-file/test/script-child.js";

// Child processes use the built package, as another program would.
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));

let agentDir: string;
let root: string;
const children = new Set<ChildProcess>();
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "modelctl-durable-"));
  agentDir = join(root, "agent");
});
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  rmSync(root, { recursive: true, force: true });
});

/** A process that adds `count` profiles `<name>:<i>` one read-modify-write at a time, printing each committed i. */
function writer(name: string, from: number, count: number, onCommitted?: (i: number) => void) {
  const script = `
    const { updateAuthStore } = await import(${JSON.stringify(DIST)});
    for (let i = ${from}; i < ${from + count}; i++) {
      await updateAuthStore(${JSON.stringify(agentDir)}, (draft) => {
        draft.profiles[${JSON.stringify(name)} + ":" + i] = { type: "api_key", provider: ${JSON.stringify(name)}, key: "sk-" + i };
        draft.usageStats[${JSON.stringify(name)} + ":" + i] = { lastUsed: i };
      }, { timeoutMs: 120000 });
      process.stdout.write(i + "\\n");
    }`;
  return spawnScript(script, { children, ...(onCommitted ? { onLine: onCommitted } : {}) });
}

const readStore = () => JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8"));
const readState = () => JSON.parse(readFileSync(join(agentDir, "auth-state.json"), "utf8"));

describe("auth store under concurrent processes", () => {
  it("keeps all 800 updates of 16 processes × 50 read-modify-writes", async () => {
    const names = Array.from({ length: 16 }, (_, i) => `p${i}`);
    const codes = await Promise.all(names.map((name) => writer(name, 0, 50).exited));
    expect(codes).toEqual(names.map(() => 0));
    const ids = Object.keys(readStore().profiles);
    expect(ids).toHaveLength(800);
    expect(Object.keys(readState().usageStats)).toHaveLength(800);
    for (const name of names) for (let i = 0; i < 50; i++) expect(ids).toContain(`${name}:${i}`);
  });

  it("always leaves a parseable store with the last committed write when the writer is SIGKILLed", async () => {
    // A number of kills, not of writes: how many writes a writer gets through before its kill depends on the
    // machine's load, and each round waits for one commit, so every round adds at least one write.
    const rounds = 60;
    let written = 0;
    for (let round = 0; round < rounds; round++) {
      let lastCommitted = -1;
      let started: () => void = () => {};
      const firstCommit = new Promise<void>((resolve) => {
        started = resolve;
      });
      const { child, exited } = writer("k", written, 1000, (i) => {
        lastCommitted = i;
        started();
      });
      // Kill at a random moment once writing is under way (Node's start-up would otherwise eat the window):
      // between writes or in the middle of one.
      await Promise.race([firstCommit, exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 80)));
      child.kill("SIGKILL");
      await exited;

      let profiles: Record<string, unknown> = {};
      try {
        profiles = readStore().profiles;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      const count = Object.keys(profiles).length;
      // Every acknowledged write is there; at most one more landed after its acknowledgement was cut off.
      expect(count).toBeGreaterThanOrEqual(lastCommitted + 1);
      expect(count).toBeLessThanOrEqual(Math.max(lastCommitted + 2, written + 1));
      for (let i = 0; i <= lastCommitted; i++) expect(profiles).toHaveProperty([`k:${i}`]);
      written = count;
    }
    expect(written).toBeGreaterThanOrEqual(rounds);
    // The state file too is whole, and holds the same writes (state is written first).
    expect(Object.keys(readState().usageStats).length).toBeGreaterThanOrEqual(written);
    // The last killed writer's lock is taken over at once by the next writer, which then leaves none behind.
    expect(await writer("k", written, 1).exited).toBe(0);
    expect(Object.keys(readStore().profiles)).toHaveLength(written + 1);
    expect(readdirSync(agentDir).filter((name) => name.endsWith(".lock"))).toEqual([]);
    console.log(`killed ${rounds} writers over ${written} writes`);
  });
});
