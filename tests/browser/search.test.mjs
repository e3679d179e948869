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

// Issue 16: a tag, a section and a title that look like markup are shown as text, in the
// results, their excerpts and the filters; nothing of them runs or becomes an element.
test("a tag, a section and a title that look like markup are shown as text, never run", async () => {
  const evil = "<img src=x onerror=alert(1)>";
  const hostile = tempSite("gazette-search-xss-");
  hostile.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n');
  hostile.write("content/evil/_index.md", `+++\ntitle = "${evil}"\n+++\n`);
  hostile.write(
    "content/evil/hostile.md",
    `+++\ntitle = "Zanzibar <script>alert(2)</script> ${evil}"\ndate = 2026-11-20\ntags = ["${evil}", "R&D"]\n+++\n` +
      "Zanzibar `<img src=x onerror=alert(3)>` and R&D.\n",
  );
  const started = await serve(hostile.root);
  const page = await browser.newPage();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await searchIndexReady(started.base);
    await page.goto(`${started.base}search/`);
    const input = page.locator(".pagefind-ui__search-input");
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill("Zanzibar");
    const results = page.locator(".pagefind-ui__result-link");
    await results.first().waitFor({ timeout: TIMEOUT });
    // Open every filter group (and the filter panel, on a narrow screen) once they are there.
    await page.locator(".pagefind-ui__filter-name").first().waitFor({ timeout: TIMEOUT });
    await page.evaluate(() => document.querySelectorAll("#search details").forEach((d) => (d.open = true)));
    await page.locator(".pagefind-ui__filter-label").first().waitFor({ timeout: TIMEOUT });
    // An <img> with a broken src fires onerror at once; give it time anyway.
    await page.waitForTimeout(1000);

    assert.deepEqual(dialogs, [], "a notice's value ran as script");
    assert.equal(await page.locator('img[src="x"]').count(), 0, "a notice's value became an <img>");
    assert.equal(await page.locator("#search script").count(), 0, "a notice's value became a <script>");
    assert.deepEqual(await results.allInnerTexts(), [`Zanzibar <script>alert(2)</script> ${evil}`]);
    const labels = (await page.locator(".pagefind-ui__filter-label").allInnerTexts()).map((t) => t.trim());
    assert.ok(labels.some((l) => l.startsWith(evil)), `the tag and section are not shown as text: ${JSON.stringify(labels)}`);
    assert.ok(labels.some((l) => l.startsWith("R&D")), `R&D is not shown as written: ${JSON.stringify(labels)}`);
    const excerpt = await page.locator(".pagefind-ui__result-excerpt").first().innerText();
    assert.ok(excerpt.includes("<img src=x onerror=alert(3)>"), `the excerpt does not show the text: ${excerpt}`);
    // The searched word is still marked.
    assert.ok((await page.locator(".pagefind-ui__result-excerpt mark").count()) > 0, "the searched word is not marked");

    // Filtering by the hostile tag still finds the notice.
    await page.locator(".pagefind-ui__filter-label", { hasText: "R&D" }).first().click();
    await page.waitForTimeout(1000);
    assert.deepEqual(await results.allInnerTexts(), [`Zanzibar <script>alert(2)</script> ${evil}`]);
    assert.deepEqual(dialogs, [], "a notice's value ran as script");
    assert.deepEqual(errors, [], "the search page threw");
  } finally {
    await page.close();
    started.server.kill();
    hostile.remove();
  }
});
