// The size budget: what a page with one widget (and the bureau's review page) downloads
// from dist/, as yaojian.js loads it (scripts/page-weights.mjs), may not grow more than
// 2 % past its figure in size-budget.json. Sizes are deterministic, so this is no timed
// test; size-budget.json is lowered as the figures fall.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { pageWeights } from "../../scripts/page-weights.mjs";

const BUDGET = JSON.parse(fs.readFileSync("size-budget.json", "utf8"));
const SLACK = 1.02;

test("every page weighs at most 2 % over its figure in size-budget.json", () => {
  assert.ok(fs.existsSync("dist/yaojian-manifest.json"), "dist/ missing: run scripts/release.sh");
  const pages = pageWeights("dist");
  const over = [];
  for (const p of pages) {
    const budget = BUDGET.pages[p.name];
    assert.ok(Number.isInteger(budget), `size-budget.json has no figure for the page ${p.name}`);
    const limit = Math.floor(budget * SLACK);
    console.log(`page ${p.name}: ${p.total} bytes brotli, budget ${budget} (limit ${limit})`);
    if (p.total > limit) over.push(`${p.name}: ${p.total} bytes > ${limit} (budget ${budget} + 2 %)`);
  }
  assert.deepEqual(over, [], "pages over their budget");
  const unknown = Object.keys(BUDGET.pages).filter((name) => !pages.some((p) => p.name === name));
  assert.deepEqual(unknown, [], "size-budget.json names pages the report does not weigh");
});

test("a page loads only its widget's module: no other widget's wasm is counted", () => {
  const manifest = JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8"));
  for (const p of pageWeights("dist")) {
    const kinds = new Set(p.modules.flatMap((file) => manifest.modules.find((m) => m.js === `${file}.js`).kinds));
    assert.deepEqual([...kinds].sort(), [...p.kinds].sort(), `page ${p.name} loads ${p.modules.join(", ")}`);
  }
});

test("the size report says where each module's bytes go: its crates and largest functions, by name", () => {
  const report = JSON.parse(fs.readFileSync("dist/size-report.json", "utf8"));
  const manifest = JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8"));
  for (const m of manifest.modules) {
    const name = m.name;
    const p = report.profiles?.[name];
    assert.ok(p, `no profile of module ${name} in dist/size-report.json`);
    assert.equal(p.largest.length, 20, `${name}: the 20 largest functions`);
    assert.ok(p.crates.length > 5, `${name}: its crates`);
    // Named, not numbered: the profile was read with the name section kept.
    assert.ok(p.largest.every((f) => !/^#\d+$/.test(f.name)), `${name}: functions without names`);
    assert.ok(p.crates.some((c) => c.name === "yaojian"), `${name}: the engine's code is counted`);
    assert.ok(p.code_brotli > 0 && p.data_brotli > 0 && p.code_bytes <= p.bytes, `${name}: sizes`);
  }
});
