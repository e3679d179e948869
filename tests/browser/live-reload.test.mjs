// A real browser against `gazette serve`: a notice reloads by itself when its file is
// edited, a broken file shows the error overlay over the last good page, and the fix
// removes it. Run by .ci/run after it installs Chromium; never skipped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { TIMEOUT, tempSite, serve, launch } from "./preview.mjs";

let site, server, browser, base;

const notice = (body) =>
  `+++\ntitle = "Office hours"\ndate = 2024-02-01\nbyline = "Li Yang"\ntags = ["office hours"]\n+++\n${body}\n`;

before(async () => {
  site = tempSite("gazette-browser-");
  site.write("site.toml", 'title = "Browser Test Bureau"\nbase_url = "https://news.example.gov"\n');
  site.write("content/news/office-hours.md", notice("The service hall opens at nine."));
  ({ server, base } = await serve(site.root));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  site?.remove();
});

test("a notice reloads by itself, shows errors over the page, and recovers", async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url())));
  // The live reload stream must be open before anything changes.
  const connected = page.waitForResponse((r) => r.url().endsWith("/__gazette/events"), { timeout: TIMEOUT });
  await page.goto(`${base}news/office-hours/`);
  await connected;
  await page.getByText("The service hall opens at nine.").waitFor({ timeout: TIMEOUT });

  site.write("content/news/office-hours.md", notice("The service hall now opens at ten."));
  await page.getByText("The service hall now opens at ten.").waitFor({ timeout: TIMEOUT });

  site.write("content/news/office-hours.md", notice("Broken.").replace("2024-02-01", "2024-02-30"));
  const overlay = page.locator("#gazette-problem");
  await overlay.waitFor({ state: "visible", timeout: TIMEOUT });
  assert.match(await overlay.innerText(), /office-hours\.md:3:8: `2024-02-30` is not a date: February 2024 has 29 days/);
  // The last good page is still there under the overlay.
  assert.equal(await page.getByText("The service hall now opens at ten.").count(), 1);

  site.write("content/news/office-hours.md", notice("Fixed: the service hall opens at ten thirty."));
  await page.getByText("Fixed: the service hall opens at ten thirty.").waitFor({ timeout: TIMEOUT });
  assert.equal(await overlay.count(), 0);

  // Nothing is fetched from another origin.
  const origin = new URL(base).host;
  const foreign = requests.filter((u) => u.host !== origin);
  assert.deepEqual(foreign.map(String), []);
});

test("a stylesheet change swaps the styles without reloading", async () => {
  const page = await browser.newPage();
  const connected = page.waitForResponse((r) => r.url().endsWith("/__gazette/events"), { timeout: TIMEOUT });
  await page.goto(base);
  await connected;
  await page.evaluate(() => (window.__marker = "still here"));
  site.write("static/style.css", "body { background: rgb(1, 2, 3); }");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, { timeout: TIMEOUT });
  assert.equal(await page.evaluate(() => window.__marker), "still here");
});
