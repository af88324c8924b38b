// `models status --probe` of a Gemini CLI sign-in: the probe goes to Code Assist with the project the sign-in found.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const ACCESS = "ya29.CANARY-gemini-access-0123456789";
let home: string;
let cleanup: () => void;
let server: Server;
let bodies: unknown[];

function writeProfile(data: Record<string, unknown>): void {
  const agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({ version: 1, profiles: { "google-gemini-cli:me": data } }),
    { mode: 0o600 },
  );
}

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  bodies = [];
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(text || "null"));
      response.writeHead(request.headers.authorization === `Bearer ${ACCESS}` ? 200 : 401, {
        "content-type": "application/json",
      });
      response.end(
        JSON.stringify({
          response: { candidates: [{ content: { role: "model", parts: [{ text: "OK" }] } }] },
          traceId: "t1",
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({ models: { providers: { "google-gemini-cli": { baseUrl: origin } } } }),
  );
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  cleanup();
});

const probe = () =>
  runCli(home, ["models", "status", "--probe", "--probe-provider", "google-gemini-cli", "--json"]);

it("sends the profile's projectId with the access token, and the probe is ok", async () => {
  writeProfile({
    type: "oauth",
    provider: "google-gemini-cli",
    access: ACCESS,
    refresh: "1//CANARY-refresh",
    expires: Date.now() + 3_600_000,
    projectId: "proj-onboarded",
  });
  const result = await probe();
  const row = StatusJsonSchema.parse(JSON.parse(result.stdout)).auth.probes?.results[0];
  expect(row).toMatchObject({ profileId: "google-gemini-cli:me", status: "ok" });
  expect(bodies).toEqual([expect.objectContaining({ project: "proj-onboarded" })]);
  expect(result.stdout + result.stderr).not.toContain("CANARY");
});

it("a profile without a project sends nothing and says to sign in again", async () => {
  writeProfile({
    type: "oauth",
    provider: "google-gemini-cli",
    access: ACCESS,
    expires: Date.now() + 3_600_000,
  });
  const result = await probe();
  const row = StatusJsonSchema.parse(JSON.parse(result.stdout)).auth.probes?.results[0];
  expect(row).toMatchObject({ status: "missing_credential" });
  expect(row?.error).toMatch(/sign in again/);
  expect(bodies).toHaveLength(0);
});
