// One holder at a time across pid namespaces (containers sharing a folder and a hostname): a pid read from
// another namespace's record means nothing here, so such a lock is judged by age, never by that pid.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdLock, spawnScript } from "./script-child.js";

const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
// CI runs as root with util-linux: `unshare --pid` is there. Without unshare there is no other pid namespace to test.
const HAS_UNSHARE = spawnSync("unshare", ["--version"]).status === 0;
const WRITERS_HERE = 3;
const WRITERS_THERE = 3;
const ROUNDS = 10;

let dir: string;
const children = new Set<ChildProcess>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-pidns-"));
});
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs an ES module script in a node of a new pid namespace (with its own /proc); resolves with its exit and stdout. */
function inOtherPidNamespace(script: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(
    "unshare",
    ["--pid", "--mount-proc", "--kill-child", process.execPath, "--input-type=module", "-e", script],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.add(child);
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve) =>
    child.on("close", (code) => {
      children.delete(child);
      resolve({ code, stdout });
    }),
  );
}

/** A writer that tries the lock once for `timeoutMs`: prints `taken`, or exits 75 printing the LOCK_BUSY message. */
const tryOnce = (target: string, timeoutMs: number) => `
  const { withFileLock } = await import(${JSON.stringify(DIST)});
  try {
    await withFileLock(${JSON.stringify(target)}, async () => console.log("taken"), { timeoutMs: ${timeoutMs} });
  } catch (error) {
    console.log(error.code, error.message);
    process.exit(error.code === "LOCK_BUSY" ? 75 : 1);
  }`;

describe.runIf(HAS_UNSHARE)("withFileLock across pid namespaces", () => {
  it("makes a writer in another pid namespace wait for a holder in ours, and fail busy", async () => {
    const target = join(dir, "data.json");
    const holder = await holdLock(DIST, target, children);
    const record = readFileSync(`${target}.lock`, "utf8");

    const writer = await inOtherPidNamespace(tryOnce(target, 500));
    expect(writer.stdout).toContain(`LOCK_BUSY ${target} is locked by process ${holder.child.pid}`);
    expect(writer.code).toBe(75);
    expect(readFileSync(`${target}.lock`, "utf8")).toBe(record);
    holder.child.stdin?.end();
    expect(await holder.exited).toBe(0);
  });

  it("makes a writer in another pid namespace wait for a live breaker in ours", async () => {
    const target = join(dir, "data.json");
    // A lock old enough to take over, and this process busy taking it over.
    const old = Date.now() - 3 * 86_400_000;
    writeFileSync(`${target}.lock`, JSON.stringify({ pid: 4242, host: hostname(), createdAt: old }));
    utimesSync(`${target}.lock`, old / 1000, old / 1000);
    mkdirSync(`${target}.lock.break`);
    writeFileSync(
      `${target}.lock.break/holder-test`,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        pidNs: readlinkSync("/proc/self/ns/pid"),
        createdAt: Date.now(),
      }),
    );
    const writer = await inOtherPidNamespace(tryOnce(target, 300));
    expect(writer.stdout).toContain(
      `locked: process ${process.pid} in another pid namespace is taking over its stale lock (${target}.lock.break)`,
    );
    expect(writer.code).toBe(75);
  });

  it(`lets one writer at a time hold it, ${WRITERS_HERE} here and ${WRITERS_THERE} in other pid namespaces, ${ROUNDS} rounds each`, async () => {
    const target = join(dir, "data.json");
    const log = join(dir, "holders.log");
    writeFileSync(target, "[]");
    writeFileSync(log, "");
    const writer = (id: string) => `
      const { appendFileSync, readFileSync, writeFileSync } = await import("node:fs");
      const { withFileLock } = await import(${JSON.stringify(DIST)});
      for (let round = 0; round < ${ROUNDS}; round++) {
        await withFileLock(${JSON.stringify(target)}, async () => {
          appendFileSync(${JSON.stringify(log)}, "enter ${id}\\n");
          const data = JSON.parse(readFileSync(${JSON.stringify(target)}, "utf8"));
          await new Promise((resolve) => setTimeout(resolve, 2));
          data.push("${id}:" + round);
          writeFileSync(${JSON.stringify(target)}, JSON.stringify(data));
          appendFileSync(${JSON.stringify(log)}, "exit ${id}\\n");
        }, { timeoutMs: 120000 });
      }`;
    const here = Array.from(
      { length: WRITERS_HERE },
      (_, i) => spawnScript(writer(`here${i}`), { children }).exited,
    );
    const there = Array.from({ length: WRITERS_THERE }, (_, i) =>
      inOtherPidNamespace(writer(`there${i}`)).then(({ code }) => code),
    );
    expect(await Promise.all([...here, ...there])).toEqual(Array(WRITERS_HERE + WRITERS_THERE).fill(0));

    const marks = readFileSync(log, "utf8").trimEnd().split("\n");
    for (let i = 0; i < marks.length; i += 2) {
      const [enter, exit] = [marks[i], marks[i + 1]];
      if (enter?.replace("enter", "exit") !== exit)
        expect.fail(`overlap at mark ${i}: ${enter}, then ${exit}`);
    }
    expect(JSON.parse(readFileSync(target, "utf8"))).toHaveLength((WRITERS_HERE + WRITERS_THERE) * ROUNDS);
  });
});
