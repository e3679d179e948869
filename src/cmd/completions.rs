//! `gazette completions SHELL`: a completion script for the shell, made from the command
//! line's own definition, so it always knows every command and option.

use std::io::Write;

use clap::CommandFactory;

use crate::Error;
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> Result<(), Error> {
    let script = script(args.shell);
    std::io::stdout()
        .write_all(&script)
        .map_err(|e| Error::Failed(format!("could not write the completion script: {}", crate::fs::io_reason(&e))))
}

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gazette", &mut out);
    out
}
