import { afterEach, describe, expect, it, vi } from "vitest";
import { processIo } from "./io.js";

describe("processIo", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("does not make process.stdin until a command reads it, also when one io is made from another", () => {
    const stdin = vi.spyOn(process, "stdin", "get");
    const io = processIo("modelctl", processIo("modelctl", { programName: "agentctl" }));
    expect(io.programName).toBe("agentctl");
    expect(stdin).not.toHaveBeenCalled();
    expect(io.stdin).toBe(process.stdin);
    expect(stdin).toHaveBeenCalled();
  });

  it("takes what the caller gives over the process's", () => {
    const stdout = { write: () => true };
    const io = processIo("modelctl", { stdout, env: { A: "1" }, homedir: "/h" });
    expect(io.stdout).toBe(stdout);
    expect(io.env).toEqual({ A: "1" });
    expect(io.homedir).toBe("/h");
  });
});
