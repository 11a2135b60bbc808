// Every widget on a 375 px phone: each example (components/src/<kind>/examples) and each
// page of the demo portal. Fails on the page or a box in it scrolling sideways, on
// anything reaching past the screen's edge and on a text box narrower than four
// characters. Also: the submitters and rectification tables become cards that stay a
// table for screen readers (Chromium's own accessibility tree), and the penalty
// calculator's result in brief comes right after the inputs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openExample, openPage, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { EXAMPLES, mountExample, act, launchForExamples, propertyOrder } from "./widget-examples.mjs";

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let env;
let list;
before(async () => { ({ env, list } = await launchForExamples()); });
after(async () => { await env?.close(); });

/** What a phone screen must not show, as sentences naming the element (empty: none). */
function phoneProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const name = (el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}>`;
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways (${doc.scrollWidth} px in ${doc.clientWidth})`);
    const roots = [document, ...[...document.querySelectorAll("*")].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    const textTypes = ["text", "number", "email", "tel", "date", "search", "url", "password"];
    for (const root of roots) {
      for (const el of root.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1 || el.closest(".yj-visually-hidden")) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden") continue;
        if (box.right > doc.clientWidth + 1) problems.push(`${name(el)} reaches past the screen's edge (${Math.round(box.right)} px)`);
        const scrolls = cs.overflowX === "auto" || cs.overflowX === "scroll";
        if (scrolls && !["TEXTAREA", "INPUT", "SELECT"].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1) {
          problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth})`);
        }
        const textBox = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && textTypes.includes(el.type));
        const em = parseFloat(cs.fontSize);
        if (textBox && box.width < 4 * em) problems.push(`${name(el)} is ${Math.round(box.width)} px wide, under four characters (${4 * em} px)`);
      }
    }
    return [...new Set(problems)];
  });
}

for (const { kind, name, ex } of EXAMPLES) {
  test(`${kind} / ${name} at 375 px: nothing wider than the screen, text boxes of four characters or more`, async () => {
    const page = await openExample(env, "/blank.html", { viewport: PHONE });
    await mountExample(page, kind, ex, propertyOrder(list, kind));
    for (const a of ex.actions ?? []) await act(page, a);
    const see = ex.see ?? [];
    await page.waitForFunction((see) => see.every((s) => document.getElementById("widget").shadowRoot.textContent.includes(s)), see, { timeout: 5000 }).catch(() => {});
    await page.evaluate(() => document.getElementById("widget").shadowRoot.querySelectorAll("details").forEach((d) => { d.open = true; }));
    assert.deepEqual(await phoneProblems(page), [], `${kind} / ${name} at 375 px`);
    await page.context().close();
  });
}

/** Chromium's accessibility tree (not the DOM): the roles it gives, counted. */
async function axRoles(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const count = {};
  for (const n of nodes) if (!n.ignored) count[n.role?.value] = (count[n.role?.value] ?? 0) + 1;
  return count;
}

/** The display of the first body row of the table, and the label shown before each cell. */
function rowLook(page, table) {
  return page.evaluate((table) => {
    const t = document.getElementById("widget").shadowRoot.querySelector(table);
    const row = t.querySelector("tbody tr");
    const labels = [...row.querySelectorAll("[data-label]")].map((c) => getComputedStyle(c, "::before").content);
    return { display: getComputedStyle(row).display, labels, header: getComputedStyle(t.querySelector("thead")).display };
  }, table);
}

for (const [kind, example, table, columns] of [
  ["submissions-summary", "filled", "table.yj-cards", 6],
  ["rectification", "filled", "[data-testid=cl-table]", 6],
]) {
  test(`${kind}: below 600 px each row of the table is a card with labels, still a table for screen readers`, async () => {
    const { ex } = EXAMPLES.find((e) => e.kind === kind && e.name === example);
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await openExample(env, "/blank.html", { viewport });
      await mountExample(page, kind, ex, propertyOrder(list, kind));
      for (const a of ex.actions ?? []) await act(page, a);
      await page.waitForFunction((table) => document.getElementById("widget").shadowRoot.querySelector(`${table} tbody tr`), table);
      const look = await rowLook(page, table);
      if (viewport === PHONE) {
        assert.equal(look.display, "block", "a card");
        assert.ok(look.labels.length >= 4 && look.labels.every((l) => /^".+"/.test(l)), `each cell under its column's name: ${look.labels}`);
        assert.deepEqual(await phoneProblems(page), []);
        await expectNoAxeViolations(page, `${kind} cards`);
      } else {
        assert.equal(look.display, "table-row", "a table row on a wide screen");
        assert.ok(look.labels.every((l) => l === "none" || l === "normal"), "no card labels on a wide screen");
      }
      const roles = await axRoles(page);
      assert.ok(roles.table >= 1, `a table: ${JSON.stringify(roles)}`);
      assert.ok(roles.columnheader >= columns && roles.row >= 2 && roles.cell >= 4, `rows, column headers and cells: ${JSON.stringify(roles)}`);
      expectNoErrors(page);
      await page.context().close();
    }
  });
}

test("penalty calculator at 375 px: the result in brief follows the inputs and links to the steps", async () => {
  const { ex } = EXAMPLES.find((e) => e.kind === "penalty-calculator" && e.name === "kickbacks");
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await openExample(env, "/blank.html", { viewport });
    await mountExample(page, "penalty-calculator", ex, propertyOrder(list, "penalty-calculator"));
    const brief = page.locator("#widget [data-testid=pc-brief]");
    await page.locator("#widget [data-testid=pc-suggested]").waitFor();
    if (viewport === DESKTOP) {
      assert.equal(await brief.isVisible(), false, "beside the form, the result itself is in view");
      await page.context().close();
      continue;
    }
    assert.ok(await brief.isVisible());
    const [top, check, result] = await page.evaluate(() => {
      const root = document.getElementById("widget").shadowRoot;
      const y = (sel) => root.querySelector(sel).getBoundingClientRect().top;
      return [y("[data-testid=pc-brief]"), y(".yj-pc__form .yj-button-row"), y(".yj-pc__result")];
    });
    assert.ok(check < top && top < result, `after the inputs (${check} < ${top}) and before the full result (${result})`);
    const text = await brief.textContent();
    assert.match(text, /法定罚款幅度30万元 – 300万元/);
    assert.match(text, /建议罚款165万元/);
    assert.match(text, /应告知当事人有要求听证的权利/);
    await brief.getByRole("link").click();
    assert.equal(await page.evaluate(() => document.getElementById("widget").shadowRoot.activeElement?.textContent), "裁量过程（逐步说明及依据）");
    expectNoErrors(page);
    await page.context().close();
  }
});

test("every page of the demo portal at 375 px: nothing wider than the screen", async () => {
  const portal = await launch();
  try {
    const slugs = EXAMPLES.map((e) => e.ex.demo?.slug).filter(Boolean);
    assert.ok(slugs.length >= 5, `the portal's pages: ${slugs}`);
    for (const slug of ["", ...slugs]) {
      const page = await openPage(portal, `/#${slug}`, { viewport: PHONE });
      if (slug) await page.waitForFunction(() => document.querySelector(".yj-embed > *, [id^=yj-] .yj-widget, .yj-widget"));
      await page.waitForTimeout(300);
      assert.deepEqual(await phoneProblems(page), [], `#${slug || "home"} at 375 px`);
      await page.context().close();
    }
  } finally {
    await portal.close();
  }
});
