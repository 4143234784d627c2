//! The checked-in client matches what the spec generates: `cargo test`
//! catches a spec edited without `cargo xtask codegen`.

use std::fs;

use xtask::{Mode, codegen, sync, workspace_root};

#[test]
fn checked_in_client_matches_the_spec() {
    if let Err(error) = codegen(&workspace_root(), Mode::Check) {
        panic!("{error:#}");
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-sync-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src/api")).unwrap();
    dir
}

fn output(files: &[(&str, &str)]) -> codegen::Output {
    files
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

#[test]
fn check_lists_stale_missing_and_extra_files_and_changes_nothing() {
    let dir = scratch("check");
    fs::write(dir.join("src/api/mod.rs"), "old").unwrap();
    fs::write(dir.join("src/api/leftover.rs"), "x").unwrap();
    let wanted = output(&[("src/api/mod.rs", "new"), ("src/api/types.rs", "t")]);
    let message = format!("{:#}", sync(&dir, &wanted, Mode::Check).unwrap_err());
    assert!(message.contains("stale: src/api/mod.rs"), "{message}");
    assert!(message.contains("missing: src/api/types.rs"), "{message}");
    assert!(message.contains("extra: src/api/leftover.rs"), "{message}");
    assert!(
        message.ends_with("run `cargo xtask codegen` to regenerate it"),
        "{message}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("src/api/mod.rs")).unwrap(),
        "old"
    );
    assert!(!dir.join("src/api/types.rs").exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn write_brings_the_folder_in_line_and_a_second_run_changes_nothing() {
    let dir = scratch("write");
    fs::write(dir.join("src/api/mod.rs"), "old").unwrap();
    fs::write(dir.join("src/api/leftover.rs"), "x").unwrap();
    let wanted = output(&[("src/api/mod.rs", "new\n"), ("src/api/types.rs", "t\n")]);
    let changed = sync(&dir, &wanted, Mode::Write).unwrap();
    assert_eq!(
        changed,
        [
            "src/api/mod.rs",
            "src/api/types.rs",
            "src/api/leftover.rs (removed)"
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.join("src/api/mod.rs")).unwrap(),
        "new\n"
    );
    assert!(!dir.join("src/api/leftover.rs").exists());
    assert!(sync(&dir, &wanted, Mode::Write).unwrap().is_empty());
    assert!(sync(&dir, &wanted, Mode::Check).unwrap().is_empty());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn crlf_checkouts_are_not_stale() {
    let dir = scratch("crlf");
    fs::write(dir.join("src/api/mod.rs"), "a\r\nb\r\n").unwrap();
    let wanted = output(&[("src/api/mod.rs", "a\nb\n")]);
    assert!(sync(&dir, &wanted, Mode::Check).unwrap().is_empty());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_new_enum_value_in_the_spec_makes_the_check_fail_until_regenerated() {
    let root = workspace_root();
    let target = &xtask::TARGETS[0];
    let spec = fs::read_to_string(root.join(target.spec)).unwrap();
    let listed = "        - H264\n";
    assert_eq!(
        spec.matches(listed).count(),
        1,
        "the Codecs enum moved; update this test"
    );
    let edited = spec.replace(listed, "        - H264\n        - OPUS@48000H@20I\n");
    let output = codegen::generate(target.spec, &edited).unwrap();

    let message = format!(
        "{:#}",
        sync(&root.join(target.crate_dir), &output, Mode::Check).unwrap_err()
    );
    assert!(message.contains("stale: src/api/types.rs"), "{message}");
    assert!(!message.contains("operations.rs"), "{message}");

    let types = &output["src/api/types.rs"];
    assert!(
        types.contains("    /// On the wire: `OPUS@48000H@20I`.\n    Opus48000h20i,\n"),
        "the new value is not a documented variant"
    );
    assert!(
        types.contains("\"OPUS@48000H@20I\" => ::std::option::Option::Some(Self::Opus48000h20i)")
    );
}

#[test]
fn a_spec_that_fails_to_generate_leaves_the_client_untouched() {
    let root = std::env::temp_dir().join(format!("xtask-bad-spec-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let target = &xtask::TARGETS[0];
    let spec = fs::read_to_string(workspace_root().join(target.spec)).unwrap();
    let broken = spec.replace(
        "          schema:\n            type: string\n            format: uuid\n",
        "          schema:\n            oneOf: [{type: string}, {type: integer}]\n",
    );
    assert_ne!(broken, spec, "the id parameter moved; update this test");
    fs::create_dir_all(root.join("spec")).unwrap();
    fs::write(root.join(target.spec), broken).unwrap();
    let api = root.join(target.crate_dir).join("src/api");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("mod.rs"), "sentinel").unwrap();

    let message = format!("{:#}", codegen(&root, Mode::Write).unwrap_err());
    assert_eq!(
        message,
        "spec/signalwire-fabric.yaml: 1 problem in the OpenAPI document\n  \
         #/paths/~1api~1fabric~1resources~1sip_endpoints~1{id}/put/parameters/0/schema: unsupported: `oneOf`"
    );
    assert_eq!(fs::read_to_string(api.join("mod.rs")).unwrap(), "sentinel");
    assert_eq!(fs::read_dir(&api).unwrap().count(), 1);
    fs::remove_dir_all(root).unwrap();
}
