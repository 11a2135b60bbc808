// The real system: yaojian-server (--demo, SQLite) serving the demo portal. A
// representative signs in and files through the widget; an inspector, in another
// browser context, sees it counted in the summary widget; a filing made with the
// network cut stays queued (also across a reload) and arrives exactly once when the
// network is back; a finding filed by a representative is imported into the shared
// rectification list and taken to close-out by the enterprise and the inspector. Needs target/demo-dist (trunk build --release) and
// target/debug/yaojian-server (cargo test -p yaojian-server builds it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expectNoAxeViolations, expectNoErrors, fillPersonalForm } from "./harness.mjs";
import { BIN, startDemoServer, signedIn as signedInTo } from "./demo-server.mjs";

let demo, browser, base, dir;

before(async () => {
  demo = await startDemoServer();
  ({ browser, base, dir } = demo);
});

after(async () => demo?.stop());

const signedIn = (user) => signedInTo(demo, user);

/** Fills the personal self-inspection with the mouse and goes to the review page. */
async function fillForm(page, name, { finding = false } = {}) {
  await page.click("a.yj-portal__navlink[href='#self-inspection']");
  await page.waitForSelector("[id$='-name']");
  await fillPersonalForm(page, { name, finding });
  await page.waitForSelector("text=提交前检查您的答案");
}

const KEYED = /^ZC\d{8}-[0-9A-F]{16}$/; // the server's reference; the browser's has 8 hex digits

