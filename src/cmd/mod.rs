//! One file per subcommand.

pub mod build;
pub mod init;

use crate::Error;
use crate::cli::{Cli, Command};

pub fn dispatch(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => build::run(&args).map(|_| ()),
        Command::Init(args) => init::run(&args),
    }
}
