//! Plain-text wire copy, like `sample-notice.txt`, read as a notice: the first line is the
//! title, an `Original title:` line the original title, a last paragraph of parenthesised
//! credits the byline and editors, and the paragraphs between them the body.

use super::credits::{find_original_title, find_trailer};

/// What was read from a wire copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireCopy {
    pub title: String,
    pub original_title: Option<String>,
    pub byline: Vec<String>,
    pub editors: Vec<String>,
    /// Paragraphs as Markdown, plain text escaped.
    pub body: String,
}

/// Longest title a first line may be; anything longer is a paragraph, not a title.
const TITLE_LIMIT: usize = 300;

pub fn parse(text: &str) -> Result<WireCopy, String> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n");
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let title = crate::text::collapse_spaces(first);
    if title.is_empty() {
        return Err("the file is empty".into());
    }
    if title.chars().count() > TITLE_LIMIT {
        return Err(format!(
            "the first line is {} characters long: it should be the title, on a line of its own",
            title.chars().count()
        ));
    }
    let mut body = body.to_owned();
    let mut original_title = None;
    if let Some((found, range)) = find_original_title(&body) {
        body.replace_range(range, "");
        original_title = Some(found);
    }
    let (mut byline, mut editors) = (Vec::new(), Vec::new());
    if let Some((credits, at)) = find_trailer(&body) {
        body.truncate(at);
        byline = credits.byline;
        editors = credits.editors;
    }
    let paragraphs: Vec<String> = body
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).map(escape_line).collect::<Vec<_>>().join("\n"))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err("there is no text after the title".into());
    }
    Ok(WireCopy { title, original_title, byline, editors, body: paragraphs.join("\n\n") })
}

/// A line of plain text as Markdown that shows it as written: characters Markdown would
/// read as markup are escaped, and so is a start that would make a heading, list or quote.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    // `# x`, `- x`, `+ x`, `= x` and `2021. x` would start a block.
    let first = out.chars().next().unwrap_or(' ');
    if matches!(first, '#' | '-' | '+' | '=') {
        out.insert(0, '\\');
    } else if first.is_ascii_digit() {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if let Some(mark @ ('.' | ')')) = out[digits..].chars().next() {
            out.replace_range(digits..digits + 1, &format!("\\{mark}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_notice_is_read_whole() {
        let text = include_str!("../../tests/fixtures/sample-notice.txt");
        let w = parse(text).unwrap();
        assert_eq!(w.title, "Promote the high quality development of new era retired military work");
        assert!(w.original_title.as_deref().unwrap().starts_with("Promoting the high quality development"));
        assert_eq!(w.byline, ["Li Yang"]);
        assert_eq!(w.editors, ["Yang Rui", "Han Ting"]);
        assert!(w.body.starts_with("Wang Jun, deputy secretary"));
        assert!(w.body.ends_with("Hadley Harmati, Vice Chairman of the Autonomous Region hosted the meeting."));
        assert!(!w.body.contains("Original title") && !w.body.contains("(Editor"));
        // Nine paragraphs, as in the file.
        assert_eq!(w.body.split("\n\n").count(), 9);
    }

    #[test]
    fn plain_text_stays_plain() {
        for (line, want) in [
            ("# not a heading", "\\# not a heading"),
            ("2021. A year", "2021\\. A year"),
            ("- dash", "\\- dash"),
            ("a *b* <c> [d]", "a \\*b\\* \\<c\\> \\[d\\]"),
            ("Normal line.", "Normal line."),
        ] {
            assert_eq!(escape_line(line), want);
        }
        assert_eq!(parse("\n\n").unwrap_err(), "the file is empty");
        assert_eq!(parse("Title only\n").unwrap_err(), "there is no text after the title");
    }
}
