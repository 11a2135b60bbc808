// Prints the figures of issue #4 by running bench/forms.html (release bundle in dist/)
// in headless Chromium: first render of a 1,500-question form, the reveal of an
// explanation after "yes" (1,500 and 150 questions), and 3,758 submissions summarised.
// Figures to track, not tests. Usage: node scripts/figures-forms.mjs
import { launchChromium } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const server = await startServer({ "/yaojian/": "dist/", "/": "bench/" });
const browser = await launchChromium();
const page = await browser.newPage();
page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
await page.goto(`${server.url}/forms.html`);
await page.waitForFunction(() => document.body.dataset.done === "true", null, { timeout: 300_000 });
const results = await page.evaluate(() => window.benchResults);
await browser.close();
await server.close();
const targets = { "form-1500-first-render": "≤ 300 ms", "form-1500-reveal": "next frame, ≤ 16 ms", "form-150-reveal": "next frame, ≤ 16 ms", "summary-3758": "≤ 500 ms" };
for (const r of results) {
  console.log(`figure: ${r.name}: ${r.value} ms (target ${targets[r.name]}; ${r.detail})`);
}
