//! `cargo xtask spec update FILE`, in scratch copies of this checkout's
//! `spec/` and `generated/`: the document already in place changes nothing;
//! a new document is put in place byte for byte, regenerated, and reported;
//! a document the overlay no longer fits, or that the generator refuses,
//! fails with the problem named and leaves every file as it was.
//!
//! Each update generates the whole client in memory (a few seconds in a
//! debug build), so there is one update per test.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::diff::{Bump, Version, package_version};
use xtask::{CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, CLIENT_SWEEP, workspace_root};

use crate::support::{edit_in, files};

/// A scratch checkout holding copies of this checkout's `spec/` and
/// `generated/` (all `spec update` reads and writes), and a folder beside
/// it for the downloaded documents; removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("xtask-spec-update-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let root = workspace_root().unwrap();
        for folder in ["spec", CLIENT_CRATE, CLIENT_SWEEP] {
            copy_dir(&root.join(folder), &dir.join("checkout").join(folder));
        }
        fs::create_dir_all(dir.join("downloads")).unwrap();
        Scratch(dir)
    }

    fn root(&self) -> PathBuf {
        self.0.join("checkout")
    }

    /// Writes a downloaded document outside the checkout; its path.
    fn download(&self, text: &str) -> PathBuf {
        let path = self.0.join("downloads/openapi.yaml");
        fs::write(&path, text).unwrap();
        path
    }

    fn spec(&self) -> String {
        fs::read_to_string(self.root().join(CLIENT_SPEC)).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// The files that differ between two listings, added and removed included.
fn changed<'a>(
    before: &'a BTreeMap<String, Vec<u8>>,
    after: &'a BTreeMap<String, Vec<u8>>,
) -> BTreeSet<&'a str> {
    before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .map(String::as_str)
        .collect()
}

/// The client crate's package version in the checkout at `root`.
fn crate_version(root: &Path) -> String {
    let manifest = fs::read_to_string(root.join(CLIENT_CRATE).join("Cargo.toml")).unwrap();
    package_version(&manifest)
        .expect("generated/Cargo.toml has a version")
        .to_string()
}

/// `cargo xtask` as a developer runs it in the checkout at `root`.
fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(root)
        .env("CARGO_MANIFEST_DIR", root.join("xtask"))
        .output()
        .expect("xtask runs")
}

/// `stderr` without the note a binary built in another checkout prints.
fn without_note(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|line| !line.starts_with("note: "))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn the_document_already_in_place_changes_nothing() {
    let scratch = Scratch::new("same");
    let root = scratch.root();
    let file = scratch.download(&scratch.spec());
    let before = files(&root);

    let updated = xtask::spec::update(&root, &file).unwrap_or_else(|error| panic!("{error:#}"));
    assert_eq!(updated.changed, Vec::<String>::new());
    assert_eq!(
        updated.report,
        format!(
            "**No change.** `spec/signalwire-rest.openapi.yaml` from the working tree to `{}`: 0 \
             breaking, 0 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; `signalwire-rest` stays at {}.\n",
            file.display(),
            crate_version(&root)
        )
    );
    assert!(files(&root) == before, "a file of the checkout changed");
}

