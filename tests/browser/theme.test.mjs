// The bureau theme in a real browser, on a copy of the repository's sample site served by
// `gazette serve`: axe-core's WCAG 2.0/2.1 A and AA rules (and its best practices) at desktop
// and phone widths in light and dark mode, one h1, landmarks, the skip link, visible focus,
// no sideways scrolling at 320 px and at 200% zoom, the print stylesheet, reading without
// JavaScript, no request to another origin, screenshots for a person to look at, and a
// Chinese site that reads in Chinese. Run by .ci/run; never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TIMEOUT, tempSite, sampleSite, serve, searchIndexReady, previewFolder, launch } from "./preview.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const screenshotDir = resolve(process.env.SCREENSHOT_DIR ?? join(here, "screenshots"));

// The page types the issue names, on the sample site.
const PAGES = [
  ["home", ""],
  ["notice in English", "meetings/region-holds-symposium-on-employment-and-entrepreneurship-of-veterans/"],
  ["notice in Chinese", "meetings/zi-zhi-qu-zhao-kai-tui-yi-jun-ren-jiu-ye-chuang-ye-gong-zuo-zuo-tan-hui/"],
  ["tag index", "tags/"],
  ["tag page", "tags/conferences/"],
  ["person page", "people/li-yang/"],
  ["archive", "archive/"],
  ["search page", "search/"],
  ["404 page", "no-such-page/"],
];
// Further pages: a notice with a reference number, an original title and a table of
// contents, an expired notice, a year of the archive, a second page of a list.
const MORE_PAGES = [
  ["notice with reference and original title", "meetings/promote-the-high-quality-development-of-new-era-retired-military-work/"],
  ["expired notice", "announcements/office-hours-during-the-2024-spring-festival-holiday/"],
  ["notice with attachment", "policy/regulation-on-the-2024-adjustment-of-pensions-and-living-allowances/"],
  ["section", "meetings/"],
  ["year of the archive", "archive/2022/"],
  ["second page", "page/2/"],
  ["people", "people/"],
];
const NOTICE = PAGES[1][1];
const NOTICE_WITH_REFERENCE = MORE_PAGES[0][1];

let site, server, browser, base, origin;

before(async () => {
  site = sampleSite("gazette-theme-");
  ({ server, base } = await serve(site.root));
  origin = new URL(base).host;
  await searchIndexReady(base, previewFolder(site.root));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  site?.remove();
});

/** A browser context that records every request's URL and every script error. */
async function context(options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  ctx.requests = [];
  ctx.errors = [];
  ctx.on("request", (r) => ctx.requests.push(r.url()));
  ctx.on("page", (p) => p.on("pageerror", (e) => ctx.errors.push(e.message)));
  return ctx;
}

/** Fails if any page of `ctx` asked another origin for anything, or threw. */
function assertClean(ctx, host = origin) {
  const foreign = ctx.requests.filter((u) => !u.startsWith("data:") && new URL(u).host !== host);
  assert.deepEqual(foreign, [], "requests to another origin");
  assert.deepEqual(ctx.errors, [], "script errors");
}

/** Opens `path` and checks its structure (see `assertStructure`); on the search page, also
 * searches, so the results are checked too. */
async function open(ctx, path, { query = "veterans" } = {}) {
  const page = await ctx.newPage();
  const response = await page.goto(base + path);
  assert.equal(response.status(), path === "no-such-page/" ? 404 : 200, `status of /${path}`);
  assertStructure(await structure(page), `/${path}`);
  if (path === "search/" && query) {
    const input = page.locator("#search-input");
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(query);
    await page.locator(".search-result-link").first().waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(500);
  }
  return page;
}

/** axe-core's violations on the page, as readable lines. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
  );
}

/** What every page of the theme must have: one h1, landmarks, lang, the skip link first. */
async function structure(page) {
  return page.evaluate(() => {
    const focusable = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
    const first = document.querySelector(focusable);
    const target = first?.getAttribute("href")?.startsWith("#") ? document.getElementById(first.getAttribute("href").slice(1)) : null;
    return {
      h1: document.querySelectorAll("h1").length,
      lang: document.documentElement.lang,
      banner: document.querySelectorAll("body > header").length,
      nav: document.querySelectorAll("body > header nav").length,
      main: document.querySelectorAll("main").length,
      contentinfo: document.querySelectorAll("body > footer").length,
      firstFocusable: first?.className,
      skipTarget: target?.tagName,
      title: document.title,
    };
  });
}

