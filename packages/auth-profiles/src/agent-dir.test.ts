import { describe, expect, it } from "vitest";
import { resolveAgentDir } from "./agent-dir.js";
import { AuthStoreError } from "./errors.js";

const config = { agents: { list: [{ id: "main", default: true }, { id: "work" }] } };

describe("resolveAgentDir", () => {
  it("finds a configured agent case-insensitively", () => {
    expect(resolveAgentDir({ home: "/h", config, agentId: " Work " })).toEqual({
      agentId: "work",
      agentDir: "/h/agents/work/agent",
      source: "agent-flag",
    });
  });

  it.each(["", "  ", 0, null])("refuses the agent id %j with AGENT_UNKNOWN, not a TypeError", (agentId) => {
    const call = () => resolveAgentDir({ home: "/h", config, agentId: agentId as unknown as string });
    expect(call).toThrow(AuthStoreError);
    expect(call).toThrow(/Unknown agent id .*Known agents: main, work\./);
  });
});
