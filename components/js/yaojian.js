// yaojian.js: the one module a portal page loads. Importing it registers the custom
// elements (<yj-penalty-calculator>, …); elements already in the page upgrade when it
// loads. It also exports mount(element, options) and unmount(element).
//
// No inline styles, no innerHTML, no eval: works under
//   default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   connect-src 'self'; require-trusted-types-for 'script'
// See docs/embedding.md.
import init, { mountWidget, widgetKinds } from "./yaojian_core.js";

const BASE = new URL(".", import.meta.url);
/** Widget kinds; the element for kind K is <yj-K>. Must match the wasm's widgetKinds(). */
export const KINDS = ["self-inspection", "submissions-summary", "rectification", "penalty-calculator", "requirements"];
/** Scalar settings passed from attributes to the widget (each takes those it knows). */
const SETTINGS = ["storage-key", "readonly", "template-id", "notice-pattern", "notice-seq", "page-size"];
const FORM_HOOK = Symbol("form");
const EVENT_NAMES = ["yj-change", "yj-submit", "yj-draft-saved", "yj-error"];
let ready = null;

/** Loads and instantiates the wasm once; every widget waits on the same promise. */
export function load() {
  ready ??= init({ module_or_path: new URL("yaojian_core_bg.wasm", BASE) });
  return ready;
}

// One stylesheet object shared by every shadow root (fetched once). If fetching is not
// allowed, each shadow root gets a <link> to the same file instead.
let sheet = null;
function sharedSheet() {
  sheet ??= fetch(new URL("yaojian.css", BASE))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`yaojian.css: HTTP ${r.status}`))))
    .then((css) => { const s = new CSSStyleSheet(); s.replaceSync(css); return s; })
    .catch(() => null);
  return sheet;
}

async function styleShadowRoot(root) {
  const s = await sharedSheet();
  if (s && "adoptedStyleSheets" in root) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
  } else {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("yaojian.css", BASE).href;
    root.prepend(link);
  }
}

const instances = new WeakMap();
// Properties set on an element before it was mounted, applied when it is.
const early = new WeakMap();

