// Writes THIRD_PARTY_NOTICES.md: the name, version, license and license text of every third-party package whose code
// ends up in the bin bundle (dist/cli.cjs), read from esbuild's metafile of the build (tsup `metafile: true`) and the
// installed packages. `--check` writes nothing and exits 1 when the committed file differs from what it would write.
//
//   pnpm --filter @modelctl/cli build && pnpm --filter @modelctl/cli notices
//   node scripts/third-party-notices.mjs --check [--metafile <path>] [--file <path>]
//
// A package counts when at least one byte of it is in the output (the metafile's `bytesInOutput`): a module that
// tree-shaking dropped whole is not shipped and needs no notice; a package the bin loads by `import()` from
// node_modules (tsup.config.ts `external`) is installed with its own license and is not listed. Our own workspace
// packages (../<name>/dist) are MIT under the LICENSE beside this file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const DEFAULT_METAFILE = join(PACKAGE_DIR, "dist/metafile-cjs.json");
const DEFAULT_FILE = join(PACKAGE_DIR, "THIRD_PARTY_NOTICES.md");
const OUTPUT = "dist/cli.cjs";
const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
const NOTICE_FILE = /^notice(\.(md|txt))?$/i;

function fail(message) {
  console.error(`third-party-notices: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { check: false, metafile: DEFAULT_METAFILE, file: DEFAULT_FILE };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--check") options.check = true;
    else if (argv[i] === "--metafile" && argv[i + 1] !== undefined) options.metafile = argv[++i];
    else if (argv[i] === "--file" && argv[i + 1] !== undefined) options.file = argv[++i];
    else
      fail(`unknown argument ${JSON.stringify(argv[i])}; use --check, --metafile <path> and --file <path>`);
  }
  return options;
}

/** The folder of the installed package an input path belongs to (`…/node_modules/@scope/name`), or undefined. */
function packageDirOf(input) {
  const marker = "node_modules/";
  const at = input.lastIndexOf(marker);
  if (at === -1) return undefined;
  const rest = input.slice(at + marker.length).split("/");
  const depth = rest[0]?.startsWith("@") ? 2 : 1;
  return input.slice(0, at + marker.length) + rest.slice(0, depth).join("/");
}

/** The installed packages with code in the bin bundle, each with the bytes it contributes. */
function bundledPackages(metafilePath) {
  if (!existsSync(metafilePath))
    fail(`${metafilePath} is missing: build first (pnpm --filter @modelctl/cli build)`);
  const metafile = JSON.parse(readFileSync(metafilePath, "utf8"));
  const output = metafile.outputs?.[OUTPUT];
  if (output === undefined) fail(`${metafilePath} has no output ${OUTPUT}`);
  // Input paths are relative to the folder the build ran in: the package's.
  const root = dirname(dirname(resolve(metafilePath)));
  const bytes = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const dir = packageDirOf(input);
    if (dir === undefined || bytesInOutput === 0) continue;
    const abs = resolve(root, dir);
    bytes.set(abs, (bytes.get(abs) ?? 0) + bytesInOutput);
  }
  return [...bytes].map(([dir, size]) => ({ dir, size }));
}

function licenseOf(pkg) {
  if (typeof pkg.license === "string") return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((entry) => entry.type).join(" OR ");
  return "UNKNOWN";
}

function repositoryOf(pkg) {
  const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  if (url === undefined) return pkg.homepage;
  if (/^[\w-]+\/[\w.-]+$/.test(url)) return `https://github.com/${url}`; // the "owner/name" shorthand
  return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

/** A package's license (and NOTICE) text, from the files it ships. */
function textsOf(dir, name) {
  const files = readdirSync(dir).sort();
  const licenses = files.filter((file) => LICENSE_FILE.test(file));
  if (licenses.length === 0)
    fail(`${name} ships no LICENSE file in ${dir}: add its license text by hand first`);
  const notices = files.filter((file) => NOTICE_FILE.test(file));
  return [...licenses, ...notices].map((file) =>
    readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n").trim(),
  );
}

const fence = (text) => {
  let ticks = "```";
  while (text.includes(ticks)) ticks += "`";
  return `${ticks}text\n${text}\n${ticks}`;
};

export function renderNotices(metafilePath) {
  const packages = bundledPackages(metafilePath).map(({ dir }) => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    return { name: pkg.name, version: pkg.version, license: licenseOf(pkg), url: repositoryOf(pkg), dir };
  });
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const lines = [
    "# Third-party notices",
    "",
    "`dist/cli.cjs`, the `modelctl` bin of @modelctl/cli, bundles the code of the third-party packages below. Each",
    "keeps its own license, reproduced here. The rest of the bundle is the code of the @modelctl packages, under the",
    "MIT license in `LICENSE`. Packages the bin loads from `node_modules` instead (the probe engine, the model",
    "catalog, the sign-in flows, @clack/prompts) are installed as dependencies with their own license files.",
    "",
    "Generated by `scripts/third-party-notices.mjs` from the build's metafile: do not edit.",
    "",
    ...packages.map((p) => `- [${p.name} ${p.version}](#${anchor(p)}): ${p.license}`),
  ];
  for (const p of packages) {
    lines.push("", `## ${p.name} ${p.version}`, "", `License: ${p.license}${p.url ? ` · ${p.url}` : ""}`);
    for (const text of textsOf(p.dir, p.name)) lines.push("", fence(text));
  }
  return `${lines.join("\n")}\n`;
}

/** GitHub's heading anchor for `## name version`. */
function anchor(p) {
  return `${p.name} ${p.version}`
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const text = renderNotices(options.metafile);
  const where = relative(process.cwd(), options.file) || options.file;
  if (options.check) {
    const current = existsSync(options.file) ? readFileSync(options.file, "utf8") : "";
    if (current !== text) {
      console.error(
        `third-party-notices: ${where} differs from what the generator writes for the current bundle; run \`pnpm --filter @modelctl/cli notices\` after a build and commit it`,
      );
      process.exit(1);
    }
    console.log(`${where} is up to date: ${text.match(/^## /gm)?.length ?? 0} packages`);
  } else {
    writeFileSync(options.file, text);
    console.log(`wrote ${where}: ${text.match(/^## /gm)?.length ?? 0} packages`);
  }
}
