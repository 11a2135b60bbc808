// The rectification checklist in the demo portal: keyboard-only status change, adding
// and editing an item, a refused action with its reason, and axe on each state. Assertions do not depend on
// today's date (the sample's overdue flags do).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo } from "../../../tests/e2e/harness.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test("keyboard only: start rectification of an item and see its status change", async () => {
  const page = await openPage(env);
  await tabTo(page, () => document.activeElement.textContent === "整改清单");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=cl-table]");
  await tabTo(page, () => document.activeElement.getAttribute("aria-label") === "开始整改 ZG-2026-002");
  await page.keyboard.press("Enter");
  // The form's heading takes focus.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H4");
  await tabTo(page, () => document.activeElement.textContent === "确认");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("[data-testid=cl-status-ZG-2026-002]"), "整改中");
  // The change is saved as a draft (the last event reports it) and comes back on reload.
  await page.waitForFunction(() => JSON.parse(document.querySelector("[data-testid=emitted-json]").textContent).type === "checklist.draft_saved");
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem("yaojian:checklist:demo-portal")));
  assert.equal(stored.items.find((i) => i.id === "ZG-2026-002").status, "in_progress");
  await page.reload();
  await page.waitForSelector("[data-testid=cl-table]");
  assert.match(await page.textContent(".yj-cl__draft"), /已恢复/);
  assert.equal(await page.textContent("[data-testid=cl-status-ZG-2026-002]"), "整改中");
  expectNoErrors(page);
  await page.context().close();
});

test("keyboard only: an item's details, its evidence file and the printable notice", async () => {
  const page = await openPage(env, "/#rectification");
  await page.waitForSelector("[data-testid=cl-table]");
  await tabTo(page, () => document.activeElement.getAttribute("aria-label") === "详情 ZG-2026-003");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("[aria-label='详情 ZG-2026-003']", "aria-expanded"), "true");
  assert.match(await page.textContent("[data-testid=cl-details-ZG-2026-003]"), /处方审核制度及培训签到表\.pdf（242\.5 KB，application\/pdf）/);
  await expectNoAxeViolations(page, "checklist details");
  await tabTo(page, () => document.activeElement.textContent === "生成责令改正通知书（本项）");
  await page.keyboard.press("Enter");
  // The notice takes focus, names the party and the breach, and says its number is a sample.
  assert.match(await page.evaluate(() => document.activeElement.id), /^yj-cl\d*-notice-title$/);
  const notice = await page.textContent("[data-testid=cl-notice]");
  assert.match(notice, /某大药房连锁门店/);
  assert.match(notice, /立即改正/);
  assert.match(await page.textContent("[data-testid=cl-notice-number]"), /^示例药监责改〔\d{4}〕001号$/);
  await expectNoAxeViolations(page, "checklist notice");
  // Printing shows the notice alone.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("[data-testid=cl-table]"), false);
  assert.equal(await page.isVisible("[data-testid=cl-notice]"), true);
  await page.emulateMedia({ media: "screen" });
  await tabTo(page, () => document.activeElement.id.endsWith("-notice-close"));
  await page.keyboard.press("Enter");
  assert.equal(await page.$("[data-testid=cl-notice]"), null);
  // Issuing it is recorded in the item's history, once however often it is shown.
  const issued = /发出责令改正通知书 示例药监责改〔\d{4}〕001号/g;
  await page.waitForFunction(() => /发出责令改正通知书/.test(document.querySelector("[data-testid=cl-details-ZG-2026-003]")?.textContent ?? ""));
  await page.click("button:has-text('生成责令改正通知书（本项）')");
  await page.click("[id$='-notice-close']");
  assert.equal((await page.textContent("[data-testid=cl-details-ZG-2026-003]")).match(issued)?.length, 1);
  expectNoErrors(page);
  await page.context().close();
});

