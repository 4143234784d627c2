//! `cargo xtask test`: every test of the project, in one command.
//!
//! Steps run in order and the first failure stops the run with the step named:
//!
//! 1. install the pinned Node.js tools of `contract/` (`npm ci`): Prism and
//!    Redocly;
//! 2. lint `spec/` with Redocly (errors fail the run);
//! 3. the whole workspace's tests (unit, snapshot, sync, wire, compile-fail,
//!    the example) and doc tests;
//! 4. the contract tests: the generated client against Prism serving the
//!    spec as a validating mock on a free loopback port, stopped afterwards
//!    whatever the outcome;
//! 5. the client's docs with warnings denied.
//!
//! Without Node.js/npm, steps 1, 2 and 4 cannot run: the command fails and
//! says how to install them, or how to skip them explicitly with
//! `--skip-contract`. Nothing is skipped silently.

use std::io::{BufRead, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The spec the contract tools work on, relative to the workspace root.
const SPEC: &str = "spec/signalwire-fabric.yaml";
/// The folder of the pinned Node.js tools (package.json, package-lock.json).
const TOOLS: &str = "contract";
/// How long Prism may take to start listening.
const PRISM_START: Duration = Duration::from_secs(90);

/// What `cargo xtask test` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Skip the steps that need Node.js (spec lint and contract tests).
    pub skip_contract: bool,
}

/// Runs every step from the workspace root.
pub fn run(root: &Path, options: Options) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut totals = Totals::default();
    let tools = root.join(TOOLS);

    if options.skip_contract {
        eprintln!(
            "==> SKIPPED on request (--skip-contract): spec lint and contract tests against Prism"
        );
    } else {
        require_npm()?;
        step(
            &mut totals,
            "install the pinned contract tools",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&tools),
        )?;
        step(
            &mut totals,
            "spec lint (Redocly)",
            Command::new(tools.join("node_modules/.bin/redocly"))
                .args(["lint", SPEC])
                .env("REDOCLY_TELEMETRY", "off")
                .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
                .current_dir(root),
        )?;
    }

    step(
        &mut totals,
        "workspace tests",
        Command::new(&cargo)
            .args(["test", "--workspace", "--all-targets"])
            .current_dir(root),
    )?;
    step(
        &mut totals,
        "doc tests",
        Command::new(&cargo)
            .args(["test", "--workspace", "--doc"])
            .current_dir(root),
    )?;

    if !options.skip_contract {
        // Built before Prism starts, so that its start-up time is not spent compiling.
        step(
            &mut totals,
            "build the contract tests",
            Command::new(&cargo)
                .args([
                    "test",
                    "--package",
                    "integration-tests",
                    "--test",
                    "contract",
                    "--no-run",
                ])
                .current_dir(root),
        )?;
        let prism = Prism::start(root, &tools)?;
        let result = step(
            &mut totals,
            "contract tests against Prism",
            Command::new(&cargo)
                .args([
                    "test",
                    "--package",
                    "integration-tests",
                    "--test",
                    "contract",
                    "--",
                    "--ignored",
                ])
                .env("PRISM_URL", prism.url())
                .current_dir(root),
        );
        drop(prism);
        result?;
    }

    step(
        &mut totals,
        "client docs (warnings denied)",
        Command::new(&cargo)
            .args(["doc", "--no-deps", "--package", "signalwire-fabric"])
            .env("RUSTDOCFLAGS", "-D warnings")
            .current_dir(root),
    )?;

    // One closing line for the whole run, whichever runner reported last.
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    if totals.passed == 0 {
        bail!("no test ran");
    }
    Ok(())
}

fn require_npm() -> Result<()> {
    let found = Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        bail!(
            "Node.js and npm are needed for the spec lint and the contract tests against Prism, \
             and `npm --version` did not run.\n\
             Install Node.js 20.19 or newer with npm (a distribution's package may be older; \
             check `node --version`), then run `cargo xtask test` again;\n\
             or skip those steps explicitly with `cargo xtask test --skip-contract`."
        );
    }
    Ok(())
}

/// Runs one step, passing its output through and counting the tests it reports.
fn step(totals: &mut Totals, what: &str, command: &mut Command) -> Result<()> {
    eprintln!("==> {what}: {command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {what}: {command:?}"))?;
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout().lock();
        for line in BufReader::new(stdout).lines() {
            let line = line.with_context(|| format!("cannot read the output of {what}"))?;
            totals.add(&line);
            writeln!(out, "{line}").context("cannot write to stdout")?;
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for {what}"))?;
    if !status.success() {
        println!("tests: {} passed, {} failed", totals.passed, totals.failed);
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Prism serving the spec on a free loopback port; stopped when dropped.
struct Prism {
    child: Child,
    address: SocketAddr,
}

impl Prism {
    fn start(root: &Path, tools: &Path) -> Result<Self> {
        let address = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .context("cannot find a free loopback port for Prism")?;
        let log_path = root.join("target").join("prism.log");
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let program: PathBuf = tools.join("node_modules/.bin/prism");
        eprintln!("==> start Prism on {address} (log: {})", log_path.display());
        let mut command = Command::new(&program);
        command
            .args(["mock", SPEC, "--host", "127.0.0.1", "--port"])
            .arg(address.port().to_string())
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(log.try_clone().context("cannot share the Prism log")?)
            .stderr(log);
        #[cfg(unix)]
        {
            // Its own process group, so that stopping it stops anything it started.
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", program.display()))?;
        let mut prism = Prism { child, address };
        let started = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(prism);
            }
            if let Some(status) = prism.child.try_wait().context("cannot watch Prism")? {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                bail!("Prism exited before it listened ({status}):\n{log}");
            }
            if started.elapsed() > PRISM_START {
                // `prism` is dropped here, which stops it.
                bail!(
                    "Prism did not listen on {address} within {PRISM_START:?}; see {}",
                    log_path.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            // The whole process group: npm's shim and the node process behind it.
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        eprintln!("==> stopped Prism");
    }
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
