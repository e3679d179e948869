//! [`Error`]: everything that can stop a command, with its exit status.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Diagnostic;

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The command line was wrong: exit status 2.
    Usage(String),
    /// Problems in the site's files (content, templates, config): exit status 1.
    Site(Vec<Diagnostic>),
    /// The file system failed us on a path (copying or moving it to `to`, when there is one).
    Io { action: &'static str, path: PathBuf, to: Option<PathBuf>, source: std::io::Error },
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
        Error::Io { action, path: path.to_path_buf(), to: None, source }
    }

    /// The file system failed to copy or move `path` to `to`: both are named.
    pub fn io_to(action: &'static str, path: &Path, to: &Path, source: std::io::Error) -> Self {
        Error::Io { action, path: path.to_path_buf(), to: Some(to.to_path_buf()), source }
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
            Error::Io { action, path, to, source } => {
                let to = to.as_ref().map(|t| format!(" it to {}", t.display())).unwrap_or_default();
                write!(f, "{}: could not {action}{to}: {source}", path.display())
            }
            Error::Failed(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}
