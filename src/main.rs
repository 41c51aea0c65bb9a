//! The `senryaku` binary: the browser and the subcommands, over the library.

use clap::Parser;
use senryaku::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_terminal_on_abort();
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

/// When the process aborts (an allocation fails: Rust aborts rather than unwinds), the
/// terminal is put back before it dies: the handler does only what is async-signal-safe, then
/// lets SIGABRT take its default course.
#[allow(unsafe_code)]
fn restore_terminal_on_abort() {
    use signal_hook::consts::SIGABRT;
    // SAFETY: the action calls only async-signal-safe functions (tcsetattr, write) on data
    // prepared before the terminal was set up, and then the default action.
    let _ = unsafe {
        signal_hook::low_level::register(SIGABRT, || {
            senryaku::tui::restore_after_abort();
            let _ = signal_hook::low_level::emulate_default_handler(SIGABRT);
        })
    };
}
