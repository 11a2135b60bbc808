// yaojian.js: the one module a portal page loads. Importing it defines a custom element
// yj-<kind> for every widget, from the manifest scripts/dist-manifest.mjs writes into
// this file (no wasm is needed for that); elements already in the page upgrade then.
// It also exports mount(element, options) and unmount(element).
//
// Each widget has its own wasm module (<kind>.<hash>.js + .wasm beside this file); a
// group of widgets a page shows together may share one. The first element of a kind
// to connect loads the module that serves it, once per page; later elements reuse it,
// and a widget that never appears costs nothing (pickModule).
//
// No inline styles, no innerHTML, no eval: works under
//   default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
//   connect-src 'self'; require-trusted-types-for 'script'
// See docs/embedding.md.
//
// The widgets of one module share its wasm instance. A panic inside it stops that
// instance; this module then tells each element of that module (yj-error
// "widget.failed"), shows the failure in words in the widget that failed, and starts
// the others again on a fresh instance with the settings, properties and last value they
// had (see recover()). Widgets of other modules go on as they were.
//
// The wasm carries no words and no statute data: each element's module catalog and data
// files, in its language, are fetched beside the wasm and installed before the widget
// renders (data.js). A file that cannot be had is said in words in the widget's place,
// with a button to try again, and as yj-error "data.unavailable" naming the file.
import { catalogLang, dataBase, DataUnavailable, fetchData, fetchOnDemand, installData, UNAVAILABLE_TEXT } from "./data.js";
import { clearFailure, preloadStyles, showFailure, styleShadowRoot } from "./page.js";

const MANIFEST = null; // written in by scripts/dist-manifest.mjs

const BASE = new URL(".", import.meta.url);
const FORM_HOOK = Symbol("form");
const MODULE = Symbol("module");
const EVENT_NAMES = ["yj-change", "yj-submit", "yj-draft-saved", "yj-error"];
/** After this many panics in one module on one page, none of its widgets is started again. */
const MAX_RECOVERIES = 3;

// For each kind (element yj-<kind>): its settings (attributes) and properties, in the
// order they are applied (a template before a value); a text property's string is the
// value itself, not JSON.
const ELEMENTS = MANIFEST?.elements ?? [];
// The modules: the kinds each serves, its files, its weight (brotli), and while the page
// uses it, its live instance (`core`, the glue's namespace), the load under way
// (`ready`), the instance's number (`generation`) and the panics so far.
// The data files installed in the live instance are `installed` (by file name); the
// names of those its widgets asked for (`onDemand`), `asked`.
const modules = (MANIFEST?.modules ?? []).map((m) => ({ ...m, used: false, core: null, ready: null, generation: 0, recoveries: 0, panic: null, installed: new Set(), asked: new Set() }));
// Every widget's full contract (titles, meanings, events), once load() has read the manifest.
let contracts = null;

/**
 * The module that serves `kind` on this page: the one already in use if there is one;
 * otherwise, among those carrying it, the one carrying most of the kinds the page shows
 * and no module serves yet, the lighter on a tie (scripts/page-weights.mjs weighs pages
 * by the same rule).
 */
function pickModule(kind) {
  const inUse = modules.find((m) => m.used && m.kinds.includes(kind));
  if (inUse) return inUse;
  const served = (k) => modules.some((m) => m.used && m.kinds.includes(k));
  const waiting = new Set([kind]);
  for (const e of ELEMENTS) if (!served(e.kind) && document.querySelector(`yj-${e.kind}`)) waiting.add(e.kind);
  const score = (m) => m.kinds.filter((k) => waiting.has(k)).length;
  return modules.filter((m) => m.kinds.includes(kind)).sort((a, b) => score(b) - score(a) || a.brotli - b.brotli)[0] ?? null;
}

/** Loads and instantiates a module once; every widget it serves waits on the same promise. */
function loadModule(m) {
  m.used = true;
  m.ready ??= instantiate(m).catch((e) => { m.ready = null; throw e; });
  return m.ready;
}

// Modules are compiled one after another, in the order the page asked for them (its
// first widget first), while all of them download at once: on a page of several
// modules the first widget is ready as soon as on a page of its own.
let compiled = Promise.resolve();

