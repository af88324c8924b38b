// One holder at a time, stale lock or not: many real processes meeting a lock left by a dead process.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdLock, spawnScript } from "./script-child.js";

const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const PROCESSES = 32;
const ROUNDS = 20;
// A pid far above any pid_max in use: no such process.
const DEAD_PID = 2 ** 22 + 12345;
const PID_NS = readlinkSync("/proc/self/ns/pid");

let dir: string;
const children = new Set<ChildProcess>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "modelctl-stale-"));
});
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A process that, for each `go` line on stdin, takes the lock, marks enter and exit in the log around a
 * read-modify-write of the data file, and acknowledges the round on stdout once the lock is released.
 */
function holder(
  id: string,
  target: string,
  log: string,
  onAck: (round: number) => void,
  onExit: (code: number | null) => void,
) {
  const script = `
    const { appendFileSync, readFileSync, writeFileSync } = await import("node:fs");
    const { createInterface } = await import("node:readline");
    const { withFileLock } = await import(${JSON.stringify(DIST)});
    for await (const line of createInterface({ input: process.stdin })) {
      const round = Number(line);
      await withFileLock(${JSON.stringify(target)}, async () => {
        appendFileSync(${JSON.stringify(log)}, "enter ${id}\\n");
        const data = JSON.parse(readFileSync(${JSON.stringify(target)}, "utf8"));
        await new Promise((resolve) => setTimeout(resolve, 1));
        data.push("${id}:" + round);
        writeFileSync(${JSON.stringify(target)}, JSON.stringify(data));
        appendFileSync(${JSON.stringify(log)}, "exit ${id}\\n");
      }, { timeoutMs: 120000 });
      process.stdout.write(round + "\\n");
    }`;
  const { child, exited } = spawnScript(script, { children, stdin: true, onLine: onAck });
  void exited.then(onExit);
  return child;
}

describe("withFileLock against a stale lock", () => {
  it(`lets one of ${PROCESSES} processes at a time hold it, ${ROUNDS} rounds each starting at a dead holder's lock`, async () => {
    const target = join(dir, "data.json");
    const log = join(dir, "holders.log");
    writeFileSync(target, "[]");
    writeFileSync(log, "");
    const acked: string[] = [];
    let waiting = 0;
    let roundDone: () => void = () => {};
    // A holder that dies (say, reading the data file while another holder writes it) fails the round at once.
    let roundFailed: (error: Error) => void = () => {};
    let finished = false;
    const ids = Array.from({ length: PROCESSES }, (_, i) => `p${i}`);
    const processes = ids.map((id) =>
      holder(
        id,
        target,
        log,
        (round) => {
          acked.push(`${id}:${round}`);
          if (--waiting === 0) roundDone();
        },
        (code) => {
          if (!finished || code !== 0) roundFailed(new Error(`holder ${id} exited with code ${code}`));
        },
      ),
    );

    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(
        `${target}.lock`,
        JSON.stringify({
          pid: DEAD_PID,
          host: hostname(),
          pidNs: PID_NS,
          token: `dead-${round}`,
          createdAt: Date.now(),
        }),
      );
      waiting = PROCESSES;
      const done = new Promise<void>((resolve, reject) => {
        roundDone = resolve;
        roundFailed = reject;
      });
      for (const child of processes) child.stdin?.write(`${round}\n`);
      await done;
    }
    finished = true;
    for (const child of processes) child.stdin?.end();

    // Enter and exit strictly alternate, by the same process: never two holders at once.
    const marks = readFileSync(log, "utf8").trimEnd().split("\n");
    expect(marks).toHaveLength(2 * PROCESSES * ROUNDS);
    for (let i = 0; i < marks.length; i += 2) {
      const [enter, exit] = [marks[i], marks[i + 1]];
      if (enter?.replace("enter", "exit") !== exit)
        expect.fail(`overlap at mark ${i}: ${enter}, then ${exit}`);
    }
    // Every acknowledged update is in the file.
    const data: string[] = JSON.parse(readFileSync(target, "utf8"));
    expect(acked).toHaveLength(PROCESSES * ROUNDS);
    expect([...data].sort()).toEqual([...acked].sort());
    expect(readdirSync(dir).sort()).toEqual(["data.json", "holders.log"]);
  }, 120_000);
});

describe("withFileLock after a waiter was killed", () => {
  it("removes the killed waiter's lock temp file when the lock is next taken", async () => {
    const target = join(dir, "data.json");
    writeFileSync(target, "[]");
    const holderChild = await holdLock(DIST, target, children);
    const waiting = `
      const { withFileLock } = await import(${JSON.stringify(DIST)});
      await withFileLock(${JSON.stringify(target)}, async () => {}, { timeoutMs: 120000 });`;
    const waiter = spawnScript(waiting, { children });
    const pid = waiter.child.pid ?? 0;
    const waiterTemp = () =>
      readdirSync(dir).filter((name) => name.startsWith(`data.json.lock.${pid.toString(36)}-`));
    while (waiterTemp().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    waiter.child.kill("SIGKILL");
    await waiter.exited;
    expect(waiterTemp()).toHaveLength(1);
    holderChild.child.stdin?.end();
    expect(await holderChild.exited).toBe(0);

    const { withFileLock } = await import("../src/file-lock.js");
    await withFileLock(target, async () => {});
    expect(readdirSync(dir)).toEqual(["data.json"]);
  });
});