async function stored() {
  const token = execFileSync(BIN, ["token", "--key", `${dir}/key`, "--role", "admin"]).toString().trim();
  const r = await fetch(`${base}/api/v1/submissions?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  return (await r.json()).items;
}

test("a representative files through the widget; an inspector sees it counted", async () => {
  const rep = await signedIn("demo-representative");
  await fillForm(rep, "王敏");
  await rep.click("[id$='-submit']");
  await rep.waitForSelector(".yj-si__receipt");
  const reference = (await rep.textContent(".yj-si__reference-number")).trim();
  assert.match(reference, KEYED);
  await expectNoAxeViolations(rep, "receipt from the server");
  const items = await stored();
  assert.deepEqual(items.map((i) => i.reference), [reference]);
  assert.equal(items[0].owner.sub, "demo-representative");
  expectNoErrors(rep);

  const inspector = await signedIn("demo-inspector");
  await inspector.click("a.yj-portal__navlink[href='#submissions-summary']");
  await inspector.waitForSelector("[id$='-server-title']");
  await inspector.waitForFunction(() => /已载入 1 份提交/.test(document.querySelector(".yj-fs__loaded")?.textContent ?? ""));
  assert.match(await inspector.textContent(".yj-fs"), /王敏/);
  assert.match(await inspector.textContent(".yj-fs"), new RegExp(reference));
  await expectNoAxeViolations(inspector, "summary from the server");
  // The full CSV comes from the server.
  const [download] = await Promise.all([inspector.waitForEvent("download", { timeout: 8000 }).catch(async (e) => { throw new Error(`${e}: ${await inspector.textContent(".yj-fs")}`); }), inspector.click("[id$='-server-csv']")]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\ufeff") && csv.includes(reference), csv);
  expectNoErrors(inspector);
  await rep.context().close();
  await inspector.context().close();
});

test("with the network cut the filing stays queued, survives a reload, and arrives once", async () => {
  const rep = await signedIn("demo-representative");
  await fillForm(rep, "李娜");
  const before = (await stored()).length;
  // Cut: the filing gets no answer.
  await rep.route("**/api/v1/submissions*", (route) => route.abort("internetdisconnected"));
  await rep.click("[id$='-submit']");
  await rep.waitForSelector(".yj-si__queued");
  assert.match(await rep.textContent(".yj-si__queued"), /已保存在本设备/);
  await expectNoAxeViolations(rep, "filing queued");
  // A reload (still cut) finds it queued again, on the form's first page.
  const OUTBOX = await rep.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("yaojian:outbox:")));
  assert.ok(OUTBOX, "the filing is kept on the device");
  const kept = JSON.parse(await rep.evaluate((k) => localStorage.getItem(k), OUTBOX));
  await rep.reload();
  await rep.waitForSelector("#yj-portal-sign-in");
  await rep.selectOption("#yj-portal-user", "demo-representative");
  await rep.click("#yj-portal-sign-in");
  await rep.waitForSelector("#yj-portal-signed-in");
  await rep.click("a.yj-portal__navlink[href='#self-inspection']");
  await rep.waitForSelector(".yj-si__queued");
  assert.equal((await stored()).length, before, "nothing arrived while cut");
  // Restored: the retry sends it, with its key, exactly once.
  await rep.unroute("**/api/v1/submissions*");
  await rep.click("[id$='-retry']");
  await rep.waitForSelector(".yj-si__receipt");
  assert.match((await rep.textContent(".yj-si__reference-number")).trim(), KEYED);
  assert.equal(await rep.evaluate((k) => localStorage.getItem(k), OUTBOX), null, "the outbox is emptied");
  const after = await stored();
  assert.equal(after.length, before + 1);
  const mine = after.filter((i) => i.submission.answers.name === "李娜");
  assert.equal(mine.length, 1);
  assert.equal(mine[0].submission.submitted_at, kept.submission.submitted_at);
  expectNoErrors(rep);
  await rep.context().close();
  // The inspector's summary counts it, once.
  const inspector = await signedIn("demo-inspector");
  await inspector.click("a.yj-portal__navlink[href='#submissions-summary']");
  await inspector.waitForSelector("[id$='-server-title']");
  await inspector.waitForFunction((n) => new RegExp(`已载入 ${n} 份提交`).test(document.querySelector(".yj-fs__loaded")?.textContent ?? ""), after.length);
  assert.equal((await inspector.textContent(".yj-fs")).split("李娜").length - 1, 1, "listed once");
  expectNoErrors(inspector);
  await inspector.context().close();
});

test("the server's refusal is shown in the error summary, and nothing stays queued", async () => {
  const rep = await signedIn("demo-representative");
  await fillForm(rep, "赵强");
  await rep.route("**/api/v1/submissions*", (route) => route.fulfill({
    status: 422,
    contentType: "application/json",
    body: JSON.stringify({ errors: [{ path: "$.answers.phone", code: "form.phone", message: "服务器校验：联系电话不正确" }] }),
  }));
  await rep.click("[id$='-submit']");
  await rep.waitForSelector(".yj-error-summary");
  assert.match(await rep.textContent(".yj-error-summary"), /联系电话.*服务器校验：联系电话不正确/);
  assert.equal(await rep.evaluate(() => document.activeElement.classList.contains("yj-error-summary")), true, "the summary takes focus");
  assert.equal(await rep.locator(".yj-si__queued").count(), 0);
  assert.equal(await rep.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("yaojian:outbox:")).length), 0);
  await expectNoAxeViolations(rep, "server refusal");
  // The link goes to the field the server named.
  await rep.click(".yj-error-summary a >> nth=0");
  assert.match(await rep.evaluate(() => document.activeElement.id), /-phone$/);
  await rep.context().close();
});

test("a filing refused for a stale sign-in waits on the device and goes once signed in again", async () => {
  const rep = await signedIn("demo-representative");
  await fillForm(rep, "孙丽");
  const before = (await stored()).length;
  // The portal's token no longer verifies: the real server answers 401.
  await rep.route("**/api/v1/submissions*", (route) =>
    route.continue({ headers: { ...route.request().headers(), authorization: "Bearer x.y.z" } }));
  await rep.click("[id$='-submit']");
  await rep.waitForSelector("text=服务器要求重新登录");
  assert.match(await rep.textContent(".yj-si__queued"), /登录凭证无效/);
  await expectNoAxeViolations(rep, "filing waiting for a new sign-in");
  assert.equal(await rep.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("yaojian:outbox:")).length), 1, "kept on the device");
  assert.equal((await stored()).length, before, "nothing stored");
  // Signed in again: the kept filing goes by itself, once.
  await rep.unroute("**/api/v1/submissions*");
  await rep.click("#yj-portal-sign-out");
  await rep.selectOption("#yj-portal-user", "demo-representative");
  await rep.click("#yj-portal-sign-in");
  await rep.waitForSelector(".yj-si__receipt");
  assert.match((await rep.textContent(".yj-si__reference-number")).trim(), KEYED);
  const mine = (await stored()).filter((i) => i.submission.answers.name === "孙丽");
  assert.equal(mine.length, 1);
  expectNoErrors(rep);
  await rep.context().close();
});

/** The portal, nobody signed in yet. */
async function signedOut() {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error" && !/Failed to load resource/.test(m.text())) page.errors.push(m.text()); });
  await page.goto(base + "/");
  await page.waitForSelector("#yj-portal-sign-in");
  return page;
}

async function signIn(page, user) {
  await page.selectOption("#yj-portal-user", user);
  await page.click("#yj-portal-sign-in");
  await page.waitForSelector("#yj-portal-signed-in");
}

const outboxKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("yaojian:outbox:")));

test("a filing made before signing in gets no receipt: it waits on the device and goes once signed in", async () => {
  const page = await signedOut();
  await fillForm(page, "钱多");
  const before = (await stored()).length;
  await page.click("[id$='-submit']");
  await page.waitForSelector(".yj-si__queued");
  assert.match(await page.textContent(".yj-si__queued"), /请先登录.*已保存在本设备/);
  assert.equal(await page.locator(".yj-si__receipt").count(), 0, "no receipt for what was not sent");
  assert.equal(await page.locator("[id$='-retry']").count(), 0, "nothing to retry before a sign-in");
  assert.equal((await outboxKeys(page)).length, 1, "kept on the device");
  assert.equal((await stored()).length, before, "nothing sent");
  await expectNoAxeViolations(page, "filing waiting for a sign-in");
  // Signing in sends it, once, as the person who signed in.
  await signIn(page, "demo-representative");
  await page.waitForSelector(".yj-si__receipt");
  const reference = (await page.textContent(".yj-si__reference-number")).trim();
  assert.match(reference, KEYED);
  const mine = (await stored()).filter((i) => i.submission.answers.name === "钱多");
  assert.equal(mine.length, 1);
  assert.equal(mine[0].reference, reference);
  assert.equal(mine[0].owner.sub, "demo-representative");
  assert.deepEqual(await outboxKeys(page), [], "the outbox is emptied");
  expectNoErrors(page);
  await page.context().close();
});

test("the next person on the same browser sees neither the draft nor the queued filing of the one before", async () => {
  const page = await signedIn("demo-representative");
  const ID = "440524188001010014";
  await fillForm(page, "周杰");
  // A filing queued (network cut), then signed out.
  await page.route("**/api/v1/submissions*", (route) => route.abort("internetdisconnected"));
  await page.click("[id$='-submit']");
  await page.waitForSelector(".yj-si__queued");
  const [kept] = await outboxKeys(page);
  assert.match(kept, /:by:demo-representative$/, "kept under the person's name");
  // And a new draft begun on the emptied form.
  await page.click("#yj-portal-sign-out");
  await page.waitForFunction(() => !document.querySelector(".yj-si__queued"));
  await page.waitForSelector("[id$='-name']");
  assert.equal(await page.inputValue("[id$='-name']"), "", "the form starts afresh");
  // The enterprise signs in on the same browser.
  await signIn(page, "demo-enterprise");
  await page.waitForSelector("[id$='-name']");
  const text = await page.textContent(".yj-si");
  assert.ok(!text.includes("周杰") && !text.includes(ID), "none of the representative's answers");
  assert.equal(await page.locator(".yj-si__draft, .yj-si__queued, .yj-si__receipt").count(), 0, "no draft offered, nothing queued shown");
  assert.equal(await page.inputValue("[id$='-name']"), "");
  // The personal form is the representative's: the enterprise is told before filling it in.
  assert.match(await page.textContent(".yj-si__not-filer"), /此自查表由医药代表填报/);
  await expectNoAxeViolations(page, "the next person's form");
  // The enterprise types a draft of its own; the representative never sees it.
  await page.fill("[id$='-name']", "企业经办人");
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("yaojian:form:") && k.endsWith(":by:demo-enterprise")));
  await page.click("#yj-portal-sign-out");
  // The representative again: the queued filing goes, once, and the draft is theirs only.
  await page.unroute("**/api/v1/submissions*");
  await signIn(page, "demo-representative");
  await page.waitForSelector(".yj-si__receipt");
  assert.match((await page.textContent(".yj-si__reference-number")).trim(), KEYED);
  assert.ok(!(await page.textContent(".yj-si")).includes("企业经办人"));
  const mine = (await stored()).filter((i) => i.submission.answers.name === "周杰");
  assert.equal(mine.length, 1);
  assert.equal(mine[0].owner.sub, "demo-representative");
  assert.deepEqual(await outboxKeys(page), []);
  expectNoErrors(page);
  await page.context().close();
});

test("the server refuses the personal form from an enterprise, and the widget says why", async () => {
  const page = await signedIn("demo-enterprise");
  await fillForm(page, "吴企");
  const before = (await stored()).length;
  await page.click("[id$='-submit']");
  await page.waitForSelector(".yj-error-summary");
  assert.match(await page.textContent(".yj-error-summary"), /此自查表由医药代表填报/);
  assert.equal((await stored()).length, before, "nothing stored");
  // The server says the same to a request made without the widget.
  const token = execFileSync(BIN, ["token", "--key", `${dir}/key`, "--role", "enterprise", "--org", "91350100M000100Y43"]).toString().trim();
  const doc = { schema: "yaojian/submission/1", template: { id: "representative-personal", version: "2026.3" }, reference: "x", submitted_at: "2026-01-01T00:00:00+08:00", started_at: "2026-01-01T00:00:00+08:00", answers: {}, findings: {} };
  const r = await fetch(`${base}/api/v1/submissions`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": "enterprise-personal" }, body: JSON.stringify(doc) });
  assert.equal(r.status, 403);
  assert.equal((await r.json()).errors[0].code, "form.filer");
  await expectNoAxeViolations(page, "refused: not a filer");
  await page.context().close();
});

/** Presses the button labelled `label` (its aria-label) and waits for the form. */
async function act(page, label) {
  await page.click(`button[aria-label="${label}"]`);
  await page.waitForSelector(".yj-cl__form");
}

/** Confirms the open form and waits until the row's status reads `status`. */
async function confirmUntil(page, id, status) {
  await page.click(".yj-cl__form button:has-text('确认')");
  await page.waitForFunction(([id, status]) => document.querySelector(`[data-testid="cl-status-${id}"]`)?.textContent === status, [id, status]);
}

/** The rectification page of a signed-in person, once the server's page is drawn. */
async function rectification(page, id) {
  await page.click("a.yj-portal__navlink[href='#rectification']");
  if (id) await page.waitForSelector(`[data-testid="cl-status-${id}"]`);
}

/** Issues the notice of item `id` on the server, checks it prints alone, records its
 * service and closes it; its number. */
async function issueNotice(page, id) {
  await page.click(`button[aria-label="详情 ${id}"]`);
  await page.click(`[data-testid="cl-details-${id}"] button:has-text("开具责令改正通知书（本项）")`);
  await page.waitForSelector("[data-testid=cl-notice-number]");
  const number = (await page.textContent("[data-testid=cl-notice-number]")).trim();
  assert.match(number, /^示例药监责改〔\d{4}〕\d{3}号$/, "the server's number");
  assert.equal(await page.textContent("[data-testid=cl-notice-bureau]"), "示例市药品监督管理局（演示）");
  assert.equal(await page.textContent("[data-testid=cl-notice-party-code]"), "91350100M000100Y43");
  await expectNoAxeViolations(page, "rectification on the server: the notice");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#yj-portal-sign-in"), false, "no sign-in box in the print");
  assert.equal(await page.isVisible("[data-testid=cl-table]"), false);
  assert.equal(await page.isVisible("[data-testid=cl-notice-number]"), true);
  await page.emulateMedia({ media: "screen" });
  await page.fill("[id$='-sv-recipient']", "王五（质量负责人）");
  await page.click(".yj-cl__service-form button[type=submit]");
  await page.waitForFunction(() => /王五（质量负责人）/.test(document.querySelector("[data-testid=cl-notice-services]")?.textContent ?? ""));
  await page.click("[id$='-notice-close']");
  await page.click(`button[aria-label="详情 ${id}"]`);
  return number;
}

test("rectification on the server: imported, started, reported, re-inspected and closed out by two parties", async () => {
  const rep = await signedIn("demo-representative");
  await fillForm(rep, "郑义", { finding: true });
  await rep.click("[id$='-submit']");
  await rep.waitForSelector(".yj-si__receipt");
  const reference = (await rep.textContent(".yj-si__reference-number")).trim();
  await rep.context().close();
  const id = `${reference}-b_prescriptions`;
  // The inspector imports the finding from the server.
  const inspector = await signedIn("demo-inspector");
  await rectification(inspector);
  await inspector.click("details.yj-cl__import > summary");
  await inspector.click("[id$='-simport']");
  await inspector.waitForFunction(() => /新增\d+项/.test(document.querySelector("[id$='-simport-status']")?.textContent ?? ""));
  await inspector.waitForSelector(`[data-testid="cl-status-${id}"]`);
  assert.equal(await inspector.textContent(`[data-testid="cl-status-${id}"]`), "待整改");
  await expectNoAxeViolations(inspector, "rectification on the server: the inspector's list");
  // The inspector has the server issue the notice, prints it alone and records its service.
  const number = await issueNotice(inspector, id);
  // The enterprise, in its own browser, starts and reports; it is offered nothing else.
  const enterprise = await signedIn("demo-enterprise");
  await rectification(enterprise, id);
  // It reads the notice its item's history names, as issued.
  await enterprise.click(`button[aria-label="详情 ${id}"]`);
  await enterprise.click(`button:has-text("查看通知书 ${number}")`);
  await enterprise.waitForSelector("[data-testid=cl-notice-number]");
  assert.equal(await enterprise.textContent("[data-testid=cl-notice-number]"), number);
  assert.equal(await enterprise.locator(".yj-cl__service-form").count(), 0);
  await enterprise.click("[id$='-notice-close']");
  await enterprise.click(`button[aria-label="详情 ${id}"]`);
  assert.equal(await enterprise.locator(`button[aria-label="销号 ${id}"]`).count(), 0);
  assert.equal(await enterprise.locator("[id$='-simport']").count(), 0);
  await act(enterprise, `开始整改 ${id}`);
  await confirmUntil(enterprise, id, "整改中");
  await act(enterprise, `报告整改情况 ${id}`);
  await enterprise.fill("[id$='-f-evidence']", "已停止统计并删除数据，培训记录见附件");
  await confirmUntil(enterprise, id, "待复查");
  await expectNoAxeViolations(enterprise, "rectification on the server: the enterprise reported");
  expectNoErrors(enterprise);
  await enterprise.context().close();
  // The inspector sees it as the enterprise left it, re-inspects and closes out.
  // (Another page and back: the list is read again.)
  await inspector.click("a.yj-portal__navlink[href='#self-inspection']");
  await inspector.waitForSelector("[id$='-name']");
  await rectification(inspector);
  await inspector.waitForFunction((id) => document.querySelector(`[data-testid="cl-status-${id}"]`)?.textContent === "待复查", id);
  assert.equal(await inspector.textContent(`[data-testid="cl-status-${id}"]`), "待复查");
  await act(inspector, `登记复查 ${id}`);
  await inspector.fill("[id$='-f-inspector']", "示例检查员");
  await inspector.click(".yj-cl__form button:has-text('确认')");
  await inspector.waitForFunction(() => !document.querySelector(".yj-cl__form"));
  await inspector.waitForFunction((id) => document.querySelector(`[data-testid="cl-status-${id}"]`)?.textContent === "待销号", id);
  assert.equal(await inspector.locator(`button[aria-label="登记复查 ${id}"]`).count(), 0);
  await act(inspector, `销号 ${id}`);
  await inspector.fill("[id$='-f-approver']", "示例科长");
  await confirmUntil(inspector, id, "已销号");
  // The report's counts (GET /report) count the close-out.
  await inspector.waitForFunction(() => /整改销号[1-9]\d*件/.test(document.querySelector("[data-testid=cl-summary]")?.textContent ?? ""));
  // The history names who did each step, as the server recorded it.
  await inspector.click(`button[aria-label="详情 ${id}"]`);
  await inspector.waitForFunction((id) => /demo-enterprise/.test(document.querySelector(`[data-testid="cl-details-${id}"]`)?.textContent ?? ""), id);
  const details = await inspector.textContent(`[data-testid="cl-details-${id}"]`);
  assert.match(details, /demo-inspector/);
  await expectNoAxeViolations(inspector, "rectification on the server: closed out, with its history");
  expectNoErrors(inspector);
  await inspector.context().close();
});

/** An item of the demo enterprise added straight through the API, as a bureau's back end
 * would add it; its id. */
async function itemThroughTheApi(problem) {
  const token = execFileSync(BIN, ["token", "--key", `${dir}/key`, "--role", "inspector", "--region", "350000", "--sub", "i-api"]).toString().trim();
  const item = { org: "91350100M000100Y43", list: "rectification", source: "inspection", problem,
    measures: ["补全记录"], unit: "示例药业有限公司", person: "李四", mode: "deadline", deadline: "2099-12-31" };
  const r = await fetch(`${base}/api/v1/items`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(item) });
  assert.equal(r.status, 201);
  return (await r.json()).id;
}

test("an action the network lost waits on the device, survives a reload and is applied once", async () => {
  const id = await itemThroughTheApi("阴凉库温度超标");
  const enterprise = await signedIn("demo-enterprise");
  await rectification(enterprise, id);
  // Cut: the action gets no answer; it is kept with the revision it was made on.
  await enterprise.route("**/api/v1/items/*/actions*", (route) => route.abort("internetdisconnected"));
  await act(enterprise, `开始整改 ${id}`);
  await enterprise.fill("[id$='-f-note']", "已更换温控设备");
  await enterprise.click(".yj-cl__form button:has-text('确认')");
  await enterprise.waitForSelector("[data-testid=cl-waiting]");
  assert.match(await enterprise.textContent(".yj-cl__form"), /已保存在本设备/);
  await expectNoAxeViolations(enterprise, "rectification on the server: an action waiting on the device");
  const kept = await enterprise.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("yaojian:cl-outbox:")));
  assert.equal(kept.length, 1);
  assert.match(kept[0][0], /:by:demo-enterprise$/);
  assert.equal(JSON.parse(kept[0][1])[0].revision, 1);
  // A reload (the network back) sends it once the page has come, and it is applied once.
  await enterprise.unroute("**/api/v1/items/*/actions*");
  await enterprise.reload();
  await enterprise.waitForSelector("#yj-portal-sign-in");
  await enterprise.selectOption("#yj-portal-user", "demo-enterprise");
  await enterprise.click("#yj-portal-sign-in");
  await enterprise.waitForSelector("#yj-portal-signed-in");
  await rectification(enterprise, id);
  await enterprise.waitForFunction((id) => document.querySelector(`[data-testid="cl-status-${id}"]`)?.textContent === "整改中", id);
  assert.equal(await enterprise.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("yaojian:cl-outbox:")).length), 0);
  const token = execFileSync(BIN, ["token", "--key", `${dir}/key`, "--role", "inspector", "--region", "350000", "--sub", "i-api"]).toString().trim();
  const got = await (await fetch(`${base}/api/v1/items/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const starts = got.history.filter((h) => h.action === "start");
  assert.equal(starts.length, 1, "applied once");
  assert.equal(starts[0].note, "已更换温控设备");
  expectNoErrors(enterprise);
  await enterprise.context().close();
});