async function instantiate(m) {
  // After a panic, a fresh copy of the glue module, so a fresh instance: the old one is dead.
  const glue = new URL(m.generation === 0 ? m.js : `${m.js}?instance=${m.generation}`, BASE);
  // The wasm is fetched while the glue loads, not after it (one round trip less).
  const wasm = fetch(new URL(m.wasm, BASE));
  wasm.catch(() => {}); // a failure is reported by the await below, not as unhandled
  const turn = compiled;
  let done;
  compiled = new Promise((resolve) => { done = resolve; });
  let core, exports;
  try {
    core = await import(glue.href);
    await turn;
    exports = await core.default({ module_or_path: wasm });
  } finally {
    done();
  }
  // Only the live instance may start a recovery (a dead one's page listeners linger).
  const g = m.generation;
  core.setPanicHandler((message) => { if (g === m.generation) onPanic(m, message); });
  m.installed = new Set();
  m.asked = new Set();
  m.core = core;
  return exports;
}

/**
 * With a kind: loads the module that serves it (once per page) and resolves to its wasm
 * exports. Without: resolves once every widget's full contract is known
 * (yaojian-manifest.json), for widgetContracts().
 */
export async function load(kind) {
  if (!MANIFEST) throw new Error("yaojian.js has no manifest: serve the dist/ that scripts/release.sh builds");
  if (kind === undefined) {
    contracts ??= await fetch(new URL("yaojian-manifest.json", BASE))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`yaojian-manifest.json: HTTP ${r.status}`))))
      .then((manifest) => manifest.widgets);
    return contracts;
  }
  const m = pickModule(kind);
  if (!m) throw new Error(`yaojian: no widget "${kind}" in this build`);
  return loadModule(m);
}

/** Every widget with its settings, properties and events (in full after load();
 *  before, the names only). */
export function widgetContracts() {
  return contracts ?? ELEMENTS.map((e) => ({ kind: e.kind, settings: e.settings.map((name) => ({ name })), properties: e.properties, events: [] }));
}

/** The widget kinds there are. */
export function widgetKinds() {
  return ELEMENTS.map((e) => e.kind);
}

function elementOf(kind) {
  return ELEMENTS.find((e) => e.kind === kind) ?? { kind, settings: [], properties: [] };
}
const settingNames = (kind) => elementOf(kind).settings;
const propertyNames = (kind) => elementOf(kind).properties.map((p) => p.name);

const instances = new WeakMap();
// Elements with a widget, so a panic can reach every one of them.
const live = new Set();
// Properties set on an element before it was mounted, applied when it is.
const early = new WeakMap();

function langOf(element, options) {
  return options.lang ?? element.closest?.("[lang]")?.getAttribute("lang") ?? document.documentElement.lang ?? "zh-CN";
}

// Calls into the wasm are never nested: an event a widget emits during one (a refused
// property's yj-error, say) is dispatched once the call has returned, so a listener may
// set properties or unmount the element.
let depth = 0;
let current = null; // the element whose call is under way
const queued = [];

function call(state, f) {
  if (!state.handle || state.module.core === null) return undefined;
  const outer = current;
  current = state.element;
  depth++;
  try {
    return f(state.handle);
  } catch (e) {
    // A panic traps as a RuntimeError and onPanic has scheduled the recovery; a trap
    // with no panic before it (out of memory) stops the instance all the same.
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    if (!state.module.panic) onPanic(state.module, `yaojian: internal error: ${e.message}`);
    return undefined;
  } finally {
    depth--;
    current = outer;
    if (depth === 0) flushQueued();
  }
}

/** Dispatches the events held back during a call; a listener that throws is reported
 *  and the rest still go out. */
function flushQueued() {
  while (queued.length) {
    try { queued.shift()(); } catch (e) { reportError(e); }
  }
}

/**
 * Mounts a widget in `element`.
 * options: { widget: "penalty-calculator", lang, isolation: "shadow" | "light",
 *            largeText, theme, benchmark, value, onEvent(name, detail) }
 * The first widget of a kind loads the module that serves it.
 * Resolves to the element's instance: { setLang, setProperty, value }.
 */
