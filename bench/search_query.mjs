#!/usr/bin/env node
// What a reader of the search page downloads: before the first query, and for each query.
//
// usage: node bench/search_query.mjs OUTPUT [QUERY ...] [--page PATH] [--only] [--timeout S]
//
//   OUTPUT       a built output folder (gazette build, search on)
//   QUERY        queries to run besides the default ones
//   --page PATH  the search page under OUTPUT (default: search/)
//   --only       run only the queries given, not the default ones
//   --timeout S  how long to wait for the page, and for each query's results (default 20)
//
// Serves OUTPUT with a small static server (node:http, ETag and If-None-Match, no
// compression), opens the search page in headless Chromium and counts every response the
// server sends: requests, bytes of body, and those bytes gzipped (what a host that
// compresses JSON and JavaScript would send). Figures:
//
//   page load      everything the search page fetches before the first query, with an
//                  empty browser cache (HTML, CSS, the search client, the index's meta.json,
//                  and whatever the client fetches before the reader types)
//   each query     what typing that query into #search-input fetches, until the search
//                  status (#search-status, role=status) says something other than its
//                  loading words, or results (.search-result-link) have appeared, and then
//                  the network has been quiet for half a second. "results" is the number the
//                  status gives (else the results shown), "shown" the result links on the
//                  page, "ms" the time from typing to the results or the status. Every query runs in a new browser
//                  context (empty cache) on a freshly loaded page, whose loading is not
//                  counted: the figure is what one query costs a reader who just opened the
//                  page, the worst case.
//
// The default queries come from the index itself (search-index/<lang>/): the English word
// (3 letters or more) found in the most notices, the first found in at most a tenth of them
// (if any), the one found in the fewest, two words (the commonest and one of middling
// frequency), and the Chinese pair of characters found in the most notices with a
// four-character run around it (when the index has Chinese). Needs playwright-core, installed by
// `cd tests/browser && npm ci`, and Chromium (/usr/bin/chromium, or $CHROMIUM).
// Exit status: 0 when the page loaded and every query ended with results or a status; 1
// otherwise (with a message saying what did not happen); 2 on a usage error.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, resolve, extname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const browserTests = resolve(here, "../tests/browser");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

function fail(message, code = 1) {
  console.error(`search_query.mjs: ${message}`);
  process.exit(code);
}

// --- Arguments -----------------------------------------------------------------------------

const usage = "usage: node bench/search_query.mjs OUTPUT [QUERY ...] [--page PATH] [--only] [--timeout S]";
let output;
let pagePath = "search/";
let only = false;
let timeoutMs = 20_000;
const given = [];
{
  const args = process.argv.slice(2);
  while (args.length) {
    const a = args.shift();
    if (a === "-h" || a === "--help") {
      console.log(usage);
      process.exit(0);
    } else if (a === "--page") pagePath = (args.shift() ?? fail(usage, 2)).replace(/^\/+/, "");
    else if (a === "--only") only = true;
    else if (a === "--timeout") {
      const s = Number(args.shift());
      if (!(s > 0)) fail(usage, 2);
      timeoutMs = s * 1000;
    } else if (a.startsWith("--")) fail(`unknown option ${a}\n${usage}`, 2);
    else if (output === undefined) output = resolve(a);
    else given.push(a);
  }
}
if (output === undefined) fail(usage, 2);
if (!existsSync(join(output, pagePath, "index.html"))) {
  fail(`${join(output, pagePath, "index.html")} does not exist: is ${output} a site built with search on?`);
}

