// Issue 36, the whole path by keyboard only, on the real system (yaojian-server --demo,
// SQLite): an inspector builds a three-question form in <yj-form-builder> (a condition
// and a finding among them), sees it in the preview and publishes it; a representative
// chooses it among the server's published forms, fills it in and files it through
// <yj-self-inspection>; the inspector chooses it in <yj-submissions-summary> and sees
// the filing and its finding counted. Every control is reached with Tab / Shift+Tab
// (a control the keyboard cannot reach fails the test) and worked with Enter, Space,
// the arrow keys and typing; axe runs at each step.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { startDemoServer, signedIn as signedInTo } from "./demo-server.mjs";

let demo;
before(async () => { demo = await startDemoServer(); });
after(async () => demo?.stop());

/**
 * Presses Tab (Shift+Tab when `selector` comes before the focused element) until focus
 * is on it, looking through shadow roots; fails when the keyboard does not get there.
 */
async function tabTo(page, selector, limit = 300) {
  const target = await page.waitForSelector(selector);
  for (let i = 0; i < limit; i++) {
    const where = await page.evaluate((t) => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      if (a === t) return "here";
      if (!a || a === document.body) return "forward";
      // Compared in one tree: a node in a shadow root stands for its host outside it.
      const lift = (n, root) => { while (n.getRootNode() !== root && n.getRootNode().host) n = n.getRootNode().host; return n; };
      const root = a.getRootNode() === t.getRootNode() ? a.getRootNode() : document;
      const [x, y] = [lift(a, root), lift(t, root)];
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_PRECEDING ? "back" : "forward";
    }, target);
    if (where === "here") return;
    await page.keyboard.press(where === "back" ? "Shift+Tab" : "Tab");
  }
  assert.fail(`${selector} is not reached by the keyboard in ${limit} presses`);
}

/** Types `text` into the field `selector`, replacing what it held. */
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** Chooses `value` in the select `selector` with the arrow keys. */
async function chooseByKeys(page, selector, value) {
  await tabTo(page, selector);
  for (let i = 0; i < 40; i++) {
    const [at, want] = await page.$eval(selector, (s, v) => [s.selectedIndex, [...s.options].findIndex((o) => o.value === v)], value);
    assert.ok(want >= 0, `${selector} offers no ${value}`);
    if (at === want) return;
    await page.keyboard.press(want > at ? "ArrowDown" : "ArrowUp");
  }
  assert.fail(`${selector} did not reach ${value}`);
}

/**
 * Types `date` (YYYY-MM-DD) into the date field `selector` by its segments, in the order
 * the browser's locale shows them: year first (as in Chinese), else month first (the
 * field is emptied segment by segment between the two tries).
 */
async function typeDate(page, selector, date) {
  const [y, m, d] = date.split("-");
  await tabTo(page, selector);
  for (const order of [[y, m, d], [m, d, y]]) {
    await page.keyboard.type(order.join(""));
    if (await page.$eval(selector, (e) => e.value) === date) return;
    for (let i = 0; i < 3; i++) { await page.keyboard.press("Backspace"); await page.keyboard.press("Shift+Tab"); }
    await tabTo(page, selector);
  }
  assert.fail(`${selector} did not take ${date} from the keyboard`);
}

/** Opens the portal's page `slug` from its navigation. */
async function openPage(page, slug) {
  await tabTo(page, `a.yj-portal__navlink[href='#${slug}']`);
  await page.keyboard.press("Enter");
}

async function press(page, selector, key = "Enter") {
  await tabTo(page, selector);
  await page.keyboard.press(key);
}

const FORM = "e2e-keyboard";

async function buildAndPublish(page) {
  await openPage(page, "form-builder");
  await page.waitForSelector("[id$='-publish']");
  await typeInto(page, "[id$='-form-id']", FORM);
  await typeInto(page, "[id$='-form-title']", "药店自查表（键盘）");
  await typeInto(page, "[id$='-s0-title']", "药品管理");
  await typeInto(page, "[id$='-s0-q0-label']", "是否有执业药师在岗？");
  await press(page, "[id$='-s0-add']");
  await typeInto(page, "[id$='-s0-q1-label']", "执业药师姓名");
  await chooseByKeys(page, "[id$='-s0-q1-kind']", "text");
  // Shown when the first question is answered 是: the picker's first offer.
  await press(page, "[id$='-s0-q1-visible_if']");
  await page.waitForSelector("[id$='-s0-q1-visible_if-c0-op']");
  await press(page, "[id$='-s0-add']");
  await typeInto(page, "[id$='-s0-q2-label']", "是否发现过期药品？");
  await press(page, "[id$='-s0-q2-finding']", "Space");
  await typeInto(page, "[id$='-s0-q2-finding-title']", "发现过期药品");
  // The preview is the form itself: the first and the last question (the second waits
  // for its condition).
  await page.waitForSelector(".yj-fb__preview >> text=是否发现过期药品？");
  assert.match(await page.textContent(".yj-fb__preview"), /是否有执业药师在岗？/);
  await expectNoAxeViolations(page, "form builder, built by keyboard");
  await page.waitForFunction(() => !document.querySelector("[id$='-publish']").disabled);
  await press(page, "[id$='-publish']");
  await page.waitForSelector(`text=已发布 ${FORM} 第 1 版`);
}

async function fileAsRepresentative(page) {
  await openPage(page, "self-inspection");
  await chooseByKeys(page, "#yj-portal-form", FORM);
  await page.waitForSelector(".yj-si__title:has-text('药店自查表（键盘）')");
  await press(page, "[id$='-q1']", "Space");
  await typeInto(page, "[id$='-q2']", "李华");
  await press(page, "[id$='-q3']", "Space");
  await typeInto(page, "[id$='-q3-explanation']", "冷藏柜内发现两盒过期药品");
  await typeInto(page, "[id$='-q3-measure']", "已下架销毁，每周检查效期");
  await typeDate(page, "[id$='-q3-deadline']", "2099-12-31");
  await expectNoAxeViolations(page, "the published form, filled in by keyboard");
  await press(page, "[id$='-continue']");
  await page.waitForSelector("text=提交前检查您的答案", { timeout: 8000 }).catch(async (e) => { throw new Error(`${e}: ${await page.textContent(".yj-si")}`); });
  assert.match(await page.textContent(".yj-si"), /李华/);
  await press(page, "[id$='-submit']");
  await page.waitForSelector(".yj-si__receipt");
  await expectNoAxeViolations(page, "receipt of the published form");
  return (await page.textContent(".yj-si__reference-number")).trim();
}

test("a form is built, published, filed and summarised by keyboard alone", async () => {
  const inspector = await signedInTo(demo, "demo-inspector");
  await buildAndPublish(inspector);
  expectNoErrors(inspector);

  const rep = await signedInTo(demo, "demo-representative");
  const reference = await fileAsRepresentative(rep);
  expectNoErrors(rep);

  await openPage(inspector, "submissions-summary");
  await chooseByKeys(inspector, "#yj-portal-form", FORM);
  await inspector.waitForFunction(() => /已载入 1 份提交/.test(document.querySelector(".yj-fs__loaded")?.textContent ?? ""));
  const shown = await inspector.textContent(".yj-fs");
  assert.match(shown, new RegExp(reference));
  assert.match(shown, /发现过期药品/);
  await expectNoAxeViolations(inspector, "summary of the published form");
  expectNoErrors(inspector);
  await rep.context().close();
  await inspector.context().close();
});
