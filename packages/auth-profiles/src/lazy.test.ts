import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lazy } from "./lazy.js";

describe("lazy", () => {
  it("builds on the first call only, and returns the same value from then on", () => {
    const build = vi.fn(() => ({ built: true }));
    const get = lazy(build);
    expect(build).not.toHaveBeenCalled();
    const first = get();
    expect(get()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});

describe("the package's zod schemas", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "modelctl-lazy-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.doUnmock("zod/mini");
    vi.resetModules();
  });

  /** Loads the package afresh with zod's factories (`z.object`, `z.string`, …) counted. */
  async function loadCounting() {
    const calls = { count: 0 };
    vi.resetModules();
    vi.doMock("zod/mini", async (importOriginal) => {
      const zod = await importOriginal<Record<string, unknown>>();
      return Object.fromEntries(
        Object.entries(zod).map(([name, value]) =>
          /^[a-z]/.test(name) && typeof value === "function"
            ? [
                name,
                (...args: unknown[]) => {
                  calls.count++;
                  return value(...args);
                },
              ]
            : [name, value],
        ),
      );
    });
    const lib = await import("./index.js");
    return { lib, calls };
  }

  it("are not built when the package loads, nor by an overview of an agent with no files", async () => {
    const { lib, calls } = await loadCounting();
    const store = await lib.loadAuthStore(dir);
    lib.describeAuth({ store, config: {}, env: {}, now: 0, inUse: [{ provider: "openai" }] });
    expect(calls.count).toBe(0);
  });

  it("are built when a credentials file is read", async () => {
    writeFileSync(join(dir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles: {} }));
    const { lib, calls } = await loadCounting();
    await lib.loadAuthStore(dir);
    expect(calls.count).toBeGreaterThan(0);
  });
});
