//! The report of `cargo xtask diff`: the changes between two snapshots, their verdict and version bump, as Markdown or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Result, bail};
use codegen::diff::{Change, ChangeKind, Classification, Side};
use serde_json::json;

use super::{Bump, Deviation, Format, Snapshot, Version};
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
    /// The API area of each item the changes name (by the new document,
    /// else the old one), by its leading name (`Thing`, `Client::op`);
    /// an item of no area is not listed.
    pub areas: BTreeMap<String, String>,
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
        let mut areas = BTreeMap::new();
        for api in [&before, &after] {
            for area in &api.areas {
                let items = area
                    .types
                    .iter()
                    .cloned()
                    .chain(area.operations.iter().map(|op| format!("Client::{op}")))
                    .chain(
                        api.operations
                            .iter()
                            .filter(|op| area.operations.binary_search(&op.method_name).is_ok())
                            .flat_map(|op| {
                                // Its error enum and page stream.
                                std::iter::once(op.errors.name.clone()).chain(
                                    op.pagination
                                        .iter()
                                        .map(|p| format!("Client::{}", p.method_name)),
                                )
                            }),
                    );
                for item in items {
                    areas.insert(item, area.name.clone());
                }
            }
        }
        Ok(Report {
            old,
            new,
            changes,
            areas,
        })
    }

    /// The area of `change`'s item, or `(shared)` for one of no area.
    fn area_of(&self, change: &Change) -> &str {
        self.areas
            .get(codegen::diff::owner(&change.item))
            .map_or("(shared)", String::as_str)
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
        if !self.changes.is_empty() {
            out.push_str(&self.summary());
        }
        let (added, dropped) = self.deviations();
        if !added.is_empty() || !dropped.is_empty() {
            out.push_str("\n### Overlay\n\n");
            for (what, deviations) in [("added", added), ("dropped", dropped)] {
                for deviation in deviations {
                    let _ = writeln!(
                        out,
                        "- deviation {what}: `{}`: {}",
                        deviation.target, deviation.summary
                    );
                }
            }
        }
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
            for group in groups(&changes) {
                out.push_str(&entry(&group));
                out.push('\n');
            }
        }
        out
    }

    /// The deviations the new side's overlay declares and the old side's
    /// does not, and those it no longer declares.
    fn deviations(&self) -> (Vec<&Deviation>, Vec<&Deviation>) {
        (only_in(&self.new, &self.old), only_in(&self.old, &self.new))
    }

    /// What a reviewer reads first: the changes counted by API area (when
    /// the documents have areas), split by classification, and by rule.
    fn summary(&self) -> String {
        let mut by_area: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        let mut by_rule: BTreeMap<codegen::diff::Rule, usize> = BTreeMap::new();
        for change in &self.changes {
            let column = match change.classification() {
                Classification::Breaking => 0,
                Classification::Compatible => 1,
                Classification::DocsOnly => 2,
            };
            by_area.entry(self.area_of(change)).or_default()[column] += 1;
            *by_rule.entry(change.rule).or_default() += 1;
        }
        let mut out = String::new();
        // A document without areas has only `(shared)`: no table.
        if !self.areas.is_empty() {
            out.push_str("\n| Area | Breaking | Compatible | Docs only |\n|---|---:|---:|---:|\n");
            for (area, [breaking, compatible, docs]) in by_area {
                let _ = writeln!(out, "| `{area}` | {breaking} | {compatible} | {docs} |");
            }
        }
        out.push_str("\n| Rule | Classification | Changes |\n|---|---|---:|\n");
        // `Rule`'s order is the table's: breaking rules first.
        for (rule, count) in by_rule {
            let _ = writeln!(
                out,
                "| `{}` | {} | {count} |",
                rule.id(),
                rule.classification().id()
            );
        }
        out
    }

    /// The report as JSON; see [`crate::diff`] for its fields.
    pub fn json(&self) -> serde_json::Value {
        let (added, dropped) = self.deviations();
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
            "deviations": {
                "added": deviations(&added),
                "dropped": deviations(&dropped),
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

/// The deviations `side` declares and `other` does not, in `side`'s order.
fn only_in<'s>(side: &'s Snapshot, other: &Snapshot) -> Vec<&'s Deviation> {
    side.deviations
        .iter()
        .filter(|deviation| !other.deviations.contains(deviation))
        .collect()
}