export function mount(element, options = {}) {
  const existing = instances.get(element);
  // Already mounted, or mounting (the element connected): resolves once it is.
  if (existing) return (existing.mounting ?? Promise.resolve()).catch(() => {}).then(() => existing);
  const mounting = mountNew(element, options);
  const state = instances.get(element);
  if (state) state.mounting = mounting;
  return mounting;
}

/** Whether the element renders in a shadow root ("shadow", the default) or itself. */
function isolationOf(element, options) {
  return options.isolation ?? element.getAttribute("isolation") ?? "shadow";
}

/** The stylesheet a module's shadow roots take: its own; yaojian.css (every widget's)
 *  in a build without one. */
function stylesOf(module) {
  return new URL(module.css ?? "yaojian.css", BASE).href;
}

/**
 * Which of its module's built-in templates (data files `form-<id>`, `requirements-<id>`)
 * an element will not show, so they are not fetched beside the wasm: all of them when
 * the page gives it a template of its own (the `template` property or option, or
 * `template-src`), the others when `template-id` names one. Should the widget want one
 * later, it asks (wantData()).
 */
function templatesNotShown({ element, options, pending }) {
  const given = [...(early.get(element) ?? []), ...pending].some(([name, v]) => name === "template" && v != null);
  const own = given || options.template != null || options.templateSrc != null || element.hasAttribute("template-src");
  const id = options.templateId ?? element.getAttribute("template-id");
  const builtIn = (name) => /^(form|requirements)-/.test(name);
  return (name) => builtIn(name) && (own || (id !== null && id !== undefined && name !== `form-${id}`));
}

async function mountNew(element, options) {
  const kind = options.widget ?? element.localName.replace(/^yj-/, "");
  const module = options[MODULE] ?? pickModule(kind);
  const state = { element, kind, module, handle: null, container: null, root: null, value: null, options, pending: [], props: new Map(), langTurn: 0 };
  instances.set(element, state);
  const lang = catalogLang(langOf(element, options));
  let files;
  try {
    if (!module) throw new Error(`yaojian: no widget "${kind}" in this build`);
    // The words, data and styles are fetched while the wasm downloads.
    // A page gives an element its template just after adding it: look once its script
    // has run (a microtask later), so as not to fetch a template it will not show.
    await null;
    files = fetchData(module, lang, dataBase(element, options, BASE), templatesNotShown(state));
    files.catch(() => {}); // reported below, once the widget has a place to say it
    if (isolationOf(element, options) !== "light") preloadStyles(stylesOf(module));
    await loadModule(module);
  } catch (e) {
    instances.delete(element);
    fail(element, "load", String(e));
    throw e;
  }
  // The element may be removed during any await: then stop, or a widget would be
  // mounted on a detached element that nothing ever frees.
  const cancelled = () => instances.get(element) !== state;
  if (cancelled()) return state;
  let root = element;
  if (isolationOf(element, options) !== "light") {
    root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
    // Once per shadow root and sheet (an element mounted again may take another module).
    const css = stylesOf(module);
    if (root.yjStyled !== css) {
      root.yjStyled = css;
      await styleShadowRoot(root, css);
      if (cancelled()) return state;
    }
  }
  state.root = root;
  try {
    const fetched = await files;
    if (cancelled()) return state;
    // A panic while this element was being set up: wait for the fresh instance.
    while (module.core === null) {
      await loadModule(module);
      if (cancelled()) return state;
    }
    installData(module, lang, fetched);
  } catch (e) {
    // Without its words and data the widget is not mounted; "try again" mounts it afresh.
    if (!cancelled()) unavailable(element, root, e, () => { instances.delete(element); mount(element, options).catch(() => {}); });
    throw e;
  }
  clearFailure(root);
  const container = document.createElement("div");
  container.className = "yj-embed";
  container.classList.toggle("yj-large-text", Boolean(options.largeText ?? element.hasAttribute("large-text")));
  setTheme(container, options.theme ?? element.getAttribute("theme"));
  root.append(container);
  state.container = container;
  const emit = (name, json) => {
    const detail = JSON.parse(json);
    if (name === "yj-data-wanted") return void wantData(state, detail.files);
    if (name === "yj-change") state.value = detail;
    const dispatch = () => {
      element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
      options.onEvent?.(name, detail);
      options[FORM_HOOK]?.(name, detail);
    };
    if (depth > 0) queued.push(dispatch); else dispatch();
  };
  const settings = {};
  for (const name of settingNames(kind)) {
    const option = options[name.replace(/-(.)/g, (_, c) => c.toUpperCase())];
    const v = option !== undefined ? (option === false ? null : String(option)) : element.getAttribute(name);
    if (v !== null) settings[name] = v;
  }
  live.add(element);
  try {
    state.handle = call({ element, module, handle: true }, () => module.core.mountWidget(kind, container, emit, langOf(element, options), JSON.stringify(settings)));
  } catch (e) {
    container.remove();
    instances.delete(element);
    live.delete(element);
    fail(element, "mount", String(e));
    throw e;
  }
  if (!state.handle) return state; // a panic while mounting: recovery has it
  trackInput(element, root);
  // The properties, in order: those given to mount (after a restart, the last value
  // after them), then what the page set before and since. A template being fetched
  // comes first of all, since they may only fit it: meanwhile they wait in `pending`.
  const initial = propertyNames(kind).filter((n) => options[n] !== undefined).map((n) => [n, options[n]]);
  if (options.restore !== undefined) initial.push(["value", options.restore]);
  const src = options.templateSrc ?? element.getAttribute("template-src");
  if (src) {
    state.waitTemplate = true;
    await loadTemplate(element, src);
    state.waitTemplate = false;
    if (cancelled()) return state;
  }
  for (const [name, v] of [...initial, ...(early.get(element) ?? []), ...state.pending.splice(0)]) setProperty(element, name, v);
  early.delete(element);
  // The first drawing has the properties too: a widget given its own template never
  // draws a built-in one first, nor asks for its file.
  call(state, (h) => h.show());
  return state;
}

