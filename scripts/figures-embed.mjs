// Prints the time from navigation to the first interactive widget, on loopback, for two
// embedding examples (release bundle in dist/): calculator.html, a page with the penalty
// calculator alone (which downloads its module only), and plain.html, a page with every
// widget (five widgets, four modules). A figure to track, not a test.
// Usage: node scripts/figures-embed.mjs [RUNS]
import { launchChromium } from "./browser.mjs";
import { startServer, EXAMPLE_MOUNTS } from "./serve.mjs";

const runs = Number(process.argv[2] ?? 15);
const server = await startServer(EXAMPLE_MOUNTS);
const browser = await launchChromium();
for (const example of ["calculator.html", "plain.html"]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // cold cache every run
    const page = await context.newPage();
    await page.goto(`${server.url}/${example}`, { waitUntil: "commit" });
    // Interactive: the rule list is in the shadow root and accepts focus.
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const check = () => {
        const el = document.getElementById("calc")?.shadowRoot?.getElementById("yj-pc-rule");
        if (el) { el.focus(); if (el.shadowRoot === null && el.getRootNode().activeElement === el) return resolve(performance.now()); }
        requestAnimationFrame(check);
      };
      check();
    }));
    times.push(ms);
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`figure: navigation → first interactive widget (${example}, loopback, cold cache, ${runs} runs): median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
}
await browser.close();
await server.close();
