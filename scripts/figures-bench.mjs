// Prints the figures of the benchmark pages (bench/<name>.html, release bundle in
// dist/) by running each in headless Chromium: `forms` (issue #4: a 1,500-question
// form, reveals, 3,758 submissions summarised), `form-cold` (issue #37: that form's first
// draw on a freshly loaded page, no warm-up), `checklist` (issue #5: 5,000 items) and
// `builder` (issue #36: the form builder on 300 questions, a change to the preview).
// Each page leaves its results, with their targets, in window.benchResults. Every page
// runs in a fresh browser context; a page measured once per load runs several times and
// its median is printed.
// Figures to track, not tests. Usage: node scripts/figures-bench.mjs [forms] [form-cold] [checklist] [builder]
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["forms", "form-cold", "checklist", "builder"];
/** Pages that measure one thing per load, and how many loads. */
const LOADS = { "form-cold": 5 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer({ "/yaojian/": "dist/", "/": "bench/" });
const browser = await launchChromium();
try {
  for (const name of pages) {
    const loads = LOADS[name] ?? 1;
    const runs = [];
    for (let i = 0; i < loads; i++) runs.push(await run(name));
    if (loads === 1) {
      for (const r of runs[0]) console.log(`figure: ${r.name}: ${r.value} ms (target ${r.target}; ${r.detail})`);
      continue;
    }
    for (const [k, r] of runs[0].entries()) {
      const values = runs.map((results) => results[k].value);
      console.log(`figure: ${r.name}: ${median(values)} ms (target ${r.target}; ${r.detail}; median of ${loads} loads, each in a fresh browser context: ${values.join(", ")} ms)`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

/** Loads bench/<name>.html in a fresh browser context; resolves to its results. */
async function run(name) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
    await page.goto(`${server.url}/${name}.html`);
    await page.waitForFunction(() => document.body.dataset.done === "true", null, { timeout: 300_000 });
    const failed = await page.evaluate(() => window.benchError);
    if (failed) throw new Error(`bench/${name}.html: ${failed}`);
    return await page.evaluate(() => window.benchResults);
  } finally {
    await context.close();
  }
}
