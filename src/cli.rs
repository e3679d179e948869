//! The command-line interface: subcommands and their flags, parsed with clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::Error;

/// A static site generator for official announcements.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, propagate_version = true)]
pub struct Cli {
    /// Print nothing when all goes well; problems are still printed, on standard error.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: for `build`, the time each phase took and the drafts left out; for
    /// `serve` and `watch`, the phases of every rebuild.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// How much a command prints on standard output: `--quiet`, neither, or `--verbose`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    pub fn quiet(self) -> bool {
        self == Verbosity::Quiet
    }

    pub fn verbose(self) -> bool {
        self == Verbosity::Verbose
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: `public/`).
    Build(BuildArgs),
    /// Preview the site: build it, serve it locally, and rebuild and reload the browser on
    /// every change.
    Serve(ServeArgs),
    /// Rebuild the site into the output folder on every change, without a server.
    Watch(WatchArgs),
    /// Write a new site (site.toml, an example notice and the bureau theme) into DIR.
    Init(InitArgs),
    /// Check the site for everything a build would reject, and for broken links, images
    /// without alt text and other mistakes to fix before publishing. Writes nothing.
    Check(CheckArgs),
    /// Start a new notice: writes content/SECTION/SLUG.md with its front matter filled in,
    /// marked as a draft, and prints its path.
    New(NewArgs),
    /// Turn plain-text wire copy into notices: title, original title, paragraphs and the
    /// credits trailer become a notice each.
    Import(ImportArgs),
    /// Print a completion script for bash, zsh, fish, PowerShell or Elvish to standard output.
    ///
    /// For bash: `gazette completions bash > ~/.local/share/bash-completion/completions/gazette`;
    /// for fish: `gazette completions fish > ~/.config/fish/completions/gazette.fish`; zsh,
    /// PowerShell and Elvish: see docs/commands.md.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// `human` (default) or `json`, a stable format for editors and CI (see docs/commands.md).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Check as if it were this time (default: the clock), as for `gazette build --now`.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The notice's title.
    pub title: String,
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The section (folder under content/) to write it in.
    #[arg(long, value_name = "SECTION", default_value = crate::content::DEFAULT_SECTION)]
    pub section: String,
    /// Tags, separated by commas: `--tags veterans,employment`.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Who wrote it; repeat for several.
    #[arg(long, value_name = "NAME")]
    pub byline: Vec<String>,
    /// Who edited it; repeat for several.
    #[arg(long, value_name = "NAME")]
    pub editor: Vec<String>,
    /// The language it is written in, when it is not the site's: `--lang zh-Hans`.
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// The notice it translates, by its file under content/ (needs --lang).
    #[arg(long, value_name = "FILE", requires = "lang")]
    pub translation_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plain-text files to import.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The section (folder under content/) to write the notices in.
    #[arg(long, value_name = "SECTION", default_value = crate::content::DEFAULT_SECTION)]
    pub section: String,
    /// The notices' date (default: today in the site's time zone), e.g. 2021-01-25.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Tags for every imported notice, separated by commas.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Mark the notices as drafts.
    #[arg(long)]
    pub draft: bool,
    /// Replace notices that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on. Anything but 127.0.0.1 (or ::1) lets others on the network
    /// see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include notices marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Check files for changes every half second, for file systems that report none.
    #[arg(long)]
    pub poll: bool,
    /// Where to write the preview (default: `.gazette/preview` in the site's folder, never
    /// the published output folder).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: `output_dir` in site.toml, else `public`).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Check files for changes every half second, for file systems that report none.
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder, holding site.toml and content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: `output_dir` in site.toml, else `public`).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Override `base_url` from site.toml, e.g. for a staging host.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include notices marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Build as if it were this time (default: the clock), e.g. `2026-11-25T09:00:00+08:00`,
    /// or `2026-11-25 09:00` in the site's time zone. Decides what the news sitemap lists.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Print how long each phase of the build took, and the work of each kind summed over
    /// threads.
    #[arg(long)]
    pub timings: bool,
    /// Render and write every page afresh, neither using nor updating the build cache
    /// (`.gazette/cache/` in the site's folder).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create; it must not exist or be empty.
    pub dir: PathBuf,
}

impl Cli {
    pub fn verbosity(&self) -> Verbosity {
        match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }

    /// Parses `args`; `Ok(None)` means help or version was printed and there is nothing to do.
    pub fn parse_args<I, T>(args: I) -> Result<Option<Cli>, Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        match Cli::try_parse_from(args) {
            Ok(cli) => Ok(Some(cli)),
            Err(err) => match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    // Printing can only fail if stdout is closed; there is nothing left to say then.
                    let _ = err.print();
                    Ok(None)
                }
                _ => Err(Error::Usage(err.render().to_string())),
            },
        }
    }
}
