//! The tasks behind `cargo xtask`: regenerating the client and the
//! generator's fixture snapshots, and checking that the checked-in files
//! match what the generator makes of their documents. One function,
//! [`sync`], compares or writes; the binary and the sync test both go
//! through it.
//!
//! Every task acts on the checkout it is run in ([`workspace_root`] finds it
//! at run time), and writes outside that checkout only into the real Cargo
//! target directory ([`scratch_dir`]), so that clones and worktrees sharing
//! one `CARGO_TARGET_DIR` never act on each other.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

pub mod diff;
pub mod spec;
pub mod synth;
pub mod test;

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
/// fixture, relative to the workspace root.
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
            let areas: Vec<&str> = api.areas.iter().map(|area| area.name.as_str()).collect();
            let manifest = with_features(&manifest, &areas)
                .with_context(|| format!("in {}", path.display()))?;
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

/// `manifest` with its `[features]` table (up to the next table) replaced
/// by one feature per API area, all on by default.
fn with_features(manifest: &str, areas: &[&str]) -> Result<String> {
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
    let mut table = vec![
        FEATURES_HEADER.to_owned(),
        "# Written by `cargo xtask codegen`: one feature per API area of the spec (see the"
            .to_owned(),
        "# README), each compiling that area's module; all on by default.".to_owned(),
    ];
    let quoted: Vec<String> = areas.iter().map(|area| format!("\"{area}\"")).collect();
    table.push(format!("default = [{}]", quoted.join(", ")));
    table.extend(areas.iter().map(|area| format!("{area} = []")));
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

/// Whether [`sync`] writes files or only compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what differs, remove what is extra.
    Write,
    /// Change nothing; fail if anything differs.
    Check,
}

