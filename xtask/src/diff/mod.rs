//! `cargo xtask diff [REV | A..B] [--format markdown|json]`: what a change of
//! the spec does to the generated crate, for review.
//!
//! Reads `spec/signalwire-rest.openapi.yaml` with its overlay
//! (`spec/signalwire-rest.overlay.yaml`, where the revision has one)
//! applied, at a git revision (`git show`, run in the checkout found at
//! run time) and in the working tree, or at two revisions; lowers both with the generator's own stages
//! ([`codegen::lower_text`]); compares them ([`codegen::diff::diff`]); and
//! prints a report: Markdown for a pull request comment, or JSON.
//!
//! Exit status: 0 when nothing breaks, 1 when something does, 2 on error (a
//! revision that does not exist, a document that does not load or lower:
//! the same located errors as `cargo xtask codegen`).
//!
//! The JSON report (`--format json`) has these fields, which stay stable:
//! - `spec`: the document's path in the repository;
//! - `crate`: the client crate's package name;
//! - `old`, `new`: each `{ "revision", "commit", "crate_version" }`, where
//!   `revision` is as given (`null` for the working tree), `commit` the full
//!   hash (`null` for the working tree) and `crate_version` the version in
//!   `generated/Cargo.toml` there (`null` if it cannot be read);
//! - `classification`: `breaking`, `compatible`, `docs-only`, or `null`
//!   when the crate does not change;
//! - `bump`: `{ "level", "from", "to" }`, the smallest version bump from
//!   the old side's crate version: `level` is `none`, `patch`, `minor` or
//!   `major`; `null` when the old version cannot be read;
//! - `counts`: `{ "breaking", "compatible", "docs-only" }`;
//! - `deviations`: `{ "added", "dropped" }`, the overlay's actions the new
//!   side declares and the old one does not, and the reverse, each
//!   `{ "target" (its JSONPath), "summary" (the first line of its
//!   description) }`;
//! - `changes`: sorted by classification, then pointer, then item; each
//!   `{ "classification", "kind" (added/removed/changed), "subject"
//!   (type, field, enum-value, error-status, operation, parameter,
//!   request-body, response, ...), "item" (the Rust item), "pointer",
//!   "document" (old/new: which document the pointer is in), "old", "new"
//!   (the Rust type, wire value or doc text before and after, or `null`),
//!   "rule", "explanation" }`.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::{CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, applied};

mod report;
mod version;

pub use report::Report;
pub use version::{Bump, Version};

/// How to call the command.
pub const USAGE: &str = "cargo xtask diff [REV | A..B] [--format markdown|json]";

/// The report's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For a pull request comment.
    Markdown,
    /// For tools; see the module docs for its fields.
    Json,
}

/// The two versions of the spec to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The revision compared from.
    pub old: String,
    /// The revision compared to; `None` for the working tree.
    pub new: Option<String>,
}

/// The parsed arguments of `cargo xtask diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// What is compared.
    pub range: Range,
    /// How the report is written.
    pub format: Format,
}

impl Options {
    /// Parses the arguments after `diff`.
    pub fn parse(args: &[&str]) -> Result<Options> {
        let mut range = None;
        let mut format = Format::Markdown;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match *arg {
                "--format" => {
                    format = match args.next().copied() {
                        Some("markdown") => Format::Markdown,
                        Some("json") => Format::Json,
                        Some(other) => {
                            bail!("unknown format `{other}` (markdown or json)\nusage: {USAGE}")
                        }
                        None => bail!("--format needs a value (markdown or json)\nusage: {USAGE}"),
                    }
                }
                "--format=markdown" => format = Format::Markdown,
                "--format=json" => format = Format::Json,
                other if other.starts_with('-') => {
                    bail!("unknown option `{other}`\nusage: {USAGE}")
                }
                other if range.is_none() => range = Some(parse_range(other)?),
                other => bail!("unexpected argument `{other}`\nusage: {USAGE}"),
            }
        }
        Ok(Options {
            range: range.unwrap_or(Range {
                old: "HEAD".to_owned(),
                new: None,
            }),
            format,
        })
    }
}

