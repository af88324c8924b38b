import { pinsPublicSurface } from "../../../test/public-surface.js";

// The catalog entry's surface is deliberate too: a new export changes this list, and the README documents it.
const VALUES = [
  "catalogInfo",
  "catalogModels",
  "catalogModelsOf",
  "catalogProviderIds",
  "catalogRefOf",
  "catalogVerdict",
  "findCatalogModel",
  "nearestCatalogRefs",
];

pinsPublicSurface(import.meta.url, () => import("./catalog.js"), VALUES, "./catalog.ts");
