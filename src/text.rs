//! Plain-text measures that must treat CJK text fairly (counting words, reading time and
//! cutting summaries by characters and sentences, never by bytes), and the clean-up that
//! makes names, tags and titles typed in different ways the same text.

/// Whether `c` is a CJK ideograph, kana, hangul or full-width punctuation: text written
/// without spaces between words, where each character counts as a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF     // radicals
        | 0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF   // hiragana, katakana
        | 0x3100..=0x312F   // bopomofo
        | 0x3130..=0x318F   // hangul compatibility jamo
        | 0x3190..=0x31FF
        | 0x3400..=0x4DBF   // extension A
        | 0x4E00..=0x9FFF   // unified ideographs
        | 0xAC00..=0xD7AF   // hangul syllables
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x20000..=0x3134F // extensions B–G
    )
}

/// The language a text in a CJK script is most likely in: Japanese if it has kana, Korean if
/// it has hangul, else Chinese if it has ideographs; `None` for other scripts.
pub fn cjk_language(text: &str) -> Option<&'static str> {
    let (mut han, mut kana, mut hangul) = (false, false, false);
    for c in text.chars() {
        match c as u32 {
            0x3040..=0x30FF => kana = true,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => hangul = true,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => han = true,
            _ => {}
        }
    }
    if kana {
        Some("ja")
    } else if hangul {
        Some("ko")
    } else if han {
        Some("zh")
    } else {
        None
    }
}

/// Whether `c` takes two columns in a terminal.
pub fn is_wide(c: char) -> bool {
    is_cjk(c)
}

/// The words in `text` (runs of non-CJK letters or digits, plus one per CJK character) and
/// the minutes to read it, at least 1: 220 words a minute for alphabetic text and 400
/// characters a minute for CJK text.
pub fn measure(text: &str) -> (usize, u32) {
    let (words, cjk) = count(text);
    let minutes = words as f64 / 220.0 + cjk as f64 / 400.0;
    (words + cjk, (minutes.round() as u32).max(1))
}

/// Alphabetic words and CJK characters in `text`.
fn count(text: &str) -> (usize, usize) {
    let (mut words, mut cjk) = (0, 0);
    let mut in_word = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
            } else if c != '\'' && c != '-' {
                in_word = false;
            }
        } else if is_cjk(c) {
            cjk += usize::from(c.is_alphanumeric());
            in_word = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_word);
            in_word = true;
        } else if c != '’' {
            in_word = false;
        }
    }
    (words, cjk)
}

/// The longest summary, in characters: CJK characters carry about twice the meaning of
/// Latin ones, so a CJK-heavy text gets half as many.
const SUMMARY_CHARS: usize = 280;
const SUMMARY_CJK_CHARS: usize = 140;

/// `text` cut to a summary: whole if short, else at the last sentence end that fits, else at
/// the last word boundary with an ellipsis.
pub fn summarize(text: &str) -> String {
    let text = collapse_spaces(text);
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    let limit = if cjk * 2 > text.chars().count() { SUMMARY_CJK_CHARS } else { SUMMARY_CHARS };
    if text.chars().count() <= limit {
        return text;
    }
    let head: String = text.chars().take(limit).collect();
    // A sentence ends at `.`, `!`, `?` followed by a space, or at a CJK full stop.
    let mut best = None;
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let end = pos + c.len_utf8();
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let ends = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends && end >= head.len() / 3 {
            best = Some(end);
        }
    }
    if let Some(end) = best {
        return head[..end].trim_end().to_owned();
    }
    clip(&head, cjk * 2 > head.chars().count())
}

/// `head`, the start of a longer text, ended at its last word boundary (anywhere, in CJK
/// text) with an ellipsis.
fn clip(head: &str, cjk_heavy: bool) -> String {
    let cut = if cjk_heavy { head } else { head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]) };
    format!("{}…", cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:，、；：".contains(c)))
}

/// `text` in at most `limit` characters (not bytes): whole if it fits, else cut at a word
/// boundary with an ellipsis. For descriptions in meta tags and link previews.
pub fn cut(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let head: String = text.chars().take(limit.saturating_sub(1)).collect();
    let cjk = head.chars().filter(|c| is_cjk(*c)).count();
    clip(&head, cjk * 2 > head.chars().count())
}

