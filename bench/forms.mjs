// Benchmarks of issue #4, run through the embedding layer as a portal would use it:
//  1. a generated template of 1,500 questions (500 × yes/no + explanation shown after a
//     "yes" + text): time from setting `template` to the frame after the form is drawn;
//  2. the explanation appearing after a "yes": time to the DOM change, and whether it is
//     drawn in the next frame, for that template and for one of 150 questions (the cost
//     must not grow with the form);
//  3. 3,758 submissions summarised: from setting `value` on <yj-submissions-summary> to
//     the frame after the counts are drawn.
// Results go to window.benchResults and the page; nothing here asserts.
import { load, unmount } from "/yaojian/yaojian.js";
import { done, element, frameWhen, max, median, report as reportFigure } from "./common.mjs";
import { bigTemplate, personalSubmissions } from "./generate.mjs";

const targets = { "form-1500-first-render": "≤ 300 ms", "form-1500-reveal": "next frame, ≤ 16 ms", "form-150-reveal": "next frame, ≤ 16 ms", "summary-3758": "≤ 500 ms" };
const report = (name, value, detail) => reportFigure(name, value, targets[name], detail);

/** Draws the generated form of `groups` × 3 questions; returns [element, ms]. */
async function drawForm(groups) {
  const el = await element("yj-self-inspection");
  el.setAttribute("storage-key", `bench-${Date.now()}-${Math.random()}`);
  const template = bigTemplate(groups);
  const last = `q${groups - 1}_note`;
  await frameWhen(() => true);
  const t0 = performance.now();
  el.template = template;
  const t1 = await frameWhen(() => el.shadowRoot.querySelector(`[id$='-${last}']`));
  return [el, t1 - t0];
}

/**
 * "Yes" on `count` questions spread over the form. For each: ms from the click to the
 * DOM holding the explanation (a MutationObserver sees it), and to the first animation
 * frame after that (what the user sees), and how many frames that was.
 */
async function reveals(el, groups, count) {
  const dom = [], frame = [], frames = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(((k + 0.5) * groups) / count);
    const yes = el.shadowRoot.querySelector(`[id$='-q${i}']`);
    const sel = `[id$='-q${i}_why']`;
    await frameWhen(() => true);
    let tDom = null;
    const seen = new Promise((resolve) => {
      // Only the added nodes are searched: a query over the whole form would make the
      // harness's own cost grow with the form.
      const found = (records) => records.some((r) => [...r.addedNodes].some((n) =>
        n.nodeType === 1 && (n.matches(sel) || n.querySelector(sel))));
      const mo = new MutationObserver((records) => {
        if (found(records)) { tDom = performance.now(); mo.disconnect(); resolve(); }
      });
      mo.observe(el.shadowRoot, { childList: true, subtree: true });
    });
    let n = 0;
    const counting = () => { if (tDom === null) { n++; requestAnimationFrame(counting); } };
    const t0 = performance.now();
    requestAnimationFrame(counting);
    yes.click();
    await seen;
    const t1 = await frameWhen(() => true);
    dom.push(tDom - t0);
    frame.push(t1 - t0);
    frames.push(n + 1);
  }
  return { dom, frame, frames };
}

function reportReveal(name, questions, r) {
  report(name, median(r.dom),
    `${questions} questions, "yes" → explanation in the DOM, median of ${r.dom.length}, max ${max(r.dom).toFixed(1)} ms; ` +
    `drawn at the next frame in ${r.frames.filter((f) => f === 1).length} of ${r.frames.length} (median ${median(r.frame).toFixed(1)} ms to that frame)`);
}

await load();

// Warm-up: the first draw pays for compiling paths once.
{
  const [el] = await drawForm(10);
  unmount(el);
  el.remove();
}

const renders = [];
let big;
for (let run = 0; run < 3; run++) {
  const [el, ms] = await drawForm(500);
  renders.push(ms);
  if (run < 2) { unmount(el); el.remove(); } else big = el;
}
report("form-1500-first-render", median(renders), `1,500 questions, after a warm-up draw (form-1500-first-render-cold: without), median of ${renders.length}, max ${max(renders).toFixed(1)} ms`);

reportReveal("form-1500-reveal", "1,500", await reveals(big, 500, 15));
unmount(big);
big.remove();

const [small] = await drawForm(50);
reportReveal("form-150-reveal", "150", await reveals(small, 50, 15));
unmount(small);
small.remove();

// The summary: two different batches alternate so each setting is a change.
const batches = [personalSubmissions(3758, { seed: 11 }), personalSubmissions(3758, { seed: 12 })];
const sum = await element("yj-submissions-summary");
const summaries = [];
for (let run = 0; run < 5; run++) {
  const batch = batches[run % 2];
  const expected = String(batch.length);
  sum.value = [];
  await frameWhen(() => !sum.shadowRoot.querySelector(".yj-fs__stat"));
  const t0 = performance.now();
  sum.value = batch;
  const t1 = await frameWhen(() => sum.shadowRoot.querySelector(".yj-fs__stat dd")?.textContent === expected);
  summaries.push(t1 - t0);
}
report("summary-3758", median(summaries), `3,758 submissions set as value → counts drawn, next frame, median of ${summaries.length}, max ${max(summaries).toFixed(1)} ms`);
unmount(sum);
sum.remove();

done();
