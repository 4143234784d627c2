//! What several of xtask's integration tests share.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::cargo;

/// `text` with the first `from` after `section` (which must occur exactly
/// once) replaced by `to`: an edit inside one part of a big document,
/// whose parts share many lines.
#[track_caller]
pub fn edit_in(text: &str, section: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(section).count(),
        1,
        "`{section}` is not in the text once; update this test"
    );
    let start = text.find(section).unwrap() + section.len();
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("`{from}` is not after `{section}`; update this test"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// The files of the checkout at `root` that git tracks or would track
/// (untracked but not ignored), as they are in the working tree.
pub fn checkout_files(root: &Path) -> Vec<PathBuf> {
    let output = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git ls-files failed");
    output
        .stdout
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|name| root.join(name).is_file())
        .collect()
}

/// Copies the checkout into `to`, keeping modification times, so that
/// Cargo sees the copies as the same sources: a copy that shares the
/// target directory of the tests finds xtask and every dependency built
/// (and the two-checkouts test gets the situation it is about: Cargo hands
/// both copies the same xtask binary).
pub fn copy_checkout(from: &Path, to: &Path) {
    for relative in checkout_files(from) {
        let source = from.join(&relative);
        let target = to.join(&relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&source, &target).unwrap();
        let modified = fs::metadata(&source).unwrap().modified().unwrap();
        fs::File::options()
            .write(true)
            .open(&target)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
}

/// `cargo xtask ARGS` in the checkout at `checkout` with the target
/// directory `target`, its output echoed for the test's log.
pub fn xtask(checkout: &Path, target: &Path, args: &[&str]) -> Output {
    let output = Command::new(cargo())
        .arg("xtask")
        .args(args)
        .current_dir(checkout)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    eprintln!(
        "cargo xtask {} in {}:\n{}{}",
        args.join(" "),
        checkout.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy();
                files.insert(relative.replace('\\', "/"), fs::read(&path).unwrap());
            }
        }
    }
    files
}
