// A small static file server for loopback only: the e2e tests, the embedding examples
// and the figures use it. Serves .wasm as application/wasm (streaming compilation).
//   node scripts/serve.mjs DIR [PORT]              one folder (PORT 0 picks a free one)
//   node scripts/serve.mjs --examples [PORT]       the embedding examples, as in the docs
// As a module: startServer(dirOrMounts, { port, headers }) → { url, close }, where
// mounts maps URL prefixes to folders or files, longest prefix first. POST /echo answers
// with the submitted form fields as JSON (the classic <form> example posts there).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
};

/** The mounts of the embedding examples: what a portal would serve. */
export const EXAMPLE_MOUNTS = {
  "/yaojian/": "dist/",
  "/vendor/vue.esm-browser.prod.js": "node_modules/vue/dist/vue.esm-browser.prod.js",
  "/": "docs/examples/",
};

function resolve(mounts, urlPath) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const p of prefixes) {
    if (urlPath === p || (p.endsWith("/") && urlPath.startsWith(p))) {
      const target = path.resolve(mounts[p]);
      if (!p.endsWith("/")) return target;
      const file = path.join(target, urlPath.slice(p.length));
      return file.startsWith(target) ? (urlPath.endsWith("/") ? path.join(file, "index.html") : file) : null;
    }
  }
  return null;
}

export function startServer(dirOrMounts, { port = 0, headers = {} } = {}) {
  const mounts = typeof dirOrMounts === "string" ? { "/": dirOrMounts.replace(/\/?$/, "/") } : dirOrMounts;
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (req.method === "POST" && urlPath === "/echo") {
      let body = "";
      req.on("data", (c) => { body += c; if (body.length > 4e6) req.destroy(); });
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(Object.fromEntries(new URLSearchParams(body))));
      });
      return;
    }
    const file = resolve(mounts, urlPath);
    if (!file) { res.writeHead(403); res.end(); return; }
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, { "content-type": "text/plain" }); res.end("not found"); return; }
      const extra = typeof headers === "function" ? headers(urlPath) : headers;
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
        ...extra,
      });
      res.end(body);
    });
  });
  return new Promise((resolveListen) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolveListen({ url: `http://127.0.0.1:${p}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const examples = args[0] === "--examples";
  const port = Number((examples ? args[1] : args[1]) ?? 8080);
  const { url } = await startServer(examples ? EXAMPLE_MOUNTS : (args[0] ?? "."), { port });
  console.log(`serving ${examples ? "the embedding examples" : args[0] ?? "."} at ${url}`);
}
