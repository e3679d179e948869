//! Credits and original titles written in the body, the way wire copy and translated
//! notices carry them: a last paragraph `(Li Yang) (Editor: Yang Rui, Han Ting).` or
//! `（记者 李阳）（责任编辑：杨睿、韩婷）`, and a first line `Original title: …`.

/// Names found in a credits trailer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Credits {
    pub byline: Vec<String>,
    pub editors: Vec<String>,
}

/// Finds a credits trailer: the last paragraph of `body`, made only of parenthesised
/// credits. Returns the credits and the byte offset where the trailer starts.
pub fn find_trailer(body: &str) -> Option<(Credits, usize)> {
    let trimmed = body.trim_end();
    // The last paragraph starts after the last blank line.
    let mut start = 0;
    let mut offset = 0;
    for line in trimmed.split_inclusive('\n') {
        if line.trim().is_empty() {
            start = offset + line.len();
        }
        offset += line.len();
    }
    let paragraph = trimmed[start..].trim();
    if paragraph.is_empty() {
        return None;
    }
    parse_trailer(paragraph).map(|credits| (credits, start))
}

fn parse_trailer(paragraph: &str) -> Option<Credits> {
    let mut rest = paragraph.trim_end_matches(['.', '。']).trim();
    let mut credits = Credits::default();
    while !rest.is_empty() {
        let open_len = match rest.chars().next() {
            Some(c @ ('(' | '（')) => c.len_utf8(),
            _ => return None,
        };
        let end = rest.find([')', '）'])?;
        let inner = rest[open_len..end].trim();
        let close_len = rest[end..].chars().next()?.len_utf8();
        rest = rest[end + close_len..].trim_start();
        let (is_editor, names) = classify(inner)?;
        let names = split_names(names)?;
        if is_editor { &mut credits.editors } else { &mut credits.byline }.extend(names);
    }
    if credits.byline.is_empty() && credits.editors.is_empty() {
        return None;
    }
    Some(credits)
}

const EDITOR_PREFIXES: &[&str] = &["责任编辑", "编辑", "责编", "editors", "editor", "edited by"];
const AUTHOR_PREFIXES: &[&str] = &["记者", "reporters", "reporter", "by", "文"];

/// Whether a group credits editors, and the names in it.
fn classify(inner: &str) -> Option<(bool, &str)> {
    let lower = inner.to_lowercase();
    for (is_editor, prefixes) in [(true, EDITOR_PREFIXES), (false, AUTHOR_PREFIXES)] {
        for prefix in prefixes {
            if lower.starts_with(prefix) && lower.is_char_boundary(prefix.len()) {
                let after = &inner[prefix.len()..];
                // A prefix must be followed by a colon or a space, so "Bye" is not "By e".
                let names = after
                    .strip_prefix([':', '：', '/'])
                    .or_else(|| after.strip_prefix(char::is_whitespace))
                    .map(str::trim);
                if let Some(names) = names {
                    return Some((is_editor, names));
                }
            }
        }
    }
    Some((false, inner))
}

/// Splits `Yang Rui, Han Ting and Li Yang` or `杨睿、韩婷` into names; `None` if a part does not
/// look like a person's name, so ordinary text in parentheses is never taken for credits.
fn split_names(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in text.split([',', '，', '、', ';', '；']) {
        for name in part.split(" and ") {
            let name = name.trim().trim_start_matches("and ").trim();
            if name.is_empty() {
                continue;
            }
            if !looks_like_name(name) {
                return None;
            }
            names.push(name.to_owned());
        }
    }
    if names.is_empty() { None } else { Some(names) }
}

fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = name.chars().next().unwrap_or(' ');
    name.chars().count() <= 40
        && words.len() <= 4
        && !name.contains([':', '：', '(', ')', '（', '）'])
        && !name.chars().any(|c| c.is_ascii_digit())
        // Latin names start with a capital; other scripts have no case.
        && (!first.is_lowercase())
}

