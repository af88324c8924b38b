// For process tests: a child node running an ES module script, each line it prints handed over as a number.
import { type ChildProcess, spawn } from "node:child_process";

export interface ScriptChild {
  readonly child: ChildProcess;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Runs `script` in a fresh node (stdin piped when `stdin` is set), calls `onLine` with each whole line of its stdout
 * as a number, and keeps it in `children` until it exits so that a test's cleanup can kill what is left.
 */
export function spawnScript(
  script: string,
  options: {
    readonly children: Set<ChildProcess>;
    readonly stdin?: boolean;
    readonly onLine?: (n: number) => void;
  },
): ScriptChild {
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "inherit"],
  });
  options.children.add(child);
  let buffered = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) options.onLine?.(Number(line));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      options.children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited };
}

/**
 * A process that takes `withFileLock` on `target` (from the built package at `dist`) and holds it until its stdin is
 * closed; resolves once the lock is held.
 */
export async function holdLock(
  dist: string,
  target: string,
  children: Set<ChildProcess>,
): Promise<ScriptChild> {
  const script = `
    const { withFileLock } = await import(${JSON.stringify(dist)});
    await withFileLock(${JSON.stringify(target)}, async () => {
      process.stdout.write("1\\n");
      for await (const _ of process.stdin);
    });`;
  let held: () => void = () => {};
  const isHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holder = spawnScript(script, { children, stdin: true, onLine: () => held() });
  await isHeld;
  return holder;
}
