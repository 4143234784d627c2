//! Which sources a build of a workspace member was made from, by content.
//!
//! Checkouts of this repository that share one Cargo target directory
//! (worktrees under review) share each member's build: Cargo names it by the
//! member's path within the workspace, and judges it up to date by the
//! modification times of the files of the checkout it runs in. A checkout
//! whose files are older than another checkout's last build of a member
//! gets that build, even where the sources differ. A member's build script
//! records [`of_package`] as it builds ([`record`]); a program that must run
//! its own checkout's code (`cargo xtask`, whose generator writes the
//! checked-in files) compares it with the checkout's at run time.
//!
//! A package's sources are every file under its `src/`, its `Cargo.toml`
//! and its `build.rs`.

use std::fs;
use std::io;
use std::path::Path;

/// The single files of a package that count, beside those under `src/`.
const FILES: &[&str] = &["Cargo.toml", "build.rs"];

/// The fingerprint of the package in `dir`: FNV-1a (64 bits, as 16 hex
/// digits) over each source's path relative to `dir` and its bytes, in the
/// order of the paths.
pub fn of_package(dir: &Path) -> io::Result<String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for file in sources(dir)? {
        add(file.as_bytes());
        add(&[0]);
        add(&fs::read(dir.join(&file))?);
        add(&[0]);
    }
    Ok(format!("{hash:016x}"))
}

/// For a build script: sets the compile-time environment variable
/// `variable` of the package being built to its [`of_package`], and asks
/// Cargo to run the script again when a source changes. Each source is
/// named, not the folder `src/`: Cargo would take a folder's own
/// modification time too, which a fresh copy of the same files changes.
///
/// # Panics
///
/// When Cargo did not set `CARGO_MANIFEST_DIR` or a source cannot be read:
/// the build fails with the reason.
pub fn record(variable: &str) {
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("Cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&dir);
    let unreadable =
        |error: io::Error| -> ! { panic!("cannot read the sources of {}: {error}", dir.display()) };
    let fingerprint = of_package(dir).unwrap_or_else(|error| unreadable(error));
    println!("cargo::rustc-env={variable}={fingerprint}");
    for file in sources(dir).unwrap_or_else(|error| unreadable(error)) {
        println!("cargo::rerun-if-changed={file}");
    }
}

/// The sources of the package in `dir`, relative to it with `/`
/// separators, in order: every file under `src/`, and those of [`FILES`]
/// that exist.
fn sources(dir: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    collect(dir, "src", &mut files)?;
    files.extend(
        FILES
            .iter()
            .filter(|file| dir.join(file).is_file())
            .map(|file| (*file).to_owned()),
    );
    files.sort();
    Ok(files)
}

/// Appends the files under `folder` (relative to `dir`) to `files`, with
/// `/` separators.
fn collect(dir: &Path, folder: &str, files: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir.join(folder))? {
        let entry = entry?;
        let name = format!("{folder}/{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            collect(dir, &name, files)?;
        } else {
            files.push(name);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::of_package;
    use std::fs;

    #[test]
    fn a_fingerprint_follows_the_contents_and_names_of_the_sources() {
        let dir = std::env::temp_dir().join(format!("fingerprint-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src/inner")).unwrap();
        fs::write(dir.join("Cargo.toml"), "[package]\n").unwrap();
        fs::write(dir.join("src/lib.rs"), "mod inner;\n").unwrap();
        fs::write(dir.join("src/inner/mod.rs"), "").unwrap();
        let first = of_package(&dir).unwrap();
        assert_eq!(first.len(), 16);
        assert_eq!(of_package(&dir).unwrap(), first, "the same sources");

        fs::write(dir.join("src/inner/mod.rs"), "\n").unwrap();
        let changed = of_package(&dir).unwrap();
        assert_ne!(changed, first, "a byte more");

        fs::rename(dir.join("src/inner/mod.rs"), dir.join("src/inner/other.rs")).unwrap();
        assert_ne!(of_package(&dir).unwrap(), changed, "a file renamed");

        fs::write(dir.join("build.rs"), "fn main() {}\n").unwrap();
        fs::write(dir.join("notes.txt"), "not a source").unwrap();
        let with_script = of_package(&dir).unwrap();
        fs::write(dir.join("notes.txt"), "still not a source").unwrap();
        assert_eq!(
            of_package(&dir).unwrap(),
            with_script,
            "other files do not count"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