function langOf(element, options) {
  return options.lang ?? element.closest?.("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "zh-CN";
}

/**
 * Mounts a widget in `element`.
 * options: { widget: "penalty-calculator", lang, isolation: "shadow" | "light",
 *            largeText, theme, benchmark, value, onEvent(name, detail) }
 * Resolves to the element's instance: { setLang, setProperty, value }.
 */
export async function mount(element, options = {}) {
  const existing = instances.get(element);
  if (existing) return existing;
  const kind = options.widget ?? element.localName.replace(/^yj-/, "");
  const state = { handle: null, container: null, root: null, value: null, options, pending: [] };
  instances.set(element, state);
  try {
    await load();
  } catch (e) {
    instances.delete(element);
    fail(element, "load", String(e));
    throw e;
  }
  // The element may be removed during any await: then stop, or a widget would be
  // mounted on a detached element that nothing ever frees.
  const cancelled = () => instances.get(element) !== state;
  if (cancelled()) return state;
  const isolation = options.isolation ?? element.getAttribute("isolation") ?? "shadow";
  let root = element;
  if (isolation !== "light") {
    root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
    if (!root.yjStyled) {
      root.yjStyled = true;
      await styleShadowRoot(root);
      if (cancelled()) return state;
    }
  }
  const container = document.createElement("div");
  container.className = "yj-embed";
  container.classList.toggle("yj-large-text", Boolean(options.largeText ?? element.hasAttribute("large-text")));
  setTheme(container, options.theme ?? element.getAttribute("theme"));
  root.append(container);
  state.root = root;
  state.container = container;
  const emit = (name, json) => {
    const detail = JSON.parse(json);
    if (name === "yj-change") state.value = detail;
    element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    options.onEvent?.(name, detail);
    options[FORM_HOOK]?.(name, detail);
  };
  try {
    state.handle = mountWidget(kind, container, emit, langOf(element, options));
  } catch (e) {
    container.remove();
    instances.delete(element);
    fail(element, "mount", String(e));
    throw e;
  }
  for (const name of SETTINGS) {
    const option = options[name.replace(/-(.)/g, (_, c) => c.toUpperCase())];
    const v = option !== undefined ? (option === false ? null : String(option)) : element.getAttribute(name);
    if (v !== null) state.handle.setSetting(name, v);
  }
  for (const [name, v] of [["benchmark", options.benchmark], ["template", options.template], ["value", options.value]]) {
    if (v !== undefined) setProperty(element, name, v);
  }
  const src = options.templateSrc ?? element.getAttribute("template-src");
  if (src) loadTemplate(element, src);
  for (const [name, v] of [...(early.get(element) ?? []), ...state.pending.splice(0)]) setProperty(element, name, v);
  early.delete(element);
  return state;
}

/** Removes the widget from `element` and frees it. */
export function unmount(element) {
  const state = instances.get(element);
  if (!state) return;
  instances.delete(element);
  state.handle?.destroy();
  state.handle?.free();
  state.container?.remove();
}

/** Built-in themes; anything else means the default (theme through custom properties). */
const THEMES = ["high-contrast"];
function setTheme(container, theme) {
  for (const t of THEMES) container.classList.toggle(`yj-theme-${t}`, t === theme);
}

function setProperty(element, name, value) {
  const state = instances.get(element);
  if (!state) { early.set(element, [...(early.get(element) ?? []), [name, value]]); return; }
  if (!state.handle) { state.pending.push([name, value]); return; }
  const json = typeof value === "string" ? value : JSON.stringify(value ?? null);
  state.handle.setProperty(name, json);
}

/** Fetches a template (same origin, or CORS) and sets it as the `template` property. */
async function loadTemplate(element, src) {
  try {
    const r = await fetch(new URL(src, document.baseURI));
    if (!r.ok) throw new Error(`${src}: HTTP ${r.status}`);
    setProperty(element, "template", await r.text());
  } catch (e) {
    fail(element, "template", String(e));
  }
}

function fail(element, stage, message) {
  element.dispatchEvent(new CustomEvent("yj-error", { detail: { type: `${stage}.failed`, message }, bubbles: true, composed: true }));
}

/** The base class of every yj-* element: attributes for settings, properties for data. */
class YjWidget extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ["lang", "large-text", "theme", "template-src", ...SETTINGS];
  #internals = null;

  constructor() {
    super();
    try { this.#internals = this.attachInternals(); } catch { this.#internals = null; }
  }

  connectedCallback() {
    const state = instances.get(this);
    if (state) return;
    mount(this, { [FORM_HOOK]: (name, detail) => this.#formUpdate(name, detail) }).catch(() => {});
  }

  disconnectedCallback() {
    // A move (remove + insert in the same task) keeps the widget; a removal frees it.
    queueMicrotask(() => { if (!this.isConnected) unmount(this); });
  }

  attributeChangedCallback(name, _old, value) {
    const state = instances.get(this);
    if (!state?.handle) return;
    if (name === "lang") state.handle.setLang(value ?? langOf(this.parentElement ?? document.documentElement, {}));
    if (name === "large-text") state.container.classList.toggle("yj-large-text", value !== null);
    if (name === "theme") setTheme(state.container, value);
    if (SETTINGS.includes(name)) state.handle.setSetting(name, value);
    if (name === "template-src" && value) loadTemplate(this, value);
  }

  /** The widget's current data: the detail of its latest yj-change event. */
  get value() { return instances.get(this)?.value ?? null; }
  set value(v) { setProperty(this, "value", v); }

  /** Requirement checker and self-inspection form: a bureau's own template (object or JSON text). */
  get template() { return this.#template; }
  set template(v) {
    this.#template = v ?? null;
    setProperty(this, "template", v);
  }
  #template = null;

  /** Penalty calculator: a discretion benchmark document (object or JSON text). */
  get benchmark() { return this.#benchmark; }
  set benchmark(v) {
    this.#benchmark = v ?? null;
    setProperty(this, "benchmark", v);
  }
  #benchmark = null;

  // Form participation (form-associated custom element).
  get form() { return this.#internals?.form ?? null; }
  get name() { return this.getAttribute("name"); }
  get validity() { return this.#internals?.validity; }
  get validationMessage() { return this.#internals?.validationMessage ?? ""; }
  checkValidity() { return this.#internals?.checkValidity() ?? true; }
  reportValidity() { return this.#internals?.reportValidity() ?? true; }

  #formUpdate(name, detail) {
    if (!this.#internals) return;
    // A form contributes its submission once submitted; other widgets their latest change.
    if (name === "yj-submit") {
      this.#internals.setFormValue(JSON.stringify(detail.submission ?? detail));
      this.#internals.setValidity({});
      return;
    }
    if (name !== "yj-change") return;
    if (detail?.type === "form.change") {
      const p = detail.progress ?? {};
      this.#internals.setFormValue(JSON.stringify(detail));
      if (p.answered < p.required) {
        this.#internals.setValidity({ valueMissing: true }, `yaojian: self-inspection incomplete (${p.answered}/${p.required})`);
      } else {
        this.#internals.setValidity({});
      }
      return;
    }
    this.#internals.setFormValue(JSON.stringify(detail));
    const invalid = typeof detail?.type === "string" && detail.type.endsWith(".invalid");
    if (invalid) {
      const first = detail.errors?.[0];
      this.#internals.setValidity({ customError: true }, first ? `${first.path}: ${first.message}` : "invalid");
    } else {
      this.#internals.setValidity({});
    }
  }
}

/** Registers the custom elements this bundle carries (called on import). */
export function define() {
  for (const kind of KINDS) {
    const tag = `yj-${kind}`;
    if (!customElements.get(tag)) customElements.define(tag, class extends YjWidget {});
  }
}

export { EVENT_NAMES, widgetKinds };
define();
