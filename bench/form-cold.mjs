// Issue #37: the 1,500-question form on a freshly loaded page, with no warm-up draw:
// the element goes into the page with the template already set, so its first draw is
// this form (its words are fetched meanwhile, as on a portal's page); the time runs from
// adding it to the frame after its last question is drawn. bench/forms.mjs measures
// the same after a warm-up draw. scripts/figures-bench.mjs loads this page several
// times, each in a fresh browser context, and prints the median beside the warm figure.
import { load } from "/yaojian/yaojian.js";
import { done, frameWhen, report } from "./common.mjs";
import { bigTemplate } from "./generate.mjs";

// The module is loaded first: what is timed is the draw, not the download.
await load("self-inspection");
const el = document.createElement("yj-self-inspection");
el.setAttribute("storage-key", `bench-cold-${Date.now()}`);
el.addEventListener("yj-error", (e) => {
  window.benchError = `yj-error ${JSON.stringify(e.detail)}`;
  done();
});
el.template = bigTemplate(500);
await frameWhen(() => true);
const t0 = performance.now();
document.getElementById("stage").append(el);
const t1 = await frameWhen(() => el.shadowRoot?.querySelector("[id$='-q499_note']"));
report("form-1500-first-render-cold", t1 - t0, "≤ 200 ms", "1,500 questions, a freshly loaded page, no warm-up draw");
done();