#[test]
fn a_new_document_is_put_in_place_byte_for_byte_and_regenerated() {
    let scratch = Scratch::new("new");
    let root = scratch.root();
    // Upstream adds a codec to the `Codecs` enum, which the Fabric area's
    // module holds.
    let new = edit_in(
        &scratch.spec(),
        "    Codecs:\n",
        "        - H264\n",
        "        - H264\n        - AMR-WB\n",
    );
    // Saved with CRLF line endings and no final newline, so that "byte for
    // byte" shows.
    let new = new.trim_end().replace('\n', "\r\n");
    let file = scratch.download(&new);
    let version = crate_version(&root);
    let before = files(&root);

    let output = xtask(&root, &["spec", "update", &file.display().to_string()]);
    assert_eq!(without_note(&output.stderr), "");
    assert!(output.status.success());
    let summary = crate::diff::summary(
        &[("fabric", [0, 1, 0])],
        &[("enum-value-added", "compatible", 1)],
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "updated: spec/signalwire-rest.openapi.yaml\n\
             updated: generated/src/api/fabric.rs\n\
             **Compatible.** `spec/signalwire-rest.openapi.yaml` from the working tree to `{}`: 0 \
             breaking, 1 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: patch, {version} -> {}.\n\
             \n\
             {summary}### Compatible\n\
             \n\
             - `Codecs::AmrWb`: enum value added: `AMR-WB` at \
             `#/components/schemas/Codecs/enum/11`. Rule `enum-value-added`: the enum is \
             `#[non_exhaustive]` with a catch-all variant, which took this value before; no \
             `match` breaks.\n",
            file.display(),
            Version::parse(&version).unwrap().bumped(Bump::Patch)
        )
    );

    let after = files(&root);
    assert_eq!(
        changed(&before, &after),
        BTreeSet::from(["generated/src/api/fabric.rs", CLIENT_SPEC])
    );
    assert!(
        after[CLIENT_SPEC] == fs::read(&file).unwrap(),
        "the spec is not the new document byte for byte"
    );
    let fabric = String::from_utf8_lossy(&after["generated/src/api/fabric.rs"]);
    assert!(
        fabric.contains("        AmrWb = \"AMR-WB\",\n"),
        "the new value is not a variant of the regenerated module"
    );
}

#[test]
fn a_deviation_upstream_fixed_fails_naming_the_overlay_action_and_changes_nothing() {
    let scratch = Scratch::new("fixed");
    let root = scratch.root();
    // Upstream no longer requires the field the overlay's first action
    // makes optional: that action now finds nothing.
    let new = edit_in(
        &scratch.spec(),
        "    SipEndpointUpdateRequest:\n",
        "      required:\n        - calling_handler_resource_id\n",
        "",
    );
    let file = scratch.download(&new);
    let before = files(&root);

    let message = format!(
        "{:#}",
        xtask::spec::update(&root, &file).expect_err("the overlay does not apply")
    );
    let file = file.display();
    let expected = format!(
        "nothing was changed: fix or remove the overlay actions below in {CLIENT_OVERLAY}, then \
         run `cargo xtask spec update {file}` again: {CLIENT_OVERLAY} (applied to {file}): 1 \
         problem in the OpenAPI document\n  \
         overlay #/actions/0 (\"SipEndpointUpdateRequest: calling_handler_resource_id is \
         optional\", target `$.components.schemas['SipEndpointUpdateRequest'].required`): \
         matches nothing in the document"
    );
    assert_eq!(message, expected);
    assert!(files(&root) == before, "a file of the checkout changed");

    // The command says the same and fails.
    let output = xtask(&root, &["spec", "update", &file.to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(without_note(&output.stderr), format!("error: {expected}\n"));
    assert!(output.stdout.is_empty());
    assert!(files(&root) == before, "a file of the checkout changed");
}

#[test]
fn a_document_the_generator_refuses_fails_and_changes_nothing() {
    let scratch = Scratch::new("refused");
    let root = scratch.root();
    let new = edit_in(
        &scratch.spec(),
        "    FabricSipEndpoint:\n",
        "        username:\n          type: string\n",
        "        username:\n          not: {type: integer}\n",
    );
    let file = scratch.download(&new);
    let before = files(&root);

    let message = format!(
        "{:#}",
        xtask::spec::update(&root, &file).expect_err("the generator refuses the document")
    );
    // The problem is in the new document, which the message names.
    assert_eq!(
        message,
        format!(
            "nothing was changed: the client does not generate from the new document: \
             {}: 1 problem in the OpenAPI document\n  \
             #/components/schemas/FabricSipEndpoint/properties/username: unsupported: `not`",
            file.display()
        )
    );
    assert!(files(&root) == before, "a file of the checkout changed");
}