/// Deviations as JSON objects: `target` and `summary`.
fn deviations(list: &[&Deviation]) -> Vec<serde_json::Value> {
    list.iter()
        .map(|d| json!({ "target": d.target, "summary": d.summary }))
        .collect()
}

/// How many places a grouped entry names before the rest are folded away.
const SHOWN_PLACES: usize = 3;

/// What two changes in one group share: rule, kind, subject, before and after.
type GroupKey<'c> = (
    codegen::diff::Rule,
    ChangeKind,
    &'c str,
    &'c Option<String>,
    &'c Option<String>,
);

/// `changes` in groups of the same change in several places: the same
/// rule, kind, subject and before/after values (a `TypeChanged` of
/// `Vec<A>` to `Vec<B>` in every field that holds it); each group in the
/// order of its first change.
fn groups<'c>(changes: &[&'c Change]) -> Vec<Vec<&'c Change>> {
    let mut groups: Vec<Vec<&Change>> = Vec::new();
    // The group of each change, by what makes two changes the same.
    let mut index: BTreeMap<GroupKey, usize> = BTreeMap::new();
    for change in changes {
        // Docs and renames differ in every place; they are never grouped.
        let groupable = !matches!(
            change.rule,
            codegen::diff::Rule::DocsChanged
                | codegen::diff::Rule::OperationRenamed
                | codegen::diff::Rule::TypeRenamed
        );
        let key = (
            change.rule,
            change.kind,
            change.subject.id(),
            &change.old,
            &change.new,
        );
        match index.get(&key) {
            Some(&at) if groupable => groups[at].push(change),
            _ => {
                index.insert(key, groups.len());
                groups.push(vec![change]);
            }
        }
    }
    groups
}

/// A group of changes as one Markdown list item: one change as
/// [`bullet`] writes it, several as what changed, the count, the first
/// [`SHOWN_PLACES`] places and the others folded.
fn entry(group: &[&Change]) -> String {
    let [first, ..] = group else {
        return String::new();
    };
    if group.len() == 1 {
        return bullet(first);
    }
    let place = |change: &&Change| format!("`{}` at `{}`", change.item, change.pointer);
    let shown: Vec<String> = group.iter().take(SHOWN_PLACES).map(place).collect();
    let mut text = format!(
        "- {} in {} places: {}",
        what(first),
        group.len(),
        shown.join(", ")
    );
    if group.len() > SHOWN_PLACES {
        let _ = write!(
            text,
            ", and {} more.\n  <details><summary>every place</summary>\n\n",
            group.len() - SHOWN_PLACES
        );
        for change in group {
            let _ = writeln!(text, "  - {}", place(change));
        }
        text.push_str("\n  </details>\n ");
    } else {
        text.push('.');
    }
    let _ = write!(
        text,
        " Rule `{}`: {}.",
        first.rule.id(),
        first.rule.explanation()
    );
    text
}

/// What happened to a change's item: `field changed: `A` -> `B``.
fn what(change: &Change) -> String {
    let subject = change.subject.id().replace('-', " ");
    let code = |value: &Option<String>| match value {
        Some(value) if !value.contains('\n') && !value.contains('`') && value.len() <= 80 => {
            format!("`{value}`")
        }
        Some(_) => "(text)".to_owned(),
        None => "nothing".to_owned(),
    };
    match (change.kind, change.rule) {
        (_, codegen::diff::Rule::DocsChanged) => format!("{subject} docs changed"),
        (_, codegen::diff::Rule::OperationRenamed | codegen::diff::Rule::TypeRenamed) => format!(
            "{subject} renamed: {} -> {}",
            code(&change.old),
            code(&change.new)
        ),
        (ChangeKind::Added, _) => format!("{subject} added: {}", code(&change.new)),
        (ChangeKind::Removed, _) => format!("{subject} removed: {}", code(&change.old)),
        (ChangeKind::Changed, _) => format!(
            "{subject} changed: {} -> {}",
            code(&change.old),
            code(&change.new)
        ),
    }
}

/// One change as a Markdown list item: the Rust item, what happened, the
/// pointer, and the rule.
fn bullet(change: &Change) -> String {
    let what = what(change);
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
