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
