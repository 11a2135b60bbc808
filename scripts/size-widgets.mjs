// Prints, for each widget built alone (scripts/size-widgets.sh), what a page with only
// that widget downloads: yaojian.js and yaojian.css from dist/, the widget's glue and
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
  console.log(`figure: page with only <yj-${kind}>: ${kb(total)} brotli (wasm ${kb(wasm)}, glue ${kb(glue)}, yaojian.js ${kb(shared.js)}, css ${kb(shared.css)}; target ≤ 150 KB, data still in the wasm)`);
}
fs.writeFileSync(path.join(dir, "size-widgets.json"), JSON.stringify(report, null, 2) + "\n");
