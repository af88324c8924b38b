import { pinsPublicSurface } from "../../../test/public-surface.js";

// The public surface is deliberate: a new export changes this list, and the README documents it.
const VALUES = [
  "SafeFileError",
  "UNCHANGED",
  "cloneJson",
  "commitPrepared",
  "describeAt",
  "editJsonText",
  "forRewrite",
  "inFolders",
  "prepareJsonText",
  "readJsonFile",
  "refuseStackOverflow",
  "removeLeftoverTemps",
  "resolveRealPath",
  "serializeJson",
  "updateJsonFile",
  "withFileLock",
];

pinsPublicSurface(import.meta.url, () => import("./index.js"), VALUES);
