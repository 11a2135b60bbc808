// Puts the modules scripts/build-modules.sh built into dist/ under names made from
// their content, and writes what yaojian.js needs to load them:
// - DIST/<module>.<hash>.js and DIST/<module>.<hash>.wasm, one pair per module: each
//   widget's own, and a group's (several widgets a page shows together) only when it
//   is lighter than its widgets' modules together; wasm-bindgen's import names made
//   short in both (scripts/wasm-imports.mjs: 2-3 KB brotli less a page), and the glue's
//   string reader building short ASCII strings itself (scripts/glue-strings.mjs);
// - DIST/yaojian-manifest.json: every module (its kinds, files, brotli weight) and every
//   widget's contract (from the wasm's widgetContracts(), so the page needs no wasm to
//   define the elements);
// - DIST/<module>.<lang>.<hash>.json, each module's catalog in each language: the words
//   of the widgets it carries (their `//! words:` prefixes, from its wasm's
//   catalogWords()), the shared ones and the engine's; never another widget's, nor the
//   demo portal's, nor an engine error message or word the module cannot show
//   (keptError(), keptWord()).
//   The wasm carries no words: yaojian.js fetches the page's language;
// - DIST/<name>[.<lang>].<hash>.json, the engine's data files the modules list (their
//   wasm's dataFiles(), from each widget's `//! data:` line): the penalty rule table,
//   circumstances and default benchmark (one file each, shared by every module), and
//   the table's translations cut per language (none in zh-CN, the table's language).
//   Each module's own wasm reads each file it lists, so a file it would refuse stops
//   the release;
//   Also the built-in requirement and self-inspection templates
//   (requirements-<id>.<lang>.<hash>.json, form-<id>.<lang>.<hash>.json, cut per
//   language: each text in that language and in zh-CN, which the engine requires; the
//   engine merges the languages a page fetches): the one a widget shows first among the
//   files fetched before it renders, the others in the module's `onDemand` list, fetched
//   when a widget asks. The form builder edits every language of the template it starts
//   from, so its module lists them whole (<name>.<hash>.json);
// - DIST/yaojian.js: components/js/yaojian.js (bundled with the files it imports) with
//   the manifest's short form (modules, and per kind its setting and property names)
//   written in, so a page loads no manifest before its first widget.
// - DIST/<module>.<hash>.css, each module's stylesheet (cssOf(): the CSS of the widgets
//   its wasm carries, carriedKinds()), which its shadow roots take; DIST/yaojian.css
//   stays whole for light-DOM pages and failure notices.
// Every JS file and DIST/yaojian.css (from scripts/widget-css.sh) are minified (esbuild,
// no syntax lowered) before they are named: about 6 KB brotli less on every page.
// Usage: node scripts/dist-manifest.mjs OUT DIST
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildSync, transformSync } from "esbuild";
import { brotli } from "./page-weights.mjs";
import { readShortStringsInJs } from "./glue-strings.mjs";
import { shortenImports } from "./wasm-imports.mjs";

const [out = "target/per-widget/out", dist = "dist"] = process.argv.slice(2);
const SOURCE = "components/js/yaojian.js";
const SLOT = "const MANIFEST = null; // written in by scripts/dist-manifest.mjs";
const LANGS = ["zh-CN", "zh-TW", "en"];
/** Word prefixes no module ships: the demo portal's (components/src/portal). */
const DEMO_WORDS = ["portal"];

const minified = (code, loader) => transformSync(code, { loader, minify: true, legalComments: "none" }).code;
const hash = (body) => crypto.createHash("sha256").update(body).digest("hex").slice(0, 10);

