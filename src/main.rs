//! The `gazette` command: parses nothing itself, hands the arguments to the library and
//! turns its result into an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    match gazette::run(std::env::args_os()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            gazette::report(&err);
            ExitCode::from(err.exit_code())
        }
    }
}
