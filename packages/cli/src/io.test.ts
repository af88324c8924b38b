import { afterEach, describe, expect, it, vi } from "vitest";
import { processIo } from "./io.js";

describe("processIo", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(["stdin", "stdout", "stderr"] as const)(
    "does not make process.%s until a command uses it, also when one io is made from another",
    (name) => {
      const stream = vi.spyOn(process, name, "get");
      const io = processIo("modelctl", processIo("modelctl", { programName: "agentctl" }));
      expect(io.programName).toBe("agentctl");
      expect(stream).not.toHaveBeenCalled();
      expect(io[name]).toBe(process[name]);
      expect(stream).toHaveBeenCalled();
    },
  );

  it("takes what the caller gives over the process's", () => {
    const stdout = { write: () => true };
    const io = processIo("modelctl", { stdout, env: { A: "1" }, homedir: "/h" });
    expect(io.stdout).toBe(stdout);
    expect(io.env).toEqual({ A: "1" });
    expect(io.homedir).toBe("/h");
  });
});
