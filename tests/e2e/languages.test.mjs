// The widgets in English and Traditional Chinese, as a reader sees them: every example of
// the widgets whose content is ours (the penalty calculator, the requirement checker, the
// self-inspection forms) is walked text node by text node. In English no Chinese
// character or full-width punctuation may appear outside a quotation of the law marked
// lang="zh-CN" and labelled as the original, or a term quoted in curly quotes (“150万”,
// as tests/i18n.rs allows); in zh-TW no Simplified-only character may.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { openExample, expectNoErrors } from "./harness.mjs";
import { EXAMPLES, mountExample, act, launchForExamples, propertyOrder } from "./widget-examples.mjs";

// The engine's tests keep the list of Simplified-only characters; one list for both.
const SIMPLIFIED_ONLY = fs.readFileSync("tests/common/languages.rs", "utf8").match(/SIMPLIFIED_ONLY: &str = "([^"]+)"/)[1];
const OURS = ["penalty-calculator", "requirements", "self-inspection"];

let env;
let list;
before(async () => { ({ env, list } = await launchForExamples()); });
after(async () => { await env?.close(); });

/** Mounts the example, plays its actions (written in zh-CN), then switches the element
 * to `lang` and opens every <details>; returns the page. */
async function shown(kind, ex, lang) {
  const page = await openExample(env, "/blank.html");
  await mountExample(page, kind, ex, propertyOrder(list, kind));
  for (const a of ex.actions ?? []) await act(page, a);
  await page.evaluate((lang) => document.getElementById("widget").setAttribute("lang", lang), lang);
  await page.waitForFunction((lang) => document.getElementById("widget").shadowRoot.querySelector(`.yj-widget[lang="${lang}"]`), lang);
  await page.evaluate(() => document.getElementById("widget").shadowRoot.querySelectorAll("details").forEach((d) => { d.open = true; }));
  return page;
}

/** The texts (and accessible names) outside the law's quotations that contain a
 * character `bad` matches, and the quotations not labelled as the original. */
function offending(page, bad) {
  return page.evaluate((bad) => {
    const root = document.getElementById("widget").shadowRoot;
    // Chinese an English text quotes as written (“150万”) is marked by curly quotes.
    const bare = (t) => t.replace(/“[^”]*”/g, "");
    const re = { test: (t) => new RegExp(bad, "u").test(bare(t)) };
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el.closest("style, script, [lang='zh-CN']")) continue;
      if (re.test(n.textContent)) out.push(`<${el.tagName.toLowerCase()}> ${n.textContent.trim().slice(0, 120)}`);
    }
    for (const el of root.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (el.closest("[lang='zh-CN']")) continue;
      for (const a of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(a);
        if (v && re.test(v)) out.push(`${a} of <${el.tagName.toLowerCase()}>: ${v.slice(0, 120)}`);
      }
    }
    for (const q of root.querySelectorAll("blockquote[lang='zh-CN']")) {
      if (!q.previousElementSibling?.classList.contains("yj-quote-label")) out.push(`a quotation not labelled as the original: ${q.textContent.slice(0, 60)}`);
    }
    return out;
  }, bad);
}

for (const { kind, name, ex } of EXAMPLES.filter((e) => OURS.includes(e.kind))) {
  test(`${kind} / ${name} in English: no Chinese but the law's words, labelled as the original`, async () => {
    const page = await shown(kind, ex, "en");
    assert.deepEqual(await offending(page, "[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]"), []);
    expectNoErrors(page);
    await page.context().close();
  });
  test(`${kind} / ${name} in Traditional Chinese: no Simplified-only character outside the law's words`, async () => {
    const page = await shown(kind, ex, "zh-TW");
    assert.deepEqual(await offending(page, `[${SIMPLIFIED_ONLY}]`), []);
    await page.context().close();
  });
}

test("penalty calculator in English: amounts in yuan with grouping, rule names in English with the article", async () => {
  const { ex } = EXAMPLES.find((e) => e.kind === "penalty-calculator" && e.name === "kickbacks");
  const page = await shown("penalty-calculator", ex, "en");
  const text = await page.evaluate(() => document.getElementById("widget").shadowRoot.textContent);
  assert.match(text, /Suggested fine¥1,650,000/);
  assert.match(text, /Statutory range¥300,000 – ¥3,000,000/);
  const ours = await page.evaluate(() => {
    const root = document.getElementById("widget").shadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let out = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest("[lang='zh-CN']")) out += n.textContent;
    return out;
  });
  assert.doesNotMatch(ours.replace(/“[^”]*”/g, ""), /万/, "no amount in 万 outside the law's words but a quoted example of what one may type");
  assert.match(text, /Giving or accepting kickbacks or other improper benefits in drug purchases and sales · Drug Administration Law, Article 141, paragraph 1/);
  assert.match(text, /Art\. 141\(1\): Giving or accepting kickbacks/);
  assert.match(text, /Original text in Chinese, as enacted/);
  await page.context().close();
});