/// `REV` (against the working tree) or `A..B`; an empty side of `..` is `HEAD`, as in git.
fn parse_range(arg: &str) -> Result<Range> {
    if arg.contains("...") {
        bail!(
            "`{arg}`: a three-dot range is not supported; give `A..B` to compare the spec at A with the spec at B"
        );
    }
    let side = |rev: &str| {
        if rev.is_empty() {
            "HEAD".to_owned()
        } else {
            rev.to_owned()
        }
    };
    Ok(match arg.split_once("..") {
        Some((old, new)) => Range {
            old: side(old),
            new: Some(side(new)),
        },
        None => Range {
            old: arg.to_owned(),
            new: None,
        },
    })
}

/// The spec and the crate version at one side of the comparison.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The revision as given; `None` for the working tree.
    pub revision: Option<String>,
    /// The commit it resolved to; `None` for the working tree.
    pub commit: Option<String>,
    /// The text of the document the client is generated from: the spec
    /// with its overlay applied.
    pub text: String,
    /// The version in `generated/Cargo.toml`, if it can be read.
    pub crate_version: Option<Version>,
    /// The package name in `generated/Cargo.toml`, if it can be read.
    pub crate_name: Option<String>,
    /// The deviations its overlay declares (none without an overlay).
    pub deviations: Vec<Deviation>,
}

/// One action of the overlay: a deviation from SignalWire's document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deviation {
    /// The JSONPath the action targets.
    pub target: String,
    /// The first line of its description: what it changes.
    pub summary: String,
}

/// The deviations the overlay `text` declares, in its order.
fn deviations(text: &str) -> Result<Vec<Deviation>> {
    let overlay = codegen::overlay::Overlay::parse(text)
        .map_err(|errors| anyhow::anyhow!("{CLIENT_OVERLAY}: {errors}"))?;
    Ok(overlay
        .actions()
        .iter()
        .map(|action| Deviation {
            target: action.target().to_owned(),
            summary: action
                .description()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        })
        .collect())
}

impl Snapshot {
    /// The spec and crate version at `revision` of the repository at `root`.
    pub fn at_revision(root: &Path, revision: &str) -> Result<Snapshot> {
        let commit = resolve(root, revision)?;
        let text = git_show(root, &commit, CLIENT_SPEC)?.with_context(|| {
            format!(
                "{CLIENT_SPEC} does not exist at revision `{revision}` ({})",
                short(&commit)
            )
        })?;
        let overlay = git_show(root, &commit, CLIENT_OVERLAY)?;
        let text = match &overlay {
            Some(overlay) => applied(CLIENT_SPEC, &text, CLIENT_OVERLAY, overlay)
                .with_context(|| format!("at revision `{revision}`"))?,
            None => text,
        };
        let deviations = match &overlay {
            Some(overlay) => {
                deviations(overlay).with_context(|| format!("at revision `{revision}`"))?
            }
            None => Vec::new(),
        };
        let manifest = git_show(root, &commit, &format!("{CLIENT_CRATE}/Cargo.toml"))?;
        Ok(Snapshot {
            revision: Some(revision.to_owned()),
            commit: Some(commit),
            text,
            crate_version: manifest.as_deref().and_then(package_version),
            crate_name: manifest.as_deref().and_then(|m| package_field(m, "name")),
            deviations,
        })
    }

