//! How search splits text into terms, the same way in the index (here) and in the browser
//! (`assets/search.js`), so that a query's terms are the index's by construction. Text is
//! normalised (NFKC, then lowercase); runs of letters and digits are words; Chinese and
//! Japanese characters, which are written without spaces, give every single character and
//! every overlapping pair of characters (我是中国人 → 我是, 是中, 中国, 国人), each at its
//! position, so that any run of characters can be found exactly, with no dictionary to
//! disagree with the browser's. `tests/fixtures/search-tokens.json` holds examples both
//! sides are tested against.

use unicode_normalization::UnicodeNormalization;

/// A word longer than this many characters is indexed (and searched) by its beginning.
pub const MAX_WORD: usize = 64;

/// What a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// A run of letters and digits.
    Word,
    /// One Chinese or Japanese character.
    Unigram,
    /// Two Chinese or Japanese characters that follow each other.
    Bigram,
}

/// `text` as it is searched: NFKC (full-width letters become plain ones), then lowercase.
pub fn normalise(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Most text is already in NFKC (a quick scan says so): only lowercase it then.
    if unicode_normalization::is_nfkc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return text.to_lowercase();
    }
    text.nfkc().collect::<String>().to_lowercase()
}

/// Whether `c` is written without spaces between words: Han characters (with 々 and 〇),
/// hiragana and katakana.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3007}'
        | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

/// Calls `term` with every term of `text` (already [`normalise`]d), its position and what it
/// is, in order; positions count on from `first`. Returns the next free position.
pub fn split(text: &str, first: u32, mut term: impl FnMut(&str, u32, Term)) -> u32 {
    let mut pos = first;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_cjk(c) {
            let end = start + c.len_utf8();
            term(&text[start..end], pos, Term::Unigram);
            if let Some(&(next, n)) = chars.peek().filter(|(_, n)| is_cjk(*n)) {
                term(&text[start..next + n.len_utf8()], pos, Term::Bigram);
            }
            pos += 1;
        } else if c.is_alphanumeric() {
            let (mut cut, mut count) = (start + c.len_utf8(), 1);
            while let Some(&(i, n)) = chars.peek() {
                if is_cjk(n) || !n.is_alphanumeric() {
                    break;
                }
                chars.next();
                count += 1;
                if count <= MAX_WORD {
                    cut = i + n.len_utf8();
                }
            }
            term(&text[start..cut], pos, Term::Word);
            pos += 1;
        }
    }
    pos
}

/// The order of terms in the index: UTF-16 code units, as the browser compares strings.
pub fn order(a: &str, b: &str) -> std::cmp::Ordering {
    // UTF-8 bytes sort like code points, which differ from UTF-16 only between characters
    // above U+FFFF and those from U+E000 to U+FFFF.
    if a.is_ascii() || b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        split(&normalise(text), 0, |t, p, _| out.push((t.to_owned(), p)));
        out
    }

    fn owned(v: &[(&str, u32)]) -> Vec<(String, u32)> {
        v.iter().map(|(t, p)| ((*t).to_owned(), *p)).collect()
    }

    #[test]
    fn splits_words_and_pairs_of_characters() {
        for (text, want) in [
            ("Work Conference, held!", vec![("work", 0), ("conference", 1), ("held", 2)]),
            ("Ministry's 2026 plan", vec![("ministry", 0), ("s", 1), ("2026", 2), ("plan", 3)]),
            ("ＡＢＣ", vec![("abc", 0)]),
            ("中国人", vec![("中", 0), ("中国", 0), ("国", 1), ("国人", 1), ("人", 2)]),
            ("中。人", vec![("中", 0), ("人", 1)]),
            ("在乌鲁（Urumqi）", vec![("在", 0), ("在乌", 0), ("乌", 1), ("乌鲁", 1), ("鲁", 2), ("urumqi", 3)]),
            ("é café", vec![("é", 0), ("café", 1)]),
            ("𠀀a", vec![("𠀀", 0), ("a", 1)]),
        ] {
            assert_eq!(terms(text), owned(&want), "{text}");
        }
    }

    #[test]
    fn a_long_word_is_cut() {
        let word = "a".repeat(70);
        assert_eq!(terms(&word), vec![("a".repeat(64), 0)]);
    }

    #[test]
    fn orders_like_the_browser() {
        use std::cmp::Ordering::*;
        for (a, b, want) in [("a", "b", Less), ("ab", "a", Greater), ("\u{F900}", "𠀀", Greater), ("中", "中国", Less)]
        {
            assert_eq!(order(a, b), want, "{a} {b}");
        }
    }

    /// The examples the browser's splitter is tested against too.
    #[test]
    fn agrees_with_the_shared_examples() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-tokens.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert!(!cases.is_empty());
        for case in cases {
            let input = case["text"].as_str().unwrap();
            let mut want: Vec<(String, u32)> = case["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| (t[0].as_str().unwrap().to_owned(), t[1].as_u64().unwrap() as u32))
                .collect();
            let mut got = terms(input);
            want.sort();
            got.sort();
            assert_eq!(got, want, "{input}");
        }
    }
}