/// The root of the checkout this command was run in.
///
/// Found at run time, never from the path compiled into the binary: Cargo
/// hands every clone and worktree that shares a target directory the same
/// xtask binary. `cargo run` (and so `cargo xtask`) sets
/// `CARGO_MANIFEST_DIR` to this checkout's `xtask/`; without it, Cargo is
/// asked for the workspace around the current directory. When the binary
/// was built in another checkout, a one-line note says so.
pub fn workspace_root() -> Result<PathBuf> {
    let root = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(manifest_dir) => {
            let manifest_dir = PathBuf::from(manifest_dir);
            manifest_dir
                .parent()
                .map(Path::to_path_buf)
                .with_context(|| format!("{} has no parent folder", manifest_dir.display()))?
        }
        None => locate_workspace()?,
    };
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).parent();
    if let Some(built) = built
        && !same_path(built, &root)
    {
        eprintln!(
            "note: this xtask was built in {}; acting on {}, the checkout it was run in",
            built.display(),
            root.display()
        );
    }
    Ok(root)
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `cargo locate-project --workspace`, from the current directory.
fn locate_workspace() -> Result<PathBuf> {
    let output = Command::new(cargo())
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .output()
        .context("cannot run `cargo locate-project` to find the workspace")?;
    if !output.status.success() {
        bail!(
            "`cargo locate-project --workspace` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let manifest = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    manifest
        .parent()
        .map(Path::to_path_buf)
        .with_context(|| format!("{} has no parent folder", manifest.display()))
}

/// The Cargo that runs this task (`$CARGO`), or `cargo` from the `PATH`.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The Cargo target directory of the workspace at `root`, as Cargo itself
/// resolves it (`CARGO_TARGET_DIR`, `build.target-dir` in a config file, or
/// `<root>/target`).
pub fn target_dir(root: &Path) -> Result<PathBuf> {
    let output = Command::new(cargo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .context("cannot run `cargo metadata` to find the target directory")?;
    if !output.status.success() {
        bail!(
            "`cargo metadata` failed in {}: {}",
            root.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("`cargo metadata` printed no JSON")?;
    let dir = metadata["target_directory"]
        .as_str()
        .context("`cargo metadata` names no target_directory")?;
    Ok(PathBuf::from(dir))
}

/// A folder for what xtask writes that is not part of the checkout (logs):
/// `<target directory>/xtask/`, created when missing.
pub fn scratch_dir(root: &Path) -> Result<PathBuf> {
    let dir = target_dir(root)?.join("xtask");
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// Writes the document the client is generated from ([`CLIENT_SPEC`] with
/// [`CLIENT_OVERLAY`] applied) to a file for the tools that read one
/// (Prism, Redocly), and returns its path: in this checkout's own folder
/// of the target directory ([`checkout_dir`]), so that checkouts sharing
/// the target directory never read each other's.
pub fn applied_file(root: &Path) -> Result<PathBuf> {
    let text = Target::client().document(root)?;
    let path = checkout_dir(root)?.join("signalwire-rest.applied.json");
    write_atomically(&path, &text)?;
    Ok(path)
}

/// `<target directory>/xtask/checkouts/<name>-<hash>/`: a folder of the
/// target directory that belongs to the checkout at `root` alone (named
/// after its folder and a hash of its canonical path), created when
/// missing.
pub fn checkout_dir(root: &Path) -> Result<PathBuf> {
    use std::hash::{Hash as _, Hasher as _};
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    let name = canonical
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = scratch_dir(root)?
        .join("checkouts")
        .join(format!("{name}-{:016x}", hasher.finish()));
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// Generates every target in memory first (so a bad document touches
/// nothing), then brings the files on disk in line with it, or checks that
/// they are (through [`sync`]).
pub fn codegen(root: &Path, mode: Mode) -> Result<String> {
    let plan = plan(root)?;
    let changed = sync(root, &plan, mode)?;
    let files: usize = plan.outputs.iter().map(|(_, output)| output.len()).sum();
    let mut summary = format!(
        "{} file(s) of {} target(s) from {CLIENT_SPEC} with {CLIENT_OVERLAY}, and {FIXTURES}/",
        files,
        // A document each: the client's sweep comes from the client's.
        plan.outputs
            .iter()
            .filter(|(dir, _)| dir != CLIENT_SWEEP)
            .count()
    );
    if changed.is_empty() {
        summary.push_str(", up to date");
    } else {
        for file in changed {
            let _ = write!(summary, "\n  updated: {file}");
        }
    }
    Ok(summary)
}

/// What the checked-in generated files should be.
#[derive(Debug, Default)]
pub struct Plan {
    /// Each target's folder (relative to the root) and the files it holds.
    pub outputs: Vec<(String, codegen::Output)>,
    /// Folders under [`SNAPSHOTS`] that no fixture generates.
    pub orphans: Vec<String>,
}

/// Generates every target of the checkout at `root` in memory; every
/// problem of every document on failure.
pub fn plan(root: &Path) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut problems = Vec::new();
    for target in targets(root)? {
        match target.outputs(root) {
            Ok(outputs) => plan.outputs.extend(outputs),
            Err(error) => problems.push(format!("{error:#}")),
        }
    }
    if !problems.is_empty() {
        bail!(problems.join("\n"));
    }
    let snapshot_root = root.join(SNAPSHOTS);
    if let Ok(entries) = fs::read_dir(&snapshot_root) {
        for entry in entries {
            let entry =
                entry.with_context(|| format!("cannot list {}", snapshot_root.display()))?;
            let folder = format!("{SNAPSHOTS}/{}", entry.file_name().to_string_lossy());
            if !plan.outputs.iter().any(|(dir, _)| *dir == folder) {
                plan.orphans.push(folder);
            }
        }
    }
    plan.orphans.sort();
    Ok(plan)
}

/// The one routine that compares or writes generated files. Compares each
/// folder of `plan` (relative to `root`) with the files on disk, line
/// endings normalised. In [`Mode::Check`], changes nothing and fails
/// listing every stale, missing and extra file and the command that fixes
/// them; in [`Mode::Write`], writes each differing file atomically, removes
/// extra files and orphan folders, and returns what changed.
pub fn sync(root: &Path, plan: &Plan, mode: Mode) -> Result<Vec<String>> {
    let mut report = Report {
        orphans: plan.orphans.clone(),
        ..Report::default()
    };
    let mut differences = Vec::new();
    for (dir, output) in &plan.outputs {
        let found = compare(&root.join(dir), output)?;
        report.add(dir, &found);
        differences.push((dir, output, found));
    }
    if mode == Mode::Check {
        report.fail_if_stale()?;
        return Ok(Vec::new());
    }
    let mut changed = Vec::new();
    for (dir, output, found) in differences {
        let folder = root.join(dir);
        for relative in found.stale.iter().chain(&found.missing) {
            write_atomically(&folder.join(relative), &output[relative])?;
            changed.push(format!("{dir}/{relative}"));
        }
        for relative in &found.extra {
            let path = folder.join(relative);
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            changed.push(format!("{dir}/{relative} (removed)"));
        }
    }
    for folder in &plan.orphans {
        let path = root.join(folder);
        fs::remove_dir_all(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        changed.push(format!("{folder} (removed: no fixture generates it)"));
    }
    Ok(changed)
}

/// What differs between some folders and the files they should hold.
#[derive(Debug, Default)]
struct Report {
    /// `(label, path relative to the root)`: stale, missing or extra.
    files: Vec<(&'static str, String)>,
    /// Snapshot folders that no fixture generates.
    orphans: Vec<String>,
}

impl Report {
    fn add(&mut self, dir: &str, differences: &Differences) {
        for (label, files) in [
            ("stale", &differences.stale),
            ("missing", &differences.missing),
            ("extra", &differences.extra),
        ] {
            for file in files {
                self.files.push((label, format!("{dir}/{file}")));
            }
        }
    }

    fn fail_if_stale(&self) -> Result<()> {
        if self.files.is_empty() && self.orphans.is_empty() {
            return Ok(());
        }
        let mut message =
            "the generated code does not match its documents (spec/ and the codegen fixtures):"
                .to_owned();
        for (label, file) in &self.files {
            let _ = write!(message, "\n  {label}: {file}");
        }
        for folder in &self.orphans {
            let _ = write!(message, "\n  extra: {folder} (no fixture generates it)");
        }
        message.push_str("\nrun `cargo xtask codegen` to regenerate it");
        bail!(message)
    }
}

/// Files of one folder that differ from what was generated, by path
/// relative to the folder.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// On disk with other contents.
    pub stale: Vec<String>,
    /// Generated but not on disk.
    pub missing: Vec<String>,
    /// On disk, in a folder the generator owns, but not generated.
    pub extra: Vec<String>,
}

/// Compares `output` (paths relative to `dir`) with the files on disk, line
/// endings normalised. Extra files are files in a folder the generator owns
/// (the folders of the generated files) that it did not generate.
pub fn compare(dir: &Path, output: &codegen::Output) -> Result<Differences> {
    let mut differences = Differences::default();
    for (relative, contents) in output {
        let path = dir.join(relative);
        match fs::read_to_string(&path) {
            Ok(current) if normalise(&current) == normalise(contents) => {}
            Ok(_) => differences.stale.push(relative.clone()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                differences.missing.push(relative.clone())
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        }
    }
    // A crate's root holds hand-written files beside the generated
    // `Cargo.toml`: there, only deeper folders are the generator's own (a
    // snapshot folder holds nothing else, and is owned whole).
    let crate_root = output.contains_key("Cargo.toml");
    let mut owned: Vec<&Path> = output
        .keys()
        .filter_map(|relative| Path::new(relative).parent())
        .filter(|folder| !(crate_root && folder.as_os_str().is_empty()))
        .collect();
    owned.sort();
    owned.dedup();
    for folder in owned {
        let listing = dir.join(folder);
        let Ok(entries) = fs::read_dir(&listing) else {
            continue;
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", listing.display()))?;
            if !entry.file_type().is_ok_and(|kind| kind.is_file()) {
                continue;
            }
            let relative = folder
                .join(entry.file_name())
                .to_string_lossy()
                .replace('\\', "/");
            if !output.contains_key(&relative) {
                differences.extra.push(relative);
            }
        }
    }
    differences.extra.sort();
    Ok(differences)
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Writes through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file.
fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    write_atomically_bytes(path, contents.as_bytes())
}

/// [`write_atomically`], for bytes written exactly as given.
fn write_atomically_bytes(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file_name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    let temporary = dir.join(format!(".{}.tmp", file_name.to_string_lossy()));
    fs::write(&temporary, contents)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    fs::rename(&temporary, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}
