use clap::Parser;
use senryaku::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    tune_allocator();
    let mut args = Cli::parse();
    let result = match args.command.take() {
        Some(command) => cli::run(command),
        None => cli::browse(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("senryaku: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

// mimalloc: the browser and `search` allocate a report, an index and many small strings at
// start; with glibc's allocator the page faults of a 7 MB report cost a third of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Return freed memory to the OS at once rather than after a delay, so that peak memory stays
/// near the live set. `mi_option_purge_delay` in mimalloc.h (v3), which the Rust bindings
/// do not name.
fn tune_allocator() {
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets a plain integer option; mimalloc allows this at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}
