// `pnpm bench`: runs every bench/*.bench.mjs and writes their sections into BENCHMARKS.md.
import { readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const dir = new URL("./", import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.mjs"))
  .sort();

const sections = [];
for (const file of files) {
  const bench = await import(new URL(file, dir).href);
  process.stderr.write(`bench: ${file}\n`);
  sections.push(await bench.run());
}

const cpu = cpus();
const header = `# Benchmarks

Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Numbers are medians of repeated runs on whatever else the machine was doing; compare ratios, not absolute times, across machines.
`;
writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), `${header}\n${sections.join("\n")}`);
process.stdout.write(`${header}\n${sections.join("\n")}`);