/** Removes the widget from `element` and frees it. */
export function unmount(element) {
  const state = instances.get(element);
  if (!state) return;
  instances.delete(element);
  live.delete(element);
  if (state.module?.core && state.handle) {
    call(state, (h) => h.destroy());
    state.handle.free();
  }
  state.handle = null;
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
  if (!state.handle || (state.waitTemplate && name !== "template")) { state.pending.push([name, value]); return; }
  let json;
  try {
    // A string is JSON text, except for a text property (a token), whose string is the value.
    const text = elementOf(state.kind).properties.find((p) => p.name === name)?.text;
    json = typeof value === "string" && !text ? value : JSON.stringify(value ?? null);
  } catch (e) {
    call(state, (h) => h.refuseProperty(name, String(e?.message ?? e)));
    return;
  }
  // Only what the widget accepted is given again after a restart: never a refused
  // value, nor one whose setting trapped.
  if (call(state, (h) => h.setProperty(name, json)) === true) state.props.set(name, json);
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

// ---- Panics ---------------------------------------------------------------------------

// The element the user last acted on, for a panic inside an event handler (the Rust
// side cannot say which widget it was in). Cleared once the task is over.
let touched = null;
const INPUT_EVENTS = ["click", "input", "change", "keydown", "submit", "focusin"];
/** Listens on the element and on its shadow root (change and submit do not leave it). */
function trackInput(element, root) {
  for (const target of new Set([element, root])) {
    if (target.yjTracked) continue;
    target.yjTracked = true;
    for (const type of INPUT_EVENTS) {
      target.addEventListener(type, () => { touched = element; setTimeout(() => { if (touched === element) touched = null; }, 0); }, { capture: true });
    }
  }
}

/** Called by a module's dying instance: record, and act once its stack has unwound.
 *  The culprit is the element acted on, if the module serves it. */
function onPanic(m, message) {
  if (m.panic) return;
  const acted = current ?? touched;
  m.panic = { message, culprit: instances.get(acted)?.module === m ? acted : null };
  setTimeout(() => recover(m), 0);
}

const FAILURE_TEXT = {
  "zh-CN": ["此组件出现内部错误，已停止工作。页面上其他组件中输入的内容没有丢失。", "重新载入此组件", "刚才出现内部错误，组件已重新载入，输入的内容已恢复。"],
  "zh-TW": ["此元件發生內部錯誤，已停止運作。頁面上其他元件中輸入的內容沒有遺失。", "重新載入此元件", "剛才發生內部錯誤，元件已重新載入，輸入的內容已恢復。"],
  en: ["This widget had an internal error and has stopped. What you typed in the other widgets on this page is kept.", "Reload this widget", "An internal error occurred; the widget was reloaded and what you typed was restored."],
};

function failureText(element) {
  return FAILURE_TEXT[catalogLang(langOf(element, {}))];
}

/**
 * A data file the widget needs could not be had: yj-error "data.unavailable" naming it,
 * and the same said in words in the widget's place, with a button that calls `retry`.
 * The widget, if it is showing, stays as it was, with what was typed.
 */
function unavailable(element, root, error, retry) {
  const file = error instanceof DataUnavailable ? error.file : null;
  element.dispatchEvent(new CustomEvent("yj-error", {
    detail: { type: "data.unavailable", file, message: String(error?.message ?? error) },
    bubbles: true, composed: true,
  }));
  const [text, label] = UNAVAILABLE_TEXT[catalogLang(langOf(element, {}))];
  showFailure(root, text, () => { clearFailure(root); retry(); }, label);
}

/**
 * The element's language changed: its module's files in that language first (fetched
 * once per page), then the widget switches. If one cannot be had, the widget
 * stays in its language with what was typed, and says so (unavailable()). Of several
 * switches in quick succession, the last one wins.
 */
async function switchLang(element, state, tag) {
  const turn = ++state.langTurn;
  const lang = catalogLang(tag);
  const wanted = () => instances.get(element) === state && state.langTurn === turn;
  try {
    const fetched = await fetchData(state.module, lang, dataBase(element, state.options, BASE));
    if (!wanted() || !state.module.core) return;
    installData(state.module, lang, fetched);
  } catch (e) {
    if (wanted()) unavailable(element, state.root, e, () => switchLang(element, state, element.getAttribute("lang") ?? tag));
    return;
  }
  clearFailure(state.root);
  call(state, (h) => h.setLang(tag));
}

/**
 * The widget asked for data files it needs only sometimes (a template picked from a
 * menu): fetched in its language (once per page), installed in its module's instance,
 * and every widget waiting draws again. If one cannot be had, the widget says so with a
 * button to ask again (unavailable()), and keeps what was typed.
 */
async function wantData(state, names) {
  const { element, module } = state;
  const lang = catalogLang(langOf(element, state.options));
  const wanted = () => instances.get(element) === state && module.core !== null;
  // A language switch from now on fetches these too (fetchData()), even before they are here.
  for (const name of names) module.asked.add(name);
  try {
    const fetched = await fetchOnDemand(module, names, lang, dataBase(element, state.options, BASE));
    if (!wanted()) return;
    installData(module, lang, fetched);
  } catch (e) {
    if (wanted()) unavailable(element, state.root, e, () => wantData(state, names));
    return;
  }
  clearFailure(state.root);
  call(state, () => module.core.dataInstalled());
}

/**
 * After a panic in module `m`: its wasm instance is gone, so every widget it served is.
 * Each of those elements hears of it (yj-error "widget.failed"); the one that failed
 * (or, when it cannot be told, none) shows the failure and a reload button; the others
 * start again on a fresh instance from what they had: settings (attributes), properties
 * and their last value. Widgets of other modules are not touched.
 */
async function recover(m) {
  const { message, culprit } = m.panic;
  m.recoveries++;
  const giveUp = m.recoveries > MAX_RECOVERIES;
  const elements = [...live].filter((el) => instances.get(el)?.module === m);
  const saved = elements.map((el) => instances.get(el));
  m.core = null;
  m.ready = null;
  m.generation++;
  for (const [i, el] of elements.entries()) {
    const s = saved[i];
    s.handle = null; // belongs to the dead instance: never called again
    s.container?.remove();
    instances.delete(el);
    live.delete(el);
  }
  m.panic = null;
  for (const [i, el] of elements.entries()) {
    const s = saved[i];
    const stopped = giveUp || el === culprit;
    el.dispatchEvent(new CustomEvent("yj-error", {
      detail: { type: "widget.failed", message, stopped, restarted: !stopped },
      bubbles: true, composed: true,
    }));
    const restart = () => restartWidget(el, s).catch(() => {});
    const text = failureText(el);
    if (stopped) {
      showFailure(s.root ?? el, text[0], giveUp ? null : restart, text[1]);
    } else if (el.isConnected) {
      await restart();
      if (!culprit && s.root) showFailure(s.root, text[2], null);
    }
  }
}

async function restartWidget(element, old) {
  // What the widget's last yj-change gives back as its value (the widget's contract says).
  const m = old.module;
  await loadModule(m);
  const restore = old.value == null ? undefined : m.core?.restoredValue(old.kind, JSON.stringify(old.value)) ?? undefined;
  const options = { ...old.options, restore, [MODULE]: m };
  for (const name of propertyNames(old.kind)) {
    if (old.props.has(name)) options[name] = old.props.get(name);
  }
  if (old.root) clearFailure(old.root);
  await mount(element, options);
}

// ---- Elements -------------------------------------------------------------------------

/** The base class of every yj-* element: attributes for settings, properties for data.
 *  Each kind's class (define()) lists its own attributes and properties. */
class YjWidget extends HTMLElement {
  static formAssociated = true;
  #internals = null;
  #props = new Map();

  constructor() {
    super();
    try { this.#internals = this.attachInternals(); } catch { this.#internals = null; }
    // A property the page set before the element was defined is an own property that
    // hides the setter: take it back and set it properly.
    for (const name of this.constructor.yjProperties) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const v = this[name];
        delete this[name];
        this[name] = v;
      }
    }
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
    if (name === "lang") switchLang(this, state, value ?? langOf(this.parentElement ?? document.documentElement, {}));
    if (name === "large-text") state.container.classList.toggle("yj-large-text", value !== null);
    if (name === "theme") setTheme(state.container, value);
    if (this.constructor.yjSettings.includes(name)) call(state, (h) => h.setSetting(name, value));
    if (name === "template-src" && value) loadTemplate(this, value);
  }

  /** The widget's current data: the detail of its latest yj-change event. */
  get value() { return instances.get(this)?.value ?? null; }
  set value(v) { setProperty(this, "value", v); }

  /** A structured property other than `value`, as the page last set it. */
  yjGet(name) { return this.#props.get(name) ?? null; }
  yjSet(name, v) {
    this.#props.set(name, v ?? null);
    setProperty(this, name, v);
  }

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
    // A change with progress (a form) is incomplete until every required answer is in.
    const p = detail?.progress;
    if (typeof p?.answered === "number" && typeof p?.required === "number") {
      this.#internals.setFormValue(JSON.stringify(detail));
      if (p.answered < p.required) {
        this.#internals.setValidity({ valueMissing: true }, `yaojian: incomplete (${p.answered}/${p.required} required answers)`);
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

/** The attributes every element observes, beside its widget's settings. */
const COMMON_ATTRIBUTES = ["lang", "large-text", "theme"];

/** Defines yj-<kind> from the manifest: observed attributes and property accessors. */
function defineElement(element) {
  const tag = `yj-${element.kind}`;
  if (customElements.get(tag)) return;
  const settings = element.settings;
  const properties = element.properties.map((p) => p.name);
  // A widget with a template property also takes one from a URL.
  const fetched = properties.includes("template") ? ["template-src"] : [];
  class Element extends YjWidget {
    static observedAttributes = [...COMMON_ATTRIBUTES, ...fetched, ...settings];
    static yjSettings = settings;
    static yjProperties = properties;
  }
  for (const name of properties) {
    if (name === "value") continue;
    Object.defineProperty(Element.prototype, name, {
      get() { return this.yjGet(name); },
      set(v) { this.yjSet(name, v); },
      configurable: true,
    });
  }
  customElements.define(tag, Element);
}

/** Registers the custom element of every widget (called on import; the elements already
 *  in the page upgrade then, and each kind's first one loads its module). */
export function define() {
  if (!MANIFEST) throw new Error("yaojian.js has no manifest: serve the dist/ that scripts/release.sh builds");
  for (const e of ELEMENTS) defineElement(e);
}

export { EVENT_NAMES };
try {
  define();
} catch (e) {
  // No element can be defined: tell those in the page.
  for (const el of document.querySelectorAll("*")) if (el.localName.startsWith("yj-")) fail(el, "load", String(e));
}
