// Shared set-up for the end-to-end tests: the release build of the demo portal
// (target/demo-dist, built by `trunk build --release`) served on loopback, Debian's
// Chromium driven by playwright-core, and an axe-core scan for WCAG 2.2 AA.
import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import fs from "node:fs";
import { startServer } from "../../scripts/serve.mjs";
import { launchChromium } from "../../scripts/browser.mjs";

export const DEMO_DIR = process.env.YJ_DEMO_DIR || "target/demo-dist";

/// Starts the server (the demo portal by default, or the given mounts) and the browser.
export async function launch({ mounts = null, extraArgs = [] } = {}) {
  if (!mounts) assert.ok(fs.existsSync(`${DEMO_DIR}/index.html`), `${DEMO_DIR}/index.html missing: run trunk build --release`);
  const server = await startServer(mounts ?? DEMO_DIR);
  const browser = await launchChromium(["--disable-quic", ...extraArgs]);
  return { server, browser, async close() { await browser.close(); await server.close(); } };
}

/// A fresh page (of the given `viewport`, else Playwright's 1280 × 720) with console errors and uncaught exceptions collected (a panic in the
/// wasm shows up as one).
export async function openPage(env, path = "/", { viewport } = {}) {
  const context = await env.browser.newContext({ locale: "zh-CN", timezoneId: "America/Los_Angeles", ...(viewport && { viewport }) });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  await page.goto(env.server.url + path);
  await page.waitForSelector(".yj-portal");
  return page;
}

/// A fresh page of the embedding examples, with console errors and CSP violations collected.
export async function openExample(env, path, { viewport } = {}) {
  const context = await env.browser.newContext({ locale: "zh-CN", timezoneId: "Europe/London", ...(viewport && { viewport }) });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.server.url + path);
  return page;
}

/** A blank host page (of the examples' server) that records the data files it fetches
 *  (`page.fetched`), with `add(tag, attrs)` and the yj-error events (`window.errors`). */
export async function blankPage(env) {
  const page = await openExample(env, "/index.html");
  page.fetched = [];
  page.on("request", (r) => { if (r.url().endsWith(".json")) page.fetched.push(new URL(r.url()).pathname); });
  await page.evaluate(async () => {
    window.api = await import("/yaojian/yaojian.js");
    window.errors = [];
    window.add = (tag, attrs = {}) => {
      const el = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      el.addEventListener("yj-error", (e) => window.errors.push(e.detail));
      document.body.append(el);
      return el;
    };
  });
  return page;
}

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// Runs axe on the page (or a selector) and fails listing every violation.
export async function expectNoAxeViolations(page, label) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
  assert.equal(v.length, 0, `axe violations in ${label}:\n  ${v.join("\n  ")}`);
  assert.ok(result.passes.length > 0, "axe ran no rules");
}

export function expectNoErrors(page) {
  assert.deepEqual(page.errors, [], "errors in the browser console");
}

/// Presses Tab until `predicate(arg)` (run in the page) holds, at most `limit` times.
export async function tabTo(page, predicate, { arg, limit = 80 } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`never reached by Tab: ${predicate}`);
}

/** Today's date in UTC+8, as the forms' date fields take it. */
export const todayCst = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

/**
 * Fills the personal self-inspection (`representative-personal`) with the mouse from
 * its first section to the review page: no findings (or, with `finding`, one: 统方), no
 * activities, attested by `name`.
 */
export async function fillPersonalForm(page, { name, phone = "13800138000", mah = "示例药业有限公司", uscc = "91350100M000100Y43", finding = false }) {
  await page.fill("[id$='-name']", name);
  await page.fill("[id$='-id_number']", "440524188001010014");
  await page.fill("[id$='-phone']", phone);
  await page.fill("[id$='-mah_name']", mah);
  await page.fill("[id$='-mah_uscc']", uscc);
  await page.click("[id$='-continue']");
  await page.check("[id$='-filed-1']");
  await page.check("[id$='-contract-1']");
  await page.click("[id$='-continue']");
  for (const q of ["b_unfiled", "b_no_consent", "b_sales", "b_prescriptions", "b_funding", "b_misleading", "b_kickbacks"]) await page.check(`[id$='-${q}-1']`);
  if (finding) {
    // 统方: yes, with what was done about it (a finding that becomes a rectification item).
    await page.check("[id$='-b_prescriptions']");
    await page.fill("[id$='-b_prescriptions-explanation']", "应科室要求统计过一次处方量");
    await page.fill("[id$='-b_prescriptions-measure']", "停止统计并删除数据，参加合规培训");
    await page.fill("[id$='-b_prescriptions-deadline']", "2099-12-31");
  }
  await page.click("[id$='-continue']");
  await page.fill("[id$='-activity_count']", "0");
  await page.click("[id$='-continue']");
  await page.check("[id$='-attestation']");
  await page.fill("[id$='-attestation-name']", name);
  await page.fill("[id$='-attestation-date']", todayCst());
  await page.click("[id$='-continue']");
}
