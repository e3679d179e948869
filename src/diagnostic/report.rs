//! The one place problems are printed, to standard error.

use super::{Error, Paint};

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
                crate::text::plural_s(n)
            );
        }
        Error::Io { .. } | Error::Failed(_) => eprintln!("{} {err}", paint.error("error:")),
    }
}

/// Prints a warning to stderr: `warning: message`, the label in yellow on a terminal.
pub fn warn(message: &str) {
    eprintln!("{} {message}", Paint::stderr().warning("warning:"));
}
