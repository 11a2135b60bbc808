// scripts/wasm-imports.mjs: the short import names dist/ ships. A module and its glue
// renamed together still link and run; a glue that does not name an import exactly once
// is refused, and imports wasm-bindgen did not name keep their names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { shortenImports } from "../../scripts/wasm-imports.mjs";

const F = "__wbg_forty_0123456789abcdef";
const G = "__wbindgen_one_fedcba9876543210";

/** A wasm module importing `names` (each () -> i32) from "./x_bg.js" and exporting
 *  `run`, which adds what they return. */
function moduleImporting(names) {
  const bytes = (s) => [s.length, ...Buffer.from(s)];
  const section = (id, content) => [id, content.length, ...content];
  const imports = names.flatMap((n) => [...bytes("./x_bg.js"), ...bytes(n), 0, 0]);
  const calls = names.flatMap((_, i) => [0x10, i]);
  const adds = names.slice(1).map(() => 0x6a);
  const body = [0, ...calls, ...adds, 0x0b];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 1, 0x7f]),
    ...section(2, [names.length, ...imports]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...bytes("run"), 0, names.length]),
    ...section(10, [1, body.length, ...body]),
  ]);
}

/** Runs a glue's text as a module: it exports `imports`, the object a wasm links with. */
const load = (glue) => import(`data:text/javascript,${encodeURIComponent(glue)}`);

test("a module and its glue renamed together link and run as before", async () => {
  const glue = `export const imports = { "./x_bg.js": { ${F}: () => 41, ${G}: () => 1 } };`;
  const { wasm, glue: short, renamed } = shortenImports(moduleImporting([F, G]), glue);
  assert.equal(renamed, 2);
  const names = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.name);
  assert.deepEqual(names, ["a", "b"]);
  assert.ok(!short.includes("__wb"), short);
  const { imports } = await load(short);
  const { instance } = await WebAssembly.instantiate(wasm, imports);
  assert.equal(instance.exports.run(), 42);
});

test("imports wasm-bindgen did not name keep their names, and no short name takes one", async () => {
  const glue = `export const imports = { "./x_bg.js": { a: () => 40, ${F}: () => 2 } };`;
  const { wasm, glue: short } = shortenImports(moduleImporting(["a", F]), glue);
  const names = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.name);
  assert.deepEqual(names, ["a", "b"]);
  const { instance } = await WebAssembly.instantiate(wasm, (await load(short)).imports);
  assert.equal(instance.exports.run(), 42);
});

test("a glue that names an import twice, or never, is refused", () => {
  const wasm = moduleImporting([F, G]);
  assert.throws(() => shortenImports(wasm, `${F} ${F} ${G}`), /names it 2 times/);
  assert.throws(() => shortenImports(wasm, `${F}`), /names it 0 times/);
  assert.throws(() => shortenImports(Buffer.from("not wasm"), ""), /not a wasm module/);
});
