// One build config for every package: ESM + .d.ts from src/index.ts, for the Node lines we support.
import { defineConfig, type Options } from "tsup";

export const libraryOptions: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node22",
  platform: "node",
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  tsconfig: "../../tsconfig.build.json",
};

export default defineConfig(libraryOptions);