/// Runs of white space as one space, trimmed.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that take no room and show nothing, yet make two names that look the same
/// different strings: zero-width space, word joiner, byte-order mark, soft hyphen,
/// combining grapheme joiner, invisible operators and bidirectional marks, embeddings and
/// isolates. Zero-width joiner and non-joiner are [`is_joiner`]: they change how some
/// scripts look.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                       // soft hyphen
        | '\u{034F}'                     // combining grapheme joiner
        | '\u{061C}'                     // Arabic letter mark
        | '\u{200B}'                     // zero-width space
        | '\u{200E}' | '\u{200F}'        // left-to-right, right-to-left marks
        | '\u{202A}'..='\u{202E}'        // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'        // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'        // bidi isolates
        | '\u{FEFF}'                     // byte-order mark, zero-width no-break space
    )
}

/// Zero-width non-joiner (U+200C) and joiner (U+200D).
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Whether a joiner between `before` and `after` changes what is shown: between letters of
/// scripts that join or form conjuncts (Arabic, Syriac, Indic and South-East Asian scripts,
/// Mongolian) and inside emoji sequences. Elsewhere (Latin, CJK…) it shows nothing.
fn joiner_shows(before: Option<char>, after: Option<char>) -> bool {
    let shaping = |c: char| {
        matches!(c as u32,
            0x0600..=0x08FF     // Arabic, Syriac, Thaana, N'Ko…
            | 0x0900..=0x0DFF   // Indic scripts, Sinhala
            | 0x0F00..=0x109F   // Tibetan, Myanmar
            | 0x1780..=0x18AF   // Khmer, Mongolian
            | 0xA8E0..=0xA8FF   // Devanagari extended
            | 0xFB50..=0xFDFF   // Arabic presentation forms A
            | 0xFE70..=0xFEFE   // Arabic presentation forms B
            | 0x2600..=0x27BF   // symbols, dingbats (emoji)
            | 0xFE0F            // emoji presentation selector
            | 0x1F000..=0x1FAFF // emoji
        )
    };
    matches!((before, after), (Some(b), Some(a)) if shaping(b) || shaping(a))
}

