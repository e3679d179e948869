//! `gazette check`: prints what `crate::check` found, and fails on errors.

use crate::Error;
use crate::check::{self, Severity};
use crate::cli::{CheckArgs, CheckFormat, Verbosity};
use crate::diagnostic::Paint;
use crate::project::{Mode, Options};

pub fn run(args: &CheckArgs, verbosity: Verbosity) -> Result<(), Error> {
    let findings = check::run(Options {
        root: args.root.clone(),
        output: None,
        base_url: None,
        drafts: true,
        now: args.now.clone(),
        mode: Mode::Publish,
        cache: false,
    })?;
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    match args.format {
        CheckFormat::Json => println!("{}", check::to_json(&findings)),
        CheckFormat::Human => {
            // On a terminal, in colour (as the error report on standard error).
            let paint = Paint::stdout();
            for f in &findings {
                let label = match f.severity {
                    Severity::Error => paint.error("error:"),
                    // --quiet: the errors only.
                    Severity::Warning if verbosity.quiet() => continue,
                    Severity::Warning => paint.warning("warning:"),
                };
                println!("{label} {}", f.diagnostic.painted(paint));
            }
            // With --quiet, no count: the errors' is on standard error, as the command's end.
            if !verbosity.quiet() {
                println!(
                    "{}",
                    match (errors, warnings) {
                        (0, 0) => "No problems found.".to_owned(),
                        (0, w) => format!("No errors; {}.", crate::text::plural(w, "warning")),
                        (e, w) =>
                            format!("{} and {}.", crate::text::plural(e, "error"), crate::text::plural(w, "warning")),
                    }
                );
            }
        }
    }
    if errors > 0 {
        return Err(Error::Failed(format!("the check found {}", crate::text::plural(errors, "error"))));
    }
    Ok(())
}
