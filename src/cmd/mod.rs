//! One file per subcommand.

pub mod build;
pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod watch;

use crate::Error;
use crate::cli::{Cli, Command};

pub fn dispatch(cli: Cli) -> Result<(), Error> {
    let v = cli.verbosity();
    match cli.command {
        Command::Build(args) => build::run(&args, v).map(|_| ()),
        Command::Serve(args) => serve::run(&args, v),
        Command::Watch(args) => watch::run(&args, v),
        Command::Init(args) => init::run(&args, v),
        Command::Check(args) => check::run(&args, v),
        Command::New(args) => new::run(&args, v).map(|_| ()),
        Command::Import(args) => import::run(&args, v),
        Command::Completions(args) => completions::run(&args),
    }
}