let chromium;
try {
  ({ chromium } = createRequire(join(browserTests, "package.json"))("playwright-core"));
} catch {
  fail(`playwright-core is not installed: run \`cd ${browserTests} && npm ci\``);
}
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM`);

// --- The index's own terms, for the default queries ------------------------------------------

/** The search-index/<lang>/ folder the page searches (its data-index), else the only one. */
function indexFolder() {
  const html = readFileSync(join(output, pagePath, "index.html"), "utf-8");
  const m = html.match(/data-index="([^"]*)"/);
  if (m) {
    // data-index is an address under the site's base path; find the folder it names.
    const parts = m[1].split("/").filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const folder = join(output, ...parts.slice(i));
      if (existsSync(join(folder, "meta.json"))) return folder;
    }
  }
  const root = join(output, "search-index");
  const langs = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, "meta.json"))) : [];
  return langs.length ? join(root, langs[0]) : null;
}

const isCjk = (c) => /[\u3005\u3007\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{323AF}]/u.test(c);

/** Default queries: English words by how many notices hold them, and a Chinese pair and run. */
function defaultQueries() {
  const folder = indexFolder();
  if (!folder) {
    console.error("search_query.mjs: no search index found under the output folder; only the given queries run");
    return [];
  }
  const meta = JSON.parse(readFileSync(join(folder, "meta.json"), "utf-8"));
  const words = []; // [term, notices]
  const pairs = [];
  for (const [, name] of meta.chunks) {
    for (const [term, flat] of JSON.parse(readFileSync(join(folder, "i", `${name}.json`), "utf-8"))) {
      let notices = 0;
      for (let i = 0; i < flat.length; i += 3 + flat[i + 2]) notices++;
      if (/^[a-z]{3,}$/.test(term)) words.push([term, notices]);
      else if ([...term].length === 2 && [...term].every(isCjk)) pairs.push([term, notices]);
    }
  }
  const out = [];
  words.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (words.length) {
    const common = words[0][0];
    out.push(common);
    const tenth = words.find(([, n]) => n <= Math.max(1, meta.pages / 10));
    if (tenth) out.push(tenth[0]);
    out.push(words[words.length - 1][0]); // the rarest
    const middle = words[Math.floor(words.length / 2)][0];
    if (middle !== common) out.push(`${common} ${middle}`);
  }
  pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (pairs.length) {
    const pair = pairs[0][0];
    out.push(pair);
    // A longer run: the pair with the characters around it in a notice's text. A file of
    // f/ holds one notice's fragment, or a list of them (meta.json's fragments_per_file).
    const files = Math.ceil(Math.min(meta.pages, 5000) / (meta.fragments_per_file || 1));
    search: for (let n = 0; n < files; n++) {
      const path = join(folder, "f", `${n}.json`);
      if (!existsSync(path)) continue;
      const data = JSON.parse(readFileSync(path, "utf-8"));
      for (const fragment of Array.isArray(data) ? data : [data]) {
        const whole = String(fragment?.text ?? "");
        const at = whole.indexOf(pair);
        if (at < 0) continue;
        const text = [...whole];
        const start = [...whole.slice(0, at)].length;
        const run = text.slice(Math.max(0, start - 1), start + 3);
        if (run.length === 4 && run.every(isCjk)) {
          out.push(run.join(""));
          break search;
        }
      }
    }
  }
  return [...new Set(out)];
}

// --- The server ----------------------------------------------------------------------------

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".ico": "image/x-icon", ".woff2": "font/woff2",
};
const log = []; // { path, status, bytes, gzip }
let inFlight = 0;
let lastActivity = Date.now();

const server = createServer((req, res) => {
  inFlight++;
  lastActivity = Date.now();
  res.on("close", () => {
    inFlight--;
    lastActivity = Date.now();
  });
  const record = (status, body) => {
    const bytes = body ? body.length : 0;
    log.push({ path: req.url, status, bytes, gzip: bytes ? gzipSync(body).length : 0 });
  };
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    path = "/";
  }
  let file = join(output, path);
  if (!file.startsWith(output + sep) && file !== output) file = join(output, "404.html");
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const body = readFileSync(file);
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { ETag: etag });
      res.end();
      record(304, null);
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Content-Length": body.length, ETag: etag });
    res.end(body);
    record(200, body);
  } catch {
    const body = Buffer.from("not found\n");
    res.writeHead(404, { "Content-Type": "text/plain", "Content-Length": body.length });
    res.end(body);
    record(404, body);
  }
});

await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

/** Resolves once no request is open and none started for `quietMs`. */
async function networkQuiet(quietMs = 500) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (inFlight === 0 && Date.now() - lastActivity >= quietMs) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`the network did not go quiet within ${timeoutMs / 1000} s`);
}

/** Page errors, each once, with how many times it came. */
function summarise(errors) {
  const counts = new Map();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].map(([e, n]) => (n > 1 ? `${e} (${n} times)` : e)).join("; ");
}

const sum = (entries) => ({
  requests: entries.length,
  bytes: entries.reduce((n, e) => n + e.bytes, 0),
  gzip: entries.reduce((n, e) => n + e.gzip, 0),
  notFound: entries.filter((e) => e.status === 404).map((e) => e.path),
});

// --- The browser ---------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

const statusSelector = "#search [role=status], #search [aria-live], .search-status, #search-status";

/** A new context and page on the search page, with its input ready. */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await page.goto(base + pagePath, { timeout: timeoutMs });
  const input = page.locator("#search-input");
  try {
    await input.waitFor({ state: "visible", timeout: timeoutMs });
  } catch {
    const api = await page.evaluate(() => typeof window.GazetteSearch).catch(() => "?");
    throw new Error(
      `the search page has no visible #search-input after ${timeoutMs / 1000} s ` +
        `(window.GazetteSearch is ${api}): is the search client (assets/search.js) written yet?` +
        (errors.length ? `\n  page errors: ${summarise(errors)}` : ""),
    );
  }
  return { context, page, input, errors };
}

let failed = false;
const rows = [];
let defaults = [];
if (!only) {
  try {
    defaults = defaultQueries();
  } catch (e) {
    console.error(`search_query.mjs: could not pick queries from the index (${e.message}); only the given queries run`);
  }
}
const queries = [...defaults, ...given];
const fmt = (n) => n.toLocaleString("en-GB");

