// data.js: the data files a widget's wasm does not carry, fetched by yaojian.js (which
// the release bundles with this file into dist/yaojian.js).
//
// Each module has a catalog per language in dist/ (<module>.<lang>.<hash>.json: the
// words of its widgets, the shared ones and the engine's, cut by
// scripts/dist-manifest.mjs), and lists the engine's data files its widgets need (the
// penalty rule table, circumstances, default benchmark: penalty-rules.<hash>.json …;
// the table's translations per language, none in zh-CN). An element's first mount
// fetches its module's files in the element's language while the wasm downloads;
// switching the element to another language fetches that language's. A widget asks for
// the files it needs only sometimes (a template picked from a menu: the module's
// onDemand list) when it needs them (wantData in yaojian.js). Each file is
// fetched once per page and installed once per wasm instance; a failure is forgotten,
// so asking again fetches again.
//
// A portal may serve the files from its own path: data-base="/static/yaojian-data/" on
// the element (or the mount option dataBase); by default they are beside yaojian.js.

/** The catalog language of a language tag, as the engine reads tags (Lang::parse):
 *  zh-TW, zh-HK, zh-MO and zh-Hant are Traditional; en… English; anything else zh-CN. */
export function catalogLang(tag) {
  const t = String(tag ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (t.startsWith("en")) return "en";
  if (["zh-tw", "zh-hk", "zh-mo", "zh-hant"].some((p) => t.startsWith(p))) return "zh-TW";
  return "zh-CN";
}

/** Where an element's data files are: its data-base (a folder), else `fallback`. */
export function dataBase(element, options, fallback) {
  const given = options.dataBase ?? element.getAttribute("data-base");
  if (!given) return fallback;
  const url = new URL(given, document.baseURI);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** A data file that could not be had: `file` is its name in dist/. */
export class DataUnavailable extends Error {
  constructor(file, reason) {
    super(`${file}: ${reason}`);
    this.file = file;
  }
}

// URL → the file's text (a promise), while it is being fetched or once it has been.
const fetched = new Map();

/** The text of data file `name` (in dist/) at `url`, fetched once per page. */
function dataFile(name, url) {
  if (!fetched.has(url)) {
    const text = fetch(url)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .catch((e) => Promise.reject(new DataUnavailable(name, String(e?.message ?? e))));
    fetched.set(url, text);
    text.catch(() => fetched.delete(url));
  }
  return fetched.get(url);
}

/** Module `m`'s files in `lang` (a catalog language): its catalog; the data files it
 *  lists that have a file in `lang`, but those `needless` names (a built-in template
 *  the element does not show) unless the instance has them; and those of its files
 *  fetched when asked (`m.onDemand`) that its instance has, or was asked for, in another
 *  language: a built-in template comes cut per language, and the engine merges what each
 *  language's file adds. Resolves to [[name, file, text, url], …]. */
export function fetchData(m, lang, base, needless = () => false) {
  const had = (d) => m.asked?.has(d.name) || Object.values(d.files).some((f) => m.installed.has(f));
  const listed = [...(m.data ?? []).filter((d) => had(d) || !needless(d.name)), ...(m.onDemand ?? []).filter(had)];
  const wanted = [["catalog", m.catalogs[lang]], ...listed.filter((d) => d.files[lang]).map((d) => [d.name, d.files[lang]])];
  return Promise.all(wanted.map(async ([name, file]) => {
    const url = new URL(file, base).href;
    return [name, file, await dataFile(file, url), url];
  }));
}

/** Of module `m`'s files fetched when a widget asks (`m.onDemand`: a template picked from
 *  a menu), those named `names`, in `lang`. Resolves as fetchData does; a name the
 *  module does not list is unavailable. */
export function fetchOnDemand(m, names, lang, base) {
  return Promise.all(names.map(async (name) => {
    // Or one it lists among the files fetched beside the wasm, which an element with a
    // template of its own went without (templatesNotShown()).
    const file = [...(m.onDemand ?? []), ...(m.data ?? [])].find((d) => d.name === name)?.files[lang];
    if (!file) throw new DataUnavailable(String(name), "not a data file of this module");
    const url = new URL(file, base).href;
    return [name, file, await dataFile(file, url), url];
  }));
}

/** Gives the module's live instance the files of `lang`, in order, each once per instance
 *  (a fresh instance after a panic starts with none). A file the engine refuses is
 *  unavailable, and fetched again when asked again. */
export function installData(m, lang, files) {
  for (const [name, file, text, url] of files) {
    if (m.installed.has(file)) continue;
    try {
      if (name === "catalog") m.core.installCatalog(lang, text);
      else m.core.installData(name, text);
    } catch (e) {
      // Refused: not kept either, so that "try again" fetches it again.
      fetched.delete(url);
      throw new DataUnavailable(file, String(e?.message ?? e));
    }
    m.installed.add(file);
  }
}

/** What a widget whose data did not load says, and its button, by catalog language. */
export const UNAVAILABLE_TEXT = {
  "zh-CN": ["此组件所需的数据未能载入，请检查网络后重试。已输入的内容不会丢失。", "重试"],
  "zh-TW": ["此元件所需的資料未能載入，請檢查網路後重試。已輸入的內容不會遺失。", "重試"],
  en: ["The data this widget needs could not be loaded. Check the connection and try again; what you typed is kept.", "Try again"],
};
