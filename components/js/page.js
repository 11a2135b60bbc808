// page.js: what yaojian.js puts in the page beside the widgets: the stylesheet of
// their shadow roots, the print rule of a 责令改正通知书, and the notice shown in a
// widget's place when it failed. No inline styles, no innerHTML.

// One stylesheet object per file, shared by every shadow root that takes it (fetched
// once). If fetching is not allowed, each shadow root gets a <link> to the file instead.
const sheets = new Map();
function sharedSheet(url) {
  if (!sheets.has(url)) {
    sheets.set(url, fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
      .then((css) => { const s = new CSSStyleSheet(); s.replaceSync(css); return s; })
      .catch(() => null));
  }
  return sheets.get(url);
}

// While a widget shows a 责令改正通知书 it marks its element and <html> with
// data-yj-print-notice: the page then prints that notice alone, none of the page around
// it. The rule must live in the page (a shadow root's styles cannot reach it).
const PRINT_NOTICE_CSS = `@media print {
  html[data-yj-print-notice] body * { visibility: hidden !important; }
  html[data-yj-print-notice] [data-yj-print-notice] { visibility: visible !important; position: absolute; inset: 0 0 auto 0; }
}`;
let printSheet = null;
function adoptPrintSheet() {
  if (printSheet || !("adoptedStyleSheets" in document)) return;
  try {
    printSheet = new CSSStyleSheet();
    printSheet.replaceSync(PRINT_NOTICE_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
  } catch {
    printSheet = null;
  }
}

/** Starts fetching the stylesheet at `url`, so that it is there when a shadow root
 *  takes it (fetched while the wasm downloads, not after). */
export function preloadStyles(url) {
  sharedSheet(url);
}

/** Gives shadow root `root` the stylesheet at `url` (its module's, or yaojian.css). */
export async function styleShadowRoot(root, url) {
  adoptPrintSheet();
  const s = await sharedSheet(url);
  if (s && "adoptedStyleSheets" in root) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
  } else {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url;
    root.prepend(link);
  }
}

/** Removes the failure notices from a widget's place. */
export function clearFailure(root) {
  for (const n of [...root.children]) if (n.classList.contains("yj-failure")) n.remove();
}

/** Says in words, in the widget's place, that it failed; `restart`, when given,
 *  is a button labelled `label`. */
export function showFailure(root, text, restart, label) {
  clearFailure(root);
  const box = document.createElement("div");
  box.className = "yj-failure yj-widget";
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = text;
  box.append(p);
  if (restart) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "yj-button";
    b.textContent = label;
    b.addEventListener("click", restart, { once: true });
    box.append(b);
  }
  root.prepend(box);
}

