//! `gazette check`: everything a build would reject, and what an editor should fix before
//! publishing although a build accepts it: links to pages, anchors and files that do not
//! exist, images without alt text, raw HTML left open, long summaries, tags outside the
//! site's list, malformed reference numbers, future dates without an embargo. Writes nothing.

mod links;
pub mod notices;

use serde::Serialize;

use crate::project::{Options, Project};
use crate::{Diagnostic, Error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem a finding is: stable names, for tools that read the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Anything `gazette build` itself rejects.
    Build,
    BrokenLink,
    BrokenAnchor,
    MissingAlt,
    UnclosedHtml,
    LongSummary,
    TagNotAllowed,
    ReferencePattern,
    FutureDate,
    UnusedPersonFile,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub diagnostic: Diagnostic,
}

impl Finding {
    fn error(code: Code, diagnostic: Diagnostic) -> Finding {
        Finding { severity: Severity::Error, code, diagnostic }
    }

    fn warning(code: Code, diagnostic: Diagnostic) -> Finding {
        Finding { severity: Severity::Warning, code, diagnostic }
    }
}

/// Summaries longer than this many characters are cut by search engines and feed readers.
pub const SUMMARY_LIMIT: usize = 160;

/// Checks the site of `opts` (drafts and embargoed notices included: they are about to be
/// published). Findings are sorted by file, position and message. A mistake on the command
/// line (or a file system failure) is an `Err`.
pub fn run(mut opts: Options) -> Result<Vec<Finding>, Error> {
    opts.drafts = true;
    opts.mode = crate::project::Mode::Publish;
    let now_text = opts.now.clone();
    let mut project = Project::new(opts)?;
    let mut findings = Vec::new();
    match project.dry_run() {
        Ok(run) => links::check(&run, &mut findings),
        Err(Error::Site(problems)) => {
            findings.extend(problems.into_iter().map(|d| Finding::error(Code::Build, d)));
        }
        Err(other) => return Err(other),
    }
    if let Some(config) = project.config() {
        // `--now` was checked by `Project::new`.
        let now = now_text
            .and_then(|t| crate::content::date::parse(&t, &config.timezone).ok())
            .unwrap_or_else(jiff::Timestamp::now);
        notices::check(config, &project.notices(), now, &mut findings);
        notices::people(&project, &mut findings);
    }
    findings.sort_by(|a, b| {
        (&a.diagnostic.path, a.diagnostic.position, &a.diagnostic.message, a.severity).cmp(&(
            &b.diagnostic.path,
            b.diagnostic.position,
            &b.diagnostic.message,
            b.severity,
        ))
    });
    findings.dedup_by(|a, b| a.diagnostic == b.diagnostic);
    Ok(findings)
}

/// The findings as the documented JSON: `{"version": 1, "errors": N, "warnings": N,
/// "problems": [{"severity", "code", "file", "line", "column", "message", "hint"}]}`.
pub fn to_json(findings: &[Finding]) -> String {
    #[derive(Serialize)]
    struct Problem<'a> {
        severity: Severity,
        code: Code,
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        message: &'a str,
        hint: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct Output<'a> {
        version: u32,
        errors: usize,
        warnings: usize,
        problems: Vec<Problem<'a>>,
    }
    let out = Output {
        version: 1,
        errors: findings.iter().filter(|f| f.severity == Severity::Error).count(),
        warnings: findings.iter().filter(|f| f.severity == Severity::Warning).count(),
        problems: findings
            .iter()
            .map(|f| Problem {
                severity: f.severity,
                code: f.code,
                file: f.diagnostic.path.to_string_lossy().replace('\\', "/"),
                line: f.diagnostic.position.map(|p| p.0),
                column: f.diagnostic.position.map(|p| p.1),
                message: &f.diagnostic.message,
                hint: f.diagnostic.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).expect("plain data serializes")
}
