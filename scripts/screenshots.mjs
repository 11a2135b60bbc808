// Screenshots of the widgets on a 375 px phone (Chromium, device scale 1), from the
// widgets' own examples mounted through dist/yaojian.js on a blank page:
//   node scripts/screenshots.mjs [OUT_DIR]      (default docs/screenshots)
// Needs dist/ (scripts/release.sh). The files are what a person sees; the e2e tests
// (tests/e2e/phone.test.mjs) check the same layouts.
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./browser.mjs";
import { startServer, EXAMPLE_MOUNTS } from "./serve.mjs";

const OUT = process.argv[2] ?? "docs/screenshots";
const SHOTS = [
  ["submissions-summary", "filled", "zh-CN", "table.yj-cards"],
  ["rectification", "filled", "zh-CN", "[data-testid=cl-table]"],
  ["penalty-calculator", "kickbacks", "zh-CN", "[data-testid=pc-brief]"],
  ["penalty-calculator", "kickbacks", "en", "[data-testid=pc-brief]"],
];

const server = await startServer({ ...EXAMPLE_MOUNTS, "/blank.html": "tests/e2e/blank.html" });
const browser = await launchChromium();
fs.mkdirSync(OUT, { recursive: true });
try {
  for (const [kind, name, lang, focus] of SHOTS) {
    const ex = JSON.parse(fs.readFileSync(`components/src/${kind}/examples/${name}.json`, "utf8"));
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${server.url}/blank.html`);
    await page.evaluate(async ({ kind, ex, lang }) => {
      document.documentElement.lang = lang;
      await import("/yaojian/yaojian.js");
      const el = document.createElement(`yj-${kind}`);
      el.id = "widget";
      for (const [k, v] of Object.entries(ex.settings ?? {})) el.setAttribute(k, v);
      document.querySelector("main").append(el);
      for (const [k, v] of Object.entries(ex.properties ?? {})) el[k] = v;
    }, { kind, ex, lang });
    const target = page.locator(`#widget ${focus}`);
    await target.waitFor();
    await target.scrollIntoViewIfNeeded();
    const file = path.join(OUT, `phone-${kind}-${name}-${lang}.png`);
    await page.screenshot({ path: file });
    console.log(`${file}: ${fs.statSync(file).size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
