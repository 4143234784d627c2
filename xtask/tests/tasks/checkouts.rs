//! `cargo xtask` acts on the checkout it is run in, whatever target
//! directory it shares: two copies of this checkout share one
//! `CARGO_TARGET_DIR` outside both, as clones and worktrees under review
//! do, and regenerating in one leaves the other byte-for-byte untouched.
//!
//! A checkout also knows whether the xtask binary's generator and xtask
//! code are its own: a worktree whose sources differ, and whose files are
//! older than another's build, gets that other build from Cargo
//! (`source_fingerprint`), and xtask rebuilds before it writes.
//!
//! The copies share the target directory this test was built in (outside
//! both copies): their sources are the originals with the same modification
//! times, so Cargo finds the xtask binary already built there and the test
//! costs a few seconds rather than a cold build of xtask and its
//! dependencies.

use std::fs;

use xtask::checkout::{built_from_elsewhere, mark_for_rebuild};
use xtask::{CLIENT_CRATE, CLIENT_SPEC, target_dir, workspace_root};

use crate::support::{copy_checkout, files, xtask};

#[test]
fn two_checkouts_sharing_a_target_directory_each_act_on_their_own() {
    let root = workspace_root().unwrap();
    let scratch = std::env::temp_dir().join(format!("xtask-checkouts-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    let (first, second) = (scratch.join("first"), scratch.join("second"));
    copy_checkout(&root, &first);
    copy_checkout(&root, &second);
    // Outside both copies, and already holding the xtask binary that
    // `cargo xtask test` (or `cargo test`) runs from.
    let shared = target_dir(&root).unwrap();
    let original = files(&root.join(CLIENT_CRATE));

    let built = xtask(&first, &shared, &["codegen"]);
    assert!(
        built.status.success(),
        "cargo xtask codegen failed in the first checkout"
    );
    let untouched = files(&first.join(CLIENT_CRATE));

    // A codec added to the `Codecs` enum, which the Fabric area's module
    // holds.
    let spec = second.join(CLIENT_SPEC);
    let text = fs::read_to_string(&spec).unwrap();
    let listed = "        - H264\n    CompanyVertical:\n";
    assert_eq!(
        text.matches(listed).count(),
        1,
        "the Codecs enum moved; update this test"
    );
    fs::write(
        &spec,
        text.replace(
            listed,
            "        - H264\n        - AMR-WB\n    CompanyVertical:\n",
        ),
    )
    .unwrap();

    let stale = xtask(&second, &shared, &["codegen", "--check"]);
    assert!(
        !stale.status.success(),
        "the check passed on the edited checkout"
    );
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert!(
        stderr.contains(
            "error: the generated code does not match its documents (spec/ and the codegen \
             fixtures):\n  stale: generated/src/api/fabric.rs\nrun `cargo xtask codegen` to \
             regenerate it\n"
        ),
        "{stderr}"
    );

    let regenerated = xtask(&second, &shared, &["codegen"]);
    assert!(regenerated.status.success());
    let stdout = String::from_utf8_lossy(&regenerated.stdout);
    assert!(
        stdout.ends_with(", and codegen/tests/fixtures/\n  updated: generated/src/api/fabric.rs\n"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&regenerated.stderr);
    if let Some(note) = stderr.lines().find(|line| line.starts_with("note: ")) {
        // The binary built for the first checkout ran here: it says so, and
        // still acted on this one.
        assert!(note.contains(&second.display().to_string()), "{note}");
    }
    let fabric = fs::read_to_string(second.join(CLIENT_CRATE).join("src/api/fabric.rs")).unwrap();
    assert!(
        fabric.contains("        AmrWb = \"AMR-WB\",\n"),
        "the second checkout was not regenerated"
    );

    assert_eq!(
        files(&first.join(CLIENT_CRATE)),
        untouched,
        "the first checkout's client changed"
    );
    assert!(
        xtask(&first, &shared, &["codegen", "--check"])
            .status
            .success()
    );
    assert!(
        xtask(&second, &shared, &["codegen", "--check"])
            .status
            .success()
    );
    assert_eq!(
        files(&root.join(CLIENT_CRATE)),
        original,
        "the checkout the tests run in had its client changed"
    );
    fs::remove_dir_all(&scratch).unwrap();
}

/// This binary is built from this checkout's generator and xtask, and from
/// an exact copy's; not from a copy whose generator differs by a byte,
/// which the marking for a rebuild leaves as it was, with newer
/// modification times.
#[test]
fn the_binary_knows_whether_its_generator_is_a_checkouts_own() {
    let root = workspace_root().unwrap();
    assert_eq!(built_from_elsewhere(&root).unwrap(), Vec::<&str>::new());
    let scratch = std::env::temp_dir().join(format!("xtask-sources-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    copy_checkout(&root, &scratch);
    assert_eq!(built_from_elsewhere(&scratch).unwrap(), Vec::<&str>::new());

    let emit = scratch.join("codegen/src/emit/enums.rs");
    let text = fs::read_to_string(&emit).unwrap();
    fs::write(&emit, format!("{text}\n")).unwrap();
    assert_eq!(built_from_elsewhere(&scratch).unwrap(), ["codegen"]);

    let lib = scratch.join("codegen/src/lib.rs");
    let (before, modified) = (
        fs::read(&lib).unwrap(),
        fs::metadata(&lib).unwrap().modified().unwrap(),
    );
    mark_for_rebuild(&scratch, &["codegen"]).unwrap();
    assert_eq!(fs::read(&lib).unwrap(), before, "the contents stay");
    assert!(fs::metadata(&lib).unwrap().modified().unwrap() > modified);
    fs::remove_dir_all(&scratch).unwrap();
}
