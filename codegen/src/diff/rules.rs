//! The rules that classify a change: one table gives each its stable id, its classification and why.

use std::fmt;

use super::Classification;

/// What a [`Rule`] says: its stable name, what it decides and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule's stable name (`enum-value-removed`).
    pub id: &'static str,
    /// What the rule decides.
    pub classification: Classification,
    /// Why the rule classifies a change the way it does, in one sentence.
    pub explanation: &'static str,
}

/// Declares [`Rule`], [`Rule::ALL`] and [`Rule::info`] from one table, so
/// that a rule is added with one row and the lists cannot drift apart.
/// A row: `Variant: "id", Classification, "explanation";`.
macro_rules! rules {
    ($($rule:ident: $id:literal, $classification:ident, $explanation:literal;)*) => {
        /// The rule that classifies a change, stated in the report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(#[doc = $explanation] $rule,)*
        }

        impl Rule {
            /// Every rule, in the order of the table: breaking ones first.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule),*];

            /// The rule's row of the table.
            pub const fn info(self) -> RuleInfo {
                match self {
                    $(Rule::$rule => RuleInfo {
                        id: $id,
                        classification: Classification::$classification,
                        explanation: $explanation,
                    },)*
                }
            }
        }
    };
}

// Breaking rules first, then compatible ones, then docs only (a test keeps
// the order, which `Rule::ALL` and the report follow).
rules! {
    OperationRemoved: "operation-removed", Breaking,
        "the `Client` method is removed; code that calls it no longer compiles";
    OperationRenamed: "operation-renamed", Breaking,
        "the `Client` method sends the same request under a new name; calls must use the new name";
    TypeRemoved: "type-removed", Breaking,
        "code that names the type no longer compiles";
    TypeRenamed: "type-renamed", Breaking,
        "the type has the same shape under a new name; code that names it must use the new name";
    TypeChanged: "type-changed", Breaking,
        "the Rust type changes; code that reads, builds or passes the value no longer compiles";
    FieldRemoved: "field-removed", Breaking,
        "code that reads or sets the field no longer compiles";
    FieldRenamed: "field-renamed", Breaking,
        "the field keeps its JSON name under a new Rust name; code that reads or sets it must use the new name";
    RequiredFieldAdded: "required-field-added", Breaking,
        "a new required field is a new parameter of the struct's `new` (and a struct without required fields loses `Default`); code that builds the value, such as tests and mocks, no longer compiles";
    FieldNowRequired: "field-now-required", Breaking,
        "an optional field that becomes required changes from `Option<T>` to `T` and moves from a setter into `new`";
    FieldNowOptional: "field-now-optional", Breaking,
        "a required field that becomes optional changes from `T` to `Option<T>` and moves from `new` to a setter";
    NullabilityChanged: "nullability-changed", Breaking,
        "a field that becomes nullable, or stops being nullable, changes its Rust type (`T`, `Option<T>`, `Nullable<T>`)";
    WireNameChanged: "wire-name-changed", Breaking,
        "the Rust name stays but the JSON name changes; data written by one version is not read by the other";
    MethodRenamed: "method-renamed", Breaking,
        "the setter or clearer is renamed; code that calls it no longer compiles";
    ConstructorReordered: "constructor-reordered", Breaking,
        "the parameters of `new` change order; calls no longer compile, or silently swap values of the same type";
    EnumValueRemoved: "enum-value-removed", Breaking,
        "code that names the variant no longer compiles; the value now decodes to the catch-all variant";
    CatchAllRenamed: "catch-all-renamed", Breaking,
        "the catch-all variant is renamed; code that matches it no longer compiles";
    DefaultRemoved: "default-removed", Breaking,
        "the enum no longer implements `Default`";
    DefaultChanged: "default-changed", Breaking,
        "`Default::default()` silently returns another value";
    ErrorStatusRemoved: "error-status-removed", Breaking,
        "code that matches the variant no longer compiles; the status now ends as `Error::UnexpectedStatus`";
    ParameterAdded: "parameter-added", Breaking,
        "the method takes a new argument (path parameters and required bodies are required); calls no longer compile";
    ParameterRemoved: "parameter-removed", Breaking,
        "the method takes one argument less; calls no longer compile";
    ParameterNowRequired: "parameter-now-required", Breaking,
        "the body argument changes from `Option<&T>` to `&T`; calls no longer compile";
    ParameterNowOptional: "parameter-now-optional", Breaking,
        "the body argument changes from `&T` to `Option<&T>`; calls no longer compile";
    OperationAdded: "operation-added", Compatible,
        "a new method of `Client`; existing code is unaffected";
    TypeAdded: "type-added", Compatible,
        "a new type; existing code is unaffected";
    OptionalFieldAdded: "optional-field-added", Compatible,
        "structs are `#[non_exhaustive]` and `new` takes only required fields: the new field starts unset and gets a setter";
    EnumValueAdded: "enum-value-added", Compatible,
        "the enum is `#[non_exhaustive]` with a catch-all variant, which took this value before; no `match` breaks";
    ErrorStatusAdded: "error-status-added", Compatible,
        "error enums are `#[non_exhaustive]`; the status ended as `Error::UnexpectedStatus` before";
    DefaultAdded: "default-added", Compatible,
        "the enum now implements `Default`; existing code is unaffected";
    ParameterRenamed: "parameter-renamed", Compatible,
        "arguments are positional; callers do not name them";
    RequestChanged: "request-changed", Compatible,
        "the method sends its request with another HTTP method or to another path; its signature is unchanged";
    SuccessStatusChanged: "success-status-changed", Compatible,
        "the method expects another success status; its signature is unchanged";
    ServerChanged: "server-changed", Compatible,
        "a space name expands to another base URL; no signature changes";
    DocsChanged: "docs-changed", DocsOnly,
        "only doc comments change";
}

impl Rule {
    /// The rule's stable name (`enum-value-removed`).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// What the rule decides.
    pub fn classification(self) -> Classification {
        self.info().classification
    }

    /// Why the rule classifies a change the way it does, in one sentence.
    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_rule_has_a_distinct_id() {
        let ids: BTreeSet<&str> = Rule::ALL.iter().map(|rule| rule.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        let mut previous = Classification::Breaking;
        for rule in Rule::ALL {
            assert!(rule.classification() >= previous, "{rule} is out of order");
            previous = rule.classification();
        }
    }
}
