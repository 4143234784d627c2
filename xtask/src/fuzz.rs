//! `cargo xtask fuzz`: the generator's coverage-guided fuzz targets
//! (`fuzz/fuzz_targets/`), run by cargo fuzz (libFuzzer) for a fixed time
//! each.
//!
//! - `generate`: any text as a document, loaded, lowered and emitted;
//! - `overlay`: any overlay applied to any document.
//!
//! A panic, an exhausted stack, a run over [`TIMEOUT_SECONDS`] on one
//! input or over [`RSS_LIMIT_MB`] is a finding: the command fails and
//! names the input libFuzzer saved, which becomes a case of
//! `codegen/tests/generator/bad_input.rs` with its exact error. Each run
//! starts from seeds written afresh (the generator's fixtures and
//! documents, and for overlays small overlays of them) and from the corpus
//! earlier runs of this checkout grew, both in the checkout's folder of the
//! target directory, never in the checkout.
//!
//! cargo fuzz itself is installed, at [`CARGO_FUZZ_VERSION`], into the
//! target directory when it is not there yet, so that every run uses the
//! same version. The targets are built on the machine's stable Rust
//! without a sanitizer (the generator has no `unsafe` code: what is looked
//! for is panics, overflows and hangs, which need none), at the optimisation
//! of `fuzz/Cargo.toml`'s release profile and with 16 codegen units rather
//! than cargo fuzz's one: a clean build took 1 min 27 s rather than
//! 1 min 54 s here (BENCHMARKS.md, "CI").

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The cargo fuzz release every run uses.
pub const CARGO_FUZZ_VERSION: &str = "0.13.1";
/// The fuzz targets, in the order they run.
pub const TARGETS: &[&str] = &["generate", "overlay"];
/// How long one input may run before libFuzzer calls it a hang.
const TIMEOUT_SECONDS: u64 = 10;
/// How much memory the fuzzing process may take.
const RSS_LIMIT_MB: u64 = 4096;
/// What separates the document from the overlay in an input of `overlay`
/// (as `fuzz/fuzz_targets/overlay.rs` reads it).
const SEPARATOR: &str = "\n---overlay---\n";
/// Overlays of every seed document of `overlay`: one action of each kind,
/// with JSONPath selectors of each sort.
const SEED_OVERLAYS: &[&str] = &[
    "overlay: 1.0.0\ninfo: {title: Seed, version: '1'}\nactions:\n  \
     - target: $.info\n    description: A changed description.\n    \
     update: {description: Changed.}\n",
    "overlay: 1.0.0\ninfo: {title: Seed, version: '1'}\nactions:\n  \
     - target: $.paths.*.get\n    description: Every GET goes.\n    remove: true\n",
    "overlay: 1.0.0\ninfo: {title: Seed, version: '1'}\nactions:\n  \
     - target: \"$.components.schemas[?@.type == 'object']\"\n    \
     update: {additionalProperties: false}\n  \
     - target: $..required[0]\n    remove: true\n",
];

/// What `cargo xtask fuzz` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How long each target runs.
    pub seconds: u64,
    /// The targets to run, of [`TARGETS`].
    pub targets: Vec<String>,
}

impl Options {
    /// The options of `cargo xtask fuzz [TARGET...] [--seconds N]`: every
    /// target for 60 seconds unless told otherwise.
    pub fn parse(args: &[&str]) -> Result<Options> {
        let mut options = Options {
            seconds: 60,
            targets: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            match arg {
                "--seconds" => {
                    let value = args.next().context("`--seconds` needs a number")?;
                    options.seconds = match value.parse() {
                        Ok(seconds) if seconds > 0 => seconds,
                        _ => bail!("`--seconds` takes a whole number above 0, not `{value}`"),
                    };
                }
                target if TARGETS.contains(&target) => {
                    if options.targets.iter().any(|t| t == target) {
                        bail!("the target `{target}` is given twice");
                    }
                    options.targets.push(target.to_owned());
                }
                other => bail!(
                    "`cargo xtask fuzz` takes the targets {} and `--seconds N`, not `{other}`",
                    TARGETS.join(", ")
                ),
            }
        }
        if options.targets.is_empty() {
            options.targets = TARGETS.iter().map(|t| (*t).to_owned()).collect();
        }
        Ok(options)
    }
}

