//! Project tasks:
//! - `cargo xtask codegen` regenerates the client from the spec;
//! - `cargo xtask codegen --check` changes nothing and fails if the checked-in
//!   code is stale;
//! - `cargo xtask test` runs every test of the project (`--skip-contract`
//!   leaves out the steps that need Node.js, and says so).

use std::process::ExitCode;

use xtask::{Mode, workspace_root};

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask test [--skip-contract]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = match workspace_root() {
        Ok(root) => root,
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => xtask::codegen(&root, Mode::Write).map(|summary| println!("{summary}")),
        ["codegen", "--check"] => {
            xtask::codegen(&root, Mode::Check).map(|summary| println!("{summary}"))
        }
        ["test"] => xtask::test::run(
            &root,
            xtask::test::Options {
                skip_contract: false,
            },
        ),
        ["test", "--skip-contract"] => xtask::test::run(
            &root,
            xtask::test::Options {
                skip_contract: true,
            },
        ),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
