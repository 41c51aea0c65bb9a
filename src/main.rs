use clap::Parser;
use senryaku::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => cli::browse(args.file.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("senryaku: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
