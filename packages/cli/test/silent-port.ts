// A loopback port whose connection attempts hang: a child process listens with a backlog of one and never accepts,
// and the queue is filled, so the kernel drops every further SYN — what a powered-off LAN host or a firewall that
// drops packets looks like to a client, without a packet leaving this machine.
import { type ChildProcess, spawn } from "node:child_process";
import { connect, type Socket } from "node:net";

const LISTENER = `
const server = require("node:net").createServer();
server.listen({ host: "127.0.0.1", port: 0, backlog: 1 }, () => {
  process.stdout.write(server.address().port + "\\n", () => {
    // Block the event loop for good: nothing is ever accepted.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
});`;

export interface SilentPort {
  readonly port: number;
  close(): void;
}

export async function openSilentPort(): Promise<SilentPort> {
  const child: ChildProcess = spawn(process.execPath, ["-e", LISTENER], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout?.once("data", (data) => resolve(Number(String(data).trim())));
  });
  // These fill the accept queue (they connect: the kernel completes their handshake); attempts after them hang.
  const fillers: Socket[] = [];
  for (let i = 0; i < 4; i++) fillers.push(connect(port, "127.0.0.1").on("error", () => {}));
  await Promise.all(
    fillers.slice(0, 2).map((socket) => new Promise((resolve) => socket.once("connect", resolve))),
  );
  return {
    port,
    close() {
      for (const socket of fillers) socket.destroy();
      child.kill("SIGKILL");
    },
  };
}
