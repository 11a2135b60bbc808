// The demo portal shell: loads, switches language, has no accessibility violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test("the portal opens in Simplified Chinese with header, navigation and JSON panel", async () => {
  const page = await openPage(env);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  assert.match(await page.textContent(".yj-portal__bureau"), /药品监督管理局/);
  assert.equal(await page.locator("nav.yj-portal__nav").getAttribute("aria-label"), "服务导航");
  assert.equal(await page.textContent("#yj-json-title"), "组件输出（JSON）");
  // The demo runs on the real server: the page does not say there is none.
  const said = await page.textContent("body");
  assert.doesNotMatch(said, /无需后台|数据仅保存在本浏览器中/);
  assert.match(said, /演示服务器/);
  expectNoErrors(page);
  await page.context().close();
});

test("the language switch re-renders the chrome in zh-TW and English", async () => {
  const page = await openPage(env);
  await page.selectOption("#yj-portal-lang", "zh-TW");
  assert.equal(await page.textContent("#yj-json-title"), "元件輸出（JSON）");
  assert.equal(await page.getAttribute("html", "lang"), "zh-TW");
  await page.selectOption("#yj-portal-lang", "en");
  assert.equal(await page.textContent("#yj-json-title"), "Widget output (JSON)");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  expectNoErrors(page);
  await page.context().close();
});

test("the page title is translated and the language choice survives a reload", async () => {
  const page = await openPage(env, "/#penalty");
  await page.waitForSelector("#yj-pc-rule");
  assert.equal(await page.title(), "处罚裁量计算 · 药监服务组件 · 演示门户");
  await page.selectOption("#yj-portal-lang", "en");
  await page.waitForFunction(() => document.title === "Penalty calculator · Drug regulation services · demo portal");
  await page.reload();
  await page.waitForSelector("#yj-pc-rule");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.inputValue("#yj-portal-lang"), "en");
  assert.equal(await page.title(), "Penalty calculator · Drug regulation services · demo portal");
  assert.equal(await page.textContent("#yj-json-title"), "Widget output (JSON)");
  assert.match(await page.textContent("#yj-pc-rule"), /Art\. 116: Producing or selling falsified drugs/);
  await page.click("a.yj-portal__navlink[href='#']");
  await page.waitForFunction(() => document.title === "Drug regulation services · demo portal");
  expectNoErrors(page);
  await page.context().close();
});

test("back, forward and a typed #page change the page; the skip link's anchor does not", async () => {
  const page = await openPage(env);
  const title = () => page.evaluate(() => document.getElementById("yj-portal-widget-title")?.textContent ?? "home");
  await page.click("a.yj-portal__navlink[href='#penalty']");
  await page.waitForSelector("#yj-pc-rule");
  await page.click("a.yj-portal__navlink[href='#requirements']");
  await page.waitForSelector("#yj-rq-template");
  await page.goBack();
  await page.waitForSelector("#yj-pc-rule");
  assert.equal(await page.evaluate(() => location.hash), "#penalty");
  await page.goForward();
  await page.waitForSelector("#yj-rq-template");
  await page.evaluate(() => { location.hash = "#rectification"; });
  await page.waitForSelector("[data-testid=cl-table]");
  const before = await title();
  await page.evaluate(() => { location.hash = "#yj-main"; });
  await page.waitForTimeout(100);
  assert.equal(await title(), before, "an anchor within the page keeps the page");
  await page.evaluate(() => { location.hash = ""; });
  await page.waitForFunction(() => !document.getElementById("yj-portal-widget-title"));
  expectNoErrors(page);
  await page.context().close();
});

test("the skip link is the first tab stop and moves to the main content", async () => {
  const page = await openPage(env);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "yj-skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => location.hash), "#yj-main");
  await page.context().close();
});

test("the portal home page has no axe violations (WCAG 2.2 AA)", async () => {
  const page = await openPage(env);
  await expectNoAxeViolations(page, "portal home");
  await page.context().close();
});
