//! One file per subcommand.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod watch;

use crate::Error;
use crate::cli::{Cli, Command};

pub fn dispatch(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(&args).map(|_| ()),
        Command::Serve(args) => serve::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Check(args) => check::run(&args),
        Command::New(args) => new::run(&args).map(|_| ()),
        Command::Import(args) => import::run(&args),
    }
}
