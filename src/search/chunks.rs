//! One language's index from its notices' [`Doc`]s: every term's postings, in files of about
//! [`CHUNK_BYTES`] cut in term order, and `meta.json`, which says where each file starts.
//! The format is described in `docs/search.md`; the browser's side is `assets/search.js`.
//!
//! Postings are kept as the text they are written as from the start ([`Postings`]): at a
//! hundred thousand notices that is a tenth of the memory of lists of numbers, and nothing
//! is converted twice.

use std::collections::HashMap;

use serde::Serialize;

use super::doc::Doc;
use super::split;

/// About how large an index file is: a query fetches one per term (more only for a term
/// whose postings are larger), so a few of them, whatever the size of the site.
pub const CHUNK_BYTES: usize = 32 * 1024;

/// How many notices' fragments one file holds: `f/<n>.json` holds those of notices
/// `n × FRAGMENTS_PER_FILE` onwards. Ten thousand files of a few kilobytes cost a build more
/// than their bytes (seconds of the system's time on a slow disk); a result shown costs a few
/// notices' text instead of one.
pub const FRAGMENTS_PER_FILE: usize = 4;

/// The version of the format, in `meta.json`.
pub const VERSION: u32 = 1;

/// The notices of one term, as written: `Δid,weight,count,Δposition…` for each, ids and
/// positions each counted from the one before. The first notice's id is kept apart, so that
/// the postings of two runs of notices join by writing one number.
struct Postings {
    first: u32,
    last: u32,
    /// From the first notice's weight on.
    text: Vec<u8>,
}

/// The postings of a run of notices, by term.
#[derive(Default)]
pub struct Terms(HashMap<Box<str>, Postings>);

impl Terms {
    /// Adds notice `id`, which comes after every notice added before.
    pub fn add(&mut self, id: u32, doc: &Doc) {
        let mut buf = itoa::Buffer::new();
        for t in doc.terms() {
            let p = match self.0.get_mut(t.term) {
                Some(p) => {
                    p.text.push(b',');
                    p.text.extend_from_slice(buf.format(id - p.last).as_bytes());
                    p.text.push(b',');
                    p.last = id;
                    p
                }
                None => self.0.entry(t.term.into()).or_insert(Postings { first: id, last: id, text: Vec::new() }),
            };
            p.text.extend_from_slice(buf.format(t.weight).as_bytes());
            p.text.push(b',');
            p.text.extend_from_slice(buf.format(t.positions.len()).as_bytes());
            let mut last = 0;
            for &pos in t.positions {
                p.text.push(b',');
                p.text.extend_from_slice(buf.format(pos - last).as_bytes());
                last = pos;
            }
        }
    }

    /// Adds `later`, whose notices all come after these.
    pub fn join(&mut self, later: Terms) {
        let mut buf = itoa::Buffer::new();
        for (term, q) in later.0 {
            match self.0.get_mut(&term) {
                Some(p) => {
                    p.text.push(b',');
                    p.text.extend_from_slice(buf.format(q.first - p.last).as_bytes());
                    p.text.push(b',');
                    p.text.extend_from_slice(&q.text);
                    p.last = q.last;
                }
                None => {
                    self.0.insert(term, q);
                }
            }
        }
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    language: &'a str,
    pages: usize,
    /// How many notices' fragments each file under `f/` holds.
    fragments_per_file: usize,
    /// The first term of each chunk, and its file's name without `.json`.
    chunks: Vec<(&'a str, String)>,
    sections: &'a [String],
    tags: &'a [String],
}

/// One language's part of the index.
pub struct Part<'a> {
    pub language: &'a str,
    /// How many notices it has.
    pub pages: usize,
    pub terms: Terms,
    pub sections: Vec<String>,
    pub tags: Vec<String>,
}

/// The files of `part`'s index, by path under its folder: `i/<hash>.json` and then
/// `meta.json` (the fragments, `f/<n>.json`, are made as they are written).
pub fn files(part: &Part) -> Vec<(String, Vec<u8>)> {
    let mut terms: Vec<(&str, &Postings)> = part.terms.0.iter().map(|(t, p)| (&**t, p)).collect();
    terms.sort_unstable_by(|a, b| split::order(a.0, b.0));

    let mut out = Vec::new();
    let mut chunks: Vec<(&str, String)> = Vec::new();
    let mut chunk: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 4096);
    let mut first: &str = "";
    let mut buf = itoa::Buffer::new();
    for (term, p) in terms {
        if chunk.len() >= CHUNK_BYTES {
            finish(&mut chunk, first, &mut chunks, &mut out);
            first = term;
        }
        chunk.push(if chunk.is_empty() { b'[' } else { b',' });
        chunk.push(b'[');
        serde_json::to_writer(&mut chunk, term).expect("writing to a Vec cannot fail");
        chunk.extend_from_slice(b",[");
        chunk.extend_from_slice(buf.format(p.first).as_bytes());
        chunk.push(b',');
        chunk.extend_from_slice(&p.text);
        chunk.extend_from_slice(b"]]");
    }
    if !chunk.is_empty() || chunks.is_empty() {
        if chunk.is_empty() {
            chunk.push(b'[');
        }
        finish(&mut chunk, first, &mut chunks, &mut out);
    }
    let meta = Meta {
        version: VERSION,
        language: part.language,
        pages: part.pages,
        fragments_per_file: FRAGMENTS_PER_FILE,
        chunks,
        sections: &part.sections,
        tags: &part.tags,
    };
    let mut bytes = serde_json::to_vec(&meta).expect("writing to a Vec cannot fail");
    bytes.push(b'\n');
    out.push(("meta.json".to_owned(), bytes));
    out
}

/// Closes `chunk`, whose first term is `first`, names it by its bytes and adds it to `out`.
fn finish<'a>(
    chunk: &mut Vec<u8>,
    first: &'a str,
    chunks: &mut Vec<(&'a str, String)>,
    out: &mut Vec<(String, Vec<u8>)>,
) {
    chunk.push(b']');
    let name = format!("{:016x}", crate::hash::bytes(chunk));
    // A copy of exactly its size, held until written; `chunk` keeps its room for the next.
    out.push((format!("i/{name}.json"), chunk.clone()));
    chunk.clear();
    chunks.push((first, name));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The postings of notices added one by one, or in two runs joined, are the same text.
    #[test]
    fn runs_join_as_if_added_one_by_one() {
        let docs: Vec<Doc> = ["a b", "b c 中国", "a 中国人", "c"].iter().map(|t| Doc::of_text(t)).collect();
        let text = |terms: &Terms| {
            let mut all: Vec<String> =
                terms.0.iter().map(|(t, p)| format!("{t}:{},{}", p.first, String::from_utf8_lossy(&p.text))).collect();
            all.sort();
            all
        };
        let mut one = Terms::default();
        for (id, d) in docs.iter().enumerate() {
            one.add(id as u32, d);
        }
        for cut in 0..=docs.len() {
            let (mut a, mut b) = (Terms::default(), Terms::default());
            for (id, d) in docs.iter().enumerate() {
                if id < cut { a.add(id as u32, d) } else { b.add(id as u32, d) }
            }
            a.join(b);
            assert_eq!(text(&a), text(&one), "cut at {cut}");
        }
        assert!(text(&one).contains(&"b:0,1,0,1,1,0".to_owned()), "{:?}", text(&one));
        assert!(text(&one).contains(&"中国:1,1,1,2,1,1,1,1".to_owned()), "{:?}", text(&one));
    }
}
