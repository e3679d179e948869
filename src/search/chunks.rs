//! One language's index from its notices' [`Doc`]s: every term's postings, in files of about
//! [`CHUNK_BYTES`] cut in term order, and `meta.json`, which says where each file starts.
//! The format is described in `docs/search.md`; the browser's side is `assets/search.js`.

use std::collections::HashMap;
use std::io::Write as _;

use serde::Serialize;

use super::doc::Doc;
use super::split;

/// About how large an index file is: a query fetches one per term (more only for a term
/// whose postings are larger), so a few of them, whatever the size of the site.
pub const CHUNK_BYTES: usize = 32 * 1024;

/// The version of the format, in `meta.json`.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    language: &'a str,
    pages: usize,
    /// The first term of each chunk, and its file's name without `.json`.
    chunks: Vec<(&'a str, String)>,
    sections: &'a [String],
    tags: &'a [String],
}

/// One language's part of the index.
pub struct Part<'a> {
    pub language: &'a str,
    /// The notices' docs by page id: oldest first.
    pub docs: Vec<&'a Doc>,
    pub sections: Vec<String>,
    pub tags: Vec<String>,
}

/// The files of `part`, by path under its folder: `meta.json`, `i/<hash>.json`, `f/<id>.json`.
pub fn files(part: &Part) -> super::Files {
    struct Posting<'a> {
        id: u32,
        weight: u16,
        positions: &'a [u32],
    }
    let mut postings: HashMap<&str, Vec<Posting>> = HashMap::new();
    for (id, doc) in part.docs.iter().enumerate() {
        for t in &doc.terms {
            postings.entry(&t.term).or_default().push(Posting {
                id: id as u32,
                weight: t.weight,
                positions: &t.positions,
            });
        }
    }
    let mut terms: Vec<&str> = postings.keys().copied().collect();
    terms.sort_unstable_by(|a, b| split::order(a, b));

    let mut out = Vec::new();
    let mut chunks: Vec<(&str, String)> = Vec::new();
    let mut chunk: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 4096);
    let mut first: &str = "";
    for term in &terms {
        if chunk.len() >= CHUNK_BYTES {
            finish(&mut chunk, first, &mut chunks, &mut out);
            first = term;
        }
        chunk.push(if chunk.is_empty() { b'[' } else { b',' });
        chunk.push(b'[');
        serde_json::to_writer(&mut chunk, term).expect("writing to a Vec cannot fail");
        chunk.extend_from_slice(b",[");
        let mut previous = 0;
        let mut buf = itoa::Buffer::new();
        for (n, p) in postings[term].iter().enumerate() {
            if n > 0 {
                chunk.push(b',');
            }
            chunk.extend_from_slice(buf.format(p.id - previous).as_bytes());
            previous = p.id;
            chunk.push(b',');
            chunk.extend_from_slice(buf.format(p.weight).as_bytes());
            chunk.push(b',');
            chunk.extend_from_slice(buf.format(p.positions.len()).as_bytes());
            let mut last = 0;
            for &pos in p.positions {
                chunk.push(b',');
                chunk.extend_from_slice(buf.format(pos - last).as_bytes());
                last = pos;
            }
        }
        chunk.extend_from_slice(b"]]");
    }
    if !chunk.is_empty() || chunks.is_empty() {
        if chunk.is_empty() {
            chunk.push(b'[');
        }
        finish(&mut chunk, first, &mut chunks, &mut out);
    }
    for (id, doc) in part.docs.iter().enumerate() {
        out.push((format!("f/{id}.json"), doc.fragment.clone()));
    }
    let meta = Meta {
        version: VERSION,
        language: part.language,
        pages: part.docs.len(),
        chunks,
        sections: &part.sections,
        tags: &part.tags,
    };
    let mut bytes = Vec::new();
    serde_json::to_writer(&mut bytes, &meta).expect("writing to a Vec cannot fail");
    let _ = bytes.write_all(b"\n");
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
    out.push((format!("i/{name}.json"), std::mem::take(chunk)));
    chunks.push((first, name));
}
