// Preloaded into the CLI by tests (`node --import`): the name `lan-box.test` resolves to 127.0.0.1, so a base URL
// that modelctl must judge as another machine on the network is served by a local test server, and no packet
// leaves this machine.
import dns from "node:dns";

const lookup = dns.lookup;
dns.lookup = function lanLookup(...args) {
  const [host, options, callback] = args;
  if (host !== "lan-box.test") return lookup.apply(this, args);
  const done = typeof options === "function" ? options : callback;
  const all = typeof options === "object" && options !== null && options.all;
  if (all) process.nextTick(done, null, [{ address: "127.0.0.1", family: 4 }]);
  else process.nextTick(done, null, "127.0.0.1", 4);
};
