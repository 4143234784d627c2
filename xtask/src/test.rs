//! `cargo xtask test`: every test of the project, in one command.
//!
//! Steps run in order and the first failure stops the run with the step named:
//! the whole workspace's tests (unit, snapshot, sync, wire, compile-fail and
//! the example), then the client's docs with warnings denied, so a broken
//! intra-doc link or a missing doc fails like a test.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// One command of the run.
struct Step {
    what: &'static str,
    program: String,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

/// Runs every step from the workspace root.
pub fn run(root: &Path) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let steps = [
        Step {
            what: "workspace tests",
            program: cargo.clone(),
            args: &["test", "--workspace", "--all-targets"],
            env: &[],
        },
        Step {
            what: "doc tests",
            program: cargo.clone(),
            args: &["test", "--workspace", "--doc"],
            env: &[],
        },
        Step {
            what: "client docs (warnings denied)",
            program: cargo,
            args: &["doc", "--no-deps", "--package", "signalwire-fabric"],
            env: &[("RUSTDOCFLAGS", "-D warnings")],
        },
    ];
    let mut totals = Totals::default();
    for step in &steps {
        eprintln!(
            "==> {}: {} {}",
            step.what,
            step.program,
            step.args.join(" ")
        );
        let mut child = Command::new(&step.program)
            .args(step.args)
            .envs(step.env.iter().copied())
            .current_dir(root)
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot start `{}` for {}", step.program, step.what))?;
        // Pass the output through, counting the tests as they are reported.
        if let Some(stdout) = child.stdout.take() {
            let mut out = std::io::stdout().lock();
            for line in BufReader::new(stdout).lines() {
                let line =
                    line.with_context(|| format!("cannot read the output of {}", step.what))?;
                totals.add(&line);
                writeln!(out, "{line}").context("cannot write to stdout")?;
            }
        }
        let status = child
            .wait()
            .with_context(|| format!("cannot wait for {}", step.what))?;
        if !status.success() {
            println!("tests: {} passed, {} failed", totals.passed, totals.failed);
            bail!("{} failed ({status})", step.what);
        }
    }
    // One closing line for the whole run, whichever runner reported last.
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    if totals.passed == 0 {
        bail!("no test ran");
    }
    Ok(())
}

/// Tests counted from the `test result: ok. N passed; M failed; ...` lines of `cargo test`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Totals {
    passed: u64,
    failed: u64,
}

impl Totals {
    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            let (Some(count), Some(label)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Totals;

    #[test]
    fn counts_cargo_test_summaries_and_ignores_other_lines() {
        let mut totals = Totals::default();
        totals.add("test result: ok. 15 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        totals.add("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.2s");
        totals.add("test a_test_named_test_result ... ok");
        totals.add("running 7 tests");
        assert_eq!(
            totals,
            Totals {
                passed: 18,
                failed: 1
            }
        );
    }
}