function assertStructure(s, name) {
  assert.equal(s.h1, 1, `${name}: exactly one h1`);
  assert.ok(s.lang, `${name}: lang on html`);
  assert.deepEqual(
    [s.banner, s.nav >= 1, s.main, s.contentinfo],
    [1, true, 1, 1],
    `${name}: one header, a nav in it, one main, one footer`,
  );
  assert.equal(s.firstFocusable, "skip-link", `${name}: the skip link is the first focusable element`);
  assert.equal(s.skipTarget, "MAIN", `${name}: the skip link leads to main`);
  assert.ok(s.title, `${name}: a title`);
}

/** True when the page scrolls sideways. */
const scrollsSideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

for (const scheme of ["light", "dark"]) {
  for (const width of [1280, 360]) {
    test(`axe: 0 violations on every page type, ${width} px, ${scheme}`, async () => {
      const ctx = await context({ viewport: { width, height: 800 }, colorScheme: scheme });
      const problems = [];
      for (const [name, path] of PAGES) {
        const page = await open(ctx, path);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(background, scheme === "dark" ? "rgb(18, 21, 25)" : "rgb(255, 255, 255)", `${name}: ${scheme} palette`);
        problems.push(...(await axeViolations(page)).map((v) => `${name} (/${path}): ${v}`));
        if (width === 360) assert.equal(await scrollsSideways(page), false, `${name}: scrolls sideways at 360 px`);
        await page.close();
      }
      assert.deepEqual(problems, []);
      console.log(`axe ${width} px ${scheme}: ${PAGES.length} pages, 0 violations`);
      assertClean(ctx);
      await ctx.close();
    });
  }
}

test("axe: 0 violations on further pages, desktop and phone, light and dark", async () => {
  const problems = [];
  for (const scheme of ["light", "dark"]) {
    for (const width of [1280, 360]) {
      const ctx = await context({ viewport: { width, height: 800 }, colorScheme: scheme });
      for (const [name, path] of MORE_PAGES) {
        const page = await open(ctx, path);
        problems.push(...(await axeViolations(page)).map((v) => `${name} (/${path}) ${width} px ${scheme}: ${v}`));
        await page.close();
      }
      assertClean(ctx);
      await ctx.close();
    }
  }
  assert.deepEqual(problems, []);
  console.log(`axe: ${MORE_PAGES.length} further pages at 1280 and 360 px, light and dark, 0 violations`);
});

test("usable at 320 px and at 200% zoom: nothing scrolls sideways", async () => {
  // 200% zoom of a 1280 × 800 window lays the page out at 640 × 400 CSS pixels.
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 400, deviceScaleFactor: 2 }]) {
    const ctx = await context({ viewport });
    for (const [name, path] of [...PAGES, ...MORE_PAGES]) {
      const page = await open(ctx, path);
      assert.equal(await scrollsSideways(page), false, `${name} scrolls sideways at ${viewport.width} px`);
      // Every word of the header and of the h1 is inside the window.
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll("h1, .site-nav a, .site-name a")]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((e) => e.textContent),
      );
      assert.deepEqual(outside, [], `${name} at ${viewport.width} px: cut off on the right`);
      await page.close();
    }
    assertClean(ctx);
    await ctx.close();
  }
});

test("the skip link is the first stop of the keyboard, shows itself, and moves focus to main", async () => {
  const ctx = await context();
  for (const [name, path] of PAGES.filter(([, p]) => p !== "search/")) {
    // (The search page puts the cursor in its search box at once.)
    const page = await open(ctx, path);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      const r = e.getBoundingClientRect();
      return { className: e.className, text: e.textContent, width: r.width, height: r.height, top: r.top };
    });
    assert.equal(focused.className, "skip-link", `${name}: first Tab`);
    assert.ok(focused.width > 40 && focused.height > 20 && focused.top >= 0, `${name}: the focused skip link is visible`);
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "main", `${name}: focus after the skip link`);
    await page.close();
  }
  assertClean(ctx);
  await ctx.close();
});

// Runs in the page: the contrast of the focus outline of the focused element with what is
// behind it, and whether it is drawn at all.
function focusRing() {
  const parse = (c) => {
    const p = c.match(/[\d.]+/g).map(Number);
    return { rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 };
  };
  const luminance = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (e) => {
    for (; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c.rgb;
    }
    return parse(getComputedStyle(document.documentElement).backgroundColor).rgb;
  };
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const [l1, l2] = [luminance(parse(s.outlineColor).rgb), luminance(behind(e.parentElement))].sort((a, b) => b - a);
  return {
    element: `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""} “${(e.textContent || e.value || "").trim().slice(0, 40)}”`,
    style: s.outlineStyle,
    width: parseFloat(s.outlineWidth),
    contrast: (l1 + 0.05) / (l2 + 0.05),
  };
}

