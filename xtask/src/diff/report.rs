//! The report of `cargo xtask diff`: the changes between two snapshots, their verdict and version bump, as Markdown or JSON.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use codegen::diff::{Change, ChangeKind, Classification, Side};
use serde_json::json;

use super::{Bump, Format, Snapshot, Version};
use crate::{CLIENT_CRATE, CLIENT_SPEC};

/// What changed from one snapshot to the other, in the crate's terms.
#[derive(Debug, Clone)]
pub struct Report {
    /// The side compared from.
    pub old: Snapshot,
    /// The side compared to.
    pub new: Snapshot,
    /// Every change, sorted (see [`codegen::diff::diff`]).
    pub changes: Vec<Change>,
}

impl Report {
    /// Lowers both documents and compares them; every problem of a document
    /// that does not load or lower, located, as `cargo xtask codegen` gives it.
    pub fn new(old: Snapshot, new: Snapshot) -> Result<Report> {
        let lower = |snapshot: &Snapshot| {
            codegen::lower_text(&snapshot.text)
                .map_err(|errors| anyhow::anyhow!("{}: {errors}", snapshot.where_()))
        };
        let (before, after) = (lower(&old), lower(&new));
        let (before, after) = match (before, after) {
            (Ok(before), Ok(after)) => (before, after),
            (Err(error), Ok(_)) | (Ok(_), Err(error)) => return Err(error),
            (Err(first), Err(second)) => bail!("{first:#}\n{second:#}"),
        };
        let changes = codegen::diff::diff(&before, &after);
        Ok(Report { old, new, changes })
    }

    /// The most severe classification, if anything changed.
    pub fn classification(&self) -> Option<Classification> {
        codegen::diff::overall(&self.changes)
    }

    /// The smallest bump from the old side's crate version, and the version it gives.
    pub fn bump(&self) -> Option<(Bump, Version, Version)> {
        let from = self.old.crate_version?;
        let bump = Bump::needed(&self.changes, from);
        Some((bump, from, from.bumped(bump)))
    }

    /// 1 when something breaks, else 0.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.classification() == Some(Classification::Breaking))
    }

    /// The client crate's package name, as the old side (else the new side) has it.
    fn crate_name(&self) -> &str {
        self.old
            .crate_name
            .as_deref()
            .or(self.new.crate_name.as_deref())
            .unwrap_or("the client crate")
    }

    fn count(&self, classification: Classification) -> usize {
        self.changes
            .iter()
            .filter(|c| c.classification() == classification)
            .count()
    }

    /// The report for a pull request comment: a summary line, then a
    /// section per classification that has changes, one bullet per change.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let verdict = match self.classification() {
            Some(Classification::Breaking) => "**Breaking.**",
            Some(Classification::Compatible) => "**Compatible.**",
            Some(Classification::DocsOnly) => "**Docs only.**",
            None => "**No change.**",
        };
        let krate = self.crate_name();
        let bump = match self.bump() {
            Some((Bump::None, version, _)) => {
                format!("`{krate}` stays at {version}")
            }
            Some((bump, from, to)) => {
                format!("smallest version bump: {}, {from} -> {to}", bump.id())
            }
            None => format!(
                "the crate version at {} cannot be read from {CLIENT_CRATE}/Cargo.toml, so no bump is computed",
                self.old.label()
            ),
        };
        let _ = writeln!(
            out,
            "{verdict} `{CLIENT_SPEC}` from {} to {}: {} breaking, {} compatible and {} \
             docs-only changes to the Rust API of `{krate}`; {bump}.",
            self.old.label(),
            self.new.label(),
            self.count(Classification::Breaking),
            self.count(Classification::Compatible),
            self.count(Classification::DocsOnly),
        );
        for (classification, heading) in [
            (Classification::Breaking, "Breaking"),
            (Classification::Compatible, "Compatible"),
            (Classification::DocsOnly, "Docs only"),
        ] {
            let changes: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.classification() == classification)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = write!(out, "\n### {heading}\n\n");
            for change in changes {
                out.push_str(&bullet(change));
                out.push('\n');
            }
        }
        out
    }

    /// The report as JSON; see [`crate::diff`] for its fields.
    pub fn json(&self) -> serde_json::Value {
        let bump = self.bump().map(|(bump, from, to)| {
            json!({ "level": bump.id(), "from": from.to_string(), "to": to.to_string() })
        });
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|change| {
                json!({
                    "classification": change.classification().id(),
                    "kind": change.kind.id(),
                    "subject": change.subject.id(),
                    "item": change.item,
                    "pointer": change.pointer.as_str(),
                    "document": change.side.id(),
                    "old": change.old,
                    "new": change.new,
                    "rule": change.rule.id(),
                    "explanation": change.rule.explanation(),
                })
            })
            .collect();
        json!({
            "spec": CLIENT_SPEC,
            "crate": self.crate_name(),
            "old": self.old.json(),
            "new": self.new.json(),
            "classification": self.classification().map(Classification::id),
            "bump": bump,
            "counts": {
                "breaking": self.count(Classification::Breaking),
                "compatible": self.count(Classification::Compatible),
                "docs-only": self.count(Classification::DocsOnly),
            },
            "changes": changes,
        })
    }

    /// The report in `format`, ending with a newline.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Markdown => self.markdown(),
            Format::Json => {
                let mut text =
                    serde_json::to_string_pretty(&self.json()).unwrap_or_else(|_| "{}".to_owned());
                text.push('\n');
                text
            }
        }
    }
}

/// One change as a Markdown list item: the Rust item, what happened, the
/// pointer, and the rule.
fn bullet(change: &Change) -> String {
    let subject = change.subject.id().replace('-', " ");
    let code = |value: &Option<String>| match value {
        Some(value) if !value.contains('\n') && !value.contains('`') && value.len() <= 80 => {
            format!("`{value}`")
        }
        Some(_) => "(text)".to_owned(),
        None => "nothing".to_owned(),
    };
    let what = match (change.kind, change.rule) {
        (_, codegen::diff::Rule::DocsChanged) => format!("{subject} docs changed"),
        (ChangeKind::Added, _) => format!("{subject} added: {}", code(&change.new)),
        (ChangeKind::Removed, _) => format!("{subject} removed: {}", code(&change.old)),
        (ChangeKind::Changed, _) => format!(
            "{subject} changed: {} -> {}",
            code(&change.old),
            code(&change.new)
        ),
    };
    let document = match change.side {
        Side::Old => " (old document)",
        Side::New => "",
    };
    format!(
        "- `{}`: {what} at `{}`{document}. Rule `{}`: {}.",
        change.item,
        change.pointer,
        change.rule.id(),
        change.rule.explanation()
    )
}
