// What the browser tests share: a site in a temporary folder, `gazette serve` or `build` on it, and
// headless Chromium with the flags this machine's closed network needs.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.GAZETTE_BIN ?? resolve(here, "../../target/debug/gazette");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const TIMEOUT = 20_000;

/** A site in a new temporary folder; `write(rel, text)` adds a file, `remove()` deletes it all. */
export function tempSite(prefix) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(rel, text) {
      const path = join(root, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A copy of the repository's sample site (site.toml, content/, themes/, static/) in a temporary folder. */
export function sampleSite(prefix) {
  const site = tempSite(prefix);
  const repo = resolve(here, "../..");
  for (const name of ["site.toml", "content", "themes", "static"]) {
    if (existsSync(join(repo, name))) cpSync(join(repo, name), join(site.root, name), { recursive: true });
  }
  return site;
}

/** Waits until the server at `base` answers every language's search index: the folders of
 * `<output>/search-index/` (one per language, named by its code), each ready once it serves
 * its meta.json, which is written after the rest. `output` is the site's output folder;
 * `gazette serve` writes into `<root>/.gazette/preview`. */
export async function searchIndexReady(base, output) {
  const dir = join(output, "search-index");
  for (let waited = 0; ; waited += 100) {
    const languages = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
    const answers = await Promise.all(
      languages.map((l) => fetch(`${base}search-index/${l}/meta.json`).then((r) => r.ok, () => false)),
    );
    if (languages.length && answers.every(Boolean)) return languages;
    if (waited > TIMEOUT) throw new Error(`the search index never appeared in ${dir}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Where `gazette serve` writes the site at `root`. */
export const previewFolder = (root) => join(root, ".gazette", "preview");

/** Runs `gazette build` on the site at `root` into `output`, with `args`; resolves when it is done. */
export function build(root, output, args = []) {
  const child = spawn(binary, ["build", "--quiet", "--root", root, "--output", output, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  child.stdout.on("data", (d) => (said += d));
  child.stderr.on("data", (d) => (said += d));
  return new Promise((ok, fail) => {
    child.on("error", (e) => fail(new Error(`could not start ${binary}: ${e.message} (set GAZETTE_BIN)`)));
    child.on("exit", (code) => (code === 0 ? ok(said) : fail(new Error(`gazette build exited with ${code}:\n${said}`))));
  });
}

/** Starts `gazette serve` on `root`; resolves to `{ server, base }` once it prints its address. */
export function serve(root) {
  const server = spawn(binary, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stderr.on("data", (d) => (output += d));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`gazette serve did not start:\n${output}`)), TIMEOUT);
    server.stdout.on("data", (d) => {
      output += d;
      const m = output.match(/at (http:\/\/[^/\s]+\/)/);
      if (m) {
        clearTimeout(timer);
        ok({ server, base: m[1] });
      }
    });
    server.on("exit", (code) => fail(new Error(`gazette serve exited with ${code}:\n${output}`)));
    server.on("error", (e) => fail(new Error(`could not start ${binary}: ${e.message} (set GAZETTE_BIN)`)));
  });
}

/** Headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