test("every stop of the keyboard has a visible focus outline, 3:1 against its background, light and dark", async () => {
  for (const scheme of ["light", "dark"]) {
    const ctx = await context({ colorScheme: scheme });
    for (const path of [NOTICE, NOTICE_WITH_REFERENCE, "", "search/"]) {
      const page = await open(ctx, path);
      if (path !== "search/") await page.keyboard.press("Tab"); // the skip link
      const seen = new Set();
      for (let i = 0; i < 60; i++) {
        const ring = await page.evaluate(focusRing);
        if (seen.has(ring.element) && ring.element.startsWith("a.skip-link")) break; // wrapped around
        seen.add(ring.element);
        assert.notEqual(ring.style, "none", `${scheme} /${path}: no focus outline on ${ring.element}`);
        assert.ok(ring.width >= 2, `${scheme} /${path}: thin focus outline on ${ring.element}`);
        assert.ok(ring.contrast >= 3, `${scheme} /${path}: focus outline of ${ring.element} at ${ring.contrast.toFixed(2)}:1`);
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement === document.body)) break;
      }
      assert.ok(seen.size > 5, `/${path}: only ${seen.size} stops`);
      await page.close();
    }
    assertClean(ctx);
    await ctx.close();
  }
});

// Runs in the page: the contrast of the edge of each element matching `selector` with what
// is behind it (WCAG 1.4.11, non-text contrast).
function edges(selector) {
  const parse = (c) => c.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (e) => {
    for (; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map((e) => {
    const [l1, l2] = [luminance(parse(getComputedStyle(e).borderTopColor)), luminance(behind(e.parentElement))].sort((a, b) => b - a);
    return { element: `${e.tagName.toLowerCase()}.${e.className} “${(e.textContent || "").trim().slice(0, 30)}”`, contrast: (l1 + 0.05) / (l2 + 0.05) };
  });
}

test("the edges of controls reach 3:1 against the page, light and dark", async () => {
  for (const scheme of ["light", "dark"]) {
    const ctx = await context({ colorScheme: scheme });
    for (const [path, selector] of [
      ["", ".pagination a"],
      ["archive/2022/", ".year-nav a"],
      [NOTICE, ".tags a"],
      ["search/", "#search-input, #search select"],
    ]) {
      const page = await open(ctx, path);
      const found = await page.evaluate(edges, selector);
      assert.ok(found.length > 0, `/${path}: no ${selector}`);
      for (const { element, contrast } of found) {
        assert.ok(contrast >= 3, `${scheme} /${path}: the edge of ${element} at ${contrast.toFixed(2)}:1`);
      }
      await page.close();
    }
    assertClean(ctx);
    await ctx.close();
  }
});

test("lang marks the passages in another language", async () => {
  const ctx = await context();
  let page = await open(ctx, PAGES[2][1]); // a Chinese notice on an English site
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.locator("h1").getAttribute("lang"), "zh-Hans");
  assert.equal(await page.locator(".notice-body").getAttribute("lang"), "zh-Hans");
  await page.close();
  page = await open(ctx, NOTICE); // its English translation links to it in Chinese
  assert.equal(await page.locator(".translation-of a").getAttribute("lang"), "zh-Hans");
  await page.close();
  page = await open(ctx, NOTICE_WITH_REFERENCE);
  assert.ok(await page.locator(".original-title span[lang]").count(), "the original title carries its lang");
  await page.close();
  page = await open(ctx, "tags/veterans/"); // a listing with notices in both languages
  const titles = await page.locator(".notice-item[lang]").evaluateAll((items) => items.map((i) => i.lang));
  assert.ok(titles.length > 0 && titles.every((l) => l === "zh-Hans"), "Chinese items in an English listing carry lang");
  await page.close();
  assertClean(ctx);
  await ctx.close();
});

test("the footer names the bureau and its contact for media enquiries", async () => {
  const ctx = await context();
  const page = await open(ctx, "");
  const footer = page.locator("body > footer");
  assert.match(await footer.innerText(), /Regional Veterans Affairs Bureau/);
  assert.equal(await footer.locator('address a[href="mailto:press@example.gov"]').count(), 1);
  assert.equal(await footer.locator('address a[href="tel:+869910000000"]').count(), 1);
  assert.match(await footer.locator("address").innerText(), /Press Office/);
  await page.close();
  await ctx.close();
});

test("print: no navigation; the title, dateline, reference number, credits and address are printed", async () => {
  const ctx = await context();
  const page = await open(ctx, NOTICE_WITH_REFERENCE);
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".skip-link", ".site-nav", ".prev-next"]) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is printed`);
  }
  for (const shown of ["h1", ".dateline", ".notice-meta .reference", ".site-name", ".page-url"]) {
    assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} is not printed`);
  }
  assert.match(await page.locator(".notice-meta .reference").innerText(), /RVAB \[2021\] No\. 3/);
  assert.match(
    await page.locator(".page-url").innerText(),
    /https:\/\/news\.example\.gov\/meetings\/promote-the-high-quality-development-of-new-era-retired-military-work\//,
  );
  await page.close();
  const credited = await open(ctx, NOTICE);
  await credited.emulateMedia({ media: "print" });
  assert.equal(await credited.locator(".credits").isVisible(), true, "credits are not printed");
  assert.match(await credited.locator(".credits").innerText(), /Li Yang.*Yang Rui.*Han Ting/s);
  assert.equal(await credited.evaluate(() => getComputedStyle(document.body).color), "rgb(0, 0, 0)", "printed in black");
  await credited.close();
  // Dark mode on screen never reaches paper.
  const dark = await context({ colorScheme: "dark" });
  const darkPage = await open(dark, NOTICE);
  await darkPage.emulateMedia({ media: "print" });
  assert.equal(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)");
  await darkPage.close();
  await dark.close();
  assertClean(ctx);
  await ctx.close();
});

