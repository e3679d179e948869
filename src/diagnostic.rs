//! Errors as users see them: every problem is a [`Diagnostic`] that names a file and, where it
//! can, a line and column, with a hint. [`Error`] carries one or many of them, and [`report`]
//! is the one place that prints them.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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

/// Rewrites serde's messages about keys for people, and suggests the closest valid name:
/// "unknown field `titel`, expected one of `title`, …" becomes "unknown key `titel` in
/// site.toml" with the hint "did you mean `title`?". `noun` names what the keys are
/// ("key", "field"), `place` where they are.
pub fn explain_serde_error(message: &str, noun: &str, place: &str) -> (String, Option<String>) {
    let message = message.trim();
    let first_quoted = |s: &str| s.split('`').nth(1).map(str::to_owned);
    for (prefix, what) in [("unknown field `", noun), ("unknown variant `", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let Some(name) = first_quoted(&format!("`{rest}")) else { break };
            // serde writes "expected one of `a`, `b`"; some formats drop the backticks.
            let expected: Vec<&str> = rest
                .split_once("expected")
                .map(|(_, list)| {
                    let list = list.trim_start().trim_start_matches("one of").trim();
                    list.split(", ")
                        .flat_map(|p| p.split(" or "))
                        .map(|p| p.trim().trim_matches('`'))
                        .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
                        .collect()
                })
                .unwrap_or_default();
            let text = if what == "value" {
                format!("unknown value `{name}`")
            } else {
                format!("unknown {what} `{name}` in {place}")
            };
            let valid =
                if expected.is_empty() { None } else { Some(format!("valid {what}s: {}", expected.join(", "))) };
            let hint = match (did_you_mean(&name, &expected), valid) {
                (Some(best), Some(valid)) => Some(format!("did you mean `{best}`? ({valid})")),
                (None, valid) => valid,
                (Some(best), None) => Some(format!("did you mean `{best}`?")),
            };
            return (text, hint);
        }
    }
    if let Some(rest) =
        message.strip_prefix("duplicate mapping key: ").or_else(|| message.strip_prefix("duplicate key `"))
    {
        let name = rest.split([',', '`']).next().unwrap_or(rest).trim();
        return (format!("the {noun} `{name}` is given twice"), Some("keep one of them".into()));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (format!("missing {noun} `{name}`"), None);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return (format!("wrong type: found {}", plain_types(rest)), None);
    }
    (message.to_owned(), None)
}

/// Serde's type names in words a press officer knows.
fn plain_types(text: &str) -> String {
    let (found, expected) = text.split_once(", expected ").unwrap_or((text, ""));
    let expected = match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" | "isize" | "u8" | "i8" | "u16" | "i16" => "a whole number",
        "a boolean" => "true or false",
        "a sequence" => "a list, e.g. [\"a\", \"b\"]",
        "a map" => "a table of keys and values",
        other => other,
    };
    let found = found.replace("sequence", "list").replace("map", "table").replace("boolean", "true/false value");
    if expected.is_empty() { found } else { format!("{found}, expected {expected}") }
}

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The command line was wrong: exit status 2.
    Usage(String),
    /// Problems in the site's files (content, templates, config): exit status 1.
    Site(Vec<Diagnostic>),
    /// The file system failed us on a path.
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    /// The command printed its problems itself (`check`, `import`); this says how it ended.
    Failed(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Site(_) | Error::Io { .. } | Error::Failed(_) => 1,
        }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io { action, path: path.to_path_buf(), source }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Site(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::Site(d)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(msg) => write!(f, "{}", msg.trim_end()),
            Error::Site(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Io { action, path, source } => {
                write!(f, "{}: could not {action}: {source}", path.display())
            }
            Error::Failed(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}

/// Prints the problems of `err` to stderr, for a command that goes on after them (`import`):
/// the end of the command is still reported by [`report`].
pub fn report_problem(err: &Error) {
    let paint = Paint::stderr();
    match err {
        Error::Site(diags) => diags.iter().for_each(|d| eprintln!("{}", d.painted(paint))),
        other => eprintln!("{} {other}", paint.error("error:")),
    }
}

/// Prints `err` to stderr: the one place errors are printed. In colour on a terminal (see
/// [`Paint::stderr`]); plain, exactly as [`Error`]'s `Display`, everywhere else.
pub fn report(err: &Error) {
    let paint = Paint::stderr();
    match err {
        Error::Usage(msg) => eprintln!("{}", paint.leading_error(msg.trim_end())),
        Error::Site(diags) => {
            for d in diags {
                eprintln!("{}", d.painted(paint));
            }
            let n = diags.len();
            eprintln!(
                "{} {n} problem{} found; nothing was written, the previous output is unchanged",
                paint.error("error:"),
                if n == 1 { "" } else { "s" }
            );
        }
        Error::Io { .. } | Error::Failed(_) => eprintln!("{} {err}", paint.error("error:")),
    }
}

/// Prints a warning to stderr: `warning: message`, the label in yellow on a terminal.
pub fn warn(message: &str) {
    eprintln!("{} {message}", Paint::stderr().warning("warning:"));
}

/// Colours for messages: ANSI escape codes when on, nothing at all when off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub const PLAIN: Paint = Paint { on: false };

    /// Colours for standard error: see [`wants_colour`].
    pub fn stderr() -> Paint {
        Paint { on: wants_colour(std::io::stderr().is_terminal(), |name| std::env::var_os(name)) }
    }

    /// Colours for standard output: see [`wants_colour`].
    pub fn stdout() -> Paint {
        Paint { on: wants_colour(std::io::stdout().is_terminal(), |name| std::env::var_os(name)) }
    }

    fn style(self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    /// `error:`: bold red.
    pub fn error(self, text: &str) -> String {
        self.style("1;31", text)
    }

    /// `warning:`: bold yellow.
    pub fn warning(self, text: &str) -> String {
        self.style("1;33", text)
    }

    /// `path:line:col`: bold.
    pub fn location(self, text: &str) -> String {
        self.style("1", text)
    }

    /// `= hint:`: bold cyan.
    pub fn hint(self, text: &str) -> String {
        self.style("1;36", text)
    }

    /// The line number and bars beside a quoted source line: bold blue.
    pub fn gutter(self, text: &str) -> String {
        self.style("1;34", text)
    }

    /// The caret under the problem: bold red.
    pub fn caret(self, text: &str) -> String {
        self.style("1;31", text)
    }

    /// `message` with its leading `error:`, if any, coloured.
    pub fn leading_error(self, message: &str) -> String {
        match message.strip_prefix("error:") {
            Some(rest) if self.on => format!("{}{rest}", self.error("error:")),
            _ => message.to_owned(),
        }
    }
}

/// Whether to colour a stream, given whether it is a terminal and the environment (`var`):
///
/// 1. `NO_COLOR` set and not empty: never (<https://no-color.org>); it wins over everything.
/// 2. `CLICOLOR_FORCE` set, not empty and not `0`: always, terminal or not.
/// 3. `CLICOLOR=0`, or `TERM=dumb`: never.
/// 4. Otherwise: only on a terminal.
pub fn wants_colour(terminal: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let value = |name: &str| var(name).filter(|v| !v.is_empty());
    if value("NO_COLOR").is_some() {
        return false;
    }
    if value("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    if value("CLICOLOR").is_some_and(|v| v == "0") || value("TERM").is_some_and(|v| v == "dumb") {
        return false;
    }
    terminal
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
