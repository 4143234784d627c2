//! The [`Differ`]: the two documents being compared and the changes found
//! so far, each recorded with its place. The walk ([`super::walk`]), the
//! types ([`super::types`]) and the operations ([`super::operations`]) each
//! add their methods to it.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, ChangeKind, Rule, Side, Subject, locate};
use crate::ir::Api;

fn text(docs: &[String]) -> String {
    docs.join("\n")
}

/// The values of two maps by key, in key order, as pairs of what each side has.
pub(super) fn pair_up<'k, T>(
    old: impl IntoIterator<Item = (&'k str, T)>,
    new: impl IntoIterator<Item = (&'k str, T)>,
) -> Vec<(&'k str, Option<T>, Option<T>)> {
    let mut old: BTreeMap<&str, T> = old.into_iter().collect();
    let mut new: BTreeMap<&str, T> = new.into_iter().collect();
    let keys: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    keys.into_iter()
        .map(|key| (key, old.remove(key), new.remove(key)))
        .collect()
}

/// The two documents being compared and the changes found so far.
pub(super) struct Differ<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    pub(super) fn new(old: &'a Api, new: &'a Api) -> Self {
        Differ {
            old,
            new,
            changes: Vec::new(),
        }
    }

    /// The changes recorded, in the order they were found.
    pub(super) fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    fn push(
        &mut self,
        kind: ChangeKind,
        subject: Subject,
        item: impl Into<String>,
        (old, new): (Option<String>, Option<String>),
        rule: Rule,
    ) {
        let item = item.into();
        let side = match kind {
            ChangeKind::Removed => Side::Old,
            ChangeKind::Added | ChangeKind::Changed => Side::New,
        };
        let pointer = match side {
            Side::Old => locate(self.old, &item),
            Side::New => locate(self.new, &item),
        };
        self.changes.push(Change {
            kind,
            subject,
            item,
            pointer,
            side,
            old,
            new,
            rule,
        });
    }

    pub(super) fn added(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        new: String,
        rule: Rule,
    ) {
        self.push(ChangeKind::Added, subject, item, (None, Some(new)), rule);
    }

    pub(super) fn removed(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: String,
        rule: Rule,
    ) {
        self.push(ChangeKind::Removed, subject, item, (Some(old), None), rule);
    }

    pub(super) fn changed(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: String,
        new: String,
        rule: Rule,
    ) {
        self.push(
            ChangeKind::Changed,
            subject,
            item,
            (Some(old), Some(new)),
            rule,
        );
    }

    pub(super) fn docs(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: &[String],
        new: &[String],
    ) {
        if old != new {
            self.changed(subject, item, text(old), text(new), Rule::DocsChanged);
        }
    }
}