test("a notice reads without JavaScript", async () => {
  const ctx = await context({ javaScriptEnabled: false });
  const page = await open(ctx, NOTICE);
  const h1 = page.locator("h1");
  assert.equal(await h1.isVisible(), true);
  assert.equal(await h1.innerText(), "Region holds symposium on employment and entrepreneurship of veterans");
  const body = page.getByText("On the afternoon of 14 June, the Regional Veterans Affairs Bureau held a symposium");
  assert.equal(await body.isVisible(), true);
  // The stylesheet applies: the header has its colour.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor), "rgb(20, 48, 79)");
  await page.close();
  // The search page says search needs JavaScript and where else to look.
  const search = await open(ctx, "search/", { query: null });
  // (Playwright's text locators do not look inside noscript, so this goes by class.)
  const fallback = search.locator(".search-without-js");
  assert.equal(await fallback.isVisible(), true);
  assert.match(await fallback.innerText(), /Search runs in your browser and needs JavaScript/);
  assert.equal(await search.locator(".search-without-js a").count(), 2);
  await search.close();
  assertClean(ctx);
  await ctx.close();
});

test("screenshots of the home page, a notice and the tag index, desktop and phone", async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const written = [];
  for (const [width, height, scheme] of [[1280, 800, "light"], [360, 740, "light"], [360, 740, "dark"]]) {
    const ctx = await context({ viewport: { width, height }, colorScheme: scheme });
    for (const [name, path] of [["home", ""], ["notice", NOTICE_WITH_REFERENCE], ["tags", "tags/"], ["search", "search/"]]) {
      if (scheme === "dark" && name !== "notice" && name !== "search") continue;
      const page = await open(ctx, path);
      const file = join(screenshotDir, `${name}-${width}${scheme === "dark" ? "-dark" : ""}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
      await page.close();
    }
    assertClean(ctx);
    await ctx.close();
  }
  console.log(`screenshots: ${screenshotDir}\n  ${written.map((f) => f.slice(screenshotDir.length + 1)).join("\n  ")}`);
});

test("a site in Chinese reads in Chinese", async () => {
  const zh = tempSite("gazette-zh-");
  zh.write(
    "site.toml",
    [
      'title = "区域退役军人事务局新闻发布"',
      'base_url = "https://news.example.gov"',
      'language = "zh-Hans"',
      'publisher = "区域退役军人事务局"',
      'timezone = "Asia/Shanghai"',
      'theme = "bureau"',
      "[extra]",
      'media_contact_name = "新闻办公室"',
      'media_contact_email = "press@example.gov"',
      'media_contact_phone = "+86 991 000 0000"',
      "",
    ].join("\n"),
  );
  cpSync(resolve(here, "../../themes"), join(zh.root, "themes"), { recursive: true });
  zh.write("content/news/_index.md", '+++\ntitle = "要闻"\n+++\n');
  zh.write(
    "content/news/symposium.md",
    '+++\ntitle = "退役军人就业创业工作座谈会召开"\ndate = "2026-11-20 15:00"\nlocation = "乌鲁木齐"\nreference = "区退役发〔2026〕3号"\ntags = ["就业", "座谈会"]\n+++\n' +
      "6月14日下午，区域退役军人事务局召开座谈会。\n\n（记者 李阳）（责任编辑：杨睿、韩婷）\n",
  );
  zh.write(
    "content/news/training.md",
    '+++\ntitle = "退役军人服务站工作人员培训班开班"\ndate = "2026-11-21 09:00"\ntags = ["培训"]\n+++\n培训班为期三天。\n\n（记者 王芳）（责任编辑：杨睿）\n',
  );
  const started = await serve(zh.root);
  const zhBase = started.base;
  try {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(zhBase);
    assertStructure(await structure(page), "Chinese home page");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-Hans");
    const home = await page.locator("body").innerText();
    for (const word of ["最新发布", "标签", "人员", "归档", "搜索", "2026年11月21日", "电子邮件", "电话"]) {
      assert.ok(home.includes(word), `the home page lacks “${word}”`);
    }
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "跳到正文");

    await page.locator("a", { hasText: "退役军人就业创业工作座谈会召开" }).first().click();
    await page.locator("h1", { hasText: "退役军人就业创业工作座谈会召开" }).waitFor({ timeout: TIMEOUT });
    assertStructure(await structure(page), "Chinese notice");
    const notice = await page.locator("body").innerText();
    for (const word of ["记者", "责任编辑", "文号", "发布时间", "阅读时间", "2026年11月20日", "乌鲁木齐，2026年11月20日", "下一篇", "标签"]) {
      assert.ok(notice.includes(word), `the notice lacks “${word}”`);
    }
    // No English interface word is left.
    const english = ["Skip to content", "Tags", "People", "Archive", "Search", "By ", "Editors", "Editor", "Previous", "Next", "Reference", "Published", "Reading time", "Email", "Phone"];
    for (const text of [home, notice]) {
      const left = english.filter((w) => text.includes(w));
      assert.deepEqual(left, [], "English words on a Chinese site");
    }
    assert.deepEqual(await axeViolations(page), [], "axe on the Chinese notice");

    await page.goto(`${zhBase}no-such-page/`);
    assertStructure(await structure(page), "Chinese 404 page");
    assert.match(await page.locator("h1").innerText(), /页面未找到/);
    await page.close();
    assertClean(ctx, new URL(zhBase).host);
    await ctx.close();
  } finally {
    started.server.kill();
    zh.remove();
  }
});

test("a site in two languages: the switcher leads to the same page in the other language", async () => {
  // The sample site with [languages.zh-Hans]: its Chinese notices move to /zh-Hans/.
  const two = sampleSite("gazette-two-");
  two.write("site.toml", `${readFileSync(join(two.root, "site.toml"), "utf8")}\n[languages.zh-Hans]\ntitle = "区域退役军人事务局新闻"\n`);
  const started = await serve(two.root);
  try {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${started.base}${NOTICE}`);
    const nav = page.getByRole("navigation", { name: "Languages" });
    await nav.getByRole("link", { name: "简体中文" }).click();
    await page.waitForURL(/\/zh-Hans\/meetings\/zi-zhi-qu-zhao-kai/, { timeout: TIMEOUT });
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-Hans");
    assertStructure(await structure(page), "Chinese notice of a site in two languages");
    assert.deepEqual(await axeViolations(page), [], "axe on the Chinese notice");
    // The Chinese part speaks Chinese: its navigation, and the switcher back.
    const header = await page.locator("header.site-header").innerText();
    for (const word of ["区域退役军人事务局新闻", "标签", "人员", "归档", "English"]) {
      assert.ok(header.includes(word), `the header lacks “${word}”`);
    }
    await page.getByRole("navigation", { name: "语言" }).getByRole("link", { name: "English" }).click();
    await page.waitForURL(new RegExp(`${NOTICE}$`), { timeout: TIMEOUT });
    await page.goto(`${started.base}zh-Hans/`);
    assertStructure(await structure(page), "Chinese home page of a site in two languages");
    assert.deepEqual(await axeViolations(page), [], "axe on the Chinese home page");
    await page.setViewportSize({ width: 320, height: 640 });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "sideways scroll at 320 px");
    await page.close();
    assertClean(ctx, new URL(started.base).host);
    await ctx.close();
  } finally {
    started.server.kill();
    two.remove();
  }
});
