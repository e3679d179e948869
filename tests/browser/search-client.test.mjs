// The search page's script (assets/search.js) in Node, without a browser: it splits text as
// the index does (the examples src/search/split.rs is tested against too), and its decoder
// and matcher read a hand-made index as docs/search.md describes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const S = createRequire(import.meta.url)(resolve(here, "../../assets/search.js"));
const cases = JSON.parse(readFileSync(resolve(here, "../fixtures/search-tokens.json"), "utf8"));

const sorted = (tokens) => tokens.map(([t, p]) => [t, p]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));

test("splits text as the index does (tests/fixtures/search-tokens.json)", () => {
  assert.ok(cases.length >= 15, "too few shared examples");
  for (const { text, tokens } of cases) {
    assert.deepEqual(sorted(S.split(S.normalise(text))), sorted(tokens), text);
  }
});

test("loads in Node without touching a document", () => {
  assert.equal(typeof globalThis.document, "undefined");
  assert.equal(globalThis.GazetteSearch, S);
  for (const name of ["split", "normalise", "openIndex", "decode", "parse"]) assert.equal(typeof S[name], "function", name);
});

test("a query: words, the last by prefix while typed, and runs of characters", () => {
  assert.deepEqual(S.parse("Work confer"), [{ term: "work", prefix: false }, { term: "confer", prefix: true }]);
  assert.deepEqual(S.parse("work confer "), [{ term: "work", prefix: false }, { term: "confer", prefix: false }]);
  assert.deepEqual(S.parse("就业创业，乌 ＡＢＣ"), [{ chars: ["就", "业", "创", "业"] }, { term: "乌", prefix: false }, { term: "abc", prefix: true }]);
  assert.deepEqual(S.parse("plan 中国"), [{ term: "plan", prefix: false }, { chars: ["中", "国"] }]);
  // A word that is also an Object property is a word like any other.
  assert.deepEqual(S.parse("constructor constructor"), [{ term: "constructor", prefix: true }]);
  assert.deepEqual(S.parse(" — "), []);
});

test("decodes postings: ids across postings, positions within one", () => {
  const d = S.decode([0, 8, 0, 3, 1, 2, 5, 7, 1, 1, 1, 4]);
  assert.deepEqual([...d.entries()], [
    [0, { w: 8, pos: null }],
    [3, { w: 1, pos: [5, 12] }],
    [4, { w: 1, pos: [4] }],
  ]);
});

// An index as src/search/chunks.rs writes one, of five notices (ids oldest first), cut into
// chunks at the terms `firsts`.
const NOTICES = [
  { text: "中国人 plan", section: "Other" },
  { text: "国人中国 planning", section: "Other" },
  { text: "中国 plan plans plan", section: "Other" },
  { text: "中国人民", section: "News", tags: ["R&D"] },
  { text: "人中 plan", section: "News" },
];

function handMade(docs = NOTICES, firsts = ["", "plan", "中"]) {
  const postings = new Map();
  docs.forEach((d, id) => {
    const found = new Map();
    for (const [term, pos, kind] of S.split(S.normalise(d.text))) {
      const f = found.get(term) ?? { w: 0, pos: [] };
      f.w += 1;
      if (kind === 2) f.pos.push(pos); // a pair of characters
      found.set(term, f);
    }
    for (const filter of [`\u0001s:${d.section}`, ...(d.tags ?? []).map((t) => `\u0001t:${t}`)]) found.set(filter, { w: 1, pos: [] });
    for (const [term, f] of found) postings.set(term, [...(postings.get(term) ?? []), [id, f]]);
  });
  const files = {};
  const chunks = firsts.map((first, n) => [first, `c${n}`]);
  for (const term of [...postings.keys()].sort((a, b) => (a < b ? -1 : 1))) {
    const n = firsts.findLastIndex((first) => first <= term);
    const list = [];
    let previous = 0;
    for (const [id, f] of postings.get(term)) {
      list.push(id - previous, f.w, f.pos.length);
      previous = id;
      let last = 0;
      for (const p of f.pos) list.push(p - last), (last = p);
    }
    (files[`i/c${n}.json`] ??= []).push([term, list]);
  }
  // Two fragments to a file, so that a result's place in its file is tested too.
  files["meta.json"] = { version: 1, language: "zh", pages: docs.length, fragments_per_file: 2, chunks, sections: ["News", "Other"], tags: ["R&D"] };
  docs.forEach((d, id) =>
    (files[`f/${Math.floor(id / 2)}.json`] ??= []).push({ url: `news/${id}/`, title: d.text, date: "", section: d.section, tags: d.tags ?? [], text: d.text }));
  const fetched = [];
  const get = (url) => {
    fetched.push(url);
    const rel = url.slice("/x/search-index/zh/".length);
    return rel in files ? Promise.resolve(structuredClone(files[rel])) : Promise.reject(new Error(`404 ${url}`));
  };
  return { index: S.openIndex("/x/search-index/zh/", "/x/", get), fetched, files };
}

