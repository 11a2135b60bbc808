// What a page downloads from dist/, as yaojian.js loads it: yaojian.js and, for the
// widgets the page shows, the modules yaojian.js picks (modulesFor, the same rule as its
// pickModule) with their stylesheets and their data (each module's catalog and data files in zh-CN, the
// default language: langFiles). Brotli at quality 11, as a server would precompress.
// Used by scripts/size-report.mjs (the report) and tests/e2e/size-budget.test.mjs.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** The files module `m` (a manifest entry) fetches in `lang`, as yaojian.js does: its
 *  catalog, then its data files that have a file in that language. */
export function langFiles(m, lang) {
  return [m.catalogs[lang], ...(m.data ?? []).map((d) => d.files[lang]).filter(Boolean)];
}

/** Brotli (quality 11) size of a buffer, or of a file when given a path. */
export function brotli(body) {
  const bytes = typeof body === "string" ? fs.readFileSync(body) : body;
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

/** The pages the report weighs: each widget alone, and the bureau's review page. */
export function pagesOf(manifest) {
  const kinds = manifest.widgets.map((c) => c.kind);
  return [...kinds.map((k) => [k]), ["submissions-summary", "rectification"]];
}

/**
 * The modules a page showing `kinds` loads. As yaojian.js decides: the first kind not yet
 * served gets, among the modules carrying it, the one that carries most of the kinds not
 * yet served, the lighter on a tie; and so on until every kind is served.
 */
export function modulesFor(kinds, modules) {
  const chosen = [];
  const served = (k) => chosen.some((m) => m.kinds.includes(k));
  for (const kind of kinds) {
    if (served(kind)) continue;
    const waiting = kinds.filter((k) => !served(k));
    const score = (m) => m.kinds.filter((k) => waiting.includes(k)).length;
    const best = modules
      .filter((m) => m.kinds.includes(kind))
      .sort((a, b) => score(b) - score(a) || a.brotli - b.brotli)[0];
    if (!best) throw new Error(`no module carries ${kind}`);
    chosen.push(best);
  }
  return chosen;
}

/** Each page's download from `dist`: { name, kinds, modules, js, wasm, data, css, total }. */
export function pageWeights(dist = "dist") {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "yaojian-manifest.json"), "utf8"));
  const sizes = new Map();
  const file = (name) => {
    if (!sizes.has(name)) sizes.set(name, brotli(path.join(dist, name)));
    return sizes.get(name);
  };
  const entry = file("yaojian.js");
  return pagesOf(manifest).map((kinds) => {
    const modules = modulesFor(kinds, manifest.modules);
    const glue = modules.reduce((s, m) => s + file(m.js), 0);
    const wasm = modules.reduce((s, m) => s + file(m.wasm), 0);
    const names = new Set(modules.flatMap((m) => langFiles(m, "zh-CN")));
    const data = [...names].reduce((s, name) => s + file(name), 0);
    const js = entry + glue;
    // Each shadow root takes its module's stylesheet (yaojian.css in a build without).
    const css = [...new Set(modules.map((m) => m.css ?? manifest.css))].reduce((s, name) => s + file(name), 0);
    return { name: kinds.join("+"), kinds, modules: modules.map((m) => m.js.replace(/\.js$/, "")), js, wasm, data, css, total: js + wasm + data + css };
  });
}
