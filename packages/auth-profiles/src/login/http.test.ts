import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "./http.js";

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const options = { provider: "test" };

describe("send", () => {
  it("is TIMEOUT when the headers never come", async () => {
    const url = await serve(() => {});
    await expect(send(url, { method: "GET" }, { ...options, timeoutMs: 30 })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
  });

  it("is TIMEOUT when the body stalls after the headers", async () => {
    const url = await serve((_, response) => {
      response.writeHead(200);
      response.write("{");
    });
    await expect(send(url, { method: "GET" }, { ...options, timeoutMs: 50 })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
  });

  it("refuses a body over the cap", async () => {
    const url = await serve((_, response) => response.end("x".repeat(2048)));
    await expect(send(url, { method: "GET" }, { ...options, maxBytes: 1024 })).rejects.toMatchObject({
      code: "PROVIDER_ERROR",
    });
  });

  it("is NETWORK when nothing listens, naming only the host", async () => {
    const url = await serve(() => {});
    server?.close();
    await new Promise((resolve) => server?.once("close", resolve));
    server = undefined;
    const error = await send(`${url}/token?code=secret-code`, { method: "GET" }, options).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "NETWORK" });
    expect((error as Error).message).not.toContain("secret-code");
  });
});
