// A real browser on the search page of a built site: a word of an English notice, and a
// Chinese word that appears only inside a sentence of a Chinese notice, are both found,
// through pagefind's own scripts and index. Run by .ci/run; never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.GAZETTE_BIN ?? resolve(here, "../../target/debug/gazette");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TIMEOUT = 20_000;

let site, server, browser, base;

const write = (rel, text) => {
  const path = join(site, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

before(async () => {
  site = mkdtempSync(join(tmpdir(), "gazette-search-"));
  write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n');
  write(
    "content/news/conference.md",
    '+++\ntitle = "Work conference held"\ndate = 2026-11-20\n+++\nThe conference was held in Urumqi on Monday.\n',
  );
  write(
    "content/news/symposium.md",
    '+++\ntitle = "座谈会召开"\ndate = 2026-11-21\nlang = "zh"\n+++\n座谈会指出，要进一步做好退役军人就业创业工作。\n',
  );
  write("content/news/draft.md", '+++\ntitle = "Secret draft"\ndate = 2026-11-22\ndraft = true\n+++\nUrumqi secrets.\n');
  server = spawn(binary, ["serve", "--port", "0", "--root", site], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stderr.on("data", (d) => (output += d));
  base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`gazette serve did not start:\n${output}`)), TIMEOUT);
    server.stdout.on("data", (d) => {
      output += d;
      const m = output.match(/at (http:\/\/[^/\s]+\/)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    server.on("exit", (code) => fail(new Error(`gazette serve exited with ${code}:\n${output}`)));
    server.on("error", (e) => fail(new Error(`could not start ${binary}: ${e.message} (set GAZETTE_BIN)`)));
  });
  // serve writes the search index just after the pages: wait for it.
  for (let waited = 0; ; waited += 100) {
    const r = await fetch(`${base}pagefind/pagefind-entry.json`).catch(() => null);
    if (r?.ok) break;
    if (waited > TIMEOUT) throw new Error("the search index never appeared");
    await new Promise((ok) => setTimeout(ok, 100));
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

/// Types `query` into the search page and returns the titles of the results.
async function search(query) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}search/`);
  const input = page.locator(".pagefind-ui__search-input");
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(query);
  const results = page.locator(".pagefind-ui__result-link");
  // Results arrive as the indexes load: wait for the first, then for the count to settle.
  await results.first().waitFor({ timeout: TIMEOUT });
  await page.locator(".pagefind-ui__message").filter({ hasText: /result/ }).waitFor({ timeout: TIMEOUT });
  await page.waitForTimeout(500);
  const titles = await results.allInnerTexts();
  const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.deepEqual(errors, [], "the search page threw");
  await page.close();
  return { titles, hrefs };
}

test("an English word finds its notice, and no draft", async () => {
  const { titles, hrefs } = await search("Urumqi");
  assert.deepEqual(titles, ["Work conference held"]);
  assert.deepEqual(hrefs, ["/news/work-conference-held/"]);
});

test("a Chinese word inside a sentence finds its notice from the English search page", async () => {
  const { titles } = await search("就业");
  assert.deepEqual(titles, ["座谈会召开"]);
});
