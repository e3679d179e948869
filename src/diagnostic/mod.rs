//! Errors as users see them: every problem is a [`Diagnostic`] that names a file and, where it
//! can, a line and column, with a hint. [`Error`] carries one or many of them, and [`report`]
//! is the one place that prints them. Each in its own file: the error type ([`error`]),
//! printing ([`report`]), colour ([`paint`]) and serde's messages in plain words
//! ([`serde_words`]).

mod error;
mod paint;
mod report;
mod serde_words;

use std::fmt;
use std::path::PathBuf;

pub use error::Error;
pub use paint::{Paint, wants_colour};
pub use report::{report, report_problem, warn};
pub use serde_words::{did_you_mean, explain_serde_error};

/// One problem in one file, positioned as `path:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line and column (in characters); `None` when the problem is the whole file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the position points into, shown under the message with a caret.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (or folder).
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { path: path.into(), position: None, message: message.into(), hint: None, snippet: None }
    }

    /// A problem at byte `offset` of `text`, the contents of `path`.
    pub fn at(path: impl Into<PathBuf>, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        Diagnostic {
            snippet: text.lines().nth(line - 1).map(str::to_owned),
            ..Diagnostic::file(path, message).with_position(line, col)
        }
    }

    pub fn with_position(mut self, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_snippet(mut self, line: impl Into<String>) -> Self {
        self.snippet = Some(line.into());
        self
    }

    /// Moves the position down by `lines`, for problems found in a part of a file (front
    /// matter, body) that was parsed on its own.
    pub fn shifted(mut self, lines: usize) -> Self {
        if let Some((line, col)) = self.position {
            self.position = Some((line + lines, col));
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.painted(Paint::PLAIN).fmt(f)
    }
}

impl Diagnostic {
    /// The diagnostic as [`Display`](fmt::Display) shows it, coloured by `paint`.
    pub fn painted(&self, paint: Paint) -> impl fmt::Display + '_ {
        Painted(self, paint)
    }
}

struct Painted<'a>(&'a Diagnostic, Paint);

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Painted(d, paint) = *self;
        let mut location = d.path.display().to_string();
        if let Some((line, col)) = d.position {
            location.push_str(&format!(":{line}:{col}"));
        }
        write!(f, "{}: {}", paint.location(&location), d.message)?;
        if let (Some(snippet), Some((line, col))) = (&d.snippet, d.position) {
            let gutter = line.to_string().len();
            let shown = snippet.replace('\t', " ");
            let pad: String = shown.chars().take(col.saturating_sub(1)).map(caret_pad).collect();
            let bar = paint.gutter("|");
            write!(
                f,
                "\n{:gutter$} {bar}\n{} {bar} {shown}\n{:gutter$} {bar} {pad}{}",
                "",
                paint.gutter(&line.to_string()),
                "",
                paint.caret("^")
            )?;
        }
        if let Some(hint) = &d.hint {
            write!(f, "\n  {} {hint}", paint.hint("= hint:"))?;
        }
        Ok(())
    }
}

