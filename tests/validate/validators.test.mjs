// The validators of the built sample site, file by file: the Nu HTML Checker (vnu.jar, run
// with the machine's Java) over every HTML page, the theme's stylesheet and its SVG icon;
// xmllint over every feed and sitemap, and the sitemaps against the sitemaps.org 0.9 schema;
// the JSON Feeds' required fields; and the weight of a notice page. The browser checks
// (axe-core, keyboard, print, screenshots) are in tests/browser/theme.test.mjs.
//
// Run from the repository: `node --test tests/validate/`, after `cargo build` and
// `npm ci` in tests/browser (which installs vnu-jar and the sitemap schema). Needs `java`
// (17 or later) and `xmllint` (Debian: default-jre-headless, libxml2-utils). Errors fail;
// warnings of the HTML checker are printed and do not. Run by .ci/run; never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const browserTests = join(repo, "tests/browser");
const gazette = process.env.GAZETTE_BIN ?? join(repo, "target/debug/gazette");
const requireFromBrowserTests = createRequire(join(browserTests, "package.json"));
const vnuJar = String(requireFromBrowserTests("vnu-jar"));
const sitemapsWithNews = join(here, "sitemaps.xsd"); // imports the one above and sitemap-news.xsd

/** A notice page with its stylesheets may weigh this much, gzipped. */
const WEIGHT_LIMIT = 50 * 1024;

let work, site, newsSite;

/** Runs a command; returns its exit status and output, or throws if it could not start. */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw new Error(`could not run ${command}: ${r.error.message}`);
  return r;
}

/** Every file under `dir` whose name ends with one of `endings`, sorted. */
function files(dir, ...endings) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => endings.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => join(dir, f));
}

/** Builds the sample site (a copy of it, so the build writes nothing in the repository). */
function build(out, ...args) {
  const r = run(gazette, ["build", "--root", join(work, "sample"), "--output", out, ...args]);
  assert.equal(r.status, 0, `gazette build failed:\n${r.stdout}${r.stderr}`);
  return out;
}

before(() => {
  for (const [tool, args] of [["java", ["-version"]], ["xmllint", ["--version"]]]) {
    assert.equal(run(tool, args).status, 0, `${tool} is needed (Debian: apt-get install default-jre-headless libxml2-utils)`);
  }
  assert.ok(existsSync(gazette), `no gazette binary at ${gazette}: run cargo build, or set GAZETTE_BIN`);
  assert.ok(existsSync(vnuJar), `no vnu.jar at ${vnuJar}: run npm ci in tests/browser`);
  work = mkdtempSync(join(tmpdir(), "gazette-validate-"));
  for (const name of ["site.toml", "content", "themes", "static"]) {
    if (existsSync(join(repo, name))) cpSync(join(repo, name), join(work, "sample", name), { recursive: true });
  }
  // Every feed format for every listing (the defaults write Atom and RSS only), whole
  // notices in most and summaries in the tags' feeds, so that each kind of entry is checked.
  const sampleToml = join(work, "sample", "site.toml");
  writeFileSync(sampleToml, `feed_formats = ["atom", "rss", "json"]\nfeed_content = "full"\n${readFileSync(sampleToml, "utf8")}\n[feeds.tags]\ncontent = "summary"\n`);
  site = build(join(work, "site"));
  // The news sitemap lists only the notices of the last 48 hours: a second build, as of
  // an hour after the newest notice, gives it entries to check.
  const newest = JSON.parse(readFileSync(join(site, "feed.json"), "utf8"))
    .items.map((i) => Date.parse(i.date_published))
    .reduce((a, b) => Math.max(a, b));
  newsSite = build(join(work, "news-site"), "--now", new Date(newest + 3600_000).toISOString().replace(/\.\d+Z$/, "+00:00"));
  console.log(`built the sample site into ${site}`);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A `width` × `height` PNG (8-bit RGB, a gradient), written without any library. */
function png(width, height) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x % 256, y % 256, 128], y * (width * 3 + 1) + 1 + x * 3);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** The Nu HTML Checker's messages for `paths`, checked as `mode` (--html, --css, --svg). */
function vnu(mode, paths) {
  const r = run("java", ["-jar", vnuJar, mode, "--format", "json", "--exit-zero-always", ...paths]);
  const report = JSON.parse(r.stderr || r.stdout);
  const where = (m) => `${relative(site, decodeURIComponent(new URL(m.url).pathname))}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}`;
  const errors = report.messages.filter((m) => m.type === "error" || m.type === "non-document-error");
  const warnings = report.messages.filter((m) => m.type === "info" && m.subType === "warning");
  const infos = report.messages.filter((m) => m.type === "info" && m.subType !== "warning");
  return {
    errors: errors.map((m) => `${where(m)}: ${m.message}`),
    warnings: warnings.map((m) => `${where(m)}: ${m.message}`),
    infos: infos.map((m) => `${where(m)}: ${m.message}`),
  };
}

