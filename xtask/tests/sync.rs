//! The checked-in client and the generator's fixture snapshots match what
//! their documents generate: `cargo test` catches a document edited without
//! `cargo xtask codegen`. Also the properties of the one sync routine, and
//! of generating the fixtures (deterministic; 3.1 as 3.0).

use std::fs;
use std::path::{Path, PathBuf};

use xtask::{
    CLIENT_CRATE, FIXTURES, Mode, Plan, SNAPSHOTS, Target, codegen, plan, sync, targets,
    workspace_root,
};

fn root() -> PathBuf {
    workspace_root().expect("the workspace root")
}

#[test]
fn checked_in_client_and_snapshots_match_their_documents() {
    if let Err(error) = codegen(&root(), Mode::Check) {
        panic!("{error:#}");
    }
}

/// A scratch checkout folder with `src/api/` made, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-sync-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("out/src/api")).unwrap();
        Scratch(dir)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn plan_of(files: &[(&str, &str)]) -> Plan {
    Plan {
        outputs: vec![(
            "out".to_owned(),
            files
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        )],
        orphans: Vec::new(),
    }
}

#[test]
fn check_lists_stale_missing_and_extra_files_and_changes_nothing() {
    let dir = Scratch::new("check");
    fs::write(dir.path("out/src/api/mod.rs"), "old").unwrap();
    fs::write(dir.path("out/src/api/leftover.rs"), "x").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "new"), ("src/api/types.rs", "t")]);
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         stale: out/src/api/mod.rs\n  \
         missing: out/src/api/types.rs\n  \
         extra: out/src/api/leftover.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );
    assert_eq!(
        fs::read_to_string(dir.path("out/src/api/mod.rs")).unwrap(),
        "old"
    );
    assert!(!dir.path("out/src/api/types.rs").exists());
}

#[test]
fn write_brings_the_folder_in_line_and_a_second_run_changes_nothing() {
    let dir = Scratch::new("write");
    fs::write(dir.path("out/src/api/mod.rs"), "old").unwrap();
    fs::write(dir.path("out/src/api/leftover.rs"), "x").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "new\n"), ("src/api/types.rs", "t\n")]);
    let changed = sync(&dir.0, &wanted, Mode::Write).unwrap();
    assert_eq!(
        changed,
        [
            "out/src/api/mod.rs",
            "out/src/api/types.rs",
            "out/src/api/leftover.rs (removed)"
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.path("out/src/api/mod.rs")).unwrap(),
        "new\n"
    );
    assert!(!dir.path("out/src/api/leftover.rs").exists());
    assert!(sync(&dir.0, &wanted, Mode::Write).unwrap().is_empty());
    assert!(sync(&dir.0, &wanted, Mode::Check).unwrap().is_empty());
}

#[test]
fn top_level_files_of_a_snapshot_folder_are_owned_too() {
    let dir = Scratch::new("top");
    fs::write(dir.path("out/mod.rs"), "m\n").unwrap();
    fs::write(dir.path("out/gone.rs"), "g\n").unwrap();
    let wanted = plan_of(&[("mod.rs", "m\n")]);
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert!(message.contains("\n  extra: out/gone.rs\n"), "{message}");
}

#[test]
fn orphan_snapshot_folders_are_listed_and_removed() {
    let dir = Scratch::new("orphan");
    fs::create_dir_all(dir.path("old-fixture")).unwrap();
    fs::write(dir.path("old-fixture/mod.rs"), "x").unwrap();
    let mut wanted = plan_of(&[]);
    wanted.orphans.push("old-fixture".to_owned());
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert!(
        message.contains("\n  extra: old-fixture (no fixture generates it)\n"),
        "{message}"
    );
    assert!(dir.path("old-fixture/mod.rs").exists());
    let changed = sync(&dir.0, &wanted, Mode::Write).unwrap();
    assert_eq!(changed, ["old-fixture (removed: no fixture generates it)"]);
    assert!(!dir.path("old-fixture").exists());
}

#[test]
fn crlf_checkouts_are_not_stale() {
    let dir = Scratch::new("crlf");
    fs::write(dir.path("out/src/api/mod.rs"), "a\r\nb\r\n").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "a\nb\n")]);
    assert!(sync(&dir.0, &wanted, Mode::Check).unwrap().is_empty());
}

