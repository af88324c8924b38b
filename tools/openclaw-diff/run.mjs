#!/usr/bin/env node
// Differential harness: OpenClaw 2026.4.27 (the reference) against modelctl, over the state directories in
// states.mjs. Node 20, no dependencies.
//
//   node run.mjs [--modelctl <bin>] [--out <report.md>] [--refresh-ref] [--only <state,state>] [--root <dir>]
//
// The reference is slow (5-10 s a run) and writes into its state, so every run gets a freshly built state
// directory at the same path (<root>/<state>), reference runs are sequential, and their outputs are cached in
// ref-cache/<state>__<command>.json (rerun with --refresh-ref, or automatically when the state's builder,
// environment or command changed).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { STATES } from "./states.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
// The wrapper ../shared/tools/openclaw-reference.sh prints, and a copy of it without its `unset …` line (for states
// with env credentials): `grep -v '^unset' openclaw-ref > openclaw-ref-env`.
const REF = process.env.OPENCLAW_REF ?? "/tmp/reference/openclaw-ref";
const REF_ENV = process.env.OPENCLAW_REF_ENV ?? `${REF}-env`;
// Everything this harness writes lives outside the repository.
const WORK = join(tmpdir(), "modelctl-openclaw-diff");
const STAGE_DIR = join(WORK, ".ref-plugin-stage");
const TIMEOUT_MS = 60_000;
const TIME_TOLERANCE_MS = 120_000;
// Fields modelctl adds on purpose (README: "fields are only ever added (ours: ...)").
const DOCUMENTED_ADDITIONS = new Set([
  "defaultResolution",
  "inUse",
  "order",
  "shadowed",
  "statePath",
  "check",
  "refreshable",
  "inherited",
  "store",
  "mainStorePath",
  "mainStatePath",
  "cooldownReason",
]);

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const o = {
    modelctl: join(HERE, "..", "..", "packages", "cli", "bin", "modelctl.js"),
    out: join(WORK, "report.md"),
    refreshRef: false,
    only: null,
    root: "/tmp/modelctl-diff-states",
    cache: join(WORK, "ref-cache"),
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--modelctl") o.modelctl = resolve(val());
    else if (a === "--out") o.out = resolve(val());
    else if (a === "--refresh-ref") o.refreshRef = true;
    else if (a === "--only") o.only = new Set(val().split(","));
    else if (a === "--root") o.root = resolve(val());
    else if (a === "--cache") o.cache = resolve(val());
    else if (a === "-h" || a === "--help") {
      console.log(
        "node run.mjs [--modelctl <bin>] [--out <report.md>] [--refresh-ref] [--only a,b] [--root <dir>]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------- commands per state
function commandsFor(state) {
  const cmds = [
    { id: "status-json", argv: ["models", "status", "--json"], kind: "json" },
    { id: "status-human", argv: ["models", "status"], kind: "lines" },
    { id: "status-check", argv: ["models", "status", "--check"], kind: "exit" },
  ];
  for (const a of state.agents ?? []) {
    cmds.push(
      { id: `status-json-agent-${a}`, argv: ["models", "status", "--json", "--agent", a], kind: "json" },
      { id: `status-human-agent-${a}`, argv: ["models", "status", "--agent", a], kind: "lines" },
      { id: `status-check-agent-${a}`, argv: ["models", "status", "--check", "--agent", a], kind: "exit" },
    );
  }
  cmds.push(
    { id: "aliases-json", argv: ["models", "aliases", "list", "--json"], kind: "json" },
    { id: "fallbacks-json", argv: ["models", "fallbacks", "list", "--json"], kind: "json" },
  );
  if (state.set) cmds.push({ id: "set", argv: ["models", "set", state.set], kind: "set" });
  return cmds;
}

// ---------------------------------------------------------------- running
function buildFresh(state, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const t0 = Date.now();
  state.build(dir, t0);
  return t0;
}

function configPath(dir) {
  return join(dir, ".openclaw", "openclaw.json");
}

function runOne(program, state, cmd, opts) {
  const dir = join(opts.root, state.name);
  const t0 = buildFresh(state, dir);
  const stateEnv = state.env ?? {};
  let file;
  let args;
  let env;
  if (program === "ref") {
    file = Object.keys(stateEnv).length > 0 ? REF_ENV : REF;
    args = cmd.argv;
    // The reference stages its plugins' runtime deps with `npm install` under ~/.openclaw/plugin-runtime-deps on
    // first use; in a fresh state that is every run (and without the CA bundle npm retries for minutes). One
    // shared stage folder outside the state directories, filled on the first run, keeps runs at a few seconds.
    env = { OC_HOME: dir, PATH: "/usr/bin:/bin", OPENCLAW_PLUGIN_STAGE_DIR: STAGE_DIR, ...stateEnv };
    if (process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
  } else {
    file = process.execPath;
    args = [opts.modelctl, ...cmd.argv];
    // No MODELCTL_HOME, so paths tildify against HOME exactly as the reference's do.
    env = { HOME: dir, MODELCTL_CONFIG: configPath(dir), PATH: process.env.PATH, NO_COLOR: "1", ...stateEnv };
  }
  const started = Date.now();
  const r = spawnSync(file, args, {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: 64 << 20,
  });
  const out = {
    program,
    state: state.name,
    command: cmd.id,
    argv: cmd.argv,
    env: Object.keys(stateEnv),
    t0,
    startedAt: started,
    durationMs: Date.now() - started,
    exitCode: r.status,
    signal: r.signal,
    timedOut: r.error?.code === "ETIMEDOUT",
    spawnError: r.error && r.error.code !== "ETIMEDOUT" ? String(r.error) : undefined,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
  };
  if (cmd.kind === "set") {
    const p = configPath(dir);
    out.configAfter = existsSync(p) ? readFileSync(p, "utf8") : null;
  }
  return out;
}

function stateHash(state, cmd, root) {
  const h = createHash("sha256");
  h.update(root); // absolute state paths appear in the outputs
  h.update(state.build.toString());
  h.update(JSON.stringify(state.env ?? {}));
  h.update(JSON.stringify(cmd.argv));
  return h.digest("hex").slice(0, 16);
}

function refResult(state, cmd, opts, log) {
  const file = join(opts.cache, `${state.name}__${cmd.id}.json`);
  const hash = stateHash(state, cmd, opts.root);
  if (!opts.refreshRef && existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, "utf8"));
    if (cached.hash === hash) return { ...cached, cached: true };
  }
  log(`  ref  ${state.name} ${cmd.argv.join(" ")}`);
  const r = { ...runOne("ref", state, cmd, opts), hash };
  mkdirSync(opts.cache, { recursive: true });
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return { ...r, cached: false };
}

// ---------------------------------------------------------------- JSON5 (for reading the config back)
function parseJson5(text) {
  let i = 0;
  const s = text.replace(/^\uFEFF/, "");
  const err = (m) => {
    throw new Error(`JSON5 ${m} at ${i}`);
  };
  const ws = () => {
    for (;;) {
      const c = s[i];
      if (
        c === " " ||
        c === "\t" ||
        c === "\n" ||
        c === "\r" ||
        c === "\u00a0" ||
        c === "\u2028" ||
        c === "\u2029"
      )
        i++;
      else if (c === "/" && s[i + 1] === "/") {
        while (i < s.length && s[i] !== "\n") i++;
      } else if (c === "/" && s[i + 1] === "*") {
        const e = s.indexOf("*/", i + 2);
        if (e < 0) err("unterminated comment");
        i = e + 2;
      } else return;
    }
  };
  const str = () => {
    const q = s[i++];
    let r = "";
    for (;;) {
      const c = s[i++];
      if (c === undefined) err("unterminated string");
      if (c === q) return r;
      if (c === "\\") {
        const e = s[i++];
        const map = {
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
          v: "\v",
          0: "\0",
          "'": "'",
          '"': '"',
          "\\": "\\",
          "/": "/",
        };
        if (e === "u") {
          r += String.fromCharCode(Number.parseInt(s.slice(i, i + 4), 16));
          i += 4;
        } else if (e === "x") {
          r += String.fromCharCode(Number.parseInt(s.slice(i, i + 2), 16));
          i += 2;
        } else if (e === "\n") {
          /* line continuation */
        } else if (e === "\r") {
          if (s[i] === "\n") i++;
        } else r += map[e] ?? e;
      } else r += c;
    }
  };
  const ident = () => {
    const m = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
    if (!m) err("expected key");
    i += m[0].length;
    return m[0];
  };
  const value = () => {
    ws();
    const c = s[i];
    if (c === "{") {
      i++;
      const o = {};
      for (;;) {
        ws();
        if (s[i] === "}") {
          i++;
          return o;
        }
        const k = s[i] === '"' || s[i] === "'" ? str() : ident();
        ws();
        if (s[i++] !== ":") err("expected :");
        o[k] = value();
        ws();
        if (s[i] === ",") i++;
        else if (s[i] !== "}") err("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      const a = [];
      for (;;) {
        ws();
        if (s[i] === "]") {
          i++;
          return a;
        }
        a.push(value());
        ws();
        if (s[i] === ",") i++;
        else if (s[i] !== "]") err("expected , or ]");
      }
    }
    if (c === '"' || c === "'") return str();
    const m =
      /^(?:[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|true|false|null)/.exec(
        s.slice(i),
      );
    if (!m) err("unexpected token");
    i += m[0].length;
    const t = m[0];
    if (t === "true") return true;
    if (t === "false") return false;
    if (t === "null") return null;
    const neg = t.startsWith("-");
    const body = t.replace(/^[+-]/, "");
    let n;
    if (body === "Infinity") n = Number.POSITIVE_INFINITY;
    else if (body === "NaN") n = Number.NaN;
    else if (/^0[xX]/.test(body)) n = Number.parseInt(body, 16);
    else n = Number(body);
    return neg ? -n : n;
  };
  const v = value();
  ws();
  if (i < s.length) err("trailing data");
  return v;
}

// ---------------------------------------------------------------- comparison
class TimeVal {
  constructor(raw, delta, relative = false) {
    this.raw = raw;
    this.delta = delta;
    this.relative = relative;
  }
  toString() {
    const sign = this.delta >= 0 ? (this.relative ? "" : "+") : "-";
    return `${this.relative ? "" : "t0"}${sign}${fmtDur(Math.abs(this.delta))} (${this.raw})`;
  }
}
function fmtDur(ms) {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${d ? `${d}d` : ""}${h ? `${h}h` : ""}${m ? `${m}m` : ""}${sec || (!d && !h && !m) ? `${sec}s` : ""}`;
}
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Absolute epoch-ms values near the state's build time become TimeVal relative to it, so that runs made at
// different moments (a cached reference run, a fresh modelctl run) compare; remainingMs is compared with a
// tolerance. ISO timestamps (config `meta.lastTouchedAt`) are masked.
function normaliseTimes(v, t0, key) {
  if (Array.isArray(v)) return v.map((x) => normaliseTimes(x, t0, key));
  if (v && typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = normaliseTimes(x, t0, k);
    return o;
  }
  if (typeof v === "number" && v > 1e12 && Math.abs(v - t0) < 3650 * 86400e3) return new TimeVal(v, v - t0);
  if (typeof v === "number" && key === "remainingMs") return new TimeVal(v, v, true);
  if (typeof v === "string" && ISO.test(v)) return "<ISO timestamp>";
  return v;
}

function show(v) {
  if (v === undefined) return "(missing)";
  if (v instanceof TimeVal) return String(v);
  return JSON.stringify(v, (_k, x) => (x instanceof TimeVal ? String(x) : x));
}

// Arrays of objects that all carry a distinct `profileId` (else `provider`) are matched by that key, so one extra
// element does not shift every later one; their order is compared separately as `<path>#order`.
function keyField(a, b) {
  for (const f of ["profileId", "provider"]) {
    const ok = (arr) =>
      arr.every((e) => e && typeof e === "object" && !Array.isArray(e) && typeof e[f] === "string") &&
      new Set(arr.map((e) => e[f])).size === arr.length;
    if (a.length + b.length > 0 && ok(a) && ok(b)) return f;
  }
  return null;
}

function compare(a, b, path, diffs) {
  if (a instanceof TimeVal || b instanceof TimeVal) {
    if (a instanceof TimeVal && b instanceof TimeVal && Math.abs(a.delta - b.delta) <= TIME_TOLERANCE_MS)
      return;
    diffs.push({ path, ref: show(a), mc: show(b) });
    return;
  }
  if (a === undefined || b === undefined) {
    diffs.push({ path, ref: show(a), mc: show(b), onlyMc: a === undefined });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const f = keyField(a, b);
    if (f) {
      const ka = a.map((e) => e[f]);
      const kb = b.map((e) => e[f]);
      const ma = new Map(a.map((e) => [e[f], e]));
      const mb = new Map(b.map((e) => [e[f], e]));
      for (const k of [...new Set([...ka, ...kb])])
        compare(ma.get(k), mb.get(k), `${path}[${f}=${k}]`, diffs);
      const common = ka.filter((k) => mb.has(k));
      const commonB = kb.filter((k) => ma.has(k));
      if (common.join("\0") !== commonB.join("\0"))
        diffs.push({ path: `${path}#order`, ref: show(common), mc: show(commonB) });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) compare(a[i], b[i], `${path}[${i}]`, diffs);
    return;
  }
  const isObj = (x) => x && typeof x === "object" && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])])
      compare(a[k], b[k], path ? `${path}.${k}` : k, diffs);
    return;
  }
  if (Object.is(a, b)) return;
  diffs.push({ path, ref: show(a), mc: show(b) });
}

function isDocumentedAddition(d) {
  if (!d.onlyMc) return false;
  const last = d.path
    .replace(/\[[^\]]*\]$/, "")
    .split(".")
    .pop();
  return DOCUMENTED_ADDITIONS.has(last);
}

