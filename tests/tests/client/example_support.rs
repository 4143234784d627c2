//! Running the example programs of `signalwire-rest` as a user runs
//! them: each built once per test process, then started with arguments and
//! exactly the `SIGNALWIRE_*` variables a test gives. Shared by the
//! `example_cli*` modules and `compile_fail`.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock, PoisonError};

use integration_tests::{API_TOKEN, PROJECT_ID};
use serde_json::{Value, json};
use wiremock::MockServer;

/// The binary of the example `name`, built on first use (once per test
/// process and example).
pub fn example_binary(name: &'static str) -> PathBuf {
    static BINARIES: Mutex<Vec<(&'static str, Result<PathBuf, String>)>> = Mutex::new(Vec::new());
    let mut binaries = BINARIES.lock().unwrap_or_else(PoisonError::into_inner);
    let built = match binaries.iter().find(|(built, _)| *built == name) {
        Some((_, built)) => built.clone(),
        None => {
            let built = build_example(name);
            binaries.push((name, built.clone()));
            built
        }
    };
    built.unwrap_or_else(|message| panic!("{message}"))
}

/// Builds the example with the same cargo that runs the tests and returns
/// the path cargo reports for it.
fn build_example(name: &str) -> Result<PathBuf, String> {
    let artifacts = workspace_build(&["--example", name])?;
    let binary = artifacts
        .iter()
        .find(|message| {
            message["target"]["name"] == name && message["target"]["kind"] == json!(["example"])
        })
        .and_then(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo built the example {name} but did not report it"))?;
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "the example was built, but {} does not exist",
            binary.display()
        ))
    }
}

/// The client library as the tests link it: its `.rlib` and the folder of
/// its dependencies, for compiling a program against it with `rustc`
/// (built once per test process, with the example `update_sip_credential`,
/// which needs exactly the library the tests use).
pub fn client_library() -> (PathBuf, PathBuf) {
    static LIBRARY: OnceLock<Result<(PathBuf, PathBuf), String>> = OnceLock::new();
    let built = LIBRARY.get_or_init(|| {
        let artifacts = workspace_build(&["--example", "update_sip_credential"])?;
        let rlib = artifacts
            .iter()
            .filter(|message| message["target"]["name"] == "signalwire_rest")
            .filter_map(|message| message["filenames"].as_array())
            .flatten()
            .filter_map(Value::as_str)
            .find(|file| file.ends_with(".rlib"))
            .map(PathBuf::from)
            .ok_or("cargo did not report the client library's .rlib")?;
        let deps = rlib
            .parent()
            .ok_or("the .rlib has no folder")?
            .to_path_buf();
        Ok((rlib, deps))
    });
    built.clone().unwrap_or_else(|message| panic!("{message}"))
}

/// Runs `cargo build` with `what` (a target selection) on the packages
/// `cargo xtask test` tests (its `WORKSPACE_TESTS`: the workspace without
/// the benchmarks), with the same cargo that runs the tests, and returns
/// the artifacts it reports (built or already fresh).
///
/// Selecting the same packages as the test build makes features unify as
/// in that build, so that the client library it built is reused: selecting
/// `signalwire-rest` alone resolves other features and compiled the
/// 253-operation client a second time (45 s of a cold CI run).
fn workspace_build(what: &[&str]) -> Result<Vec<Value>, String> {
    let output = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--quiet", "--workspace", "--exclude", "benchmarks"])
        .args(what)
        .arg("--message-format=json-render-diagnostics")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("could not run cargo: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo build {} failed ({}):\n{}",
            what.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .collect())
}

/// What one run of an example printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the example `name` with `args` and exactly the `SIGNALWIRE_*`
/// variables in `env` (any inherited from the test environment are
/// removed). Checks what must hold for every run: no panic, and the token
/// is never printed.
pub fn run<S: AsRef<OsStr>>(name: &'static str, args: &[&str], env: &[(&str, S)]) -> Run {
    let mut command = Command::new(example_binary(name));
    for (variable, _) in std::env::vars_os() {
        if variable.to_string_lossy().starts_with("SIGNALWIRE_") {
            command.env_remove(variable);
        }
    }
    let output = command
        .args(args)
        .envs(env.iter().map(|(name, value)| (name, value)))
        .stdin(Stdio::null())
        .output()
        .expect("the example runs");
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stdout.contains(API_TOKEN), "token on stdout: {run:?}");
    assert!(!run.stderr.contains(API_TOKEN), "token on stderr: {run:?}");
    assert!(
        !run.stderr.contains("panicked"),
        "the example panicked: {run:?}"
    );
    run
}

/// The environment that points an example at `base_url`.
pub fn env_for(base_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SIGNALWIRE_PROJECT_ID", PROJECT_ID.to_owned()),
        ("SIGNALWIRE_API_TOKEN", API_TOKEN.to_owned()),
        ("SIGNALWIRE_BASE_URL", base_url.to_owned()),
    ]
}

/// How many requests `server` received.
pub async fn requests_seen(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}

/// The lines of `text`, without surrounding whitespace.
pub fn trimmed_lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).collect()
}
