//! Project tasks:
//! - `cargo xtask codegen` regenerates the client from the spec;
//! - `cargo xtask codegen --check` changes nothing and fails if the checked-in
//!   code is stale;
//! - `cargo xtask test` runs every test of the project (`--skip-contract`
//!   leaves out the steps that need Node.js, and says so; `--full` runs the
//!   generator's node sweep on every mutated document, not its sample;
//!   `--quick` is the inner loop: the workspace's tests without the sweep);
//! - `cargo xtask diff [REV | A..B] [--format markdown|json]` reports what a
//!   spec change does to the generated crate (exit status 0: nothing breaks,
//!   1: something does, 2: error);
//! - `cargo xtask spec update FILE` puts a new upstream document in place,
//!   applies the overlay, regenerates and prints the diff report (nothing
//!   changes when the overlay or the generator fails);
//!   `cargo xtask spec applied` writes the applied document and prints
//!   where; `cargo xtask spec served` writes the document Prism serves in
//!   the contract tests (the applied one with its recursive schema
//!   references cut) and prints where, for running Prism by hand;
//! - `cargo xtask synth [--operations N] [--schemas M] [-o FILE] [--time]`
//!   writes a synthetic document of that size (and times the generator on it).

use std::process::{Command, ExitCode};

use xtask::checkout::{built_from_elsewhere, mark_for_rebuild};
use xtask::{Mode, cargo, workspace_root};

/// Set for the run of xtask that [`rerun_rebuilt`] starts, so that it does
/// not start another.
const REBUILT: &str = "XTASK_REBUILT";

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask test [--quick | --full] [--skip-contract] \
                     | cargo xtask diff [REV | A..B] [--format markdown|json] \
                     | cargo xtask fuzz [generate] [overlay] [--seconds N] \
                     | cargo xtask spec applied | cargo xtask spec served | cargo xtask spec update FILE \
                     | cargo xtask synth [--operations N] [--schemas M] [-o FILE] [--time]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `synth` needs no checkout: it writes where it is told.
    if let [synth, rest @ ..] = args.as_slice()
        && synth == "synth"
    {
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        let result = xtask::synth::Options::parse(&rest).and_then(|o| xtask::synth::run(&o));
        return match result {
            Ok(timing) => {
                if let Some(timing) = timing {
                    eprintln!("{timing}");
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    let root = match workspace_root() {
        Ok(root) => root,
        Err(error) => {
            eprintln!("error: {error:#}");
            // For `diff`, 1 means "something breaks"; errors are 2.
            return match args.first().map(String::as_str) {
                Some("diff") => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            };
        }
    };
    match built_from_elsewhere(&root) {
        Ok(elsewhere) if elsewhere.is_empty() => {}
        Ok(elsewhere) => return rerun_rebuilt(&root, &elsewhere, &args),
        Err(error) => {
            eprintln!("error: {error:#}");
            return ExitCode::FAILURE;
        }
    }
    let result =
        match args
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["codegen"] => xtask::codegen(&root, Mode::Write).map(|summary| println!("{summary}")),
            ["codegen", "--check"] => {
                xtask::codegen(&root, Mode::Check).map(|summary| println!("{summary}"))
            }
            ["fuzz", rest @ ..] => xtask::fuzz::Options::parse(rest)
                .and_then(|options| xtask::fuzz::run(&root, &options)),
            ["test", flags @ ..] => xtask::test::Options::parse(flags)
                .and_then(|options| xtask::test::run(&root, options)),
            ["diff", rest @ ..] => {
                return match xtask::diff::run(&root, rest) {
                    Ok((report, status)) => {
                        print!("{report}");
                        ExitCode::from(status)
                    }
                    Err(error) => {
                        eprintln!("error: {error:#}");
                        ExitCode::from(2)
                    }
                };
            }
            ["spec", "applied"] => {
                xtask::applied_file(&root).map(|path| println!("{}", path.display()))
            }
            ["spec", "served"] => xtask::spec::served_file(&root).map(|served| {
                eprintln!("{}", xtask::test::describe(&served));
                println!("{}", served.path.display());
            }),
            ["spec", "update", file] => {
                xtask::spec::update(&root, std::path::Path::new(file)).map(|updated| {
                    if updated.changed.is_empty() {
                        println!(
                            "{} is already this document: nothing changed",
                            xtask::CLIENT_SPEC
                        );
                    } else {
                        for line in &updated.changed {
                            println!("{line}");
                        }
                    }
                    print!("{}", updated.report);
                })
            }
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

/// Runs `cargo xtask ARGS` again in the checkout at `root` once Cargo will
/// rebuild `packages` from its sources: this binary's build of them came
/// from another checkout sharing the target directory, and its generator
/// would write that checkout's output into this one. Exits as that run
/// does.
fn rerun_rebuilt(root: &std::path::Path, packages: &[&str], args: &[String]) -> ExitCode {
    let packages_text = packages.join(" and ");
    if std::env::var_os(REBUILT).is_some() {
        eprintln!(
            "error: this xtask's build of {packages_text} is still not made from the sources of \
             {} after rebuilding; run `cargo clean -p {}` and try again",
            root.display(),
            packages.join(" -p ")
        );
        return ExitCode::FAILURE;
    }
    eprintln!(
        "note: this xtask's build of {packages_text} was made from other sources than those of \
         {} (by another checkout sharing the target directory); rebuilding from this checkout's",
        root.display()
    );
    if let Err(error) = mark_for_rebuild(root, packages) {
        eprintln!("error: {error:#}");
        return ExitCode::FAILURE;
    }
    let status = Command::new(cargo())
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(root)
        .env(REBUILT, "1")
        .status();
    match status {
        Ok(status) => status
            .code()
            .and_then(|code| u8::try_from(code).ok())
            .map_or(ExitCode::FAILURE, ExitCode::from),
        Err(error) => {
            eprintln!("error: cannot run cargo: {error}");
            ExitCode::FAILURE
        }
    }
}
