// What every published package carries for its npm page and its users: a LICENSE in the tarball, the links npm
// shows (homepage, bugs, repository with its folder), and a README that stands alone.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGES = fileURLToPath(new URL("../../", import.meta.url));
const REPO = "https://github.com/modelctl/modelctl";
const dirs = readdirSync(PACKAGES).sort();
const read = (dir: string, file: string) => readFileSync(`${PACKAGES}${dir}/${file}`, "utf8");

describe.each(dirs)("packages/%s", (dir) => {
  const pkg = JSON.parse(read(dir, "package.json"));

  it("has the MIT LICENSE its package.json names, as in the repository root", () => {
    expect(pkg.license).toBe("MIT");
    const license = read(dir, "LICENSE");
    expect(license).toBe(readFileSync(new URL("../../../LICENSE", import.meta.url), "utf8"));
    expect(license).toContain("Copyright (c) 2026 the modelctl authors");
  });

  it("links its README, the issues and its folder of the repository", () => {
    expect(pkg.homepage).toBe(`${REPO}/tree/main/packages/${dir}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
    expect(pkg.repository).toEqual({ type: "git", url: `git+${REPO}.git`, directory: `packages/${dir}` });
  });

  it("has a README that stands alone: install, usage, absolute links, the repository", () => {
    const readme = read(dir, "README.md");
    expect(readme).toMatch(new RegExp(`npm install (-g )?${pkg.name.replace("/", "\\/")}`));
    expect(readme).toMatch(/```ts\n|```sh\nmodelctl /);
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    expect(links.filter((link) => !/^(https:\/\/|#)/.test(link))).toEqual([]);
    expect(links).toContain(REPO);
  });
});