/// Finds an `Original title: …` (or `原标题：…`) first line in `body`. Returns the title and
/// the byte range of that line.
pub fn find_original_title(body: &str) -> Option<(String, std::ops::Range<usize>)> {
    let start = body.len() - body.trim_start().len();
    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let line = body[start..end].trim();
    for prefix in ["original title", "原标题", "原题"] {
        let lower = line.to_lowercase();
        if lower.starts_with(prefix) && line.is_char_boundary(prefix.len()) {
            let after = &line[prefix.len()..];
            if let Some(title) = after.strip_prefix([':', '：']) {
                let title = title.trim();
                if !title.is_empty() {
                    return Some((title.to_owned(), start..end));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(byline: &[&str], editors: &[&str]) -> Option<Credits> {
        Some(Credits {
            byline: byline.iter().map(|s| s.to_string()).collect(),
            editors: editors.iter().map(|s| s.to_string()).collect(),
        })
    }

    #[test]
    fn trailers() {
        let cases: &[(&str, Option<Credits>)] = &[
            ("(Li Yang) (Editor: Yang Rui, Han Ting).", credits(&["Li Yang"], &["Yang Rui", "Han Ting"])),
            ("(Zhang Min) (Editor: Yang Rui and Han Ting).", credits(&["Zhang Min"], &["Yang Rui", "Han Ting"])),
            ("(Reporter: Chen Wei, Wang Fang)", credits(&["Chen Wei", "Wang Fang"], &[])),
            ("(Editors: Han Ting)", credits(&[], &["Han Ting"])),
            ("（李阳）（责任编辑：杨睿、韩婷）", credits(&["李阳"], &["杨睿", "韩婷"])),
            ("（记者 李阳）（责任编辑：杨睿、韩婷）", credits(&["李阳"], &["杨睿", "韩婷"])),
            ("（李阳）（编辑：韩婷）。", credits(&["李阳"], &["韩婷"])),
            ("（记者 李阳，王芳）", credits(&["李阳", "王芳"], &[])),
            ("(Li Yang)(Editor:Han Ting)", credits(&["Li Yang"], &["Han Ting"])),
            // Ordinary sentences in parentheses are not credits.
            ("(see the annex for the full list of measures)", None),
            ("(see annex)", None),
            ("(Article 12, paragraph 3)", None),
            ("The meeting closed. (Li Yang)", None),
            ("(Li Yang) was there.", None),
            ("()", None),
            ("(Editor: )", None),
        ];
        for (paragraph, want) in cases {
            assert_eq!(&parse_trailer(paragraph), want, "{paragraph}");
        }
    }

    #[test]
    fn trailer_is_the_last_paragraph() {
        let body = "First paragraph.\n\nSecond (Li Yang).\n\n(Li Yang) (Editor: Yang Rui, Han Ting).\n\n";
        let (c, start) = find_trailer(body).unwrap();
        assert_eq!(c.byline, ["Li Yang"]);
        assert_eq!(&body[..start], "First paragraph.\n\nSecond (Li Yang).\n\n");
        assert!(find_trailer("One.\n\n(Li Yang)\nmore text").is_none());
        assert!(find_trailer("").is_none());
        let (_, start) = find_trailer("(Li Yang)").unwrap();
        assert_eq!(start, 0);
    }

    #[test]
    fn original_titles() {
        let body = "\nOriginal title: The 24th conference was held.\n\nText.";
        let (title, range) = find_original_title(body).unwrap();
        assert_eq!(title, "The 24th conference was held.");
        assert_eq!(&body[range], "Original title: The 24th conference was held.");
        assert_eq!(find_original_title("原标题：退役军人工作会议召开\n正文").unwrap().0, "退役军人工作会议召开");
        assert!(find_original_title("Text.\n\nOriginal title: x").is_none());
        assert!(find_original_title("Original titles are shown.").is_none());
    }
}
