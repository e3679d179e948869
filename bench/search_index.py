#!/usr/bin/env python3
"""Searches a built site's search index the way the browser does, without a browser.

usage: bench/search_index.py OUTPUT [--lang CODE] [QUERY ...]
                             [--expect-found QUERY ...] [--expect-missing QUERY ...]
                             [--term TERM] [--quiet]

OUTPUT is a built output folder (the one holding search-index/). For every QUERY it prints
the addresses and titles of the notices found (one line each, from the fragments in f/:
f/<id>.json, or f/<id div K>.json, which holds K notices' fragments, when meta.json says
"fragments_per_file": K), then a count.

  --lang CODE            the language folder search-index/CODE/ (default: the only one; with
                         several, every one is searched)
  --expect-found Q       fail (exit 1) unless Q finds at least one notice
  --expect-missing Q     fail (exit 1) if Q finds any notice
  --term TERM            look up one raw index term (no splitting), e.g. "\\x01t:topic 3"
                         for a tag's filter term
  --quiet                print only failures

Exit status: 0 when every query found something and every expectation held; 1 otherwise
(a plain QUERY that finds nothing is a failure too, so `search_index.py public word` can
be used as a test); 2 on a usage error or an index that cannot be read.

How a query is matched (src/search/split.rs): the query is normalised (NFKC, then
lowercase) and split into terms; runs of letters and digits are words (cut to their first
64 characters); a run of Chinese or Japanese characters is one character (its unigram) or,
for two or more, its overlapping pairs, which must stand at consecutive positions in the
same notice. A notice is found when it holds every word and every run. Importable:
`search(output, query, lang=None)` returns the fragments (dicts) of the notices found.
"""
import json
import os
import sys
import unicodedata

VERSION = 1
MAX_WORD = 64
DIR = "search-index"


class IndexError_(Exception):
    """The index cannot be read (missing, half-written, or of another version)."""


def normalise(text):
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).lower()


def is_cjk(c):
    o = ord(c)
    return (
        o in (0x3005, 0x3007)
        or 0x3041 <= o <= 0x3096
        or 0x309D <= o <= 0x309F
        or 0x30A1 <= o <= 0x30FA
        or 0x30FC <= o <= 0x30FF
        or 0x31F0 <= o <= 0x31FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x323AF
    )


def is_alnum(c):
    # Rust's char::is_alphanumeric is Alphabetic or Numeric; Python's isalnum (letters and
    # numbers) differs from it only for the combining marks that count as Alphabetic in some
    # scripts (Devanagari vowel signs, for example), none of which the benchmark corpus has.
    return c.isalnum()


def query_parts(query):
    """The parts of a query: ("word", w) and ("run", [c1, c2, ...]) for CJK runs."""
    text = normalise(query)
    parts, i = [], 0
    while i < len(text):
        c = text[i]
        if is_cjk(c):
            j = i
            while j < len(text) and is_cjk(text[j]):
                j += 1
            parts.append(("run", list(text[i:j])))
            i = j
        elif is_alnum(c):
            j = i
            while j < len(text) and not is_cjk(text[j]) and is_alnum(text[j]):
                j += 1
            parts.append(("word", text[i:j][:MAX_WORD]))
            i = j
        else:
            i += 1
    return parts


def utf16_key(term):
    # The index orders terms by UTF-16 code units, as the browser compares strings.
    return term.encode("utf-16-be")


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError as e:
        raise IndexError_(f"{path}: missing") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IndexError_(f"{path}: not valid JSON ({e})") from e


