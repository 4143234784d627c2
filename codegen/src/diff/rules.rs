//! The rules that classify a change: each one's stable id, its classification and why.

use std::fmt;

use super::Classification;

/// The rule that classifies a change, stated in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // Each rule's text is its `explanation`.
pub enum Rule {
    OperationRemoved,
    TypeRemoved,
    TypeChanged,
    FieldRemoved,
    RequiredFieldAdded,
    FieldNowRequired,
    FieldNowOptional,
    NullabilityChanged,
    WireNameChanged,
    MethodRenamed,
    ConstructorReordered,
    EnumValueRemoved,
    CatchAllRenamed,
    DefaultRemoved,
    DefaultChanged,
    ErrorStatusRemoved,
    ParameterAdded,
    ParameterRemoved,
    ParameterNowRequired,
    ParameterNowOptional,
    OperationAdded,
    TypeAdded,
    OptionalFieldAdded,
    EnumValueAdded,
    ErrorStatusAdded,
    DefaultAdded,
    ParameterRenamed,
    RequestChanged,
    SuccessStatusChanged,
    ServerChanged,
    DocsChanged,
}

impl Rule {
    /// Every rule, breaking ones first.
    pub const ALL: &'static [Rule] = &[
        Rule::OperationRemoved,
        Rule::TypeRemoved,
        Rule::TypeChanged,
        Rule::FieldRemoved,
        Rule::RequiredFieldAdded,
        Rule::FieldNowRequired,
        Rule::FieldNowOptional,
        Rule::NullabilityChanged,
        Rule::WireNameChanged,
        Rule::MethodRenamed,
        Rule::ConstructorReordered,
        Rule::EnumValueRemoved,
        Rule::CatchAllRenamed,
        Rule::DefaultRemoved,
        Rule::DefaultChanged,
        Rule::ErrorStatusRemoved,
        Rule::ParameterAdded,
        Rule::ParameterRemoved,
        Rule::ParameterNowRequired,
        Rule::ParameterNowOptional,
        Rule::OperationAdded,
        Rule::TypeAdded,
        Rule::OptionalFieldAdded,
        Rule::EnumValueAdded,
        Rule::ErrorStatusAdded,
        Rule::DefaultAdded,
        Rule::ParameterRenamed,
        Rule::RequestChanged,
        Rule::SuccessStatusChanged,
        Rule::ServerChanged,
        Rule::DocsChanged,
    ];

    /// The rule's stable name (`enum-value-removed`).
    pub fn id(self) -> &'static str {
        match self {
            Rule::OperationRemoved => "operation-removed",
            Rule::TypeRemoved => "type-removed",
            Rule::TypeChanged => "type-changed",
            Rule::FieldRemoved => "field-removed",
            Rule::RequiredFieldAdded => "required-field-added",
            Rule::FieldNowRequired => "field-now-required",
            Rule::FieldNowOptional => "field-now-optional",
            Rule::NullabilityChanged => "nullability-changed",
            Rule::WireNameChanged => "wire-name-changed",
            Rule::MethodRenamed => "method-renamed",
            Rule::ConstructorReordered => "constructor-reordered",
            Rule::EnumValueRemoved => "enum-value-removed",
            Rule::CatchAllRenamed => "catch-all-renamed",
            Rule::DefaultRemoved => "default-removed",
            Rule::DefaultChanged => "default-changed",
            Rule::ErrorStatusRemoved => "error-status-removed",
            Rule::ParameterAdded => "parameter-added",
            Rule::ParameterRemoved => "parameter-removed",
            Rule::ParameterNowRequired => "parameter-now-required",
            Rule::ParameterNowOptional => "parameter-now-optional",
            Rule::OperationAdded => "operation-added",
            Rule::TypeAdded => "type-added",
            Rule::OptionalFieldAdded => "optional-field-added",
            Rule::EnumValueAdded => "enum-value-added",
            Rule::ErrorStatusAdded => "error-status-added",
            Rule::DefaultAdded => "default-added",
            Rule::ParameterRenamed => "parameter-renamed",
            Rule::RequestChanged => "request-changed",
            Rule::SuccessStatusChanged => "success-status-changed",
            Rule::ServerChanged => "server-changed",
            Rule::DocsChanged => "docs-changed",
        }
    }

    /// What the rule decides.
    pub fn classification(self) -> Classification {
        match self {
            Rule::OperationRemoved
            | Rule::TypeRemoved
            | Rule::TypeChanged
            | Rule::FieldRemoved
            | Rule::RequiredFieldAdded
            | Rule::FieldNowRequired
            | Rule::FieldNowOptional
            | Rule::NullabilityChanged
            | Rule::WireNameChanged
            | Rule::MethodRenamed
            | Rule::ConstructorReordered
            | Rule::EnumValueRemoved
            | Rule::CatchAllRenamed
            | Rule::DefaultRemoved
            | Rule::DefaultChanged
            | Rule::ErrorStatusRemoved
            | Rule::ParameterAdded
            | Rule::ParameterRemoved
            | Rule::ParameterNowRequired
            | Rule::ParameterNowOptional => Classification::Breaking,
            Rule::OperationAdded
            | Rule::TypeAdded
            | Rule::OptionalFieldAdded
            | Rule::EnumValueAdded
            | Rule::ErrorStatusAdded
            | Rule::DefaultAdded
            | Rule::ParameterRenamed
            | Rule::RequestChanged
            | Rule::SuccessStatusChanged
            | Rule::ServerChanged => Classification::Compatible,
            Rule::DocsChanged => Classification::DocsOnly,
        }
    }

    /// Why the rule classifies a change the way it does, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::OperationRemoved => {
                "the `Client` method is removed; code that calls it no longer compiles"
            }
            Rule::TypeRemoved => "code that names the type no longer compiles",
            Rule::TypeChanged => {
                "the Rust type changes; code that reads, builds or passes the value no longer compiles"
            }
            Rule::FieldRemoved => "code that reads or sets the field no longer compiles",
            Rule::RequiredFieldAdded => {
                "a new required field is a new parameter of the struct's `new` (and a struct without required fields loses `Default`); code that builds the value, such as tests and mocks, no longer compiles"
            }
            Rule::FieldNowRequired => {
                "an optional field that becomes required changes from `Option<T>` to `T` and moves from a setter into `new`"
            }
            Rule::FieldNowOptional => {
                "a required field that becomes optional changes from `T` to `Option<T>` and moves from `new` to a setter"
            }
            Rule::NullabilityChanged => {
                "a field that becomes nullable, or stops being nullable, changes its Rust type (`T`, `Option<T>`, `Nullable<T>`)"
            }
            Rule::WireNameChanged => {
                "the Rust name stays but the JSON name changes; data written by one version is not read by the other"
            }
            Rule::MethodRenamed => {
                "the setter or clearer is renamed; code that calls it no longer compiles"
            }
            Rule::ConstructorReordered => {
                "the parameters of `new` change order; calls no longer compile, or silently swap values of the same type"
            }
            Rule::EnumValueRemoved => {
                "code that names the variant no longer compiles; the value now decodes to the catch-all variant"
            }
            Rule::CatchAllRenamed => {
                "the catch-all variant is renamed; code that matches it no longer compiles"
            }
            Rule::DefaultRemoved => "the enum no longer implements `Default`",
            Rule::DefaultChanged => "`Default::default()` silently returns another value",
            Rule::ErrorStatusRemoved => {
                "code that matches the variant no longer compiles; the status now ends as `Error::UnexpectedStatus`"
            }
            Rule::ParameterAdded => {
                "the method takes a new argument (path parameters and required bodies are required); calls no longer compile"
            }
            Rule::ParameterRemoved => "the method takes one argument less; calls no longer compile",
            Rule::ParameterNowRequired => {
                "the body argument changes from `Option<&T>` to `&T`; calls no longer compile"
            }
            Rule::ParameterNowOptional => {
                "the body argument changes from `&T` to `Option<&T>`; calls no longer compile"
            }
            Rule::OperationAdded => "a new method of `Client`; existing code is unaffected",
            Rule::TypeAdded => "a new type; existing code is unaffected",
            Rule::OptionalFieldAdded => {
                "structs are `#[non_exhaustive]` and `new` takes only required fields: the new field starts unset and gets a setter"
            }
            Rule::EnumValueAdded => {
                "the enum is `#[non_exhaustive]` with a catch-all variant, which took this value before; no `match` breaks"
            }
            Rule::ErrorStatusAdded => {
                "error enums are `#[non_exhaustive]`; the status ended as `Error::UnexpectedStatus` before"
            }
            Rule::DefaultAdded => "the enum now implements `Default`; existing code is unaffected",
            Rule::ParameterRenamed => "arguments are positional; callers do not name them",
            Rule::RequestChanged => {
                "the method sends its request with another HTTP method or to another path; its signature is unchanged"
            }
            Rule::SuccessStatusChanged => {
                "the method expects another success status; its signature is unchanged"
            }
            Rule::ServerChanged => "a space name expands to another base URL; no signature changes",
            Rule::DocsChanged => "only doc comments change",
        }
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