// The reference sometimes logs to stdout before its JSON document ("[secrets] … resolved command secrets
// locally."): the document is then read from the first line that opens it, and the prefix is reported.
// Masks (`sk-ant-o...23456789` in the reference, `sk-a...6789` in modelctl) are documented as shorter in modelctl;
// a difference that vanishes once every mask is replaced by one placeholder is tagged "mask only".
const MASK = /[A-Za-z0-9_.-]{1,8}\.\.\.[A-Za-z0-9_.-]{1,8}/g;
const unmask = (t) => t.replace(MASK, "<masked>");
function isMaskOnly(d) {
  return d.ref !== "(missing)" && d.mc !== "(missing)" && d.ref !== d.mc && unmask(d.ref) === unmask(d.mc);
}
// Changed lines of a line diff that pair up with a line of the other side once masks are replaced.
function maskOnlyLines(lines) {
  const plus = new Map();
  for (const d of lines.filter((x) => x.side === "+")) {
    const k = unmask(d.text);
    plus.set(k, (plus.get(k) ?? 0) + 1);
  }
  const paired = new Set();
  for (const d of lines.filter((x) => x.side === "-")) {
    const k = unmask(d.text);
    if (k !== d.text && (plus.get(k) ?? 0) > 0) {
      plus.set(k, plus.get(k) - 1);
      paired.add(d);
      const p = lines.find((x) => x.side === "+" && !paired.has(x) && unmask(x.text) === k);
      if (p) paired.add(p);
    }
  }
  return paired;
}

