//! Where a task acts: the checkout it was run in, its Cargo, and the
//! folders of the target directory that belong to this checkout alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::files::write_atomically;
use crate::targets::Target;

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

/// The packages of this binary's own code (the generator and xtask) that
/// were built from other sources than those of the checkout at `root`:
/// Cargo hands a checkout another's build of a package when the two share
/// a target directory and this checkout's files are older than that build
/// (see `source_fingerprint`). Empty when the binary is the checkout's own,
/// and for a package the checkout does not hold (a tree with a spec and
/// generated files only, as some tests make), which it cannot be rebuilt
/// from.
pub fn built_from_elsewhere(root: &Path) -> Result<Vec<&'static str>> {
    let built = [
        ("codegen", codegen::SOURCES),
        ("xtask", env!("XTASK_SOURCES")),
    ];
    let mut elsewhere = Vec::new();
    for (package, fingerprint) in built {
        let dir = root.join(package);
        if !dir.join("Cargo.toml").is_file() {
            continue;
        }
        let here = source_fingerprint::of_package(&dir)
            .with_context(|| format!("cannot read the sources of {}", dir.display()))?;
        if here != fingerprint {
            elsewhere.push(package);
        }
    }
    Ok(elsewhere)
}

/// Makes Cargo rebuild `packages` (of [`built_from_elsewhere`]) from the
/// checkout at `root` the next time it builds them: marks the crate roots
/// and the build script of each as modified now. Their contents do not
/// change.
pub fn mark_for_rebuild(root: &Path, packages: &[&str]) -> Result<()> {
    let now = std::time::SystemTime::now();
    for package in packages {
        for file in ["src/lib.rs", "src/main.rs", "build.rs"] {
            let path = root.join(package).join(file);
            if !path.is_file() {
                continue;
            }
            fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|opened| opened.set_modified(now))
                .with_context(|| format!("cannot mark {} as modified", path.display()))?;
        }
    }
    Ok(())
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

/// Writes the document the client is generated from ([`CLIENT_SPEC`](crate::CLIENT_SPEC) with
/// [`CLIENT_OVERLAY`](crate::CLIENT_OVERLAY) applied) to a file for the tools that read one
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