test("Nu HTML Checker: every HTML page of the sample site, 0 errors", () => {
  const pages = files(site, ".html");
  assert.ok(pages.length >= 50, `only ${pages.length} HTML pages found`);
  const { errors, warnings, infos } = vnu("--html", pages);
  for (const w of warnings) console.log(`warning: ${w}`);
  // Infos (such as "trailing slash on void elements" in Markdown's task lists) are advice.
  const advice = new Map();
  for (const i of infos) advice.set(i.replace(/^.*?: /, ""), (advice.get(i.replace(/^.*?: /, "")) ?? 0) + 1);
  for (const [message, n] of advice) console.log(`info (${n}×): ${message}`);
  console.log(`vnu: ${pages.length} HTML pages, ${errors.length} errors, ${warnings.length} warnings, ${infos.length} infos`);
  assert.deepEqual(errors, []);
});

test("the sample site published in two languages, with a photo: its pages, feeds and sitemap validate", () => {
  // The sample's Chinese notices (lang = "zh-Hans") form a Chinese part of the site under
  // /zh-Hans/ once site.toml adds the language, with a language switcher on every page.
  const root = join(work, "bilingual");
  cpSync(join(work, "sample"), root, { recursive: true });
  const toml = readFileSync(join(root, "site.toml"), "utf8");
  writeFileSync(join(root, "site.toml"), `${toml}\n[languages.zh-Hans]\ntitle = "区域退役军人事务局新闻"\n`);
  // A photo beside a notice, so that the pages carry width, height, srcset and sizes.
  const notice = join(root, "content/meetings/veterans-employment-symposium.md");
  writeFileSync(notice, readFileSync(notice, "utf8").replace(/\n\n/, "\n\n![The hall of the symposium](hall.png)\n\n"));
  writeFileSync(join(root, "content/meetings/hall.png"), png(1200, 600));
  const out = join(work, "bilingual-site");
  const r = run(gazette, ["build", "--root", root, "--output", out]);
  assert.equal(r.status, 0, `gazette build failed:\n${r.stdout}${r.stderr}`);
  const chinese = files(join(out, "zh-Hans"), ".html");
  assert.ok(chinese.length >= 10, `only ${chinese.length} Chinese pages`);
  const pages = [...chinese, ...files(out, ".html").filter((f) => !f.startsWith(join(out, "zh-Hans")))];
  assert.ok(readFileSync(join(out, "zh-Hans/index.html"), "utf8").includes('class="language-nav"'), "no language switcher");
  const photoPage = readFileSync(join(out, "meetings/region-holds-symposium-on-employment-and-entrepreneurship-of-veterans/index.html"), "utf8");
  assert.match(photoPage, /<img src="hall.png" alt="The hall of the symposium" width="1200" height="600" srcset="hall-480w.png 480w, hall-960w.png 960w, hall.png 1200w" sizes="[^"]+"/);
  const { errors } = vnu("--html", pages);
  assert.deepEqual(errors, []);
  const xml = files(out, ".xml");
  assert.equal(run("xmllint", ["--noout", "--nonet", ...xml]).status, 0, "xmllint");
  // Its pages name their translations with xhtml:link, checked by their own schema.
  assert.ok(readFileSync(join(out, "sitemap.xml"), "utf8").includes('<xhtml:link rel="alternate" hreflang="zh-Hans"'), "no alternates in sitemap.xml");
  const schema = run("xmllint", ["--noout", "--nonet", "--schema", sitemapsWithNews, join(out, "sitemap.xml")]);
  assert.equal(schema.status, 0, `sitemap.xml:\n${schema.stderr}`);
  console.log(`two languages: ${pages.length} HTML pages (${chinese.length} Chinese) and ${xml.length} XML files valid`);
});

test("Nu HTML Checker: the theme's stylesheet and icon, 0 errors", () => {
  const css = vnu("--css", files(site, ".css"));
  const svg = vnu("--svg", files(site, ".svg"));
  for (const w of [...css.warnings, ...svg.warnings]) console.log(`warning: ${w}`);
  console.log(`vnu: CSS ${css.errors.length} errors, ${css.warnings.length} warnings; SVG ${svg.errors.length} errors, ${svg.warnings.length} warnings`);
  assert.deepEqual([...css.errors, ...svg.errors], []);
});

test("every XML output (feeds, sitemaps) is well-formed", () => {
  const xml = [...files(site, ".xml"), ...files(newsSite, "news-sitemap.xml")];
  assert.ok(xml.length >= 20, `only ${xml.length} XML files found`);
  const r = run("xmllint", ["--noout", "--nonet", ...xml]);
  assert.equal(r.status, 0, `xmllint:\n${r.stderr}`);
  const kinds = (suffix) => xml.filter((f) => f.endsWith(suffix)).length;
  console.log(`xmllint: ${xml.length} XML files well-formed (${kinds("atom.xml")} Atom, ${kinds("rss.xml")} RSS, ${kinds("sitemap.xml")} sitemaps), 0 errors`);
});

