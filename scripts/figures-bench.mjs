// Prints the figures of the benchmark pages (bench/<name>.html, release bundle in
// dist/) by running each in headless Chromium: `forms` (issue #4: a 1,500-question
// form, reveals, 3,758 submissions summarised), `checklist` (issue #5: 5,000 items) and
// `builder` (issue #36: the form builder on 300 questions, a change to the preview).
// Each page leaves its results, with their targets, in window.benchResults.
// Figures to track, not tests. Usage: node scripts/figures-bench.mjs [forms] [checklist] [builder]
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ["forms", "checklist", "builder"];
const server = await startServer({ "/yaojian/": "dist/", "/": "bench/" });
const browser = await launchChromium();
try {
  for (const name of pages) {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
    await page.goto(`${server.url}/${name}.html`);
    await page.waitForFunction(() => document.body.dataset.done === "true", null, { timeout: 300_000 });
    const failed = await page.evaluate(() => window.benchError);
    if (failed) throw new Error(`bench/${name}.html: ${failed}`);
    const results = await page.evaluate(() => window.benchResults);
    for (const r of results) {
      console.log(`figure: ${r.name}: ${r.value} ms (target ${r.target}; ${r.detail})`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
