//! What `cargo xtask codegen` generates: the targets (a document and the
//! folders its files go to) and the client crate's Cargo features.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// SignalWire's REST API document, verbatim, relative to the workspace root.
pub const CLIENT_SPEC: &str = "spec/signalwire-rest.openapi.yaml";
/// The OpenAPI Overlay of this project's deviations from [`CLIENT_SPEC`]:
/// the client is generated from the document it makes of it.
pub const CLIENT_OVERLAY: &str = "spec/signalwire-rest.overlay.yaml";
/// The client crate, relative to the workspace root.
pub const CLIENT_CRATE: &str = "generated";
/// The folder of the client's generated contract sweep (one test per
/// operation, included by the harness `tests/tests/contract_sweep.rs`), relative to
/// the workspace root.
pub const CLIENT_SWEEP: &str = "tests/tests/contract_sweep";
/// The file of the generated contract sweep in [`CLIENT_SWEEP`].
pub const SWEEP_FILE: &str = "operations.rs";
/// The generator's fixture documents, relative to the workspace root.
pub const FIXTURES: &str = "codegen/tests/fixtures";
/// Where each fixture's generated modules are checked in, one folder per
/// fixture, relative to the workspace root. The files beside those folders
/// are the package `snapshot-tests`, which compiles and runs each one.
pub const SNAPSHOTS: &str = "codegen/tests/snapshots";

/// One document and the folder its generated files are checked in to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The OpenAPI document, relative to the workspace root.
    pub spec: String,
    /// The overlay applied to it first, relative to the workspace root.
    pub overlay: Option<String>,
    /// The document's path as the generated headers name it.
    pub source: String,
    /// The folder the files go to, relative to the workspace root.
    pub dir: String,
    /// A prefix taken off the generator's output paths (the snapshots keep
    /// the modules of `src/api/` at the top of their folder).
    pub strip: Option<&'static str>,
    /// The folder, relative to the workspace root, of the contract sweep
    /// generated from the same document ([`SWEEP_FILE`] in it), if any.
    pub sweep: Option<String>,
}

impl Target {
    /// The client crate, generated from [`CLIENT_SPEC`] with
    /// [`CLIENT_OVERLAY`] applied.
    pub fn client() -> Target {
        Target {
            spec: CLIENT_SPEC.to_owned(),
            overlay: Some(CLIENT_OVERLAY.to_owned()),
            source: format!("{CLIENT_SPEC} with {CLIENT_OVERLAY}"),
            dir: CLIENT_CRATE.to_owned(),
            strip: None,
            sweep: Some(CLIENT_SWEEP.to_owned()),
        }
    }

    /// Every folder this target's document generates, relative to the
    /// workspace root, with its files: [`Target::dir`], then the contract
    /// sweep's folder; every problem of the document on failure. The client
    /// crate's `Cargo.toml` is one of the files of its folder: its
    /// `[features]` table lists the areas of the generated modules. The
    /// document is read and lowered once for all of them.
    pub fn outputs(&self, root: &Path) -> Result<Vec<(String, codegen::Output)>> {
        self.outputs_from(root, &self.document(root)?)
    }

    /// As [`Target::outputs`], from the text of the document the generator
    /// reads ([`Target::document`]).
    pub fn outputs_from(&self, root: &Path, text: &str) -> Result<Vec<(String, codegen::Output)>> {
        let api = codegen::lower_text(text).map_err(|errors| self.problems(errors))?;
        let output = self.with_manifest(root, self.generate_api(&api)?, &api)?;
        let mut outputs = vec![(self.dir.clone(), output)];
        if let Some(dir) = &self.sweep {
            let sweep =
                codegen::sweep(&self.source, &api).map_err(|errors| self.problems(errors))?;
            outputs.push((
                dir.clone(),
                codegen::Output::from([(SWEEP_FILE.to_owned(), sweep)]),
            ));
        }
        Ok(outputs)
    }

    fn problems(&self, errors: codegen::Errors) -> anyhow::Error {
        anyhow::anyhow!("{}: {errors}", self.spec)
    }

    /// `output` and, for the client crate, its `Cargo.toml` with the
    /// `[features]` table of the areas of `api` (the document `output` was
    /// generated from): one feature per area module.
    pub fn with_manifest(
        &self,
        root: &Path,
        mut output: codegen::Output,
        api: &codegen::ir::Api,
    ) -> Result<codegen::Output> {
        if self.dir == CLIENT_CRATE {
            let path = root.join(CLIENT_CRATE).join("Cargo.toml");
            let manifest = fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let manifest =
                with_features(&manifest, api).with_context(|| format!("in {}", path.display()))?;
            output.insert("Cargo.toml".to_owned(), manifest);
        }
        Ok(output)
    }

    /// The text of the document the generator reads: the spec, or the
    /// spec with its overlay applied (as JSON).
    pub fn document(&self, root: &Path) -> Result<String> {
        let read = |relative: &str| {
            let path = root.join(relative);
            fs::read_to_string(&path)
                .with_context(|| format!("cannot read the spec {}", path.display()))
        };
        let text = read(&self.spec)?;
        match &self.overlay {
            None => Ok(text),
            Some(overlay) => applied(&self.spec, &text, overlay, &read(overlay)?),
        }
    }

