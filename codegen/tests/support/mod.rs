//! What the snapshot and compile tests share: the fixture specs and where
//! their snapshots live.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The folder of this crate, which the test paths are relative to.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture spec in `tests/fixtures/`.
pub struct Fixture {
    /// File name without extension; names its snapshot folder and compile case.
    pub name: String,
    /// Path relative to this crate, as the generated headers name it.
    pub source: String,
    /// The document's text.
    pub text: String,
}

impl Fixture {
    /// Reads `tests/fixtures/<file>`.
    pub fn read(file: &str) -> Fixture {
        let source = format!("tests/fixtures/{file}");
        let text = fs::read_to_string(crate_dir().join(&source))
            .unwrap_or_else(|error| panic!("cannot read {source}: {error}"));
        let name = Path::new(file)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_else(|| panic!("bad fixture file name {file}"))
            .to_owned();
        Fixture { name, source, text }
    }

    /// Every `*.yaml` and `*.json` file of `tests/fixtures/`, by name.
    pub fn all() -> Vec<Fixture> {
        let dir = crate_dir().join("tests/fixtures");
        let mut files: Vec<String> = fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
            .map(|entry| entry.expect("a directory entry").file_name())
            .filter_map(|name| name.to_str().map(str::to_owned))
            .filter(|name| name.ends_with(".yaml") || name.ends_with(".json"))
            .collect();
        files.sort();
        let fixtures: Vec<Fixture> = files.iter().map(|file| Fixture::read(file)).collect();
        for pair in fixtures.windows(2) {
            assert_ne!(
                pair[0].name, pair[1].name,
                "two fixtures share the name `{}`; their snapshots would share a folder",
                pair[0].name
            );
        }
        assert!(!fixtures.is_empty(), "no fixtures in {}", dir.display());
        fixtures
    }

    /// The generated files: file name (`types.rs`) -> contents.
    pub fn generate(&self) -> Vec<(String, String)> {
        let output = codegen::generate(&self.source, &self.text)
            .unwrap_or_else(|errors| panic!("{} does not generate: {errors}", self.source));
        output
            .into_iter()
            .map(|(path, contents)| {
                let file = path
                    .strip_prefix(codegen::API_DIR)
                    .and_then(|rest| rest.strip_prefix('/'))
                    .unwrap_or_else(|| panic!("{path} is not under {}", codegen::API_DIR))
                    .to_owned();
                (file, contents)
            })
            .collect()
    }

    /// `tests/snapshots/<name>`, relative to this crate.
    pub fn snapshot_dir(&self) -> PathBuf {
        Path::new("tests/snapshots").join(&self.name)
    }
}
