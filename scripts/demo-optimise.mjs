// Optimises the demo portal's wasm that `trunk build --release` wrote (trunk's own
// wasm-opt download is unreachable here, so the rust link says data-wasm-opt="0"):
// wasm-opt -Oz from npm binaryen, as scripts/release.sh runs it for dist/. The result is
// kept in target/demo-opt/ under the hash of its input, so a build with nothing changed
// is optimised again in no time. The page's integrity attributes for the file are
// written anew to match.
//
// Usage: node scripts/demo-optimise.mjs [target/demo-dist]
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "target/demo-dist";
const cache = "target/demo-opt";
const WASM_OPT = "node_modules/.bin/wasm-opt";
const FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];

const digest = (algo, bytes, encoding) => createHash(algo).update(bytes).digest(encoding);

fs.mkdirSync(cache, { recursive: true });
const wasms = fs.readdirSync(dir).filter((f) => f.endsWith("_bg.wasm"));
if (wasms.length === 0) throw new Error(`${dir}: no *_bg.wasm; run trunk build --release first`);
const indexPath = path.join(dir, "index.html");
let index = fs.readFileSync(indexPath, "utf8");
for (const name of wasms) {
  const file = path.join(dir, name);
  const input = fs.readFileSync(file);
  const cached = path.join(cache, `${digest("sha256", input, "hex")}.wasm`);
  if (!fs.existsSync(cached)) {
    const partial = `${cached}.partial`;
    execFileSync(WASM_OPT, [...FLAGS, file, "-o", partial], { stdio: "inherit" });
    fs.renameSync(partial, cached);
  }
  const output = fs.readFileSync(cached);
  fs.writeFileSync(file, output);
  // The elements that name the file carry its integrity: the optimised file's now.
  const integrity = `sha384-${digest("sha384", output, "base64")}`;
  index = index.replace(/<link\b[^>]*>/g, (tag) =>
    tag.includes(name) ? tag.replace(/integrity="[^"]*"/, `integrity="${integrity}"`) : tag);
  console.log(`demo wasm ${name}: ${input.length} → ${output.length} bytes`);
}
fs.writeFileSync(indexPath, index);