test("axe: no violations on the list, with a form open, and with a refusal shown", async () => {
  const page = await openPage(env, "/#rectification");
  await page.waitForSelector("[data-testid=cl-table]");
  await expectNoAxeViolations(page, "checklist list");
  // 待复查 offers the re-inspection only: no close-out before it.
  assert.equal(await page.locator("[aria-label='销号 ZG-2026-003']").count(), 0);
  await page.click("[aria-label='登记复查 ZG-2026-003']");
  await expectNoAxeViolations(page, "checklist re-inspection form");
  await page.click("text=确认");
  assert.match(await page.textContent("[role=alert]"), /请填写复查人员/);
  assert.equal(await page.getAttribute("[id$='-f-inspector']", "aria-invalid"), "true");
  await expectNoAxeViolations(page, "checklist refusal");
  // Found corrected: 待销号, and now the close-out is offered.
  await page.fill("[id$='-f-inspector']", "孙八");
  await page.click("text=确认");
  await page.waitForFunction(() => document.querySelector("[data-testid=cl-status-ZG-2026-003]")?.textContent === "待销号");
  await page.click("[aria-label='销号 ZG-2026-003']");
  await expectNoAxeViolations(page, "checklist close-out form");
  await page.check("[id$='-overdue']");
  await expectNoAxeViolations(page, "checklist filtered");
  expectNoErrors(page);
  await page.context().close();
});

test("keyboard only: add an item, see each missing field named, fix them, then edit it", async () => {
  const page = await openPage(env, "/#rectification");
  await page.waitForSelector("[data-testid=cl-table]");
  await tabTo(page, () => document.activeElement.textContent === "新增整改事项");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "新增整改事项");
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H4");
  await tabTo(page, () => document.activeElement.id.endsWith("-i-problem"));
  await page.keyboard.type("阴凉库温湿度超标未处置");
  await tabTo(page, () => document.activeElement.textContent === "保存");
  await page.keyboard.press("Enter");
  // The error summary takes focus and lists each field still needed.
  assert.match(await page.evaluate(() => document.activeElement.id), /-i-errors$/);
  const summary = await page.evaluate(() => document.activeElement.textContent);
  for (const m of ["整改措施：", "责任单位：", "责任人：", "整改期限："]) assert.ok(summary.includes(m), `${m} in ${summary}`);
  await expectNoAxeViolations(page, "checklist item form with errors");
  // Its first link leads to the field.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.match(await page.evaluate(() => document.activeElement.id), /-i-measures$/);
  await page.keyboard.type("调整空调设定");
  await tabTo(page, () => document.activeElement.id.endsWith("-i-unit"));
  await page.keyboard.type("某医药有限公司");
  await tabTo(page, () => document.activeElement.id.endsWith("-i-person"));
  await page.keyboard.type("赵六");
  await page.fill("[id$='-i-deadline']", "2026-12-31");
  await page.focus("[id$='-i-deadline']");
  await tabTo(page, () => document.activeElement.textContent === "保存");
  await page.keyboard.press("Enter");
  // The new item's row takes focus; its problem is what was typed before the errors.
  const id = await page.evaluate(() => document.activeElement.textContent);
  assert.match(id, /^ZG-\d{4}-\d{3}$/);
  assert.equal(await page.textContent(`[data-testid=cl-status-${id}]`), "待整改");
  assert.match(await page.textContent("[data-testid=cl-table]"), /阴凉库温湿度超标未处置/);
  // Edit it: move the deadline; the history says so.
  await tabTo(page, (id) => document.activeElement.getAttribute("aria-label") === `编辑 ${id}`, { arg: id });
  await page.keyboard.press("Enter");
  await expectNoAxeViolations(page, "checklist edit form");
  await page.fill("[id$='-i-deadline']", "2027-01-15");
  await page.click("[id$='-i-save']");
  await page.click(`[aria-label='详情 ${id}']`);
  assert.match(await page.textContent(`[data-testid=cl-details-${id}]`), /修改了整改期限（2026-12-31 → 2027-01-15）/);
  expectNoErrors(page);
  await page.context().close();
});