/** A built module: its kinds (the contracts its wasm lists) and its two files. */
async function built(name) {
  const dir = path.join(out, name);
  // Short import names in both files (scripts/wasm-imports.mjs) and short ASCII strings
  // read in JavaScript (scripts/glue-strings.mjs); the glue is loaded here as shipped, so
  // a pair that would not link fails the release.
  const glueText = readShortStringsInJs(fs.readFileSync(path.join(dir, "yaojian_core.js"), "utf8"));
  const short = shortenImports(fs.readFileSync(path.join(dir, "yaojian_core_bg.wasm")), glueText);
  const shortGlue = path.join(dir, "yaojian_core.short.js");
  fs.writeFileSync(shortGlue, short.glue);
  const glue = Buffer.from(minified(short.glue, "js"));
  const wasm = short.wasm;
  const core = await import(pathToFileURL(shortGlue).href);
  core.initSync({ module: wasm });
  const contracts = JSON.parse(core.widgetContracts());
  const words = JSON.parse(core.catalogWords());
  const data = JSON.parse(core.dataFiles());
  const onDemand = JSON.parse(core.dataOnDemand());
  const carried = JSON.parse(core.carriedKinds());
  // The wasm's bytes as text, where keptError() looks for the parts of error codes.
  const text = wasm.toString("latin1");
  return { name, core, contracts, words, data, onDemand, carried, kinds: contracts.map((c) => c.kind), glue, wasm, text, brotli: brotli(glue) + brotli(wasm) };
}

const all = [];
for (const name of fs.readdirSync(out).sort()) {
  if (fs.statSync(path.join(out, name)).isDirectory()) all.push(await built(name));
}
const singles = all.filter((m) => m.kinds.length === 1);
const contracts = new Map(singles.map((m) => [m.kinds[0], m.contracts[0]]));
const modules = [...singles];
for (const group of all.filter((m) => m.kinds.length > 1)) {
  const apart = group.kinds.reduce((sum, k) => sum + singles.find((m) => m.kinds[0] === k).brotli, 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  if (group.brotli < apart) {
    console.log(`module ${group.name}: ${kb(group.brotli)} brotli, lighter than its widgets' modules together (${kb(apart)}): shipped`);
    modules.push(group);
  } else {
    console.log(`module ${group.name}: ${kb(group.brotli)} brotli, not lighter than its widgets' modules together (${kb(apart)}): left out`);
  }
  for (const c of group.contracts) {
    const alone = JSON.stringify(contracts.get(c.kind));
    if (JSON.stringify(c) !== alone) throw new Error(`module ${group.name}: the contract of ${c.kind} differs from its own module's`);
  }
}

// Every widget's words prefix, and the catalogs as written.
const allWords = new Set([...all.flatMap((m) => m.words), ...DEMO_WORDS]);
const sources = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(fs.readFileSync(`data/i18n/${l}.json`, "utf8"))]));

/** Whether module m can show the engine error message `key` (`error.<code>`): every
 *  dot-separated part of the code is in its wasm's bytes. Codes are string literals, or
 *  made of literal parts (`checklist.{code}`, `{kind}.not_normalised`), so a code the
 *  wasm can make passes; one whose parts are nowhere in it (the form's errors in the
 *  calculator) cannot be made there. About 1-2 KB brotli less per catalog. */
function keptError(m, key) {
  if (!key.startsWith("error.")) return true;
  return key.slice("error.".length).split(".").every((part) => m.text.includes(part));
}

/** The engine's word prefixes whose keys the code names in full (`"penalty.step.rule"`)
 *  or by their group (`format!("penalty.base.{}")`): never built any other way, which
 *  tests/i18n_keys.rs checks. */
const NAMED_WORDS = ["penalty", "form", "checklist"];

/** Whether module m can show the engine's word `key` of a NAMED_WORDS prefix: its wasm
 *  holds the key, or its group (`penalty.base.`). The penalty assessment's words leave
 *  the modules that do not assess (about 2 KB brotli a catalog), the checklist's those
 *  that show no list (0.4 KB). */
function keptWord(m, key) {
  if (!NAMED_WORDS.includes(key.split(".")[0])) return true;
  const group = key.slice(0, key.lastIndexOf(".") + 1);
  return m.text.includes(key) || (group.split(".").length > 2 && m.text.includes(group));
}

