// Gazette's search page, in the browser: reads the index `gazette build` writes (docs/search.md;
// src/search/ writes it) and builds the search box in #search. No library and no build step:
// themes load this file as it is. It also loads in Node (no document), where tests reach its
// pure functions through `module.exports` and `globalThis.GazetteSearch`.
(() => {
  "use strict";

  // ---- Splitting text into terms exactly as src/search/split.rs does, so that a query's
  // terms are the index's. tests/fixtures/search-tokens.json holds examples both sides pass.

  const MAX_WORD = 64; // a longer word is indexed, and searched, by its beginning
  const ALNUM = /^[\p{Alphabetic}\p{N}]$/u; // Rust's char::is_alphanumeric
  const WORD = 0, UNIGRAM = 1, BIGRAM = 2;

  // NFKC (full-width letters become plain ones), then lowercase.
  const normalise = (text) => String(text).normalize("NFKC").toLowerCase();

  // Characters written without spaces: Han (with 々 and 〇), hiragana and katakana.
  const isCjk = (c) =>
    c === 0x3005 || c === 0x3007 ||
    (c >= 0x3041 && c <= 0x3096) || (c >= 0x309d && c <= 0x309f) ||
    (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x30fc && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x323af);
  const cjk = (ch) => ch !== undefined && isCjk(ch.codePointAt(0));

  // The terms of `text` (already normalised) as [term, position, kind]: runs of letters and
  // digits are words; each Chinese or Japanese character is a term, and so is each pair of
  // neighbouring ones, at the first one's position. Each word and character takes a position.
  function split(text) {
    const chars = Array.from(text), out = [];
    for (let i = 0, pos = 0; i < chars.length;) {
      const c = chars[i];
      if (cjk(c)) {
        out.push([c, pos, UNIGRAM]);
        if (cjk(chars[i + 1])) out.push([c + chars[i + 1], pos, BIGRAM]);
        pos++;
        i++;
      } else if (ALNUM.test(c)) {
        let j = i + 1;
        while (j < chars.length && !cjk(chars[j]) && ALNUM.test(chars[j])) j++;
        out.push([chars.slice(i, Math.min(j, i + MAX_WORD)).join(""), pos++, WORD]);
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  // ---- Queries.

  // What a query asks for: every clause must match. A clause is a word or a character
  // ({term}; the last word also by prefix, so that results come while typing), or a run of
  // characters ({chars}), found as its pairs at consecutive positions: exactly, with no
  // dictionary.
  function parse(query) {
    const text = normalise(query), tokens = split(text), clauses = [], seen = new Set();
    for (let i = 0; i < tokens.length; i++) {
      const run = [tokens[i][0]];
      // A character, then (pair, character) while the characters touch.
      while (tokens[i][2] === UNIGRAM && tokens[i + 1] && tokens[i + 1][2] === BIGRAM) {
        run.push(tokens[i + 2][0]);
        i += 2;
      }
      const key = run.join("");
      if (!seen.has(key)) clauses.push(run.length > 1 ? { chars: run } : { term: key, prefix: false });
      seen.add(key);
    }
    // The last word is being typed when nothing follows it.
    const last = tokens[tokens.length - 1], end = Array.from(text).pop();
    if (last && last[2] === WORD && ALNUM.test(end) && !cjk(end)) {
      for (const c of clauses) if (c.term === last[0]) c.prefix = true;
    }
    return clauses;
  }

  // A term's postings, [Δid, weight, npos, Δpos…]…, as a Map id → {w, pos (or null)}.
  function decode(list) {
    const out = new Map();
    for (let i = 0, id = 0; i < list.length;) {
      id += list[i];
      const w = list[i + 1], n = list[i + 2];
      let pos = null;
      i += 3;
      if (n) {
        pos = new Array(n);
        for (let k = 0, p = 0; k < n; k++) pos[k] = p += list[i + k];
        i += n;
      }
      out.set(id, { w, pos });
    }
    return out;
  }

  // The first i in [0, n) for which `below(i)` is false (it is true, then false).
  function bound(n, below) {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (below(mid)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  const EXPANSIONS = 50; // prefix expansions of the last word: the commonest this many
  const PREFIX_CHUNKS = 3; // ... found in at most this many chunks

  async function fetchJson(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  }

  // One language's index at `base` (its folder's URL, ending in /); results link under
  // `root` (the site's base path). `get` fetches JSON (tests give their own).
  function openIndex(base, root = "/", get = fetchJson) {
    root = String(root).replace(/\/?$/, "/");
    const files = new Map(), decoded = new Map();
    // Every file is fetched once; a failed fetch is forgotten, so that it can be retried.
    function load(path) {
      let p = files.get(path);
      if (!p) {
        files.set(path, p = get(base + path));
        p.catch(() => files.delete(path));
      }
      return p;
    }
    async function meta() {
      const m = await load("meta.json");
      if (m.version !== 1) throw new Error(`search index version ${m.version}`);
      return m;
    }
    // The chunk holding `term`: the last whose first term is <= it (the first's is "").
    const chunkOf = (m, term) => bound(m.chunks.length, (i) => m.chunks[i][0] <= term) - 1;
    // A chunk: [term, postings] sorted by term.
    const chunk = (m, n) => load(`i/${m.chunks[n][1]}.json`);
    const first = (entries, term) => bound(entries.length, (i) => entries[i][0] < term);
    function postingsOf(term, list) {
      let d = decoded.get(term);
      if (!d) decoded.set(term, d = decode(list));
      return d;
    }
    // `term`'s postings (an empty Map when no notice has it).
    async function postings(m, term) {
      const entries = await chunk(m, chunkOf(m, term)), e = entries[first(entries, term)];
      return e && e[0] === term ? postingsOf(term, e[1]) : new Map();
    }
    // The terms that start with `prefix`, as [term, postings]: itself, then the commonest.
    async function expansions(m, prefix) {
      const found = [];
      for (let n = chunkOf(m, prefix), budget = PREFIX_CHUNKS; ; n++) {
        const entries = await chunk(m, n);
        for (let i = first(entries, prefix); i < entries.length && entries[i][0].startsWith(prefix); i++) found.push(entries[i]);
        const next = m.chunks[n + 1];
        if (--budget === 0 || !next || !next[0].startsWith(prefix)) break;
      }
      // A word's postings have no positions: a list's length is three per notice.
      found.sort((a, b) => (b[0] === prefix) - (a[0] === prefix) || b[1].length - a[1].length);
      return found.slice(0, EXPANSIONS).map((e) => [e[0], postingsOf(e[0], e[1])]);
    }

    // The notices matching one clause, as a Map id → score (weight × idf, summed).
    async function match(m, c) {
      const idf = (df) => Math.log(1 + m.pages / df), out = new Map();
      if (c.term !== undefined) {
        const terms = c.prefix ? await expansions(m, c.term) : [[c.term, await postings(m, c.term)]];
        for (const [term, p] of terms) {
          // A notice with the word itself ranks above one with a longer word only.
          const f = idf(p.size) * (term === c.term ? 1 : 0.5);
          p.forEach((v, id) => out.set(id, (out.get(id) || 0) + v.w * f));
        }
        return out;
      }
      // A run of characters: its pairs, each at the position after the one before.
      const lists = await Promise.all(c.chars.slice(1).map((ch, i) => postings(m, c.chars[i] + ch)));
      const has = (a, p) => a[bound(a.length, (i) => a[i] < p)] === p;
      lists[0].forEach((v, id) => {
        if (!lists.every((l) => l.has(id))) return;
        const at = (v.pos || []).some((p) => lists.every((l, k) => has(l.get(id).pos || [], p + k)));
        if (at) out.set(id, lists.reduce((s, l) => s + l.get(id).w * idf(l.size), 0));
      });
      return out;
    }

    // The notices matching `query` and the filters {section, tag}, best first: [{id, score}].
    async function find(query, filters = {}) {
      const m = await meta();
      const wanted = parse(query).map((c) => match(m, c));
      const only = [];
      if (filters.section) only.push(`\u0001s:${filters.section}`);
      if (filters.tag) only.push(`\u0001t:${filters.tag}`);
      for (const t of only) wanted.push(postings(m, t).then((p) => new Map(Array.from(p.keys(), (id) => [id, 0]))));
      if (!wanted.length) return [];
      // Every clause and filter must match: walk the smallest, look in the others.
      const maps = (await Promise.all(wanted)).sort((a, b) => a.size - b.size), hits = [];
      maps[0].forEach((score, id) => {
        for (const other of maps.slice(1)) {
          if (!other.has(id)) return;
          score += other.get(id);
        }
        hits.push({ id, score });
      });
      // Ties (and a list by filter alone): newest first, the highest id.
      return hits.sort((a, b) => b.score - a.score || b.id - a.id);
    }

    // What a result shows, with its link resolved against the site's root.
    // Fragments go `fragments_per_file` to a file, in id order.
    async function fragment(id) {
      const per = (await meta()).fragments_per_file;
      const f = (await load(`f/${Math.floor(id / per)}.json`))[id % per];
      return {
        id, url: root + String(f.url).replace(/^\//, ""), title: f.title, date: f.date,
        section: f.section, tags: f.tags || [], text: f.text || "",
      };
    }

    // Every notice matching `query`, with what it shows.
    async function search(query, filters) {
      const hits = await find(query, filters);
      return Promise.all(hits.map(async (h) => Object.assign(await fragment(h.id), { score: h.score })));
    }

    return { meta, find, fragment, search };
  }

  // ---- Excerpts: a piece of the text around the first place the query matches, with each
  // match marked. Matching is on the shown text, each piece normalised as the index does.

  // [start, end] offsets of the query's words and runs of characters in `text`, in order.
  function marks(text, clauses) {
    const words = new Set(), prefixes = [], runs = [], out = [];
    for (const c of clauses) {
      if (c.chars || cjk(c.term)) runs.push(c.chars || [c.term]);
      else if (c.prefix) prefixes.push(c.term);
      else words.add(c.term);
    }
    const chars = [];
    for (const m of text.matchAll(/[\s\S]/gu)) chars.push({ c: m[0], at: m.index, cjk: cjk(m[0]) });
    for (let i = 0; i < chars.length;) {
      const ch = chars[i];
      if (ch.cjk) {
        for (const run of runs) {
          const last = chars[i + run.length - 1];
          if (run.every((r, k) => chars[i + k] && chars[i + k].cjk && normalise(chars[i + k].c) === r)) out.push([ch.at, last.at + last.c.length]);
        }
        i++;
      } else if (ALNUM.test(ch.c)) {
        let j = i + 1;
        while (j < chars.length && !chars[j].cjk && ALNUM.test(chars[j].c)) j++;
        const end = j < chars.length ? chars[j].at : text.length;
        const w = (split(normalise(text.slice(ch.at, end)))[0] || [""])[0];
        if (words.has(w) || prefixes.some((p) => w.startsWith(p))) out.push([ch.at, end]);
        i = j;
      } else {
        i++;
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  const EXCERPT = 240; // characters, about

  // The excerpt of `text` for the query's clauses, as pieces [text, marked].
  function excerpt(text, clauses) {
    const found = marks(text, clauses);
    let start = found.length ? Math.max(0, found[0][0] - 60) : 0;
    if (start > 0) {
      // Begin at a word when there is a space nearby; never inside a character above U+FFFF.
      const space = text.indexOf(" ", start);
      if (space > 0 && space < found[0][0]) start = space + 1;
      else if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
    }
    let end = Math.min(text.length, start + EXCERPT);
    const cut = text.lastIndexOf(" ", end);
    if (end < text.length && cut > end - 30 && cut > start) end = cut;
    else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
    const pieces = start > 0 ? [["…", false]] : [];
    let at = start;
    for (const [a0, b0] of found) {
      const a = Math.max(a0, at), b = Math.min(b0, end);
      if (a >= b) continue;
      if (a > at) pieces.push([text.slice(at, a), false]);
      pieces.push([text.slice(a, b), true]);
      at = b;
    }
    if (at < end) pieces.push([text.slice(at, end), false]);
    if (end < text.length) pieces.push(["…", false]);
    return pieces;
  }

  const api = { split, normalise, isCjk, parse, decode, openIndex, marks, excerpt, MAX_WORD };
  if (typeof module === "object" && module.exports) module.exports = api;
  globalThis.GazetteSearch = api;
  if (typeof document === "undefined") return;

  // ---- The search box. Everything a notice supplies (titles, sections, tags, text) goes into
  // the page as text, never as markup: it may look like HTML.

  const PAGE = 10, DEBOUNCE = 150;

  function el(tag, props = {}, children = []) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "text") e.textContent = v;
      else if (k in e) e[k] = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }

  function mount(box) {
    const d = box.dataset;
    // The page's words (site.words, in its language): English if a theme leaves one out.
    const words = {
      label: "Search", placeholder: "", results: "{n} results for “{query}”", oneResult: "1 result for “{query}”",
      noResults: "No results for “{query}”", loading: "Searching…", more: "More results", section: "Section",
      tag: "Tag", any: "Any", failed: "Search is not available at the moment.",
    };
    for (const k in words) words[k] = d["word" + k[0].toUpperCase() + k.slice(1)] || words[k];
    const index = openIndex(d.index || "search-index/", d.root || "/");
    Object.assign(api, { search: index.search, find: index.find });

    const input = el("input", { type: "search", id: "search-input", name: "q", autocomplete: "off", placeholder: words.placeholder });
    const form = el("form", { className: "search-form" }, [
      el("label", { htmlFor: input.id, className: "search-label", text: words.label }), input,
    ]);
    const filters = el("div", { className: "search-filters", hidden: true });
    const status = el("p", { id: "search-status", className: "search-status", role: "status", "aria-live": "polite" });
    const list = el("ol", { id: "search-results", className: "search-results" });
    const more = el("button", { type: "button", id: "search-more", className: "search-more", hidden: true, text: words.more });
    box.append(form, filters, status, list, more);

    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    const wanted = { section: params.get("section") || "", tag: params.get("tag") || "" }, selects = {};

    // A select of `names`, when there are any, "Any" first.
    function select(kind, names) {
      if (!names || !names.length) return;
      const s = el("select", { id: `search-${kind}`, name: kind }, [el("option", { value: "", text: words.any })]);
      for (const n of names) s.append(el("option", { value: n, text: n }));
      if (names.includes(wanted[kind])) s.value = wanted[kind];
      s.addEventListener("change", run);
      filters.append(el("div", { className: "search-filter" }, [el("label", { htmlFor: s.id, text: words[kind] }), s]));
      filters.hidden = false;
      selects[kind] = s;
    }

    // meta.json is fetched the first time search is wanted; then the filters are built.
    let ready = null;
    function start() {
      if (!ready) {
        ready = index.meta().then((m) => {
          select("section", m.sections);
          select("tag", m.tags);
        });
        ready.catch(() => (ready = null));
      }
      return ready;
    }

    let generation = 0, hits = [], shown = 0, clauses = [], timer = 0;
    const say = (text) => (status.textContent = text);
    const fill = (pattern, n, query) => pattern.replace("{n}", () => n).replace("{query}", () => query);

    // Keeps the query in the address, to be shared, and kept when going back.
    function remember(c) {
      const p = new URLSearchParams(location.search);
      for (const k of ["q", "section", "tag"]) if (c[k]) p.set(k, c[k]); else p.delete(k);
      const s = p.toString();
      history.replaceState(history.state, "", location.pathname + (s ? `?${s}` : "") + location.hash);
    }

    async function run() {
      clearTimeout(timer);
      // Only the newest search may change the page: an older one's answer is dropped.
      const g = ++generation;
      try {
        await start();
        if (g !== generation) return;
        const c = {
          q: input.value.trim(),
          section: selects.section ? selects.section.value : wanted.section,
          tag: selects.tag ? selects.tag.value : wanted.tag,
        };
        remember(c);
        if (!c.q && !c.section && !c.tag) {
          hits = [];
          list.textContent = say("");
          more.hidden = true;
          return;
        }
        say(words.loading);
        const found = await index.find(c.q, c);
        if (g !== generation) return;
        [hits, shown, clauses] = [found, 0, parse(c.q)];
        if (!(await page(g, false))) return;
        const what = c.q || [c.section, c.tag].filter(Boolean).join(" · ");
        say(fill(hits.length === 0 ? words.noResults : hits.length === 1 ? words.oneResult : words.results, hits.length, what));
      } catch (e) {
        if (g !== generation) return;
        say(words.failed);
        console.warn("search:", e);
      }
    }

    // Shows the next page of results; `append` keeps those shown (the "more" button).
    async function page(g, append) {
      const next = hits.slice(shown, shown + PAGE);
      const frags = await Promise.all(next.map((h) => index.fragment(h.id)));
      if (g !== generation) return false;
      const items = frags.map(item);
      if (append) list.append(...items);
      else list.replaceChildren(...items);
      shown += next.length;
      more.hidden = shown >= hits.length;
      // After "more", the keyboard goes on from the first new result, not from a button
      // that may have gone.
      if (append && items[0]) items[0].querySelector("a").focus();
      return true;
    }

    function item(f) {
      const meta = [f.date, f.section].filter(Boolean).join(" · ");
      const text = el("p", { className: "search-result-excerpt" });
      for (const [piece, marked] of excerpt(f.text, clauses)) text.append(marked ? el("mark", { text: piece }) : piece);
      return el("li", { className: "search-result" }, [
        el("h2", { className: "search-result-title" }, [el("a", { className: "search-result-link", href: f.url, text: f.title })]),
        meta && el("p", { className: "search-result-meta", text: meta }),
        text,
      ]);
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE);
    });
    input.addEventListener("focus", () => start().catch(() => {}), { once: true });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      run();
    });
    // One page at a time: a second click while one loads would show it twice.
    let busy = false;
    more.addEventListener("click", () => {
      if (busy) return;
      busy = true;
      page(generation, true).catch(() => say(words.failed)).then(() => (busy = false));
    });

    if (input.value || wanted.section || wanted.tag) run();
    input.focus();
  }

  function init() {
    const box = document.getElementById("search");
    if (box) mount(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
