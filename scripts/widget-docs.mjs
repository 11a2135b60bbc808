// The per-widget reference of docs/embedding.md (elements, attributes, properties,
// events), made from the widgets' one contract: the wasm's widgetContracts(), which the
// release wrote into dist/yaojian-manifest.json. The end-to-end tests fail when the docs drift from it.
//   node scripts/widget-docs.mjs          rewrites the block in docs/embedding.md
//   node scripts/widget-docs.mjs --check  exits 1 when the block is out of date
import fs from "node:fs";
import { pathToFileURL } from "node:url";

export const DOC = "docs/embedding.md";
const BEGIN = "<!-- widget reference: made by `node scripts/widget-docs.mjs` from the widgets' contract; do not edit by hand -->";
const END = "<!-- end of widget reference -->";

/** Every widget's contract, from the manifest in `dist`. */
export async function contracts(dist = "dist") {
  return JSON.parse(fs.readFileSync(`${dist}/yaojian-manifest.json`, "utf8")).widgets;
}

const cell = (s) => s.replaceAll("|", "\\|");

/** The reference block, as markdown. */
export function reference(list) {
  const out = [BEGIN, ""];
  for (const c of list) {
    out.push(`#### \`<yj-${c.kind}>\``, "", cell(c.title), "");
    if (c.settings.length) {
      out.push("| attribute | values | effect |", "|---|---|---|");
      for (const s of c.settings) out.push(`| \`${s.name}\` | ${cell(s.values)} | ${cell(s.effect)} |`);
    } else {
      out.push("No attributes of its own.");
    }
    out.push("", "| property | meaning |", "|---|---|");
    for (const p of c.properties) out.push(`| \`${p.name}\` | ${cell(p.meaning)} |`);
    out.push("", "| event | detail |", "|---|---|");
    for (const e of c.events) out.push(`| \`${e.name}\` | ${cell(e.detail)} |`);
    out.push("");
  }
  out.push(END);
  return out.join("\n");
}

/** The block as docs/embedding.md has it now (null: no markers). */
export function current(text = fs.readFileSync(DOC, "utf8")) {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  return a < 0 || b < a ? null : text.slice(a, b + END.length);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const want = reference(await contracts());
  const text = fs.readFileSync(DOC, "utf8");
  const have = current(text);
  if (process.argv.includes("--check")) {
    if (have !== want) { console.error(`${DOC}: the widget reference is out of date; run node scripts/widget-docs.mjs`); process.exit(1); }
  } else {
    if (have === null) throw new Error(`${DOC}: no widget reference markers`);
    fs.writeFileSync(DOC, text.replace(have, want));
    console.log(`${DOC}: widget reference written`);
  }
}
