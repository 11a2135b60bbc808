// What the benchmark pages share: reporting a figure (to the page and to
// window.benchResults, which scripts/figures-bench.mjs prints), frame timing, mounting.
import { mount } from "/yaojian/yaojian.js";

export const results = [];
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const max = (xs) => Math.max(...xs);

/** Records a figure in ms with its target and how it was measured. */
export function report(name, value, target, detail) {
  results.push({ name, value: Math.round(value * 10) / 10, target, detail });
  const li = document.createElement("li");
  li.textContent = `${name}: ${value.toFixed(1)} ms (target ${target}; ${detail})`;
  document.getElementById("results").append(li);
}

/** Resolves with the time of the first animation frame at which `ready()` holds. */
export function frameWhen(ready) {
  return new Promise((resolve) => {
    const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
}

/** A new `tag` element in #stage, mounted. A `yj-error` ends the run as failed. */
export async function element(tag) {
  const el = document.createElement(tag);
  el.addEventListener("yj-error", (e) => {
    window.benchError = `${tag}: yj-error ${JSON.stringify(e.detail)}`;
    done();
  });
  document.getElementById("stage").append(el);
  await mount(el);
  return el;
}

/** Ends the run: the results go to the page's caller. */
export function done() {
  window.benchResults = results;
  document.body.dataset.done = "true";
}
