//! Colour in messages: on a terminal, unless the environment says otherwise.

use std::io::IsTerminal;

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