    /// The spec and crate version in the working tree of the checkout at `root`.
    pub fn working_tree(root: &Path) -> Result<Snapshot> {
        let text = crate::Target::client().document(root)?;
        let manifest = fs::read_to_string(root.join(CLIENT_CRATE).join("Cargo.toml")).ok();
        let deviations = match fs::read_to_string(root.join(CLIENT_OVERLAY)) {
            Ok(overlay) => deviations(&overlay)?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {CLIENT_OVERLAY}"));
            }
        };
        Ok(Snapshot {
            revision: None,
            commit: None,
            text,
            crate_version: manifest.as_deref().and_then(package_version),
            crate_name: manifest.as_deref().and_then(|m| package_field(m, "name")),
            deviations,
        })
    }

    /// A document given as text, named `name` in the report (for tests and tools).
    pub fn text(name: &str, text: &str, crate_version: Option<Version>) -> Snapshot {
        Snapshot {
            revision: Some(name.to_owned()),
            commit: None,
            text: text.to_owned(),
            crate_version,
            crate_name: None,
            deviations: Vec::new(),
        }
    }

    /// This side with the deviations of the overlay `text`, the overlay
    /// its document was made with.
    pub fn with_overlay(mut self, text: &str) -> Result<Snapshot> {
        self.deviations = deviations(text)?;
        Ok(self)
    }

    /// How the report names this side: `` `HEAD` (2195aca) `` or `the working tree`.
    fn label(&self) -> String {
        match (&self.revision, &self.commit) {
            (Some(revision), Some(commit)) if commit.starts_with(revision.as_str()) => {
                format!("`{}`", short(commit))
            }
            (Some(revision), Some(commit)) => format!("`{revision}` ({})", short(commit)),
            (Some(revision), None) => format!("`{revision}`"),
            _ => "the working tree".to_owned(),
        }
    }

    fn where_(&self) -> String {
        match &self.revision {
            Some(revision) => format!("{CLIENT_SPEC} at `{revision}`"),
            None => CLIENT_SPEC.to_owned(),
        }
    }

    fn json(&self) -> serde_json::Value {
        json!({
            "revision": self.revision,
            "commit": self.commit,
            "crate_version": self.crate_version.map(|v| v.to_string()),
        })
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

/// The commit a revision names, or an error naming the revision.
fn resolve(root: &Path, revision: &str) -> Result<String> {
    if revision.starts_with('-') {
        bail!("`{revision}` is not a revision");
    }
    let output = Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{revision}^{{commit}}"))
        .current_dir(root)
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr.trim();
        bail!(
            "the revision `{revision}` does not exist in the repository at {}{}",
            root.display(),
            if stderr.is_empty() {
                String::new()
            } else {
                format!(": {stderr}")
            }
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The contents of `path` at `commit`; `None` if the commit has no such file.
fn git_show(root: &Path, commit: &str, path: &str) -> Result<Option<String>> {
    let object = format!("{commit}:{path}");
    let exists = Command::new("git")
        .args(["cat-file", "-e", &object])
        .current_dir(root)
        .output()
        .context("cannot run git")?;
    if !exists.status.success() {
        return Ok(None);
    }
    let output = Command::new("git")
        .args(["show", &object])
        .current_dir(root)
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "`git show {object}` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let text = String::from_utf8(output.stdout)
        .with_context(|| format!("{path} at {} is not UTF-8", short(commit)))?;
    Ok(Some(text))
}

/// The `version` of the `[package]` table of a Cargo manifest.
pub fn package_version(manifest: &str) -> Option<Version> {
    package_field(manifest, "version").and_then(|version| Version::parse(&version))
}

/// A string value of the `[package]` table of a Cargo manifest.
fn package_field(manifest: &str, wanted: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() == wanted {
            let value = value.trim();
            return value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

/// `cargo xtask diff` on the checkout at `root` with the arguments after
/// `diff`: the report and the exit status (0 nothing breaks, 1 something
/// does). An error is exit status 2 for the caller.
pub fn run(root: &Path, args: &[&str]) -> Result<(String, u8)> {
    let options = Options::parse(args)?;
    let old = Snapshot::at_revision(root, &options.range.old)?;
    let new = match &options.range.new {
        Some(revision) => Snapshot::at_revision(root, revision)?,
        None => Snapshot::working_tree(root)?,
    };
    let report = Report::new(old, new)?;
    Ok((report.render(options.format), report.exit_code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        let parsed = Options::parse(&[]).unwrap();
        assert_eq!(parsed.range.old, "HEAD");
        assert_eq!(parsed.range.new, None);
        assert_eq!(parsed.format, Format::Markdown);
        let parsed = Options::parse(&["HEAD~1..HEAD", "--format", "json"]).unwrap();
        assert_eq!(parsed.range.old, "HEAD~1");
        assert_eq!(parsed.range.new.as_deref(), Some("HEAD"));
        assert_eq!(parsed.format, Format::Json);
        assert_eq!(
            Options::parse(&["main.."]).unwrap().range.new.as_deref(),
            Some("HEAD")
        );
        assert!(Options::parse(&["a...b"]).is_err());
        assert!(Options::parse(&["a", "b"]).is_err());
        assert!(Options::parse(&["--format", "yaml"]).is_err());
    }

    #[test]
    fn the_package_version_is_read_from_its_table() {
        let manifest = "[workspace]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"1\"\n";
        assert_eq!(package_version(manifest), Version::parse("0.3.1"));
        assert_eq!(package_version("[package]\nname = \"x\"\n"), None);
    }
}