#[test]
fn a_new_enum_value_in_the_spec_makes_the_check_fail_until_regenerated() {
    let root = root();
    let target = Target::client();
    let spec = fs::read_to_string(root.join(&target.spec)).unwrap();
    let listed = "        - H264\n";
    assert_eq!(
        spec.matches(listed).count(),
        1,
        "the Codec enum moved; update this test"
    );
    let edited = spec.replace(listed, "        - H264\n        - OPUS@48000H@20I\n");
    let output = target.generate_from(&edited).unwrap();
    let edited_plan = Plan {
        outputs: vec![(target.dir.clone(), output.clone())],
        orphans: Vec::new(),
    };

    let message = format!("{:#}", sync(&root, &edited_plan, Mode::Check).unwrap_err());
    assert!(
        message.contains("\n  stale: generated/src/api/types.rs\n"),
        "{message}"
    );
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
fn a_spec_that_fails_to_generate_leaves_every_file_untouched() {
    let root = std::env::temp_dir().join(format!("xtask-bad-spec-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let target = Target::client();
    let spec = fs::read_to_string(workspace_root().unwrap().join(&target.spec)).unwrap();
    let broken = spec.replace(
        "$ref: '#/components/schemas/UpdateSipEndpointRequest'",
        "not: {type: integer}",
    );
    assert_ne!(broken, spec, "the update body moved; update this test");
    fs::create_dir_all(root.join("spec")).unwrap();
    fs::create_dir_all(root.join(FIXTURES)).unwrap();
    fs::write(root.join(&target.spec), broken).unwrap();
    let api = root.join(CLIENT_CRATE).join("src/api");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("mod.rs"), "sentinel").unwrap();

    let message = format!("{:#}", codegen(&root, Mode::Write).unwrap_err());
    assert_eq!(
        message,
        "spec/signalwire-fabric.yaml: 1 problem in the OpenAPI document\n  \
         #/paths/~1api~1fabric~1resources~1sip_endpoints~1{id}/put/requestBody/content/application~1json/schema: \
         unsupported: `not`"
    );
    assert_eq!(fs::read_to_string(api.join("mod.rs")).unwrap(), "sentinel");
    assert_eq!(fs::read_dir(&api).unwrap().count(), 1);
    fs::remove_dir_all(root).unwrap();
}

#[test]
fn every_fixture_has_a_snapshot_folder_and_a_compile_case() {
    let root = root();
    let fixtures: Vec<Target> = targets(&root)
        .unwrap()
        .into_iter()
        .filter(|t| t.dir.starts_with(SNAPSHOTS))
        .collect();
    assert!(fixtures.len() >= 7, "found only {fixtures:?}");
    for fixture in fixtures {
        let name = Path::new(&fixture.dir)
            .file_name()
            .unwrap()
            .to_string_lossy();
        let case = format!("codegen/tests/compile/{name}.rs");
        let text = fs::read_to_string(root.join(&case))
            .unwrap_or_else(|error| panic!("{case} is missing ({error}); add one like the others"));
        let includes = format!("#[path = \"../snapshots/{name}/mod.rs\"]");
        assert!(
            text.contains(&includes),
            "{case} does not include its snapshot with {includes}"
        );
        assert!(
            text.contains("#[path = \"../../../generated/src/runtime/mod.rs\"]"),
            "{case} does not include the client runtime"
        );
    }
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let root = root();
    let first = plan(&root).unwrap();
    let second = plan(&root).unwrap();
    assert_eq!(first.outputs.len(), second.outputs.len());
    for ((dir, a), (_, b)) in first.outputs.iter().zip(&second.outputs) {
        assert!(a == b, "{dir} was generated differently on a second run");
    }
}

#[test]
fn openapi_3_1_generates_the_same_code_as_its_3_0_spelling() {
    let root = root();
    let read = |file: &str| fs::read_to_string(root.join(FIXTURES).join(file)).unwrap();
    let (v3_0, v3_1) = (read("nullable_3_0.yaml"), read("nullable_3_1.yaml"));
    assert!(v3_0.contains("openapi: 3.0.3"));
    assert!(v3_1.contains("openapi: 3.1.0"));
    // The same source name, so that the headers match too.
    let source = "spec/loans.yaml";
    let from_3_0 = codegen::generate(source, &v3_0).expect("the 3.0 fixture generates");
    let from_3_1 = codegen::generate(source, &v3_1).expect("the 3.1 fixture generates");
    assert_eq!(
        from_3_0.keys().collect::<Vec<_>>(),
        from_3_1.keys().collect::<Vec<_>>()
    );
    for (path, expected) in &from_3_0 {
        assert!(
            from_3_1[path] == *expected,
            "{path} differs between nullable_3_0.yaml and nullable_3_1.yaml"
        );
    }
}