    /// The files of [`Target::dir`] generated from the lowered document,
    /// without `Cargo.toml`.
    fn generate_api(&self, api: &codegen::ir::Api) -> Result<codegen::Output> {
        let output =
            codegen::generate_api(&self.source, api).map_err(|errors| self.problems(errors))?;
        let mut files = codegen::Output::new();
        for (path, contents) in output {
            let relative = match self.strip {
                Some(prefix) => path
                    .strip_prefix(prefix)
                    .with_context(|| format!("the generator wrote {path}, outside {prefix}"))?
                    .to_owned(),
                None => path,
            };
            files.insert(relative, contents);
        }
        Ok(files)
    }
}

/// The document `overlay` (its text, `overlay_text`) makes of `spec` (its
/// text): what the generator, Prism, the lint and the diff read. Fails with
/// every action that does not apply, named.
pub fn applied(spec: &str, text: &str, overlay: &str, overlay_text: &str) -> Result<String> {
    codegen::apply_overlay(text, overlay_text)
        .map_err(|errors| anyhow::anyhow!("{overlay} (applied to {spec}): {errors}"))
}

/// The first line of the `[features]` table that `cargo xtask codegen`
/// writes into the client crate's `Cargo.toml`.
const FEATURES_HEADER: &str = "[features]";

/// The line of the `[features]` table after which its features are the
/// runtime's own, written by hand and kept as they are.
const RUNTIME_FEATURES: &str = "# The runtime's own features, written by hand:";

/// `manifest` with its `[features]` table (up to the next table) replaced
/// by one feature per API area of `api`, all on by default, then one per
/// namespace of the types no operation uses, off by default, then the
/// runtime's own features as the table had them (from the line
/// [`RUNTIME_FEATURES`] on).
fn with_features(manifest: &str, api: &codegen::ir::Api) -> Result<String> {
    let areas: Vec<&str> = api.areas.iter().map(|area| area.name.as_str()).collect();
    let start = manifest
        .lines()
        .position(|line| line.trim() == FEATURES_HEADER)
        .with_context(|| {
            format!("no `{FEATURES_HEADER}` table, which `cargo xtask codegen` fills; add one")
        })?;
    let lines: Vec<&str> = manifest.lines().collect();
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.starts_with('['))
        .map_or(lines.len(), |offset| start + 1 + offset);
    let runtime: Vec<String> = lines[start + 1..end]
        .iter()
        .skip_while(|line| line.trim() != RUNTIME_FEATURES)
        .map(|line| (*line).to_owned())
        .collect();
    let mut table = vec![
        FEATURES_HEADER.to_owned(),
        "# Written by `cargo xtask codegen`: one feature per API area of the spec (see the"
            .to_owned(),
        "# README), each compiling that area's module; all on by default.".to_owned(),
    ];
    let quoted: Vec<String> = areas.iter().map(|area| format!("\"{area}\"")).collect();
    table.push(format!("default = [{}]", quoted.join(", ")));
    table.extend(areas.iter().map(|area| format!("{area} = []")));
    for feature in &api.type_features {
        table.push(format!(
            "# The {} of the namespace `{}` that no operation uses, off by default.",
            feature.counted(),
            feature.namespace
        ));
        table.push(format!("{} = []", feature.name));
    }
    table.extend(runtime);
    while table.last().is_some_and(|line| line.trim().is_empty()) {
        table.pop();
    }
    table.push(String::new());
    let mut out: Vec<String> = lines[..start]
        .iter()
        .map(|line| (*line).to_owned())
        .collect();
    out.extend(table);
    out.extend(lines[end..].iter().map(|line| (*line).to_owned()));
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}

/// Every target: the client crate, then each fixture of [`FIXTURES`] (a
/// `*.yaml` or `*.json` file) into `SNAPSHOTS/<file stem>/`, by file name.
pub fn targets(root: &Path) -> Result<Vec<Target>> {
    let mut targets = vec![Target::client()];
    let dir = root.join(FIXTURES);
    let mut files = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") || name.ends_with(".json") {
            files.push(name);
        }
    }
    files.sort();
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let stem = file[..file.rfind('.').unwrap_or(file.len())].to_owned();
        if let Some(first) = stems.insert(stem.clone(), file.clone()) {
            bail!(
                "{FIXTURES}/{first} and {FIXTURES}/{file} would share the snapshot folder \
                 {SNAPSHOTS}/{stem}; rename one"
            );
        }
        targets.push(Target {
            spec: format!("{FIXTURES}/{file}"),
            overlay: None,
            // As the codegen crate sees it: headers name the fixture relative to it.
            source: format!("tests/fixtures/{file}"),
            dir: format!("{SNAPSHOTS}/{stem}"),
            strip: Some("src/api/"),
            sweep: None,
        });
    }
    Ok(targets)
}
