import { describe, expect, it } from "vitest";
import { mainAgentDir, resolveAgentDir } from "./agent-dir.js";
import { AuthStoreError } from "./errors.js";

const config = { agents: { list: [{ id: "main", default: true }, { id: "work" }] } };

describe("resolveAgentDir", () => {
  it("finds a configured agent case-insensitively", () => {
    expect(resolveAgentDir({ home: "/h", config, agentId: " Work " })).toEqual({
      agentId: "work",
      agentDir: "/h/agents/work/agent",
      source: "agent-flag",
      mainAgentDir: "/h/agents/main/agent",
    });
  });

  it.each(["", "  ", 0, null])("refuses the agent id %j with AGENT_UNKNOWN, not a TypeError", (agentId) => {
    const call = () => resolveAgentDir({ home: "/h", config, agentId: agentId as unknown as string });
    expect(call).toThrow(AuthStoreError);
    expect(call).toThrow(/Unknown agent id .*Known agents: main, work\./);
  });
});

describe("the main agent's folder", () => {
  // The reference (2026.4.27) merges `<state>/agents/main/agent` beneath `--agent work` and `--agent home` also with
  // `agents.list: [{ id: "work", default: true }, { id: "home" }]`, and also when the config gives `main` an
  // agentDir of its own; with OPENCLAW_AGENT_DIR set, that folder is the main store.
  it("is literally main's, whatever agent the config marks as default and whatever folder it gives main", () => {
    const odd = {
      agents: {
        list: [
          { id: "work", default: true },
          { id: "main", agentDir: "/elsewhere" },
        ],
      },
    };
    expect(mainAgentDir({ home: "/h" })).toBe("/h/agents/main/agent");
    expect(resolveAgentDir({ home: "/h", config: odd })).toMatchObject({
      agentDir: "/h/agents/work/agent",
      mainAgentDir: "/h/agents/main/agent",
    });
    expect(resolveAgentDir({ home: "/h", config: odd, agentId: "main" })).toMatchObject({
      agentDir: "/elsewhere",
      mainAgentDir: "/h/agents/main/agent",
    });
  });

  it("is the env override when one is set", () => {
    const env = { OPENCLAW_AGENT_DIR: "/env/agent" };
    expect(resolveAgentDir({ home: "/h", config, env })).toMatchObject({
      agentDir: "/env/agent",
      mainAgentDir: undefined,
    });
    expect(resolveAgentDir({ home: "/h", config, env, agentId: "work" })).toMatchObject({
      agentDir: "/h/agents/work/agent",
      mainAgentDir: "/env/agent",
    });
    expect(mainAgentDir({ home: "/h", env: { ...env, MODELCTL_AGENT_DIR: "/ours" } })).toBe("/ours");
  });

  it("is not set for the main agent itself", () => {
    expect(resolveAgentDir({ home: "/h", config }).mainAgentDir).toBeUndefined();
    expect(resolveAgentDir({ home: "/h", config, agentId: "work" }).mainAgentDir).toBe(
      "/h/agents/main/agent",
    );
  });
});