test("two inspectors act on one row: one wins, the other sees the conflict with what it typed kept", async () => {
  const id = await itemThroughTheApi("冷库温度记录不全");
  const first = await signedIn("demo-inspector");
  const second = await signedIn("demo-inspector");
  for (const p of [first, second]) {
    await rectification(p, id);
    await act(p, `编辑 ${id}`);
  }
  await first.fill("[id$='-i-person']", "王五");
  await first.click("[id$='-i-save']");
  await first.waitForFunction(() => !document.querySelector(".yj-cl__form"));
  await second.fill("[id$='-i-person']", "赵六");
  await second.click("[id$='-i-save']");
  await second.waitForFunction(() => /已先更改此项/.test(document.querySelector(".yj-cl__form")?.textContent ?? ""));
  assert.match(await second.textContent(".yj-cl__form"), /责任人/);
  assert.equal(await second.inputValue("[id$='-i-person']"), "赵六", "what the second typed stays");
  await expectNoAxeViolations(second, "rectification on the server: a conflict");
  for (const p of [first, second]) { expectNoErrors(p); await p.context().close(); }
});

/** The custom sections' names of a wasm module. */
function customSections(bytes) {
  const names = [];
  let at = 8;
  const leb = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return n >>> 0; };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 0) { const len = leb(); names.push(Buffer.from(bytes.subarray(at, at + len)).toString("utf8")); }
    at = end;
  }
  return names;
}

