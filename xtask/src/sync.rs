//! The one routine that compares generated files with the checkout or
//! writes them there ([`sync`]), and the plan it works from.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::files::write_atomically;
use crate::targets::{CLIENT_OVERLAY, CLIENT_SPEC, CLIENT_SWEEP, FIXTURES, SNAPSHOTS, targets};

/// Whether [`sync`] writes files or only compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what differs, remove what is extra.
    Write,
    /// Change nothing; fail if anything differs.
    Check,
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
    /// Folders under [`SNAPSHOTS`] that no fixture generates (the files
    /// beside them are the package `snapshot-tests`, which compiles them).
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
            // The files beside the snapshot folders are the package that
            // compiles them (`snapshot-tests`), not generated output.
            let is_folder = entry
                .file_type()
                .with_context(|| format!("cannot read {}", entry.path().display()))?
                .is_dir();
            let folder = format!("{SNAPSHOTS}/{}", entry.file_name().to_string_lossy());
            if is_folder && !plan.outputs.iter().any(|(dir, _)| *dir == folder) {
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
