// Benchmark of issue #36, run through the embedding layer as a portal would use it: the
// form builder on a generated template of 300 questions (100 × yes/no + explanation shown
// after a "yes" + text), editor and live preview side by side.
//  1. from setting `value` to the frame in which the editor and the preview both hold the
//     last question;
//  2. a change typed into a question's label: from the input event to the frame in which
//     the preview shows the new label (the template re-read by the engine, its errors
//     re-checked, editor and preview redrawn).
// Results go to window.benchResults and the page; nothing here asserts.
import { load, unmount } from "/yaojian/yaojian.js";
import { done, element, frameWhen, max, median, report as reportFigure } from "./common.mjs";
import { bigTemplate } from "./generate.mjs";

const GROUPS = 100;
const EDITS = 15;
const targets = { "builder-300-first-render": "≤ 1,000 ms", "builder-300-change-to-preview": "≤ 200 ms" };
const report = (name, value, detail) => reportFigure(name, value, targets[name], detail);

/** The preview's label of question `id`, if drawn. */
const previewLabel = (el, id) => el.shadowRoot.querySelector(`.yj-fb__preview label[for$='-${id}']`);

/** Draws the builder on the generated template; returns [element, ms]. */
async function drawBuilder() {
  const el = await element("yj-form-builder");
  el.setAttribute("storage-key", `bench-${Date.now()}-${Math.random()}`);
  const last = `q${GROUPS - 1}_note`;
  await frameWhen(() => true);
  const t0 = performance.now();
  el.value = bigTemplate(GROUPS);
  const t1 = await frameWhen(() =>
    el.shadowRoot.querySelector(`[id$='-s0-q${GROUPS * 3 - 1}-label']`) && previewLabel(el, last));
  return [el, t1 - t0];
}

await load();

// Warm-up: the first draw pays for compiling paths once.
{
  const [el] = await drawBuilder();
  unmount(el);
  el.remove();
}

const renders = [];
let el;
for (let run = 0; run < 3; run++) {
  const [drawn, ms] = await drawBuilder();
  renders.push(ms);
  if (run < 2) { unmount(drawn); drawn.remove(); } else el = drawn;
}
report("builder-300-first-render", median(renders),
  `300 questions set as value → editor and preview drawn, median of ${renders.length}, max ${max(renders).toFixed(1)} ms`);

// Edits spread over the form, each to the label of a text question (always shown).
const changes = [];
for (let k = 0; k < EDITS; k++) {
  const group = Math.floor(((k + 0.5) * GROUPS) / EDITS);
  const input = el.shadowRoot.querySelector(`[id$='-s0-q${group * 3 + 2}-label']`);
  const words = `第 ${group + 1} 项：备注（改 ${k + 1}）`;
  await frameWhen(() => true);
  const t0 = performance.now();
  input.value = words;
  input.dispatchEvent(new InputEvent("input", { bubbles: true }));
  const t1 = await frameWhen(() => previewLabel(el, `q${group}_note`)?.textContent.includes(words));
  changes.push(t1 - t0);
}
report("builder-300-change-to-preview", median(changes),
  `300 questions, a label typed → the preview shows it, next frame, median of ${changes.length}, max ${max(changes).toFixed(1)} ms`);
unmount(el);
el.remove();

done();