/** Module m's catalog in `lang`: every key but another widget's (or the demo's), the
 *  error messages m cannot show and the named words it cannot show. The module's own
 *  wasm reads it, so a file it would refuse stops the release. */
function catalogOf(m, lang) {
  const others = new Set([...allWords].filter((w) => !m.words.includes(w)));
  const kept = (k) => !others.has(k.split(".")[0]) && keptError(m, k) && keptWord(m, k);
  const words = Object.fromEntries(Object.entries(sources[lang]).filter(([k]) => kept(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = JSON.stringify(words);
  m.core.installCatalog(lang, text);
  return Buffer.from(text);
}

/** The engine's data files, by name: where each is in data/, and whether it is cut per
 *  language (only the texts of that language; none for zh-CN). */
const DATA_SOURCES = {
  "penalty-rules": { source: "data/penalty/drug-law-2019.rules.json" },
  "penalty-circumstances": { source: "data/penalty/circumstances.json" },
  "penalty-benchmark": { source: "data/penalty/benchmark.default.json" },
  "penalty-titles": { source: "data/penalty/drug-law-2019.i18n.json", perLang: true },
};
/** Where data file `name` is: one of DATA_SOURCES, or a built-in requirement template
 *  (`requirements-<id>`: data/requirements/<id>.json) or self-inspection template
 *  (`form-<id>`: data/forms/<id>.json), cut per language unless `whole`. */
function sourceOf(name, whole) {
  const template = name.match(/^(requirements|form)-([a-z0-9-]+)$/);
  const folder = { requirements: "requirements", form: "forms" }[template?.[1]];
  if (template && fs.existsSync(`data/${folder}/${template[2]}.json`)) return { source: `data/${folder}/${template[2]}.json`, cut: !whole };
  return DATA_SOURCES[name];
}

/** A template's document with each text ({zh-CN, zh-TW, en}) in `lang` and zh-CN only. */
function cutToLang(v, lang) {
  if (Array.isArray(v)) return v.map((x) => cutToLang(x, lang));
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  if (keys.length > 0 && keys.every((k) => LANGS.includes(k))) {
    return Object.fromEntries(keys.filter((k) => k === "zh-CN" || k === lang).map((k) => [k, v[k]]));
  }
  return Object.fromEntries(keys.map((k) => [k, cutToLang(v[k], lang)]));
}
const dataFiles = new Map();

/** Data file `name`'s files in dist/, by language (written once for every module);
 *  a template's `whole` (every language in one file) or cut per language. */
function dataFile(name, whole) {
  const key = `${name}${whole ? " whole" : ""}`;
  if (dataFiles.has(key)) return dataFiles.get(key);
  const spec = sourceOf(name, whole);
  if (!spec) throw new Error(`a module lists the data file "${name}", which scripts/dist-manifest.mjs does not know`);
  const doc = JSON.parse(fs.readFileSync(spec.source, "utf8"));
  const write = (body, label) => {
    const file = `${label}.${hash(body)}.json`;
    fs.writeFileSync(path.join(dist, file), body);
    return file;
  };
  const files = {};
  if (spec.perLang) {
    for (const lang of LANGS.filter((l) => l !== "zh-CN")) {
      const texts = Object.fromEntries(Object.entries(doc.texts).filter(([, t]) => t[lang]).map(([k, t]) => [k, { [lang]: t[lang] }]));
      files[lang] = write(Buffer.from(JSON.stringify({ schema: doc.schema, texts })), `${name}.${lang}`);
    }
  } else if (spec.cut) {
    for (const lang of LANGS) files[lang] = write(Buffer.from(JSON.stringify(cutToLang(doc, lang))), `${name}.${lang}`);
  } else {
    const file = write(Buffer.from(JSON.stringify(doc)), name);
    for (const lang of LANGS) files[lang] = file;
  }
  dataFiles.set(key, files);
  return files;
}

/** Module m's data files named `names`; its own wasm reads each (in order, every
 *  language's, so a template's languages are merged as a page that switches merges
 *  them). The builder's module has its templates whole. */
function dataOf(m, names) {
  const whole = m.kinds.includes("form-builder");
  const list = names.map((name) => ({ name, files: dataFile(name, whole) }));
  for (const lang of LANGS) {
    for (const d of list.filter((d) => d.files[lang])) {
      try {
        m.core.installData(d.name, fs.readFileSync(path.join(dist, d.files[lang]), "utf8"));
      } catch (e) {
        throw new Error(`module ${m.name}: its wasm refuses ${d.files[lang]}: ${e?.message ?? e}`);
      }
    }
  }
  return list;
}

/** Module m's stylesheet, DIST/<module>.<hash>.css: common/base.css, then the CSS of
 *  its widgets and of the widgets they render, in the order of yaojian.css (by folder):
 *  a shadow root takes only its module's styles, about 2 KB brotli less than all of
 *  yaojian.css (which light-DOM pages link, and which stays whole). */
function cssOf(m) {
  const own = [...m.carried].sort().map((k) => `components/src/${k}/${k}.css`).filter((f) => fs.existsSync(f));
  const text = ["components/src/common/base.css", ...own].map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const body = Buffer.from(minified(text, "css"));
  const file = `${m.name}.${hash(body)}.css`;
  fs.writeFileSync(path.join(dist, file), body);
  return file;
}

const entries = modules.map((m) => {
  const js = `${m.name}.${hash(m.glue)}.js`;
  const wasm = `${m.name}.${hash(m.wasm)}.wasm`;
  fs.writeFileSync(path.join(dist, js), m.glue);
  fs.writeFileSync(path.join(dist, wasm), m.wasm);
  const catalogs = {};
  for (const lang of LANGS) {
    const body = catalogOf(m, lang);
    catalogs[lang] = `${m.name}.${lang}.${hash(body)}.json`;
    fs.writeFileSync(path.join(dist, catalogs[lang]), body);
  }
  return { name: m.name, kinds: m.kinds, js, wasm, css: cssOf(m), catalogs, data: dataOf(m, m.data), onDemand: dataOf(m, m.onDemand), brotli: m.brotli };
});
const widgets = [...contracts.values()];
const manifest = { schema: "yaojian/manifest/1", css: "yaojian.css", modules: entries, widgets };
fs.writeFileSync(path.join(dist, "yaojian-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

// What yaojian.js needs to define the elements and load a kind's module.
const short = {
  modules: entries.map(({ kinds, js, wasm, css, catalogs, data, onDemand, brotli }) => ({ kinds, js, wasm, css, catalogs, data, onDemand, brotli })),
  elements: widgets.map((c) => ({
    kind: c.kind,
    settings: c.settings.map((s) => s.name),
    properties: c.properties.map((p) => (p.text ? { name: p.name, text: true } : { name: p.name })),
  })),
};
const source = fs.readFileSync(SOURCE, "utf8");
if (!source.includes(SLOT)) throw new Error(`${SOURCE}: the line "${SLOT}" is missing`);
const bundle = buildSync({
  stdin: { contents: source.replace(SLOT, `const MANIFEST = ${JSON.stringify(short)};`), resolveDir: path.dirname(SOURCE), sourcefile: "yaojian.js", loader: "js" },
  bundle: true, format: "esm", minify: true, legalComments: "none", write: false,
});
fs.writeFileSync(path.join(dist, "yaojian.js"), bundle.outputFiles[0].contents);
const css = path.join(dist, manifest.css);
fs.writeFileSync(css, minified(fs.readFileSync(css, "utf8"), "css"));
console.log(`dist: ${entries.length} modules (${entries.map((e) => e.name).join(", ")}), their catalogs in ${LANGS.join(", ")}, data files (${[...new Set([...dataFiles.keys()].map((k) => k.split(" ")[0]))].join(", ")}), yaojian-manifest.json, yaojian.js`);