test("the sitemaps validate against the sitemaps.org 0.9 schema (and the news extension)", () => {
  // The sample's translated notices name each other with xhtml:link: its schema is loaded too.
  const sitemap = join(site, "sitemap.xml");
  let r = run("xmllint", ["--noout", "--nonet", "--schema", sitemapsWithNews, sitemap]);
  assert.equal(r.status, 0, `sitemap.xml:\n${r.stderr}`);
  const news = join(newsSite, "news-sitemap.xml");
  const entries = (readFileSync(news, "utf8").match(/<url>/g) ?? []).length;
  assert.ok(entries > 0, "the news sitemap built as of the newest notice lists nothing");
  r = run("xmllint", ["--noout", "--nonet", "--schema", sitemapsWithNews, news, join(newsSite, "sitemap.xml")]);
  assert.equal(r.status, 0, `news-sitemap.xml:\n${r.stderr}`);
  // With no notice in the last 48 hours the news sitemap is an empty urlset: well-formed
  // (checked above) but short of the one <url> the 0.9 schema asks for, so not validated.
  const quiet = readFileSync(join(site, "news-sitemap.xml"), "utf8");
  const quietEntries = (quiet.match(/<url>/g) ?? []).length;
  if (quietEntries > 0) {
    r = run("xmllint", ["--noout", "--nonet", "--schema", sitemapsWithNews, join(site, "news-sitemap.xml")]);
    assert.equal(r.status, 0, `news-sitemap.xml:\n${r.stderr}`);
  }
  console.log(`sitemap schema: sitemap.xml valid; news-sitemap.xml with ${entries} entries valid` +
    (quietEntries ? "" : "; the empty news sitemap of the plain build is well-formed only (the schema wants one <url>)"));
});

test("every JSON Feed has its required fields", () => {
  const feeds = files(site, "feed.json");
  assert.ok(feeds.length >= 10, `only ${feeds.length} JSON feeds found`);
  let items = 0;
  const absolute = (u) => /^https?:\/\/[^/]+\//.test(u);
  for (const path of feeds) {
    const name = relative(site, path);
    const feed = JSON.parse(readFileSync(path, "utf8"));
    assert.match(feed.version, /^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/, `${name}: version`);
    assert.ok(typeof feed.title === "string" && feed.title.trim(), `${name}: title`);
    for (const key of ["home_page_url", "feed_url"]) {
      if (key in feed) assert.ok(absolute(feed[key]), `${name}: ${key} is not an absolute URL`);
    }
    assert.ok(Array.isArray(feed.items), `${name}: items`);
    const ids = new Set();
    for (const item of feed.items) {
      assert.ok(typeof item.id === "string" && item.id, `${name}: an item without id`);
      assert.ok(!ids.has(item.id), `${name}: two items with id ${item.id}`);
      ids.add(item.id);
      assert.ok(
        (typeof item.content_html === "string" && item.content_html) || (typeof item.content_text === "string" && item.content_text),
        `${name}: item ${item.id} has neither content_html nor content_text`,
      );
      if ("url" in item) assert.ok(absolute(item.url), `${name}: item ${item.id}: url`);
      for (const key of ["date_published", "date_modified"]) {
        if (key in item) assert.ok(!Number.isNaN(Date.parse(item[key])) && /T.*([+-]\d\d:\d\d|Z)$/.test(item[key]), `${name}: item ${item.id}: ${key}`);
      }
    }
    items += feed.items.length;
  }
  console.log(`JSON Feed: ${feeds.length} feeds, ${items} items, all with version, title, id and content`);
});

test("a notice page with its stylesheets weighs at most 50 KB gzipped, and needs no script", () => {
  const gz = (path) => gzipSync(readFileSync(path)).length;
  const notices = files(site, "index.html").filter((f) => readFileSync(f, "utf8").includes('<body class="page-notice">'));
  assert.ok(notices.length >= 10, `only ${notices.length} notice pages found`);
  let heaviest = { weight: 0 };
  for (const page of notices) {
    const html = readFileSync(page, "utf8");
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => {
      const url = new URL(m[1], "https://news.example.gov/");
      return join(site, decodeURIComponent(url.pathname));
    });
    const weight = gz(page) + sheets.reduce((sum, s) => sum + gz(s), 0);
    if (weight > heaviest.weight) heaviest = { page: relative(site, page), weight, sheets: sheets.length };
    assert.ok(weight <= WEIGHT_LIMIT, `${relative(site, page)}: ${weight} bytes gzipped`);
    // The only script a notice carries is its schema.org data, which no browser runs.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((s) => !s.includes('type="application/ld+json"'));
    assert.deepEqual(scripts, [], `${relative(site, page)} has a script`);
  }
  console.log(
    `weight: ${notices.length} notice pages, the heaviest ${heaviest.page} at ${(heaviest.weight / 1024).toFixed(1)} KB gzipped with its ${heaviest.sheets} stylesheet(s) (limit 50 KB)`,
  );
});
