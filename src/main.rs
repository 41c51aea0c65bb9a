//! The `senryaku` binary: the browser and the subcommands, over the library.

use clap::Parser;
use senryaku::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = Cli::parse();
    let result = match args.command.take() {
        Some(command) => cli::run(command).map(|()| 0),
        None => cli::browse(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            // Not eprintln!: a closed stderr (a terminal gone) must not turn into a panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "senryaku: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
