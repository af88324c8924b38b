import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { profileCredential } from "./credential.js";
import { readProfile } from "./profile.js";
import { resolveCredential, resolveCredentialSync } from "./resolve.js";

const dir = mkdtempSync(join(tmpdir(), "modelctl-resolve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const apiKey = (fields: object) =>
  profileCredential(readProfile("openai:x", { type: "api_key", provider: "openai", ...fields }));
const revealed = (resolution: { status: string; secret?: { reveal(): string } }) =>
  resolution.secret?.reveal();

describe("resolveCredential", () => {
  it("uses an inline key as it is", () => {
    expect(revealed(resolveCredentialSync(apiKey({ key: "sk-inline-0123456789" }), {}))).toBe(
      "sk-inline-0123456789",
    );
  });

  it("resolves an env-var marker and an env ref through the environment", () => {
    const env = { OPENAI_API_KEY: "sk-from-env-0123456789" };
    expect(resolveCredentialSync(apiKey({ key: "OPENAI_API_KEY" }), env)).toMatchObject({
      status: "resolved",
      source: "env:OPENAI_API_KEY",
    });
    const ref = apiKey({ keyRef: { source: "env", provider: "default", id: "OPENAI_API_KEY" } });
    expect(revealed(resolveCredentialSync(ref, env))).toBe("sk-from-env-0123456789");
    expect(resolveCredentialSync(ref, {})).toEqual({
      status: "unresolved",
      source: "env:OPENAI_API_KEY",
      reason: "OPENAI_API_KEY is not set",
    });
  });

  it("sends nothing for a marker of a credential held elsewhere", () => {
    expect(resolveCredentialSync(apiKey({ key: "ollama-local" }), {})).toEqual({
      status: "external",
      source: "marker:ollama-local",
    });
  });

  it("reads file and exec refs only when asked", async () => {
    const path = join(dir, "key.txt");
    writeFileSync(path, "sk-from-file-0123456789\n");
    const fileRef = apiKey({ keyRef: { source: "file", id: path } });
    expect((await resolveCredential(fileRef, { env: {} })).status).toBe("deferred");
    expect(revealed(await resolveCredential(fileRef, { env: {}, readRefs: true }))).toBe(
      "sk-from-file-0123456789",
    );
    const underHome = apiKey({ keyRef: { source: "file", id: "~/key.txt" } });
    expect(revealed(await resolveCredential(underHome, { env: {}, readRefs: true, homedir: dir }))).toBe(
      "sk-from-file-0123456789",
    );
    const execRef = apiKey({ keyRef: { source: "exec", id: "printf %s sk-from-exec-0123456789" } });
    expect((await resolveCredential(execRef, { env: {} })).status).toBe("deferred");
    expect(
      revealed(await resolveCredential(execRef, { env: { PATH: process.env.PATH }, readRefs: true })),
    ).toBe("sk-from-exec-0123456789");
  });

  it("reports a failing exec ref without its output", async () => {
    const script = join(dir, "fails.sh");
    writeFileSync(script, "echo sk-leaky-0123456789; echo sk-leaky-0123456789 >&2; exit 3\n", {
      mode: 0o755,
    });
    const execRef = apiKey({ keyRef: { source: "exec", id: script } });
    const result = await resolveCredential(execRef, { env: { PATH: process.env.PATH }, readRefs: true });
    expect(result).toMatchObject({ status: "unresolved", reason: "the command failed" });
    expect(JSON.stringify(result)).not.toContain("sk-leaky");
  });
});

describe("file and exec refs are bounded", () => {
  const env = { PATH: process.env.PATH };
  const read = (keyRef: object, timeoutMs = 5000) =>
    resolveCredential(apiKey({ keyRef }), { env, readRefs: true, timeoutMs });

  /** Alive and not a zombie (a killed orphan may wait a while for its reaper). */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  }

  it("an exec ref that overruns the timeout is unresolved at the timeout, and it and what it started are killed", async () => {
    const pids = join(dir, "pids");
    // The shell starts a grandchild that would outlive it, then waits; neither ever prints.
    const command = `sleep 30 & echo $! > ${pids}; echo $$ >> ${pids}; wait`;
    const started = performance.now();
    const result = await read({ source: "exec", id: command }, 300);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ status: "unresolved", reason: expect.stringContaining("300 ms") });
    // Generous: a busy machine may be slow to start the shell; the old code waited 10 s here.
    expect(elapsed).toBeLessThan(3000);
    const [grandchild, child] = readFileSync(pids, "utf8").trim().split("\n").map(Number);
    expect(grandchild).toBeGreaterThan(0);
    expect(child).toBeGreaterThan(0);
    await expect.poll(() => [alive(child as number), alive(grandchild as number)]).toEqual([false, false]);
  });

  it("an exec ref that prints more than 64 KiB is unresolved", async () => {
    const result = await read({ source: "exec", id: "head -c 100000 /dev/zero | tr '\\0' a; sleep 30" });
    expect(result).toMatchObject({ status: "unresolved", reason: expect.stringContaining("64 KiB") });
  });

  it("a file ref to /dev/zero is refused at once, not read for ever", async () => {
    const result = await read({ source: "file", id: "/dev/zero" });
    expect(result).toEqual({
      status: "unresolved",
      source: "file:/dev/zero",
      reason: "/dev/zero is a character device, not a regular file",
    });
  });

  it("a file ref to a FIFO without a writer is refused at once, not waited on", async () => {
    const fifo = join(dir, "key.fifo");
    execFileSync("mkfifo", [fifo]);
    const result = await read({ source: "file", id: fifo });
    expect(result).toMatchObject({ status: "unresolved", reason: `${fifo} is a FIFO, not a regular file` });
  });

  it("a file ref larger than 64 KiB is refused", async () => {
    const path = join(dir, "huge.txt");
    writeFileSync(path, "k".repeat(64 * 1024 + 1));
    const result = await read({ source: "file", id: path });
    expect(result).toMatchObject({ status: "unresolved", reason: `${path} is larger than 64 KiB` });
    writeFileSync(path, `${"k".repeat(64 * 1024 - 1)}\n`);
    expect((await read({ source: "file", id: path })).status).toBe("resolved");
  });
});

describe("readProfile", () => {
  it("keeps a profile of a type it does not know, and says why", () => {
    expect(readProfile("acme:x", { type: "saml", provider: "acme" })).toMatchObject({
      type: "unknown",
      declaredType: "saml",
      problem: 'unknown type "saml"',
    });
  });

  it("takes the provider from the id when the profile has none", () => {
    expect(readProfile("Anthropic:work", { type: "token", token: "t-0123456789" }).provider).toBe(
      "anthropic",
    );
  });
});
