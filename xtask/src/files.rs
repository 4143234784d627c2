//! Writing files so that a reader never sees half of one.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file.
pub(crate) fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    write_atomically_bytes(path, contents.as_bytes())
}

/// [`write_atomically`], for bytes written exactly as given.
pub(crate) fn write_atomically_bytes(path: &Path, contents: &[u8]) -> Result<()> {
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
