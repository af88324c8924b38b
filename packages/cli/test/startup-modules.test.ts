// Start-up cost: `models status` writes its report to fd 1 directly and nothing on stderr, and runs no exec ref, so it
// loads none of Node's stream, socket, terminal or child-process modules (~2.5 ms for the streams, ~4 ms for
// child_process) that `node -e 0` does not load either.
import { afterAll, describe, expect, it } from "vitest";
import { runBin, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());

const WATCHED = ["stream", "net", "tty", "child_process"];

// Reports, at exit and on stderr, which of the watched built-in modules the process loaded.
const hook = `data:text/javascript,${encodeURIComponent(`
  process.on("exit", () => {
    const watched = new Set(${JSON.stringify(WATCHED)});
    const loaded = process.moduleLoadList
      .map((entry) => entry.replace(/^NativeModule /, ""))
      .filter((name) => watched.has(name));
    process.getBuiltinModule("fs").writeSync(2, "loaded: " + loaded.join(",") + "\\n");
  });`)}`;

async function loadedBy(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ loaded: string[]; stdout: string }> {
  const { code, stdout, stderr } = await runBin(home, args, { nodeArgs: ["--import", hook], env });
  expect(code).toBe(0);
  const line = /^loaded: (.*)$/m.exec(stderr);
  expect(line).not.toBeNull();
  return { loaded: (line?.[1] ?? "").split(",").filter(Boolean), stdout };
}

describe("built-in modules models status loads (stdout a pipe)", () => {
  it("none of Node's stream, socket, terminal or child-process modules, as text or as --json", async () => {
    const text = await loadedBy(["models", "status"]);
    expect(text.stdout).toContain("Default");
    expect(text.loaded).toEqual([]);
    const json = await loadedBy(["models", "status", "--json"]);
    expect(JSON.parse(json.stdout)).toHaveProperty("resolvedDefault");
    expect(json.loaded).toEqual([]);
  });

  it("none either with NO_COLOR unset, when human output asks whether stdout is a terminal", async () => {
    const text = await loadedBy(["models", "status"], { NO_COLOR: undefined });
    expect(text.stdout).toContain("Default");
    expect(text.loaded).toEqual([]);
  });

  it("the hook sees them when a command does use a stream (it would not pass vacuously)", async () => {
    // A usage error is written to stderr, which is a stream.
    const { stderr } = await runBin(home, ["models", "status", "--jsn"], { nodeArgs: ["--import", hook] });
    expect(stderr).toMatch(/^loaded: .*stream/m);
  });
});