function tryJson(text) {
  try {
    return { ok: true, value: JSON.parse(text), prefix: 0 };
  } catch (e) {
    const lines = text.split("\n");
    const start = lines.findIndex((l) => l === "{" || l === "[");
    if (start > 0) {
      try {
        return { ok: true, value: JSON.parse(lines.slice(start).join("\n")), prefix: start };
      } catch {}
    }
    return { ok: false, error: e.message };
  }
}

// Line diff (LCS), reported as "- ref" / "+ modelctl" lines with their line numbers.
function lineDiff(a, b) {
  const A = a.replace(/\n$/, "").split("\n");
  const B = b.replace(/\n$/, "").split("\n");
  const n = A.length;
  const m = B.length;
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      L[i][j] = A[i] === B[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j]))
      out.push({ side: "+", line: j + 1, text: B[j++] });
    else out.push({ side: "-", line: i + 1, text: A[i++] });
  }
  return out;
}

function compareRuns(cmd, ref, mc) {
  const res = { exit: null, json: [], lines: [], notes: [] };
  if (ref.timedOut || mc.timedOut) res.notes.push(`timed out: ref ${ref.timedOut}, modelctl ${mc.timedOut}`);
  if (ref.exitCode !== mc.exitCode) res.exit = { ref: ref.exitCode, mc: mc.exitCode };
  if (cmd.kind === "exit") return res;
  if (cmd.kind === "json") {
    const a = tryJson(ref.stdout);
    const b = tryJson(mc.stdout);
    for (const [who, x] of [
      ["reference", a],
      ["modelctl", b],
    ])
      if (x.ok && x.prefix)
        res.notes.push(`${who} printed ${x.prefix} line(s) on stdout before the JSON document`);
    if (a.ok && b.ok) compare(normaliseTimes(a.value, ref.t0), normaliseTimes(b.value, mc.t0), "", res.json);
    else if (a.ok !== b.ok || ref.stdout !== mc.stdout) {
      res.notes.push(`stdout is JSON: ref ${a.ok}, modelctl ${b.ok}`);
      res.lines = lineDiff(ref.stdout, mc.stdout);
    }
    return res;
  }
  // human output and `set`: stdout line by line (absolute times cannot appear there, only "in 2h").
  res.lines = lineDiff(ref.stdout, mc.stdout);
  if (cmd.kind === "set") {
    const parse = (t) => {
      if (t === null) return { ok: false, error: "no config file" };
      try {
        return { ok: true, value: parseJson5(t) };
      } catch (e) {
        return { ok: false, error: e.message };
      }
    };
    const a = parse(ref.configAfter);
    const b = parse(mc.configAfter);
    if (a.ok && b.ok) {
      const d = [];
      compare(normaliseTimes(a.value, ref.t0), normaliseTimes(b.value, mc.t0), "", d);
      res.json = d.map((x) => ({ ...x, path: `config:${x.path}` }));
    } else
      res.notes.push(`config after: ref ${a.ok ? "parses" : a.error}, modelctl ${b.ok ? "parses" : b.error}`);
    const comments = (t) => (t ?? "").match(/harness-comment-[a-z]+/g)?.length ?? 0;
    const ca = comments(ref.configAfter);
    const cb = comments(mc.configAfter);
    if (ca !== cb) res.notes.push(`comments kept in the config: ref ${ca}, modelctl ${cb}`);
    res.configText = { ref: ref.configAfter, mc: mc.configAfter };
  }
  return res;
}