/// Wide (CJK) characters take two columns in a terminal; keep the caret under its character.
fn caret_pad(c: char) -> char {
    if crate::text::is_wide(c) { '\u{3000}' } else { ' ' }
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nè = 1\n李阳x";
        for (offset, want) in
            [(0, (1, 1)), (2, (2, 1)), (4, (2, 2)), (9, (3, 1)), (10, (3, 1)), (15, (3, 3)), (16, (3, 4))]
        {
            assert_eq!(line_col(text, offset), want, "offset {offset}");
        }
    }

    #[test]
    fn serde_messages_become_hints() {
        let cases = [
            (
                "unknown field `titel`, expected one of `title`, `date`",
                "unknown field `titel` in the front matter",
                Some("did you mean `title`? (valid fields: title, date)"),
            ),
            (
                "unknown field `zzz`, expected `title`",
                "unknown field `zzz` in the front matter",
                Some("valid fields: title"),
            ),
            (
                "unknown variant `alow`, expected one of `sanitize`, `allow`, `escape`",
                "unknown value `alow`",
                Some("did you mean `allow`? (valid values: sanitize, allow, escape)"),
            ),
            ("missing field `title`", "missing field `title`", None),
            (
                "unknown field `sumary`, expected one of title, summary, draft",
                "unknown field `sumary` in the front matter",
                Some("did you mean `summary`? (valid fields: title, summary, draft)"),
            ),
            ("invalid type: integer `5`, expected a string", "wrong type: found integer `5`, expected a string", None),
            (
                "invalid type: string \"10\", expected i64",
                "wrong type: found string \"10\", expected a whole number",
                None,
            ),
            (
                "invalid type: string \"x\", expected a sequence",
                "wrong type: found string \"x\", expected a list, e.g. [\"a\", \"b\"]",
                None,
            ),
        ];
        for (input, message, hint) in cases {
            let (m, h) = explain_serde_error(input, "field", "the front matter");
            assert_eq!((m.as_str(), h.as_deref()), (message, hint), "{input}");
        }
    }

    #[test]
    fn display_shows_position_caret_and_hint() {
        let d = Diagnostic::at("content/a.md", "title = 1\ndate = x\n", 17, "bad date").with_hint("write YYYY-MM-DD");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:8: bad date\n  |\n2 | date = x\n  |        ^\n  = hint: write YYYY-MM-DD"
        );
    }

    #[test]
    fn painted_plain_is_display_and_painted_colours_each_part() {
        let d = Diagnostic::at("content/a.md", "title = 1\ndate = x\n", 17, "bad date").with_hint("write YYYY-MM-DD");
        assert_eq!(d.painted(Paint::PLAIN).to_string(), d.to_string());
        let on = d.painted(Paint { on: true }).to_string();
        assert_eq!(
            on,
            "\x1b[1mcontent/a.md:2:8\x1b[0m: bad date\n  \x1b[1;34m|\x1b[0m\n\x1b[1;34m2\x1b[0m \x1b[1;34m|\x1b[0m date = x\n  \
             \x1b[1;34m|\x1b[0m        \x1b[1;31m^\x1b[0m\n  \x1b[1;36m= hint:\x1b[0m write YYYY-MM-DD"
        );
        let strip = |s: &str| {
            let mut out = String::new();
            let mut rest = s;
            while let Some(i) = rest.find('\x1b') {
                out.push_str(&rest[..i]);
                rest = &rest[i + rest[i..].find('m').unwrap() + 1..];
            }
            out + rest
        };
        assert_eq!(strip(&on), d.to_string());
    }

    #[test]
    fn no_color_wins_then_clicolor_force_then_the_terminal() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| std::ffi::OsString::from(v))
        };
        type Vars = &'static [(&'static str, &'static str)];
        let cases: [(bool, Vars, bool); 10] = [
            (true, &[], true),
            (false, &[], false),
            (true, &[("NO_COLOR", "1")], false),
            (true, &[("NO_COLOR", "")], true),
            (false, &[("CLICOLOR_FORCE", "1")], true),
            (false, &[("CLICOLOR_FORCE", "0")], false),
            (false, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
            (true, &[("CLICOLOR", "0")], false),
            (true, &[("TERM", "dumb")], false),
            (false, &[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")], true),
        ];
        for (terminal, vars, want) in cases {
            assert_eq!(wants_colour(terminal, env(vars)), want, "terminal {terminal}, {vars:?}");
        }
    }

    #[test]
    fn only_a_leading_error_label_is_coloured() {
        let on = Paint { on: true };
        assert_eq!(
            on.leading_error("error: --root x: no such folder"),
            "\x1b[1;31merror:\x1b[0m --root x: no such folder"
        );
        assert_eq!(on.leading_error("Usage: gazette"), "Usage: gazette");
        assert_eq!(Paint::PLAIN.leading_error("error: x"), "error: x");
    }
}