class Index:
    """One language's index: search-index/<lang>/."""

    def __init__(self, folder):
        self.folder = folder
        self.meta = read_json(os.path.join(folder, "meta.json"))
        if self.meta.get("version") != VERSION:
            raise IndexError_(f"{folder}/meta.json: version {self.meta.get('version')!r}, this script reads {VERSION}")
        self.starts = [utf16_key(first) for first, _ in self.meta["chunks"]]
        self.chunks = {}

    def chunk_of(self, term):
        """The name of the chunk that holds `term`, if any could."""
        key = utf16_key(term)
        lo, hi = 0, len(self.starts)
        while lo < hi:  # the last chunk whose first term is <= term
            mid = (lo + hi) // 2
            if self.starts[mid] <= key:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return None
        return self.meta["chunks"][lo - 1][1]

    def postings(self, term):
        """{id: (weight, [positions])} of `term`."""
        name = self.chunk_of(term)
        if name is None:
            return {}
        if name not in self.chunks:
            entries = read_json(os.path.join(self.folder, "i", f"{name}.json"))
            self.chunks[name] = {t: p for t, p in entries}
        flat = self.chunks[name].get(term)
        if flat is None:
            return {}
        out, i, doc = {}, 0, 0
        while i < len(flat):
            doc += flat[i]
            weight, npos = flat[i + 1], flat[i + 2]
            positions, last = [], 0
            for d in flat[i + 3 : i + 3 + npos]:
                last += d
                positions.append(last)
            out[doc] = (weight, positions)
            i += 3 + npos
        return out

    def run_matches(self, chars):
        """Ids of the notices where the characters stand one after another."""
        if len(chars) == 1:
            return set(self.postings(chars[0]))
        pairs = [self.postings(a + b) for a, b in zip(chars, chars[1:])]
        found = set(pairs[0])
        for p in pairs[1:]:
            found &= set(p)
        out = set()
        for doc in found:
            starts = set(pairs[0][doc][1])
            for k, p in enumerate(pairs[1:], 1):
                starts &= {pos - k for pos in p[doc][1]}
            if starts:
                out.add(doc)
        return out

    def ids(self, query):
        parts = query_parts(query)
        if not parts:
            return set()
        found = None
        for kind, value in parts:
            ids = set(self.postings(value)) if kind == "word" else self.run_matches(value)
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found

    def fragment(self, doc):
        """What a result shows of notice `doc`: f/<doc>.json, or, when meta.json gives
        fragments_per_file K, item doc % K of the list in f/<doc // K>.json."""
        per_file = self.meta.get("fragments_per_file") or 1
        data = read_json(os.path.join(self.folder, "f", f"{doc // per_file}.json"))
        if isinstance(data, list):
            if not doc % per_file < len(data):
                raise IndexError_(f"{self.folder}/f/{doc // per_file}.json: no fragment {doc % per_file} of notice {doc}")
            data = data[doc % per_file]
        if not isinstance(data, dict):
            raise IndexError_(f"{self.folder}/f/: the fragment of notice {doc} is not an object")
        return data


def languages(output, lang=None):
    root = os.path.join(output, DIR)
    if lang:
        return [os.path.join(root, lang)]
    try:
        found = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "meta.json")))
    except FileNotFoundError as e:
        raise IndexError_(f"{root}: missing (was the site built with search on?)") from e
    if not found:
        raise IndexError_(f"{root}: no language folder with a meta.json")
    return [os.path.join(root, d) for d in found]


def search(output, query, lang=None, raw=False):
    """The fragments (dicts, with "url") of the notices `query` finds; `raw`: one index term."""
    out = []
    for folder in languages(output, lang):
        index = Index(folder)
        ids = set(index.postings(query)) if raw else index.ids(query)
        out.extend(index.fragment(d) for d in sorted(ids))
    return out


def main(argv):
    output, lang, quiet = None, None, False
    checks = []  # (query, expectation "found"/"missing"/"any", raw)
    args = list(argv)
    try:
        while args:
            a = args.pop(0)
            if a in ("-h", "--help"):
                print(__doc__)
                return 0
            if a == "--lang":
                lang = args.pop(0)
            elif a == "--quiet":
                quiet = True
            elif a == "--expect-found":
                checks.append((args.pop(0), "found", False))
            elif a == "--expect-missing":
                checks.append((args.pop(0), "missing", False))
            elif a == "--term":
                checks.append((args.pop(0).replace("\\x01", "\x01"), "any", True))
            elif a.startswith("--"):
                raise IndexError(a)
            elif output is None:
                output = a
            else:
                checks.append((a, "any", False))
    except IndexError:
        print("usage: search_index.py OUTPUT [--lang CODE] [QUERY ...] [--expect-found Q] [--expect-missing Q] [--term T] [--quiet]", file=sys.stderr)
        return 2
    if output is None or not checks:
        print("usage: search_index.py OUTPUT [--lang CODE] [QUERY ...] [--expect-found Q] [--expect-missing Q] [--term T] [--quiet]", file=sys.stderr)
        return 2
    failed = 0
    for query, expect, raw in checks:
        try:
            found = search(output, query, lang, raw)
        except IndexError_ as e:
            print(f"search_index.py: error: {e}", file=sys.stderr)
            return 2
        ok = bool(found) if expect in ("found", "any") else not found
        if not quiet:
            for fragment in found:
                print(f"  {fragment.get('url')}\t{fragment.get('title')}")
        if not ok or not quiet:
            what = {"found": "expected found", "missing": "expected missing", "any": "query"}[expect]
            verdict = "ok" if ok else "FAILED"
            print(f"{query!r}: {len(found)} notice(s) found ({what}: {verdict})", file=sys.stdout if ok else sys.stderr)
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