try {
  // Page load, empty cache.
  let first;
  try {
    first = await openPage();
  } catch (e) {
    await networkQuiet().catch(() => {});
    const load = sum(log);
    console.log(`page load (${pagePath}): ${load.requests} requests, ${fmt(load.bytes)} bytes (${fmt(load.gzip)} gzipped)`);
    for (const e of log) console.log(`  ${e.status} ${e.path} ${fmt(e.bytes)}`);
    throw e;
  }
  await networkQuiet();
  const load = sum(log);
  await first.context.close();

  for (const query of queries) {
    let opened;
    try {
      opened = await openPage();
      await networkQuiet();
      const { page, input, errors } = opened;
      const statusBefore = await page.locator(statusSelector).allInnerTexts().then((t) => t.join(" "), () => "");
      const from = log.length;
      const started = Date.now();
      await input.fill(query);
      // Results, or a status whose text changed (e.g. "No results"), whichever comes first.
      const done = await page
        .waitForFunction(
          ([sel, before]) => {
            // The client's own words (data-word-* on #search), else its English defaults.
            const words = document.getElementById("search")?.dataset ?? {};
            const loading = (words.wordLoading || "Searching…").trim();
            const failed = (words.wordFailed || "Search is not available at the moment.").trim();
            const status = [...document.querySelectorAll(sel)].map((e) => e.innerText).join(" ").trim();
            if (status && status === failed) return "failed";
            if (status === loading) return false;
            if (status && status !== before.trim()) return "status";
            return document.querySelector(".search-result-link") ? "results" : false;
          },
          [statusSelector, statusBefore],
          { timeout: timeoutMs, polling: 50 },
        )
        .then((h) => h.jsonValue())
        .catch(() => null);
      const ms = Date.now() - started;
      await networkQuiet();
      const got = sum(log.slice(from));
      const shown = await page.locator(".search-result-link").count();
      const status = (await page.locator(statusSelector).allInnerTexts().catch(() => [])).join(" ").trim();
      // The number of notices found, as the status says it ("2 results for …"; "No results"
      // says none); else the results shown.
      const said = status.match(/\d[\d,]*/);
      const results = done === "failed" ? "failed" : said ? said[0].replace(/,/g, "") : /^no\b/i.test(status) ? "0" : String(shown);
      if (done === "failed") {
        failed = true;
        console.error(`search_query.mjs: ${JSON.stringify(query)}: the search page says "${status}"` + (errors.length ? `; page errors: ${summarise(errors)}` : ""));
      }
      if (!done) {
        failed = true;
        console.error(
          `search_query.mjs: ${JSON.stringify(query)}: neither .search-result-link nor a search status ` +
            `(${statusSelector}) appeared within ${timeoutMs / 1000} s` + (errors.length ? `; page errors: ${summarise(errors)}` : ""),
        );
      }
      rows.push({ query, results: done ? results : "timeout", shown, ...got, ms: done && done !== "failed" ? ms : null, status });
    } catch (e) {
      failed = true;
      console.error(`search_query.mjs: ${JSON.stringify(query)}: ${e.message}`);
      rows.push({ query, results: "error", shown: 0, requests: 0, bytes: 0, gzip: 0, ms: null, notFound: [], status: "" });
    } finally {
      await opened?.context.close();
    }
  }

  console.log(`Search page ${base}${pagePath} (${output})`);
  console.log(
    `page load, empty cache: ${load.requests} requests, ${fmt(load.bytes)} bytes (${fmt(load.gzip)} gzipped)` +
      (load.notFound.length ? `; not found: ${load.notFound.join(" ")}` : ""),
  );
  const biggest = [...log.slice(0, load.requests)].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  console.log(`  largest: ${biggest.map((e) => `${e.path} ${fmt(e.bytes)}`).join(", ")}`);
  if (rows.length) {
    console.log("each query, on a freshly loaded page with an empty cache (its loading not counted):");
    // Column width in the terminal: Chinese and Japanese characters take two.
    const width = (t) => [...t].reduce((n, c) => n + (isCjk(c) ? 2 : 1), 0);
    const pad = (t, w) => t + " ".repeat(Math.max(0, w - width(t)));
    const w = Math.max(5, ...rows.map((r) => width(JSON.stringify(r.query))));
    console.log(`  ${"query".padEnd(w)} ${"results".padStart(8)} ${"shown".padStart(6)} ${"requests".padStart(9)} ${"bytes".padStart(11)} ${"gzipped".padStart(11)} ${"ms".padStart(7)}`);
    for (const r of rows) {
      console.log(
        `  ${pad(JSON.stringify(r.query), w)} ${r.results.padStart(8)} ${String(r.shown).padStart(6)} ${String(r.requests).padStart(9)} ${fmt(r.bytes).padStart(11)} ${fmt(r.gzip).padStart(11)} ${(r.ms === null ? "-" : String(r.ms)).padStart(7)}` +
          (r.notFound.length ? `  not found: ${r.notFound.join(" ")}` : ""),
      );
    }
    const completed = rows.filter((r) => r.ms !== null);
    if (completed.length) {
      const max = Math.max(...completed.map((r) => r.bytes));
      console.log(`largest query: ${fmt(max)} bytes (${(max / 1024).toFixed(1)} KB; issue 17 target: at most 300 KB)`);
    } else console.log("largest query: none completed");
  }
} catch (e) {
  failed = true;
  console.error(`search_query.mjs: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
