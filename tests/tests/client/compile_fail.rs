//! What the types of the generated client must forbid: each program in
//! `tests/ui/` must fail to compile against the client library, with the
//! diagnostics in the `.expected` file beside it.
//!
//! Each program is checked by `rustc` against the very `.rlib` the other
//! tests link (`example_support::client_library`), so the 253-operation
//! client is not compiled again for these cases. The diagnostics are
//! rustc's, written one line each: the headline (level, code, message), the
//! places it points at (a place in the case with its line and column, a
//! place elsewhere by file only, so that regenerating the client does not
//! move them), and its notes and help. They may change with rustc's
//! version; after reviewing a change, write them again with
//! `UI_EXPECTED=overwrite cargo test -p integration-tests --test client compile_fail`.

use crate::example_support;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The folder of the cases, relative to this package.
const CASES: &str = "tests/ui";

#[test]
fn forbidden_uses_do_not_compile() {
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = package.parent().expect("the workspace root");
    let overwrite = std::env::var("UI_EXPECTED").is_ok_and(|value| value == "overwrite");
    let mut cases: Vec<_> = fs::read_dir(package.join(CASES))
        .expect("the folder of the cases")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 7, "found only {cases:?}");

    let mut problems = Vec::new();
    for case in &cases {
        let stem = case.file_stem().unwrap().to_string_lossy().into_owned();
        let relative = format!("{CASES}/{stem}.rs");
        let got = match check(package, workspace, &relative) {
            Ok(diagnostics) => diagnostics,
            Err(problem) => {
                problems.push(format!("{relative}: {problem}"));
                continue;
            }
        };
        let expected_file = case.with_extension("expected");
        if overwrite {
            fs::write(&expected_file, &got).expect("the expected diagnostics are written");
            continue;
        }
        match fs::read_to_string(&expected_file) {
            Ok(expected) if expected == got => {}
            Ok(expected) => problems.push(format!(
                "{relative} failed with other diagnostics than {CASES}/{stem}.expected.\n\
                 expected:\n{expected}\ngot:\n{got}"
            )),
            Err(error) => problems.push(format!(
                "{CASES}/{stem}.expected cannot be read ({error}); {relative} gave:\n{got}"
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\n(after reviewing, `UI_EXPECTED=overwrite cargo test -p integration-tests --test \
         compile_fail` writes what rustc says now)",
        problems.join("\n\n")
    );
}

/// Checks the case at `relative` (to `package`) with rustc against the
/// client library; the diagnostics it gives, or why that is a problem (it
/// compiled, rustc did not run, a diagnostic could not be read).
fn check(package: &Path, workspace: &Path, relative: &str) -> Result<String, String> {
    let (rlib, deps) = example_support::client_library();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile_fail");
    fs::create_dir_all(&out)
        .map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        .current_dir(package)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .args(["--error-format", "json", "--color", "never"])
        .arg("--out-dir")
        .arg(&out)
        .arg("--extern")
        .arg(format!("signalwire_rest={}", rlib.display()))
        .arg("-L")
        .arg(format!("dependency={}", deps.display()))
        .arg(relative)
        .output()
        .map_err(|error| format!("rustc did not run: {error}"))?;
    if output.status.success() {
        return Err("it compiled; it must not".to_owned());
    }
    let mut text = String::new();
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        let diagnostic: Value = serde_json::from_str(line)
            .map_err(|error| format!("rustc printed a line that is not JSON ({error}): {line}"))?;
        let message = diagnostic["message"].as_str().unwrap_or_default();
        let level = diagnostic["level"].as_str().unwrap_or_default();
        // The closing summary, not a diagnostic of the case.
        if level == "failure-note" || message.starts_with("aborting due to") {
            continue;
        }
        write_diagnostic(&mut text, &diagnostic, "", relative, workspace);
    }
    if text.is_empty() {
        return Err(format!(
            "rustc failed ({}) without a diagnostic:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(text)
}

/// One diagnostic (and its children, indented) as lines: level, code and
/// message, then each place it points at.
fn write_diagnostic(
    text: &mut String,
    diagnostic: &Value,
    indent: &str,
    case: &str,
    workspace: &Path,
) {
    let level = diagnostic["level"].as_str().unwrap_or_default();
    let message = diagnostic["message"].as_str().unwrap_or_default();
    match diagnostic["code"]["code"].as_str() {
        Some(code) => writeln!(text, "{indent}{level}[{code}]: {message}"),
        None => writeln!(text, "{indent}{level}: {message}"),
    }
    .expect("writing to a String");
    for span in diagnostic["spans"].as_array().into_iter().flatten() {
        let file = span["file_name"].as_str().unwrap_or_default();
        let place = if file == case {
            format!("{file}:{}:{}", span["line_start"], span["column_start"])
        } else {
            // Elsewhere (the generated client, the standard library): the
            // file alone, since its lines move when it is regenerated.
            Path::new(file)
                .strip_prefix(workspace)
                .map(|inside| inside.display().to_string())
                .unwrap_or_else(|_| match file.find("/library/") {
                    Some(at) => format!("$RUST{}", &file[at..]),
                    None => file.to_owned(),
                })
        };
        match span["label"].as_str().filter(|label| !label.is_empty()) {
            Some(label) => writeln!(text, "{indent}  --> {place}: {label}"),
            None => writeln!(text, "{indent}  --> {place}"),
        }
        .expect("writing to a String");
    }
    let inner = format!("{indent}  ");
    for child in diagnostic["children"].as_array().into_iter().flatten() {
        write_diagnostic(text, child, &inner, case, workspace);
    }
}
