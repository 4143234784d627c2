//! Version policy: the smallest version bump of the client crate that a set of changes needs, as Cargo reads versions.

use std::fmt;

use codegen::diff::{Change, Classification, overall};

/// A crate version `major.minor.patch` (any pre-release or build suffix is dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// Parses `1.2.3` (also `1.2.3-beta.1` or `1.2.3+build`); `None` otherwise.
    pub fn parse(text: &str) -> Option<Version> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|part| part.parse::<u64>().ok());
        let version = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }

    /// This version raised by `bump`.
    pub fn bumped(self, bump: Bump) -> Version {
        match bump {
            Bump::None => self,
            Bump::Patch => Version {
                patch: self.patch + 1,
                ..self
            },
            Bump::Minor => Version {
                minor: self.minor + 1,
                patch: 0,
                ..self
            },
            Bump::Major => Version {
                major: self.major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Which part of the version a release must raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// `x.y.z` -> `x.y.(z+1)`.
    Patch,
    /// `x.y.z` -> `x.(y+1).0`.
    Minor,
    /// `x.y.z` -> `(x+1).0.0`.
    Major,
}

impl Bump {
    /// The stable name used in JSON output: `none`, `patch`, `minor`, `major`.
    pub fn id(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The smallest bump of a crate at `version` that `changes` need, as
    /// Cargo reads versions: while the major version is 0, the minor version
    /// is the one that breaks (0.1.x and 0.2.x are incompatible) and the
    /// patch version carries additions; from 1.0.0, a break needs a major
    /// bump and an addition a minor one. A docs-only change needs a patch
    /// release to reach users.
    pub fn needed(changes: &[Change], version: Version) -> Bump {
        let unstable = version.major == 0;
        match overall(changes) {
            None => Bump::None,
            Some(Classification::Breaking) if unstable => Bump::Minor,
            Some(Classification::Breaking) => Bump::Major,
            Some(Classification::Compatible) if unstable => Bump::Patch,
            Some(Classification::Compatible) => Bump::Minor,
            Some(Classification::DocsOnly) => Bump::Patch,
        }
    }
}

#[cfg(test)]
mod tests {
    use codegen::Pointer;
    use codegen::diff::{ChangeKind, Rule, Side, Subject};

    use super::*;

    #[test]
    fn versions_parse_and_bump() {
        let version = Version::parse("0.1.3-beta.1").unwrap();
        assert_eq!(version.to_string(), "0.1.3");
        assert_eq!(version.bumped(Bump::Minor).to_string(), "0.2.0");
        assert_eq!(version.bumped(Bump::Patch).to_string(), "0.1.4");
        assert_eq!(version.bumped(Bump::Major).to_string(), "1.0.0");
        assert_eq!(Version::parse("1.2"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
    }

    #[test]
    fn the_bump_follows_cargo_semver_for_0_x_and_later() {
        let change = |rule| Change {
            kind: ChangeKind::Changed,
            subject: Subject::Field,
            item: "A::b".to_owned(),
            pointer: Pointer::root(),
            side: Side::New,
            old: None,
            new: None,
            rule,
        };
        let zero = Version::parse("0.4.2").unwrap();
        let one = Version::parse("1.4.2").unwrap();
        let breaking = [change(Rule::DocsChanged), change(Rule::FieldRemoved)];
        let compatible = [change(Rule::EnumValueAdded), change(Rule::DocsChanged)];
        let docs = [change(Rule::DocsChanged)];
        assert_eq!(Bump::needed(&breaking, zero), Bump::Minor);
        assert_eq!(Bump::needed(&breaking, one), Bump::Major);
        assert_eq!(Bump::needed(&compatible, zero), Bump::Patch);
        assert_eq!(Bump::needed(&compatible, one), Bump::Minor);
        assert_eq!(Bump::needed(&docs, one), Bump::Patch);
        assert_eq!(Bump::needed(&[], one), Bump::None);
    }
}