/// The commands that run each target of `options` from the checkout at
/// `root`, with its seeds written; run one after the other, they fuzz.
pub fn commands(root: &Path, options: &Options) -> Result<Vec<(String, Command)>> {
    let cargo_fuzz = install(root)?;
    let build = crate::target_dir(root)?.join("fuzz");
    let own = crate::checkout_dir(root)?.join("fuzz");
    let mut commands = Vec::new();
    for target in &options.targets {
        let corpus = own.join("corpus").join(target);
        let seeds = own.join("seeds").join(target);
        let artifacts = own.join("artifacts").join(target);
        for dir in [&corpus, &artifacts] {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        write_seeds(root, target, &seeds)?;
        let mut command = Command::new(&cargo_fuzz);
        command
            .args(["fuzz", "run", target, "--sanitizer", "none", "--target-dir"])
            .arg(&build)
            .arg(&corpus)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={}", options.seconds))
            .arg(format!("-timeout={TIMEOUT_SECONDS}"))
            .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .env("RUSTFLAGS", rustflags())
            .current_dir(root);
        commands.push((
            format!("fuzz `{target}` for {} s", options.seconds),
            command,
        ));
    }
    Ok(commands)
}

/// The caller's `RUSTFLAGS` with 16 codegen units, which cargo fuzz's own
/// flags (one unit) come before.
fn rustflags() -> String {
    let own = std::env::var("RUSTFLAGS").unwrap_or_default();
    format!("{own} -Ccodegen-units=16").trim_start().to_owned()
}

/// Runs `cargo xtask fuzz`: each target in turn, the first finding
/// failing the run.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    for (what, mut command) in commands(root, options)? {
        eprintln!("==> {what}");
        let status = command
            .status()
            .with_context(|| format!("cannot start cargo fuzz ({what})"))?;
        if !status.success() {
            bail!(
                "{what} failed ({status}): a finding is saved in the folder libFuzzer named \
                 above; make it a case of codegen/tests/generator/bad_input.rs"
            );
        }
    }
    Ok(())
}

/// Where cargo fuzz of [`CARGO_FUZZ_VERSION`] is installed, in the target
/// directory, and its binary.
fn tools(root: &Path) -> Result<(PathBuf, PathBuf)> {
    let tools = crate::target_dir(root)?
        .join("xtask")
        .join("tools")
        .join(format!("cargo-fuzz-{CARGO_FUZZ_VERSION}"));
    let binary = tools.join("bin").join("cargo-fuzz");
    Ok((tools, binary))
}

/// The command that installs cargo fuzz into the target directory, with
/// what it does in words; `None` when it is installed.
pub fn install_command(root: &Path) -> Result<Option<(String, Command)>> {
    let (tools, binary) = tools(root)?;
    if binary.is_file() {
        return Ok(None);
    }
    let mut command = Command::new(crate::cargo());
    command
        .args([
            "install",
            "cargo-fuzz",
            "--locked",
            "--version",
            CARGO_FUZZ_VERSION,
        ])
        .arg("--root")
        .arg(&tools);
    Ok(Some((
        format!("install cargo-fuzz {CARGO_FUZZ_VERSION} into the target directory"),
        command,
    )))
}

/// The cargo fuzz binary of [`CARGO_FUZZ_VERSION`] in the target
/// directory, installed there first when it is not.
fn install(root: &Path) -> Result<PathBuf> {
    let (_, binary) = tools(root)?;
    let Some((what, mut command)) = install_command(root)? else {
        return Ok(binary);
    };
    eprintln!("==> {what}");
    let status = command
        .status()
        .context("cannot run `cargo install cargo-fuzz`")?;
    if !status.success() || !binary.is_file() {
        bail!(
            "`cargo install cargo-fuzz --version {CARGO_FUZZ_VERSION}` failed ({status}): \
             the fuzz targets need it (and crates.io to fetch it)"
        );
    }
    Ok(binary)
}

/// Writes the seeds of `target` into `dir`, replacing what was there:
/// the generator's fixtures and documents, each alone (`generate`) or with
/// each of [`SEED_OVERLAYS`] (`overlay`).
fn write_seeds(root: &Path, target: &str, dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut documents = Vec::new();
    for folder in ["codegen/tests/fixtures", "codegen/tests/documents"] {
        let folder = root.join(folder);
        let entries =
            fs::read_dir(&folder).with_context(|| format!("cannot read {}", folder.display()))?;
        for entry in entries {
            let path = entry?.path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            ) {
                documents.push(path);
            }
        }
    }
    documents.sort();
    for path in documents {
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .context("a seed document has no file name")?;
        if target == "overlay" {
            for (index, overlay) in SEED_OVERLAYS.iter().enumerate() {
                let seed = dir.join(format!("{name}.{index}"));
                fs::write(&seed, format!("{text}{SEPARATOR}{overlay}"))
                    .with_context(|| format!("cannot write {}", seed.display()))?;
            }
        } else {
            let seed = dir.join(name);
            fs::write(&seed, text).with_context(|| format!("cannot write {}", seed.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Options, TARGETS};

    #[test]
    fn flags_choose_the_targets_and_the_time() {
        let every = Options::parse(&[]).unwrap();
        assert_eq!(every.seconds, 60);
        assert_eq!(every.targets, TARGETS);
        let one = Options::parse(&["overlay", "--seconds", "5"]).unwrap();
        assert_eq!(one.targets, ["overlay"]);
        assert_eq!(one.seconds, 5);
        let error = |args: &[&str]| Options::parse(args).unwrap_err().to_string();
        assert_eq!(
            error(&["--seconds", "0"]),
            "`--seconds` takes a whole number above 0, not `0`"
        );
        assert_eq!(error(&["--seconds"]), "`--seconds` needs a number");
        assert_eq!(
            error(&["parse"]),
            "`cargo xtask fuzz` takes the targets generate, overlay and `--seconds N`, not `parse`"
        );
        assert_eq!(
            error(&["generate", "generate"]),
            "the target `generate` is given twice"
        );
    }
}