const ids = (hits) => hits.map((h) => h.id).sort();

test("the hand-made index is in the format of docs/search.md", () => {
  const { files } = handMade();
  assert.deepEqual(files["i/c1.json"], [["plan", [0, 1, 0, 2, 2, 0, 2, 1, 0]], ["planning", [1, 1, 0]], ["plans", [2, 1, 0]]]);
  const pair = files["i/c2.json"].find(([t]) => t === "中国");
  assert.deepEqual(pair, ["中国", [0, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1, 0, 1, 1, 1, 0]]);
  assert.deepEqual(files["i/c0.json"].map(([t]) => t), ["\u0001s:News", "\u0001s:Other", "\u0001t:R&D"]);
});

test("a run of characters matches only where its pairs follow each other", async () => {
  const { index } = handMade();
  assert.deepEqual(ids(await index.find("中国人")), [0, 3]); // not 1, 国人中国: the pairs are there, apart
  assert.deepEqual(ids(await index.find("中国")), [0, 1, 2, 3]);
  assert.deepEqual(ids(await index.find("国人民")), [3]);
  assert.deepEqual(ids(await index.find("中国人民")), [3]);
  assert.deepEqual(ids(await index.find("人中")), [1, 4]);
  assert.deepEqual(ids(await index.find("人")), [0, 1, 3, 4]);
  assert.deepEqual(ids(await index.find("民中")), []);
  assert.deepEqual(ids(await index.find("中 人")), [0, 1, 3, 4]); // two runs: both characters, anywhere
});

test("every clause must match; the last word also by prefix; ranking, then newest first", async () => {
  const { index } = handMade();
  assert.deepEqual(ids(await index.find("plan ")), [0, 2, 4]);
  const typed = await index.find("plan");
  // 2 has "plan" twice and "plans"; 4 and 0 tie, the newer first; 1 has only a longer word.
  assert.deepEqual(typed.map((h) => h.id), [2, 4, 0, 1]);
  assert.deepEqual(ids(await index.find("中国 plan")), [0, 1, 2]);
  assert.deepEqual(ids(await index.find("中国 plann")), [1]);
  assert.deepEqual(ids(await index.find("PLAN 人中")), [4]);
  assert.deepEqual(await index.find("nothing"), []);
  assert.deepEqual(await index.find(""), []);
});

test("filters by section and tag, and lists a section newest first with no query", async () => {
  const { index } = handMade();
  assert.deepEqual((await index.find("", { section: "News" })).map((h) => h.id), [4, 3]);
  assert.deepEqual(ids(await index.find("中国", { section: "News" })), [3]);
  assert.deepEqual(ids(await index.find("中国", { tag: "R&D" })), [3]);
  assert.deepEqual(ids(await index.find("人", { section: "News", tag: "R&D" })), [3]);
  assert.deepEqual(await index.find("中国", { section: "Nowhere" }), []);
});

test("fetches meta.json, then only the chunks a query needs, each once; resolves links against the root", async () => {
  const { index, fetched } = handMade();
  await index.find("plan ");
  await index.find("plans ");
  assert.deepEqual(fetched, ["/x/search-index/zh/meta.json", "/x/search-index/zh/i/c1.json"]);
  const results = await index.search("中国人");
  assert.deepEqual(results.map((r) => r.url).sort(), ["/x/news/0/", "/x/news/3/"]);
  assert.ok(!fetched.includes("/x/search-index/zh/i/c0.json"));
  // A failed fetch is not kept: the next search asks again.
  const broken = S.openIndex("/y/", "/", (url) => (fetched.push(url), Promise.reject(new Error("offline"))));
  await assert.rejects(broken.find("plan"));
  await assert.rejects(broken.find("plan"));
  assert.equal(fetched.filter((u) => u === "/y/meta.json").length, 2);
});

test("excerpts mark the query's words and characters in the shown text", () => {
  const pieces = S.excerpt("The Ｐｌａｎ of 2026: planning 就业创业, and plan.", S.parse("plan 就业"));
  assert.deepEqual(pieces.filter((p) => p[1]).map((p) => p[0]), ["Ｐｌａｎ", "就业", "plan"]);
  assert.equal(pieces.map((p) => p[0]).join(""), "The Ｐｌａｎ of 2026: planning 就业创业, and plan.");
  const typed = S.excerpt("planning a plan", S.parse("pla"));
  assert.deepEqual(typed.filter((p) => p[1]).map((p) => p[0]), ["planning", "plan"]);
  // A run cut off by the end of the text is not a match (and no error).
  assert.deepEqual(S.excerpt("会议就", S.parse("就业")), [["会议就", false]]);
  assert.deepEqual(S.excerpt("𠀀𠀁 end", S.parse("𠀀𠀁")), [["𠀀𠀁", true], [" end", false]]);
  const long = S.excerpt(`${"word ".repeat(200)}target ${"word ".repeat(200)}`, S.parse("target "));
  assert.equal(long[0][0], "…");
  assert.ok(long.some((p) => p[1] && p[0] === "target"));
});
