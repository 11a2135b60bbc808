// Prints the figures of <yj-rectification endpoint> against a running yaojian-server
// (issue 32), measured in headless Chromium from the user's action to the result drawn:
// the first page with its counts, a filter change, and a transition from the click on
// 确认 to the row's new status. Figures to track, never asserted. The server's items
// bench (`cargo bench -p yaojian-server --bench items`) runs it on 50,000 stored items,
// the server serving dist/ and bench/.
// Usage: node scripts/widget-figures.mjs BASE INSPECTOR_TOKEN ENTERPRISE_TOKEN LABEL
import { launchChromium } from "./browser.mjs";

const [base, inspector, enterprise, label = "rectification widget"] = process.argv.slice(2);
const ROUNDS = 20;
/** Pending items started, fewer than the first page holds. */
const TRANSITIONS = 10;

/** p50 and p99 of a list of milliseconds. */
function percentiles(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return [at(0.5), at(0.99)];
}

function print(what, xs, target) {
  const [p50, p99] = percentiles(xs);
  console.log(`figure: ${label}: ${what}: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${xs.length} (target ${target})`);
}

// In the page: a widget on the server, and the time until a condition holds on a drawn frame.
const IN_PAGE = () => {
  window.rows = (el) => el.shadowRoot?.querySelectorAll("[data-testid^='cl-status-']") ?? [];
  // Checked on every change of the widget's DOM (a state may last less than a frame:
  // a started row leaves the "pending" filter once the page is read again), then timed
  // at the next frame, when it is drawn.
  window.until = (cond) => new Promise((resolve, reject) => {
    const root = document.querySelector("yj-rectification")?.shadowRoot ?? document;
    let done = false;
    const finish = () => { done = true; observer.disconnect(); requestAnimationFrame(() => resolve(performance.now())); };
    const observer = new MutationObserver(() => { if (!done && cond()) finish(); });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => { if (!done) { observer.disconnect(); reject(new Error(`not drawn: ${cond}`)); } }, 30_000);
    if (cond()) finish();
  });
  window.mountWidget = async (token) => {
    document.getElementById("stage").replaceChildren();
    const el = document.createElement("yj-rectification");
    el.setAttribute("endpoint", "/api/v1");
    document.getElementById("stage").append(el);
    await customElements.whenDefined("yj-rectification");
    while (!el.shadowRoot) await new Promise(requestAnimationFrame);
    const t0 = performance.now();
    el.token = token;
    // The caption says the total the report counted ("…，共50000项").
    const caption = () => el.shadowRoot?.querySelector("caption")?.textContent ?? "";
    const t1 = await until(() => rows(el).length === 50 && /共[1-9]\d*项/.test(caption()));
    return t1 - t0;
  };
};

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}/server-checklist.html`);
  await page.evaluate(IN_PAGE);
  await page.evaluate((t) => mountWidget(t), inspector); // loads the wasm once
  const first = [];
  for (let i = 0; i < ROUNDS; i++) first.push(await page.evaluate((t) => mountWidget(t), inspector));
  print("first page of 50 with counts drawn", first, "≤ 300 ms");
  const filter = [];
  for (let i = 0; i < ROUNDS; i++) {
    const status = i % 2 ? "pending" : "in_progress";
    filter.push(await page.evaluate(async (status) => {
      const el = document.querySelector("yj-rectification");
      const select = el.shadowRoot.querySelector("[id$='-status']");
      const words = { pending: "待整改", in_progress: "整改中" }[status];
      const t0 = performance.now();
      select.value = status;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      const t1 = await until(() => rows(el).length > 0 && [...rows(el)].every((r) => r.textContent === words));
      return t1 - t0;
    }, status));
  }
  print("filter change drawn", filter, "≤ 100 ms");
  // The enterprise starts pending items one after another, from the click on 确认 to
  // the row's new status drawn. A search keeps the started rows on show (a status filter
  // would hide them at once); its first page holds a quarter of pending items.
  await page.evaluate((t) => mountWidget(t), enterprise);
  await page.evaluate(async () => {
    const el = document.querySelector("yj-rectification");
    const search = el.shadowRoot.querySelector("[id$='-search']");
    search.value = "ZG-2026-01";
    search.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await until(() => rows(el).length > 0 && [...el.shadowRoot.querySelectorAll("th[scope=row]")].every((r) => r.textContent.startsWith("ZG-2026-01")));
  });
  const transition = [];
  for (let i = 0; i < TRANSITIONS; i++) {
    const ms = await page.evaluate(async () => {
      const el = document.querySelector("yj-rectification");
      const root = el.shadowRoot;
      await until(() => [...root.querySelectorAll("button[aria-label^='开始整改 ']")].some((b) => !b.disabled));
      const start = [...root.querySelectorAll("button[aria-label^='开始整改 ']")].find((b) => !b.disabled);
      const id = start.getAttribute("aria-label").slice("开始整改 ".length);
      start.click();
      await until(() => root.querySelector(".yj-cl__form button[type=submit], .yj-cl__form button.yj-button"));
      const confirm = [...root.querySelectorAll(".yj-cl__form button")].find((b) => b.textContent.trim() === "确认");
      const t0 = performance.now();
      confirm.click();
      const status = () => root.querySelector(`[data-testid="cl-status-${CSS.escape(id)}"]`)?.textContent;
      const t1 = await until(() => status() === "整改中");
      return t1 - t0;
    });
    transition.push(ms);
  }
  if (transition.length) print("transition from 确认 to the new status drawn", transition, "≤ 100 ms");
  else throw new Error("no pending item to start");
} finally {
  await browser.close();
}
