// A real browser on the search page, with the real page and script (assets/search.js) and
// the index gazette writes: a site built under a sub-path (/gov/news/) and served by a plain
// static file server; a site at the root under `gazette serve`; a site in two languages;
// drafts; titles, sections and tags that look like markup; recall and precision over a few
// dozen generated notices in English and Chinese; a query in the address. Run by .ci/run;
// never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { TIMEOUT, tempSite, serve, build, searchIndexReady, previewFolder, launch } from "./preview.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

// ---- Helpers.

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json",
  ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain",
};

/** A plain static file server of `dir` under the path `prefix` (e.g. `/gov/news/`), as a web
 * server would publish a built site: `{ base, close }`. */
function staticServer(dir, prefix) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.startsWith(prefix) ? resolve(dir, `.${sep}${path.slice(prefix.length)}`) : null;
    if (file && !file.startsWith(dir)) file = null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file || !existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(existsSync(join(dir, "404.html")) ? readFileSync(join(dir, "404.html")) : "not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () =>
      ok({ base: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => new Promise((done) => server.close(done)) }),
    ),
  );
}

/** A page that records script errors and dialogs (a value of a notice that ran). */
async function openPage(url) {
  const page = await browser.newPage();
  page.errors = [];
  page.dialogs = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("dialog", (d) => {
    page.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  await page.locator("#search-input").waitFor({ timeout: TIMEOUT });
  return page;
}

/** Waits until the status names `query` (the search is done), and returns it. */
async function settled(page, query) {
  await page.waitForFunction(
    (q) => document.getElementById("search-status").textContent.includes(`“${q}”`),
    query,
    { timeout: TIMEOUT },
  );
  return page.locator("#search-status").innerText();
}

/** Types `query` into the search page at `url`: its status, and its results' titles and links. */
async function search(url, query) {
  const page = await openPage(url);
  await page.locator("#search-input").pressSequentially(query, { delay: 20 });
  const status = await settled(page, query);
  const links = page.locator(".search-result-link");
  const titles = await links.allInnerTexts();
  const hrefs = await links.evaluateAll((a) => a.map((l) => l.getAttribute("href")));
  assert.deepEqual(page.errors, [], "the search page threw");
  await page.close();
  return { status, titles, hrefs };
}

// ---- A site under a sub-path, built by `gazette build` and served by a plain file server,
// with generated notices in English and Chinese for recall and precision.

// Deterministic choices.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// English: the sentences of the wire copy sample, and some of our own.
const ENGLISH = [
  ...readFileSync(resolve(here, "../fixtures/sample-notice.txt"), "utf8")
    .split("\n").slice(2).join(" ").split(/(?<=[.!?])\s+/).map((s) => s.trim())
    .filter((s) => s.length > 20 && !/["(]/.test(s)),
  "The service hall will open at nine in the morning from Monday to Friday.",
  "Applications for housing subsidies can be submitted online from the second quarter.",
  "Mobile service units will visit remote townships every two weeks during the summer.",
  "The pension payment calendar for 2026 is published on the bureau's website.",
  "Designated hospitals will report waiting times for veterans every quarter.",
  "More than 120 employers took part in the spring job fair, offering 2,000 positions.",
  "Vocational colleges will offer short courses in logistics, healthcare support and information technology.",
  "Applicants who cannot apply online may ask their county office for help.",
  "The open-data service publishes quarterly service statistics in CSV format.",
  "Caseworkers from fourteen prefectures attended the three-day training seminar.",
];
const ENGLISH_TITLES = [
  "Bureau announces spring job fair for veterans", "Service hall adjusts winter office hours",
  "Pension payment dates confirmed for 2026", "Housing subsidy applications open online",
  "Mobile service units reach remote townships", "Healthcare coordination meeting held",
  "Caseworker training seminar concludes", "Annual work conference sets priorities",
  "Open data service publishes quarterly statistics", "Regulation on pension adjustment explained",
  "Veterans employment symposium held in Urumqi", "New appointment system for county offices",
  "Bureau signs agreement with vocational colleges", "Records digitisation project begins",
  "Memorial facilities inspected before Qingming", "Preferential treatment cards issued online",
  "Survey of veterans housing needs launched", "Winter relief visits to families in need",
  "Statistics on resettlement published", "Guidance on entrepreneurship loans issued",
];
const CHINESE = [
  "6月14日下午，区域退役军人事务局在乌鲁木齐召开退役军人就业创业工作座谈会。",
  "人力资源、教育、财政等部门的有关负责同志，部分用人单位代表和退役军人代表参加会议。",
  "会议指出，今年以来，各地认真落实退役军人就业创业扶持政策，组织开展专场招聘活动十余场。",
  "适应性培训和职业技能培训覆盖面持续扩大，一批退役军人在新的岗位上发挥了积极作用。",
  "用人单位代表介绍了吸纳退役军人就业的做法和体会，希望进一步加强岗位信息对接。",
  "退役军人代表结合自身经历，就职业技能培训课程设置、创业贷款申请流程等问题提出了具体意见。",
  "会议要求，要把退役军人就业创业工作摆在更加突出的位置，健全岗位信息收集发布机制。",
  "要优化创业扶持服务，简化申请材料，缩短办理时限。",
  "要加强跟踪服务，及时帮助退役军人解决就业过程中遇到的实际困难。",
  "区域退役军人事务局有关负责同志表示，将认真梳理座谈会上提出的意见建议，逐项研究落实。",
  "为进一步方便退役军人和其他优抚对象办理业务，区域退役军人事务局决定调整服务大厅对外办公时间。",
  "服务电话的接听时间与服务大厅办公时间保持一致。",
  "群众也可以通过网上服务平台提交申请、查询办理进度，网上平台全天开放。",
  "由此带来的不便，敬请谅解。",
  "法定节假日休息，具体安排另行通知。",
  "自治区将于明年一季度起全面推行优待证网上申领，申请人无需提交纸质材料。",
  "各地要做好抚恤金和生活补助的按时足额发放，确保政策落实到位。",
  "春节前夕，各级退役军人事务部门组织走访慰问困难退役军人家庭。",
  "此次招聘会共有一百二十家企业参加，提供岗位两千余个，涉及物流、医疗、信息技术等行业。",
  "定点医院将为优抚对象开设优先窗口，并每季度报告就诊等候时间。",
  "移动服务车将继续深入偏远乡镇，为行动不便的老年退役军人上门办理业务。",
  "住房补贴申请自第二季度起可在网上提交，县级服务站将为无法上网的群众代为办理。",
  "培训班为期三天，课程包括政策解读、业务操作和案例分析。",
  "参加培训的学员来自全区十四个地州市的退役军人服务站。",
  "会议强调，要坚持以人民为中心，把好事办好、实事办实。",
  "数据开放平台每季度公布服务统计数据，接受社会监督。",
  "今年全区共接收安置退役军人三千余人，安置率达到百分之百。",
  "各县市要建立健全退役军人信息档案，做到底数清、情况明。",
  "如有疑问，请在办公时间内拨打服务电话咨询。",
  "退役军人事务局与卫生健康委员会签署合作协议，共同推进医疗保障服务。",
];
const CHINESE_TITLES = [
  "退役军人就业创业工作座谈会召开", "服务大厅调整冬季办公时间", "优待证网上申领全面推行",
  "抚恤金发放工作部署会召开", "春节走访慰问困难家庭", "退役军人专场招聘会举行", "定点医院开设优先窗口",
  "移动服务车深入偏远乡镇", "住房补贴网上申请开通", "服务站工作人员培训班开班", "全区退役军人工作会议召开",
  "数据开放平台上线运行", "接收安置工作圆满完成", "信息档案建设工作推进会召开", "医疗保障合作协议签署",
  "创业贷款政策解读", "职业技能培训计划发布", "烈士纪念设施保护工作检查", "双拥模范城创建动员会召开",
  "退役军人权益保障条例宣讲",
];

/** `count` paragraphs of 2 or 3 sentences from `pool`. */
function paragraphs(pool, next, count) {
  const out = [];
  for (let p = 0; p < count; p++) {
    const n = 2 + Math.floor(next() * 2);
    out.push(Array.from({ length: n }, () => pool[Math.floor(next() * pool.length)]).join(pool === CHINESE ? "" : " "));
  }
  return out;
}

/** The generated notices: `{ title, paragraphs, kind, file, lang }`. */
function corpus() {
  const next = random(16);
  const notices = [];
  ENGLISH_TITLES.forEach((title, i) =>
    notices.push({ kind: "en", title, paragraphs: paragraphs(ENGLISH, next, 3), file: `content/news/en-${i}.md` }),
  );
  CHINESE_TITLES.forEach((title, i) =>
    notices.push({ kind: "zh", title, paragraphs: paragraphs(CHINESE, next, 3), file: `content/policy/zh-${i}.md`, lang: "zh-Hans" }),
  );
  notices.push({
    kind: "mixed", title: "Joint notice on veterans services in both languages", file: "content/news/mixed-0.md",
    paragraphs: [...paragraphs(ENGLISH, next, 2), CHINESE[12] + CHINESE[20]],
  });
  notices.push({
    kind: "mixed", title: "Bilingual summary of the employment symposium", file: "content/news/mixed-1.md",
    paragraphs: [paragraphs(ENGLISH, next, 1)[0], CHINESE[0] + CHINESE[5], paragraphs(ENGLISH, next, 1)[0]],
  });
  return notices;
}

function writeNotice(site, n, i) {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const month = String(1 + Math.floor(i / 28)).padStart(2, "0");
  site.write(
    n.file,
    `+++\ntitle = "${n.title}"\ndate = 2025-${month}-${day}\n${n.lang ? `lang = "${n.lang}"\n` : ""}tags = ["${n.kind === "zh" ? "政策" : "veterans"}"]\n+++\n` +
      `${n.paragraphs.join("\n\n")}\n`,
  );
}

// What search sees of a text: as assets/search.js and src/search/split.rs normalise it.
const normalise = (text) => text.normalize("NFKC").toLowerCase();

let built; // { site, server, base, notices }

async function subPathSite() {
  if (built) return built;
  const site = tempSite("gazette-search-subpath-");
  site.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov/gov/news/"\n');
  site.write("content/news/_index.md", '+++\ntitle = "News"\n+++\n');
  site.write("content/policy/_index.md", '+++\ntitle = "Policy"\n+++\n');
  const notices = corpus();
  notices.forEach((n, i) => writeNotice(site, n, i));
  site.write("content/news/draft.md", '+++\ntitle = "Secret draft"\ndate = 2026-11-22\ndraft = true\n+++\nZeppelinwort secrets.\n');
  const output = join(site.root, "out");
  await build(site.root, output);
  const server = await staticServer(output, "/gov/news/");
  await searchIndexReady(server.base, output);
  built = { site, server, base: server.base, notices };
  return built;
}

after(async () => {
  await built?.server.close();
  built?.site.remove();
});

test("under a sub-path, built and served as files: typing a word shows its notice, and every result link answers", async () => {
  const { base } = await subPathSite();
  const { status, titles, hrefs } = await search(`${base}search/`, "Qingming");
  assert.deepEqual(titles, ["Memorial facilities inspected before Qingming"]);
  assert.match(status, /^1 result for “Qingming”$/);
  assert.deepEqual(hrefs, ["/gov/news/news/memorial-facilities-inspected-before-qingming/"]);

  // A common word: more than a page of results, all links under /gov/news/ and all there.
  const page = await openPage(`${base}search/`);
  await page.locator("#search-input").fill("the");
  const many = await settled(page, "the");
  const total = Number(many.match(/^(\d+) results/)[1]);
  assert.ok(total > 20, many);
  const links = page.locator(".search-result-link");
  assert.equal(await links.count(), 10);
  await page.locator("#search-more").click();
  await page.waitForFunction(() => document.querySelectorAll(".search-result-link").length === 20, null, { timeout: TIMEOUT });
  // The keyboard goes on from the first new result.
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelectorAll(".search-result-link")[10]), true);
  // Clicked twice at once, it still shows each result once.
  await page.locator("#search-more").evaluate((b) => (b.click(), b.click()));
  const third = Math.min(30, total);
  await page.waitForFunction((n) => document.querySelectorAll(".search-result-link").length === n, third, { timeout: TIMEOUT });
  await page.waitForTimeout(300);
  assert.equal(await links.count(), third);
  for (let n = 40; n < total + 10; n += 10) {
    await page.locator("#search-more").click();
    await page.waitForFunction((n) => document.querySelectorAll(".search-result-link").length === n, Math.min(n, total), { timeout: TIMEOUT });
  }
  assert.equal(await page.locator("#search-more").isVisible(), false);
  const all = await links.evaluateAll((a) => a.map((l) => l.getAttribute("href")));
  const origin = new URL(base).origin;
  for (const href of all) {
    assert.ok(href.startsWith("/gov/news/") && !href.startsWith("/gov/news/gov/news/"), href);
    const r = await fetch(origin + href);
    assert.equal(r.status, 200, href);
  }
  assert.equal(new Set(all).size, total, "a notice is listed twice");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("drafts are not found", async () => {
  const { base } = await subPathSite();
  const { status, titles } = await search(`${base}search/`, "Zeppelinwort");
  assert.deepEqual(titles, []);
  assert.equal(status, "No results for “Zeppelinwort”");
});

test("a query in the address shows its results on load, and the address follows the query and filters", async () => {
  const { base } = await subPathSite();
  const page = await openPage(`${base}search/?q=Qingming`);
  assert.equal(await page.locator("#search-input").inputValue(), "Qingming");
  await settled(page, "Qingming");
  assert.deepEqual(await page.locator(".search-result-link").allInnerTexts(), ["Memorial facilities inspected before Qingming"]);
  // The cursor is in the search box at once.
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  await page.locator("#search-input").fill("优待证");
  await settled(page, "优待证");
  await page.locator("#search-section").selectOption("Policy");
  await page.waitForFunction(() => location.search.includes("section=Policy"), null, { timeout: TIMEOUT });
  assert.equal(new URL(page.url()).searchParams.get("q"), "优待证");
  await page.close();
  // A filter alone lists its notices, newest first.
  const tagged = await openPage(`${base}search/?tag=${encodeURIComponent("政策")}`);
  await settled(tagged, "政策");
  assert.equal(await tagged.locator("#search-tag").inputValue(), "政策");
  assert.match(await tagged.locator("#search-status").innerText(), /^20 results/);
  const titles = await tagged.locator(".search-result-link").allInnerTexts();
  assert.deepEqual(titles.slice(0, 2), [CHINESE_TITLES[19], CHINESE_TITLES[18]]);
  assert.deepEqual(tagged.errors, []);
  await tagged.close();
});

test("recall and precision: every English word and every run of 2 or 3 Chinese characters finds its notice", async () => {
  const { base, notices } = await subPathSite();
  // The queries, and the notices that hold each.
  const english = new Map(), chinese = new Map();
  const add = (map, q, n) => (map.get(q) ?? map.set(q, new Set()).get(q)).add(n);
  for (const n of notices) {
    const text = `${n.title}\n${n.paragraphs.join("\n")}`;
    for (const w of normalise(text).match(/[a-z0-9]+/g) ?? []) add(english, w, n);
    for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
      for (const len of [2, 3]) for (let i = 0; i + len <= run.length; i++) add(chinese, run.slice(i, i + len), n);
    }
  }
  const page = await openPage(`${base}search/`);
  await page.waitForFunction(() => typeof window.GazetteSearch?.search === "function", null, { timeout: TIMEOUT });
  const ask = (queries) =>
    page.evaluate(async (qs) => {
      const out = [];
      for (const q of qs) {
        const results = await window.GazetteSearch.search(q);
        out.push(results.map((r) => [r.title, r.url]));
      }
      return out;
    }, queries);
  const byTitle = new Map(notices.map((n) => [n.title, n]));
  const figures = {};
  for (const [name, map] of [["English", english], ["Chinese", chinese]]) {
    const queries = [...map.keys()];
    const answers = await ask(queries);
    let pairs = 0, found = 0, returned = 0, right = 0, mixedPairs = 0, mixedFound = 0;
    const missed = [];
    queries.forEach((q, i) => {
      const titles = new Set(answers[i].map(([t]) => t));
      for (const [, url] of answers[i]) assert.ok(url.startsWith("/gov/news/"), url);
      for (const n of map.get(q)) {
        pairs++;
        if (titles.has(n.title)) found++;
        else missed.push(`${q} → ${n.title}`);
        if (n.kind === "mixed") (mixedPairs++, titles.has(n.title) && mixedFound++);
      }
      for (const t of titles) {
        returned++;
        const n = byTitle.get(t);
        if (n && normalise(`${n.title}\n${n.paragraphs.join("\n")}`).includes(normalise(q))) right++;
      }
    });
    figures[name] = { queries: queries.length, pairs, recall: found / pairs, precision: right / returned, mixedPairs, mixedFound };
    console.log(
      `${name}: ${queries.length} queries, recall ${found}/${pairs} = ${((100 * found) / pairs).toFixed(2)} %, ` +
        `pages holding the query ${right}/${returned} = ${((100 * right) / returned).toFixed(2)} %, ` +
        `mixed notices found ${mixedFound}/${mixedPairs}` + (missed.length ? `; missed: ${missed.slice(0, 10).join("; ")}` : ""),
    );
  }
  assert.ok(figures.English.recall >= 0.99, `English recall ${figures.English.recall}`);
  assert.ok(figures.Chinese.recall >= 0.99, `Chinese recall ${figures.Chinese.recall}`);
  assert.ok(figures.Chinese.precision >= 0.95, `Chinese precision ${figures.Chinese.precision}`);
  for (const name of ["English", "Chinese"]) {
    assert.ok(figures[name].mixedPairs > 0, `no ${name} query of a mixed notice`);
    assert.equal(figures[name].mixedFound, figures[name].mixedPairs, `mixed notices missed by ${name} queries`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- Sites under `gazette serve`.

/** Serves `site` with `gazette serve`, waits for its index, runs `body(base)`, and stops. */
async function served(site, body) {
  const started = await serve(site.root);
  try {
    await searchIndexReady(started.base, previewFolder(site.root));
    await body(started.base);
  } finally {
    started.server.kill();
    site.remove();
  }
}

test("at the root under gazette serve: an English word, a Chinese word inside a sentence, and no draft", async () => {
  const site = tempSite("gazette-search-");
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
  await served(site, async (base) => {
    const urumqi = await search(`${base}search/`, "Urumqi");
    assert.deepEqual(urumqi.titles, ["Work conference held"]);
    assert.deepEqual(urumqi.hrefs, ["/news/work-conference-held/"]);
    assert.equal((await fetch(new URL(urumqi.hrefs[0], base))).status, 200);
    assert.deepEqual((await search(`${base}search/`, "就业")).titles, ["座谈会召开"]);
    assert.deepEqual((await search(`${base}search/`, "secrets")).titles, []);
  });
});

test("on a site in two languages, each search page searches its own language", async () => {
  const two = tempSite("gazette-search-two-");
  two.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n[languages.zh-Hans]\ntitle = "搜索测试局"\n');
  two.write("content/news/conference.md", '+++\ntitle = "Work conference held"\ndate = 2026-11-20\n+++\nThe conference was held in Urumqi on Monday.\n');
  two.write("content/news/conference.zh-Hans.md", '+++\ntitle = "工作会议召开"\ndate = 2026-11-20\n+++\n会议周一在乌鲁木齐（Urumqi）召开。\n');
  await served(two, async (base) => {
    assert.deepEqual((await searchIndexReady(base, previewFolder(two.root))).sort(), ["en", "zh-Hans"]);
    const english = await search(`${base}search/`, "Urumqi");
    assert.deepEqual(english.titles, ["Work conference held"]);
    assert.deepEqual((await search(`${base}search/`, "乌鲁木齐")).titles, []);
    const chinese = await search(`${base}zh-Hans/search/`, "Urumqi");
    assert.deepEqual(chinese.titles, ["工作会议召开"]);
    assert.deepEqual(chinese.hrefs, ["/zh-Hans/news/gong-zuo-hui-yi-zhao-kai/"]);
    // The Chinese page speaks Chinese.
    assert.equal(chinese.status, "找到 1 条与“Urumqi”相关的结果");
    assert.deepEqual((await search(`${base}zh-Hans/search/`, "乌鲁木齐")).titles, ["工作会议召开"]);
  });
});

// Issue 16: a tag, a section and a title that look like markup are shown as text, in the
// results, their excerpts and the filters; nothing of them runs or becomes an element.
test("a tag, a section and a title that look like markup are shown as text, never run", async () => {
  const evil = "<img src=x onerror=alert(1)>";
  const title = `Zanzibar <script>alert(2)</script> ${evil}`;
  const hostile = tempSite("gazette-search-xss-");
  hostile.write("site.toml", 'title = "Search Test Bureau"\nbase_url = "https://news.example.gov"\n');
  hostile.write("content/evil/_index.md", `+++\ntitle = "${evil}"\n+++\n`);
  hostile.write(
    "content/evil/hostile.md",
    `+++\ntitle = "${title}"\ndate = 2026-11-20\ntags = ["${evil}", "R&D"]\n+++\n` +
      "Zanzibar `<img src=x onerror=alert(3)>` and R&D.\n",
  );
  hostile.write("content/evil/other.md", '+++\ntitle = "Zanzibar again"\ndate = 2026-11-21\n+++\nZanzibar, plainly.\n');
  await served(hostile, async (base) => {
    const page = await openPage(`${base}search/`);
    try {
      await page.locator("#search-input").fill("Zanzibar");
      await settled(page, "Zanzibar");
      const results = page.locator(".search-result-link");
      // An <img> with a broken src fires onerror at once; give it time anyway.
      await page.waitForTimeout(500);
      assert.deepEqual(page.dialogs, [], "a notice's value ran as script");
      assert.equal(await page.locator('img[src="x"]').count(), 0, "a notice's value became an <img>");
      assert.equal(await page.locator("#search script").count(), 0, "a notice's value became a <script>");
      assert.deepEqual(await results.allInnerTexts(), ["Zanzibar again", title]);
      const options = async (id) => (await page.locator(`#${id} option`).allInnerTexts()).map((t) => t.trim());
      assert.ok((await options("search-section")).includes(evil), "the section is not shown as text");
      const tags = await options("search-tag");
      assert.ok(tags.includes(evil) && tags.includes("R&D"), `the tags are not shown as written: ${JSON.stringify(tags)}`);
      const meta = await page.locator(".search-result-meta").allInnerTexts();
      assert.ok(meta.some((m) => m.includes(evil)), `the section is not shown in the result: ${JSON.stringify(meta)}`);
      const excerpt = await page.locator(".search-result-excerpt").nth(1).innerText();
      assert.ok(excerpt.includes("<img src=x onerror=alert(3)>"), `the excerpt does not show the text: ${excerpt}`);
      // The searched word is still marked.
      assert.ok((await page.locator(".search-result-excerpt mark").count()) > 0, "the searched word is not marked");

      // Filtering by the hostile tags still finds the notice.
      await page.locator("#search-tag").selectOption("R&D");
      await page.waitForFunction(() => document.querySelectorAll(".search-result-link").length === 1, null, { timeout: TIMEOUT });
      assert.deepEqual(await results.allInnerTexts(), [title]);
      assert.equal(new URL(page.url()).searchParams.get("tag"), "R&D");
      await page.locator("#search-tag").selectOption(evil);
      await page.locator("#search-input").fill("");
      await settled(page, evil);
      assert.deepEqual(await results.allInnerTexts(), [title]);
      assert.deepEqual(page.dialogs, [], "a notice's value ran as script");
      assert.equal(await page.locator('img[src="x"]').count(), 0, "a notice's value became an <img>");
      assert.deepEqual(page.errors, [], "the search page threw");
    } finally {
      await page.close();
    }
  });
});
