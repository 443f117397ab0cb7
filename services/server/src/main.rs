//! The `ansinh` binary.

use clap::Parser;
use tracing_subscriber::EnvFilter;

// The gateway allocates many small, short-lived values per request (parsed documents, JSON,
// rows); mimalloc serves them with less contention than glibc's malloc (see the README's
// performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("ANSINH_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = ansinh_server::commands::Cli::parse();
    match ansinh_server::commands::run(cli).await {
        Ok(code) => std::process::ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(error) => {
            tracing::error!("{error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
