// Prints, for each widget built alone (scripts/size-widgets.sh) and for the pages of
// several widgets it builds (a folder named "a,b"), what such a page downloads: yaojian.js and yaojian.css from dist/, the widget's glue and
// wasm, brotli (quality 11). Writes DIR/size-widgets.json.
// Usage: node scripts/size-widgets.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] || "target/per-widget/out";
const brotli = (file) => {
  const body = fs.readFileSync(file);
  return zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }).length;
};
const shared = { js: brotli("dist/yaojian.js"), css: brotli("dist/yaojian.css") };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const report = {};
for (const kind of fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()).sort()) {
  const glue = brotli(path.join(dir, kind, "yaojian_core.js"));
  const wasm = brotli(path.join(dir, kind, "yaojian_core_bg.wasm"));
  const total = shared.js + shared.css + glue + wasm;
  report[kind] = { total, wasm, glue, ...shared };
  const kinds = kind.split(",");
  const what = kinds.map((k) => `<yj-${k}>`).join(" and ");
  const target = kinds.length > 1 ? 300 : 150;
  console.log(`figure: page with only ${what}: ${kb(total)} brotli (wasm ${kb(wasm)}, glue ${kb(glue)}, yaojian.js ${kb(shared.js)}, css ${kb(shared.css)}; target ≤ ${target} KB, data still in the wasm)`);
}
fs.writeFileSync(path.join(dir, "size-widgets.json"), JSON.stringify(report, null, 2) + "\n");