// ---------------------------------------------------------------- report
const fence = (t) => `\`\`\`\n${t.replace(/```/g, "ʼʼʼ")}\n\`\`\``;
const code = (t) => `\`${String(t).replace(/`/g, "ʼ")}\``;

function writeReport(opts, results, elapsed) {
  const L = [];
  const total = results.length;
  const exact = results.filter((r) => r.exact).length;
  const nearly = results.filter((r) => r.exactButAdditions).length;
  L.push("# Differential report: OpenClaw 2026.4.27 vs modelctl", "");
  L.push(`- modelctl: ${code(opts.modelctl)}`);
  L.push(`- reference: ${code(REF)} (outputs cached in ${code(opts.cache)})`);
  L.push(`- state directories: ${code(`${opts.root}/<state>`)}, rebuilt fresh for every run`);
  L.push(`- generated: ${new Date().toISOString()}, took ${(elapsed / 1000).toFixed(1)} s`);
  L.push(
    "- JSON compared by path (a key on one side only is a difference; arrays of objects with `profileId`/`provider` " +
      "are matched by that key, their order compared as `#order`); absolute times as offsets from the state's build " +
      `time t0 and remainingMs with ${TIME_TOLERANCE_MS / 1000} s tolerance; human output line by line (LCS, ` +
      "\\`-\\` reference, \\`+\\` modelctl); `--check` by exit code only; `set` by stdout, exit code and the config read back.",
    "",
  );
  L.push("## Summary", "");
  L.push(`**${exact} of ${total}** (state, command) pairs agree exactly.`);
  L.push(
    `${nearly} more agree except for fields only modelctl prints that the README documents as additions ` +
      `(${[...DOCUMENTED_ADDITIONS].map(code).join(", ")}).`,
    "",
  );
  L.push(
    `${results.filter((r) => r.deliberateOnly && !r.exactButAdditions).length} more differ only in masks (shorter in ` +
      "modelctl, documented) and documented modelctl-only fields.",
    "",
  );
  L.push("| state | command | exit ref/mc | result |", "|---|---|---|---|");
  for (const r of results) {
    const verdict = r.exact
      ? "agree"
      : r.exactButAdditions
        ? "agree but documented additions"
        : r.deliberateOnly
          ? "masks / documented additions only"
          : [
              r.cmp.exit ? "exit" : "",
              (() => {
                const real = r.cmp.json.filter((d) => !isDocumentedAddition(d));
                const m = real.filter(isMaskOnly).length;
                return real.length ? `${real.length} field(s)${m ? ` (${m} mask only)` : ""}` : "";
              })(),
              r.cmp.lines.length ? `${r.cmp.lines.length} line(s)` : "",
              r.cmp.notes.length ? "notes" : "",
            ]
              .filter(Boolean)
              .join(", ");
    L.push(
      `| ${r.state.name} | ${code(r.cmd.argv.join(" "))} | ${r.ref.exitCode}/${r.mc.exitCode} | ${verdict} |`,
    );
  }
  L.push("");
  let current = null;
  for (const r of results) {
    if (current !== r.state.name) {
      current = r.state.name;
      L.push(`## ${r.state.name}`, "", r.state.desc, "");
      if (r.state.env) L.push(`Environment: ${Object.keys(r.state.env).map(code).join(", ")}`, "");
    }
    L.push(
      `### ${code(r.cmd.argv.join(" "))}${r.exact ? " — agree" : ""}`,
      "",
      `exit: reference ${r.ref.exitCode}${r.ref.timedOut ? " (timed out)" : ""}, modelctl ${r.mc.exitCode}${
        r.mc.timedOut ? " (timed out)" : ""
      }${r.cmp.exit ? " **(differ)**" : ""}; reference ${(r.ref.durationMs / 1000).toFixed(1)} s${
        r.ref.cached ? " (cached)" : ""
      }, modelctl ${(r.mc.durationMs / 1000).toFixed(2)} s`,
      "",
    );
    for (const n of r.cmp.notes) L.push(`- note: ${n}`);
    if (r.cmp.notes.length) L.push("");
    const real = r.cmp.json.filter((d) => !isDocumentedAddition(d));
    const adds = r.cmp.json.filter((d) => isDocumentedAddition(d));
    if (real.length) {
      L.push("| path | reference | modelctl | |", "|---|---|---|---|");
      for (const d of real)
        L.push(
          `| ${code(d.path || "(root)")} | ${code(d.ref).replace(/\|/g, "\\|")} | ${code(d.mc).replace(/\|/g, "\\|")} | ${
            isMaskOnly(d) ? "mask only" : ""
          } |`,
        );
      L.push("");
    }
    if (adds.length)
      L.push(`Documented modelctl-only fields: ${adds.map((d) => code(d.path)).join(", ")}`, "");
    if (r.cmp.lines.length) {
      const MAX = 40;
      const masked = maskOnlyLines(r.cmp.lines);
      const shown = r.cmp.lines
        .slice(0, MAX)
        .map((d) => `${d.side}${String(d.line).padStart(3)}${masked.has(d) ? "m" : " "} ${d.text}`);
      if (masked.size)
        L.push(`Lines marked \`m\` differ only in masks (${masked.size} of ${r.cmp.lines.length}).`, "");
      if (r.cmp.lines.length > MAX) shown.push(`… ${r.cmp.lines.length - MAX} more differing lines`);
      L.push(fence(shown.join("\n")), "");
    }
    if (r.cmd.kind === "set" && r.cmp.configText) {
      L.push("<details><summary>config after <code>set</code></summary>", "");
      L.push(
        "reference:",
        "",
        fence(r.cmp.configText.ref ?? "(none)"),
        "",
        "modelctl:",
        "",
        fence(r.cmp.configText.mc ?? "(none)"),
      );
      L.push("", "</details>", "");
    }
    const errs = [
      ["reference", r.ref.stderr],
      ["modelctl", r.mc.stderr],
    ].filter(([, t]) => t.trim());
    if (errs.length && !r.exact) {
      L.push("<details><summary>stderr (not compared)</summary>", "");
      for (const [who, t] of errs) {
        const lines = t.replace(/\n$/, "").split("\n");
        L.push(
          `${who}:`,
          "",
          fence(lines.slice(0, 15).join("\n") + (lines.length > 15 ? `\n… ${lines.length - 15} more` : "")),
          "",
        );
      }
      L.push("</details>", "");
    }
  }
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${L.join("\n")}\n`);
}

// ---------------------------------------------------------------- main
function main() {
  const opts = parseArgs(process.argv);
  if (!existsSync(opts.modelctl)) throw new Error(`modelctl bin not found: ${opts.modelctl}`);
  const log = (m) => process.stderr.write(`${m}\n`);
  const started = Date.now();
  const results = [];
  const states = STATES.filter((s) => !opts.only || opts.only.has(s.name));
  for (const state of states) {
    log(`state ${state.name}`);
    for (const cmd of commandsFor(state)) {
      const ref = refResult(state, cmd, opts, log); // sequential: one reference run at a time
      const mc = runOne("mc", state, cmd, opts);
      const cmp = compareRuns(cmd, ref, mc);
      const realJson = cmp.json.filter((d) => !isDocumentedAddition(d));
      const clean = !cmp.exit && cmp.lines.length === 0 && cmp.notes.length === 0;
      results.push({
        state,
        cmd,
        ref,
        mc,
        cmp,
        exact: clean && cmp.json.length === 0,
        exactButAdditions: clean && cmp.json.length > 0 && realJson.length === 0,
        deliberateOnly:
          !cmp.exit &&
          cmp.notes.length === 0 &&
          realJson.every(isMaskOnly) &&
          maskOnlyLines(cmp.lines).size === cmp.lines.length &&
          (cmp.json.length > 0 || cmp.lines.length > 0),
      });
    }
    rmSync(join(opts.root, state.name), { recursive: true, force: true });
  }
  const elapsed = Date.now() - started;
  writeReport(opts, results, elapsed);
  const exact = results.filter((r) => r.exact).length;
  log(
    `${exact}/${results.length} (state, command) pairs agree exactly; report: ${opts.out} (${(elapsed / 1000).toFixed(1)} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

export { compare, lineDiff, parseJson5 };
