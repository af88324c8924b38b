// Lets plain `node` run this repo's TypeScript sources, for tests that need a process of their own: Node strips the
// types, and these hooks map the sources' `.js` specifiers to their `.ts` files and @modelctl packages to their src.
// Use: node --experimental-transform-types --import ./packages/probe/test/ts-hooks.mjs file.ts (the transform, not
// plain stripping, since safe-file declares fields in constructor parameters).
import { existsSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

const packages = new URL("../../", import.meta.url);

registerHooks({
  resolve(specifier, context, next) {
    const workspace = /^@modelctl\/([\w-]+)$/.exec(specifier);
    if (workspace) return next(new URL(`${workspace[1]}/src/index.ts`, packages).href, context);
    if (specifier.startsWith(".") && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
      const source = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(source))) return next(source.href, context);
    }
    return next(specifier, context);
  },
});
