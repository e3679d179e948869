// A real browser on the search page of a built site: a word of an English notice, and a
// Chinese word that appears only inside a sentence of a Chinese notice, are both found,
// through pagefind's own scripts and index. Run by .ci/run; never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { TIMEOUT, tempSite, serve, searchIndexReady, launch } from "./preview.mjs";

let site, server, browser, base;

before(async () => {
  site = tempSite("gazette-search-");
  site.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n');
  site.write(
    "content/news/conference.md",
    '+++\ntitle = "Work conference held"\ndate = 2026-11-20\n+++\nThe conference was held in Urumqi on Monday.\n',
  );
  site.write(
    "content/news/symposium.md",
    '+++\ntitle = "座谈会召开"\ndate = 2026-11-21\nlang = "zh"\n+++\n座谈会指出，要进一步做好退役军人就业创业工作。\n',
  );
  site.write("content/news/draft.md", '+++\ntitle = "Secret draft"\ndate = 2026-11-22\ndraft = true\n+++\nUrumqi secrets.\n');
  ({ server, base } = await serve(site.root));
  await searchIndexReady(base);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  site?.remove();
});

/// Types `query` into the search page at `at` and returns the titles of the results.
async function search(query, at = `${base}search/`) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(at);
  const input = page.locator(".pagefind-ui__search-input");
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill(query);
  const results = page.locator(".pagefind-ui__result-link");
  // Results arrive as the indexes load: wait for the first, then for the count to settle.
  await results.first().waitFor({ timeout: TIMEOUT });
  // The count in the page's language: "2 results", "找到 2 个结果".
  await page.locator(".pagefind-ui__message").filter({ hasText: /result|结果/ }).waitFor({ timeout: TIMEOUT });
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

test("on a site in two languages, each search page searches its own language", async () => {
  const two = tempSite("gazette-search-two-");
  two.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n[languages.zh-Hans]\ntitle = "搜索测试局"\n');
  two.write("content/news/conference.md", '+++\ntitle = "Work conference held"\ndate = 2026-11-20\n+++\nThe conference was held in Urumqi on Monday.\n');
  two.write("content/news/conference.zh-Hans.md", '+++\ntitle = "工作会议召开"\ndate = 2026-11-20\n+++\n会议周一在乌鲁木齐（Urumqi）召开。\n');
  const started = await serve(two.root);
  try {
    await searchIndexReady(started.base);
    const english = await search("Urumqi", `${started.base}search/`);
    assert.deepEqual(english.titles, ["Work conference held"]);
    const chinese = await search("Urumqi", `${started.base}zh-Hans/search/`);
    assert.deepEqual(chinese.titles, ["工作会议召开"]);
    assert.deepEqual(chinese.hrefs, ["/zh-Hans/news/gong-zuo-hui-yi-zhao-kai/"]);
    assert.deepEqual((await search("乌鲁木齐", `${started.base}zh-Hans/search/`)).titles, ["工作会议召开"]);
  } finally {
    started.server.kill();
    two.remove();
  }
});