test("the demo serves the release build, optimised, with integrity that holds", async () => {
  const html = await (await fetch(base + "/")).text();
  const tag = html.match(/<link\b[^>]*_bg\.wasm[^>]*>/)?.[0];
  assert.ok(tag, "the page preloads its wasm");
  const href = tag.match(/href="([^"]+)"/)[1];
  const bytes = new Uint8Array(await (await fetch(new URL(href, base + "/"))).arrayBuffer());
  // wasm-opt drops the name section that an unoptimised build (debug or release) keeps.
  assert.ok(!customSections(bytes).includes("name"), `${href} is not optimised: ${customSections(bytes)}`);
  assert.ok(bytes.length < 4_000_000, `${href}: ${bytes.length} bytes`);
  console.log(`figure: demo portal wasm ${bytes.length} bytes raw`);
  const integrity = tag.match(/integrity="sha384-([^"]+)"/)?.[1];
  if (integrity) {
    const { createHash } = await import("node:crypto");
    assert.equal(createHash("sha384").update(bytes).digest("base64"), integrity, "the preload's integrity matches the file");
  }
});

test("an inspector builds a form with a condition and a finding, publishes it, and sees who published each version", async () => {
  const page = await signedIn("demo-inspector");
  await page.click("a.yj-portal__navlink[href='#form-builder']");
  await page.waitForSelector("[id$='-publish']");
  await page.fill("[id$='-form-id']", "e2e-pharmacy");
  await page.fill("[id$='-form-title']", "药店自查表");
  await page.fill("[id$='-s0-title']", "人员");
  await page.fill("[id$='-s0-q0-label']", "是否有执业药师在岗？");
  await page.click("[id$='-s0-add']");
  await page.fill("[id$='-s0-q1-label']", "注册证号");
  await page.selectOption("[id$='-s0-q1-kind']", "text");
  await page.click("[id$='-s0-q1-visible_if']");
  await page.check("[id$='-s0-q0-finding']");
  await page.fill("[id$='-s0-q0-finding-title']", "未配备执业药师");
  await page.click("[id$='-s0-q0-finding-when']");
  await page.selectOption("[id$='-s0-q0-finding-when-c0-value']", "1");
  await page.waitForFunction(() => !document.querySelector("[id$='-publish']").disabled);
  await page.click("[id$='-publish']");
  await page.waitForSelector("text=已发布 e2e-pharmacy 第 1 版");
  await page.waitForSelector(".yj-fb__versions >> text=demo-inspector");
  await expectNoAxeViolations(page, "form builder after publishing");
  // What the server keeps is what was built: the condition and the finding as picked.
  const token = execFileSync(BIN, ["token", "--key", `${dir}/key`, "--role", "admin"]).toString().trim();
  const r = await fetch(`${base}/api/v1/templates/e2e-pharmacy/1`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  const kept = await r.json();
  const questions = (kept.template ?? kept).sections[0].questions;
  assert.deepEqual(questions[1].visible_if, { equals: ["q1", true] });
  assert.deepEqual(questions[0].finding.when, { equals: ["q1", false] });
  // The same content again is accepted; other content under the same version is refused.
  await page.click("[id$='-publish']");
  await page.waitForSelector("text=此前已以相同内容发布");
  await page.fill("[id$='-s0-q1-label']", "执业药师注册证号");
  await page.click("[id$='-publish']");
  await page.waitForSelector("[id$='-publish-status'] >> text=未能发布");
  // As version 2 it is published; the two versions compare question by question.
  await page.fill("[id$='-version']", "2");
  await page.click("[id$='-publish']");
  await page.waitForSelector("text=已发布 e2e-pharmacy 第 2 版");
  await page.waitForSelector("[id$='-diff-compare']");
  await page.click("[id$='-diff-compare']");
  await page.waitForSelector("[id$='-diff-result'] >> text=修改的题目（1）");
  assert.match(await page.textContent("[id$='-diff-result']"), /q2 执业药师注册证号（原为“注册证号”）；改动：题目文字/);
  await expectNoAxeViolations(page, "form builder comparing two versions");
  expectNoErrors(page);
  await page.context().close();
});

test("a spreadsheet is imported into the builder through the server, and a wrong one's mistakes are named by cell", async () => {
  const page = await signedIn("demo-inspector");
  await page.click("a.yj-portal__navlink[href='#form-builder']");
  await page.waitForSelector("[id$='-import']");
  await page.setInputFiles("[id$='-import']", "tests/xlsform/errors.xlsx");
  await page.waitForSelector("[id$='-import-status'] >> text=未能导入 errors.xlsx");
  assert.match(await page.textContent("[id$='-import-status']"), /survey!\w+\d+：/);
  await expectNoAxeViolations(page, "form builder with a spreadsheet's mistakes");
  await page.setInputFiles("[id$='-import']", "docs/xlsform/representative-personal.zh.xlsx");
  await page.waitForSelector("[id$='-import-status'] >> text=已导入 representative-personal.zh.xlsx");
  assert.equal(await page.inputValue("[id$='-form-id']"), "representative-personal");
  expectNoErrors(page);
  await page.context().close();
});
