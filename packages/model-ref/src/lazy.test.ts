import { afterEach, describe, expect, it, vi } from "vitest";
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
  afterEach(() => {
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

  it("are not built when the package loads, nor by a selection of an empty config", async () => {
    const { lib, calls } = await loadCounting();
    lib.describeModelSelection({});
    expect(calls.count).toBe(0);
  });

  it("are built when a config is first validated", async () => {
    const { lib, calls } = await loadCounting();
    lib.validateModelsConfig({ agents: { defaults: { model: "openai/gpt-5.5" } } });
    expect(calls.count).toBeGreaterThan(0);
  });
});