/// `text` without [`is_invisible`] characters, nor joiners where they show nothing.
fn without_invisible(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_invisible(c) {
            continue;
        }
        if is_joiner(c) {
            // Neighbours as written, past other invisible characters.
            let before = chars[..i].iter().rev().copied().find(|c| !is_invisible(*c) && !is_joiner(*c));
            let after = chars[i + 1..].iter().copied().find(|c| !is_invisible(*c) && !is_joiner(*c));
            if !joiner_shows(before, after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `text` in Unicode normal form C: `e` + U+0301 becomes `é`.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfc(text) { text.to_owned() } else { text.nfc().collect() }
}

/// A tag or a person's name as one identity: invisible characters dropped (see
/// [`is_invisible`]), in NFC, spaces collapsed. What looks the same is then the same string.
pub fn clean_name(text: &str) -> String {
    collapse_spaces(&nfc(&without_invisible(text)))
}

/// A title: in NFC, spaces collapsed, without byte-order marks (pasted in with text copied
/// from a file) or invisible characters at either end. Invisible characters inside stay:
/// a soft hyphen or zero-width space there is a line-break hint the author may want.
pub fn clean_title(text: &str) -> String {
    let text: String = text.chars().filter(|c| *c != '\u{FEFF}').collect();
    let text = collapse_spaces(&nfc(&text));
    let edge = |c: char| is_invisible(c) || is_joiner(c);
    collapse_spaces(text.trim_matches(edge))
}

/// The invisible characters in `text`, named: `U+200B, U+FEFF`.
pub fn invisible_codes(text: &str) -> String {
    let mut codes: Vec<String> = Vec::new();
    for c in text.chars().filter(|c| is_invisible(*c) || is_joiner(*c)) {
        let code = format!("U+{:04X}", c as u32);
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.join(", ")
}

/// Identity of a tag or person: case and surrounding space do not matter.
pub fn key(name: &str) -> String {
    collapse_spaces(name).to_lowercase()
}

/// `1 page`, `3 pages`: `n` and `word`, with an `s` unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", plural_s(n))
}

/// The ending of a plural written around other words: `""` for 1, `"s"` otherwise.
pub fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (n, want) in [(0, "0 pages"), (1, "1 page"), (2, "2 pages")] {
            assert_eq!(plural(n, "page"), want);
        }
    }

    #[test]
    fn counts_words_and_cjk_characters() {
        for (text, want) in [
            ("", 0),
            ("Hello, world!", 2),
            ("don't stop-gap 42", 3),
            ("退役军人事务", 6),
            ("Xinjiang 退役军人 work", 6),
            ("（李阳）", 2),
        ] {
            assert_eq!(measure(text).0, want, "{text:?}");
        }
    }

    #[test]
    fn guesses_the_language_of_cjk_text() {
        for (text, want) in [
            ("退役军人工作会议召开", Some("zh")),
            ("会議が開催された", Some("ja")),
            ("회의가 열렸다", Some("ko")),
            ("Work conference", None),
        ] {
            assert_eq!(cjk_language(text), want, "{text}");
        }
    }

    #[test]
    fn reading_time_is_cjk_aware() {
        assert_eq!(measure("word").1, 1);
        assert_eq!(measure(&"word ".repeat(660)).1, 3);
        // 1200 CJK characters at 400 a minute.
        assert_eq!(measure(&"军".repeat(1200)).1, 3);
    }

    #[test]
    fn summary_cuts_at_a_sentence() {
        let first = "The meeting was held in Urumqi on Monday.";
        let text = format!("{first} {}", "More words follow here. ".repeat(20));
        let s = summarize(&text);
        assert!(s.ends_with('.') && s.chars().count() <= 280, "{s}");
        assert!(s.starts_with(first));
        assert_eq!(summarize("Short one."), "Short one.");
    }

    #[test]
    fn summary_without_sentences_cuts_at_a_word() {
        let s = summarize(&"lorem ipsum ".repeat(50));
        assert!(s.ends_with("ipsum…") || s.ends_with("lorem…"), "{s}");
    }

    #[test]
    fn cuts_by_characters_not_bytes() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 12), "one two…");
        let zh = "退役军人事务厅召开全区退役军人工作会议";
        assert_eq!(cut(zh, 19), zh);
        assert_eq!(cut(zh, 8), "退役军人事务厅…");
        assert!(cut(&"军".repeat(500), 200).chars().count() <= 200);
    }

    #[test]
    fn names_that_look_the_same_are_the_same() {
        for (written, want) in [
            ("caf\u{e9}", "caf\u{e9}"),
            ("cafe\u{301}", "caf\u{e9}"),
            ("Zoe\u{308}", "Zo\u{eb}"),
            ("pen\u{200b}sions", "pensions"),
            ("\u{feff}pensions\u{2060}", "pensions"),
            ("pen\u{ad}sions", "pensions"),
            ("\u{202e}Li Yang\u{202c}", "Li Yang"),
            ("\u{2066}Li\u{2069}  Yang ", "Li Yang"),
            // Joiners show nothing in Latin or CJK text…
            ("pen\u{200c}sions", "pensions"),
            ("李\u{200d}阳", "李阳"),
            ("\u{200d}Li Yang", "Li Yang"),
            // …but shape Persian and Devanagari, and join emoji.
            (
                "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
                "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
            ),
            ("\u{915}\u{94d}\u{200d}\u{937}", "\u{915}\u{94d}\u{200d}\u{937}"),
            ("\u{1f469}\u{200d}\u{1f4bb}", "\u{1f469}\u{200d}\u{1f4bb}"),
            ("\u{200b}\u{feff}", ""),
        ] {
            assert_eq!(clean_name(written), want, "{written:?}");
        }
    }

    #[test]
    fn titles_are_normalised_but_keep_inner_hints() {
        for (written, want) in [
            ("Cafe\u{301} opens", "Caf\u{e9} opens"),
            ("\u{feff}Work conference", "Work conference"),
            ("Work\u{feff} conference", "Work conference"),
            ("\u{200b} Work conference \u{200b}", "Work conference"),
            ("Super\u{ad}cali", "Super\u{ad}cali"),
            ("\u{feff}", ""),
            ("\u{200b}\u{200d}\u{2060}", ""),
        ] {
            assert_eq!(clean_title(written), want, "{written:?}");
        }
        assert_eq!(invisible_codes("\u{feff}\u{200b}\u{feff}"), "U+FEFF, U+200B");
    }

    #[test]
    fn cjk_summary_counts_characters() {
        let sentence = "会议强调，要做好退役军人工作。";
        let s = summarize(&sentence.repeat(20));
        assert!(s.chars().count() <= 140, "{}", s.chars().count());
        assert!(s.ends_with('。'));
        let no_stop = summarize(&"军".repeat(300));
        assert_eq!(no_stop.chars().count(), 141);
        assert!(no_stop.ends_with('…'));
    }
}
