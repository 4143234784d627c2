//! The tasks behind `cargo xtask`: regenerating the client and checking that
//! the checked-in client matches the spec. One function, [`sync`], compares or
//! writes; the binary and the sync test both go through it.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub mod test;

/// One document and the client crate generated from it.
pub struct Target {
    /// The OpenAPI document, relative to the workspace root.
    pub spec: &'static str,
    /// The client crate, relative to the workspace root.
    pub crate_dir: &'static str,
}

/// Every document this workspace generates a client from.
pub const TARGETS: &[Target] = &[Target {
    spec: "spec/signalwire-fabric.yaml",
    crate_dir: "generated",
}];

/// Whether [`sync`] writes files or only compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what differs, remove what is extra.
    Write,
    /// Change nothing; fail if anything differs.
    Check,
}

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Generates every target in memory first (so a bad spec touches nothing),
/// then brings the files on disk in line with it, or checks that they are.
pub fn codegen(root: &Path, mode: Mode) -> Result<String> {
    let mut generated = Vec::new();
    for target in TARGETS {
        let path = root.join(target.spec);
        let text = fs::read_to_string(&path)
            .with_context(|| format!("cannot read the spec {}", path.display()))?;
        let output = codegen::generate(target.spec, &text)
            .map_err(|errors| anyhow::anyhow!("{}: {errors}", target.spec))?;
        generated.push((target, output));
    }
    let mut summary = String::new();
    for (target, output) in generated {
        let changes = sync(&root.join(target.crate_dir), &output, mode)?;
        let _ = write!(
            summary,
            "{}: {} file(s) from {}",
            target.crate_dir,
            output.len(),
            target.spec
        );
        // In check mode `sync` fails rather than report changes.
        if changes.is_empty() {
            summary.push_str(", up to date");
        } else {
            let _ = write!(summary, ", updated: {}", changes.join(", "));
        }
    }
    Ok(summary)
}

/// Compares `output` (paths relative to `crate_dir`) with the files on disk,
/// line endings normalised. In [`Mode::Check`], fails listing every stale,
/// missing and extra file and the command that fixes them; in
/// [`Mode::Write`], writes each differing file atomically and removes extra
/// ones, returning what changed.
///
/// Extra files are files in a folder the generator owns (the folders of the
/// generated files) that it did not generate.
pub fn sync(crate_dir: &Path, output: &codegen::Output, mode: Mode) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    let mut missing = Vec::new();
    for (relative, contents) in output {
        let path = crate_dir.join(relative);
        match fs::read_to_string(&path) {
            Ok(current) if normalise(&current) == normalise(contents) => {}
            Ok(_) => stale.push(relative.clone()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                missing.push(relative.clone())
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        }
    }
    let mut extra = Vec::new();
    let mut owned: Vec<&str> = output
        .keys()
        .filter_map(|relative| Path::new(relative).parent()?.to_str())
        .collect();
    owned.dedup();
    for folder in owned {
        let dir = crate_dir.join(folder);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = format!("{folder}/{name}");
            if !output.contains_key(&relative) {
                extra.push(relative);
            }
        }
    }
    extra.sort();

    if mode == Mode::Check {
        if stale.is_empty() && missing.is_empty() && extra.is_empty() {
            return Ok(Vec::new());
        }
        let mut message = format!(
            "the generated code in {} does not match the spec:",
            crate_dir.display()
        );
        for (label, files) in [("stale", &stale), ("missing", &missing), ("extra", &extra)] {
            for file in files {
                let _ = write!(message, "\n  {label}: {file}");
            }
        }
        message.push_str("\nrun `cargo xtask codegen` to regenerate it");
        bail!(message);
    }

    let mut changed = Vec::new();
    for relative in stale.iter().chain(&missing) {
        let path = crate_dir.join(relative);
        write_atomically(&path, &output[relative])?;
        changed.push(relative.clone());
    }
    for relative in &extra {
        let path = crate_dir.join(relative);
        fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        changed.push(format!("{relative} (removed)"));
    }
    Ok(changed)
}

fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// Writes through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file.
fn write_atomically(path: &Path, contents: &str) -> Result<()> {
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
