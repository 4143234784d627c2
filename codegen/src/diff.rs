//! Diff: what a change of the document does to the generated crate. Compares the IR of two documents item by item and classifies each change for the crate's users.
//!
//! The comparison speaks in the generated crate's terms: operations are
//! methods of `Client`, schemas are structs, open enums and aliases,
//! properties are fields, error statuses are variants of per-operation
//! error enums. Each [`Change`] names its Rust item, the JSON pointer of its
//! place in the document ([`Api::locations`]), and the [`Rule`] that
//! classifies it as breaking, compatible or docs only. The rules follow what
//! the emitted code does: structs and enums are `#[non_exhaustive]`, string
//! enums have a catch-all variant, error enums are `#[non_exhaustive]`,
//! structs are built with `new(<required fields>)` and chained setters.
//!
//! Pure: no file system, no git; the caller lowers both documents
//! ([`crate::lower_text`]) and says which version the crate had.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::error::Pointer;
use crate::ir::{
    Api, Body, Enum, ErrorEnum, Field, Operation, Presence, StatusMatch, Struct, Ty, TypeDef,
};
use crate::lower::parameter_line;

/// What a change means for code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// Code that compiled against the old crate may not compile, or may
    /// silently behave otherwise, against the new one.
    Breaking,
    /// Code that compiled against the old crate compiles and behaves the
    /// same; the crate only grows.
    Compatible,
    /// Only doc comments change.
    DocsOnly,
}

impl Classification {
    /// The stable name used in JSON output: `breaking`, `compatible`, `docs-only`.
    pub fn id(self) -> &'static str {
        match self {
            Classification::Breaking => "breaking",
            Classification::Compatible => "compatible",
            Classification::DocsOnly => "docs-only",
        }
    }
}

/// Whether an item appears, disappears or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Only the new document has it.
    Added,
    /// Only the old document has it.
    Removed,
    /// Both have it, differently.
    Changed,
}

impl ChangeKind {
    /// The stable name used in JSON output: `added`, `removed`, `changed`.
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// What kind of Rust item (or part of one) a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The docs of the generated module (the document's `info`).
    ModuleDocs,
    /// The server URL a space name expands to.
    Server,
    /// A named type: struct, enum or alias.
    Type,
    /// A field of a struct.
    Field,
    /// The constructor `new` of a struct.
    Constructor,
    /// The setter or clearer of a field.
    Setter,
    /// A listed value of an open enum.
    EnumValue,
    /// The catch-all variant of an open enum.
    CatchAll,
    /// The `Default` implementation of an enum.
    Default,
    /// A method of `Client`.
    Operation,
    /// A path parameter of a method.
    Parameter,
    /// The request body argument of a method.
    RequestBody,
    /// The success type of a method.
    Response,
    /// A variant of a method's error enum.
    ErrorStatus,
}

impl Subject {
    /// The stable name used in JSON output (`enum-value`), and, with its
    /// dashes as spaces, in prose (`enum value`).
    pub fn id(self) -> &'static str {
        match self {
            Subject::ModuleDocs => "module-docs",
            Subject::Server => "server",
            Subject::Type => "type",
            Subject::Field => "field",
            Subject::Constructor => "constructor",
            Subject::Setter => "setter",
            Subject::EnumValue => "enum-value",
            Subject::CatchAll => "catch-all-variant",
            Subject::Default => "default",
            Subject::Operation => "operation",
            Subject::Parameter => "parameter",
            Subject::RequestBody => "request-body",
            Subject::Response => "response",
            Subject::ErrorStatus => "error-status",
        }
    }
}

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

/// Which document a pointer points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The document compared from (the base).
    Old,
    /// The document compared to.
    New,
}

impl Side {
    /// The stable name used in JSON output: `old`, `new`.
    pub fn id(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

/// One change of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What kind of item.
    pub subject: Subject,
    /// The Rust item (`Codecs::G729`, `SipEndpointResponse::display_name`,
    /// `Client::update_sip_endpoint(id)`; see [`Api::locations`]).
    pub item: String,
    /// The place in the document that causes it: in the new document, or,
    /// for what was removed, in the old one.
    pub pointer: Pointer,
    /// Which document [`Change::pointer`] points into.
    pub side: Side,
    /// The item before (a Rust type, a wire value, a doc text), if it had one.
    pub old: Option<String>,
    /// The item after, if it has one.
    pub new: Option<String>,
    /// The rule that classifies the change.
    pub rule: Rule,
}

impl Change {
    /// What the change means for the crate's users (by its rule).
    pub fn classification(&self) -> Classification {
        self.rule.classification()
    }
}

/// Every change from `old` to `new`, sorted by classification (breaking
/// first), then pointer, then item.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    differ.api();
    let mut changes = differ.changes;
    changes.sort_by(|a, b| {
        (
            a.classification(),
            &a.pointer,
            &a.item,
            a.rule,
            &a.old,
            &a.new,
        )
            .cmp(&(
                b.classification(),
                &b.pointer,
                &b.item,
                b.rule,
                &b.old,
                &b.new,
            ))
    });
    changes.dedup();
    changes
}

/// The most severe classification among `changes`, if there are any.
pub fn overall(changes: &[Change]) -> Option<Classification> {
    changes.iter().map(Change::classification).min()
}

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

/// The place recorded for `item` in `api`, or for its nearest recorded
/// parent (`A::b(c)` -> `A::b` -> `A`); the document root if none is.
pub fn locate(api: &Api, item: &str) -> Pointer {
    let mut current = item;
    loop {
        if let Some(pointer) = api.locations.get(current) {
            return pointer.clone();
        }
        current = match parent(current) {
            Some(parent) => parent,
            None => return Pointer::root(),
        };
    }
}

/// `Client::m(id)` -> `Client::m`, `Client::m -> Ok` -> `Client::m`,
/// `A::b` -> `A`, `A` -> none.
fn parent(item: &str) -> Option<&str> {
    if let Some((method, _)) = item.split_once(" -> ") {
        return Some(method);
    }
    if item.ends_with(')')
        && let Some(open) = item.rfind('(')
    {
        return Some(&item[..open]);
    }
    item.rsplit_once("::").map(|(parent, _)| parent)
}

/// A Rust type as the generated code spells it, without paths.
pub fn rust_type(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Uuid => "Uuid".to_owned(),
        Ty::DateTime => "DateTime<Utc>".to_owned(),
        Ty::Date => "NaiveDate".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::I32 => "i32".to_owned(),
        Ty::I64 => "i64".to_owned(),
        Ty::F32 => "f32".to_owned(),
        Ty::F64 => "f64".to_owned(),
        Ty::Json => "serde_json::Value".to_owned(),
        Ty::Named(name) => name.clone(),
        Ty::Array(item) => format!("Vec<{}>", rust_type(item)),
        Ty::Map(value) => format!("BTreeMap<String, {}>", rust_type(value)),
        Ty::Option(inner) => format!("Option<{}>", rust_type(inner)),
        Ty::Boxed(inner) => format!("Box<{}>", rust_type(inner)),
    }
}

/// The declared type of a field, with its `Option`/`Nullable` wrapper.
fn field_type(field: &Field) -> String {
    let inner = rust_type(&field.ty);
    if field.flatten {
        return format!("#[serde(flatten)] {inner}");
    }
    match field.presence {
        Presence::Required => inner,
        Presence::Optional | Presence::RequiredNullable => format!("Option<{inner}>"),
        Presence::OptionalNullable => format!("Nullable<{inner}>"),
    }
}

/// The fields `new` takes, in order.
fn constructor(s: &Struct) -> Vec<&str> {
    s.fields
        .iter()
        .filter(|f| in_constructor(f.presence))
        .map(|f| f.name.as_str())
        .collect()
}

/// Whether `new` takes the field.
fn in_constructor(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

fn nullable(presence: Presence) -> bool {
    matches!(
        presence,
        Presence::RequiredNullable | Presence::OptionalNullable
    )
}

fn kind_of(def: &TypeDef) -> String {
    match def {
        TypeDef::Struct(_) => "struct".to_owned(),
        TypeDef::Enum(_) => "enum".to_owned(),
        TypeDef::Alias(alias) => format!("type = {}", rust_type(&alias.ty)),
        TypeDef::Union(union) => {
            let variants: Vec<String> = union
                .variants
                .iter()
                .map(|v| format!("{}({})", v.name, rust_type(&v.ty)))
                .collect();
            match &union.tag {
                None => format!("union {}", variants.join(" | ")),
                Some(tag) => format!("union by `{}` {}", tag.property, variants.join(" | ")),
            }
        }
    }
}

fn body_argument(body: &Body) -> String {
    let ty = rust_type(&body.ty);
    if body.required {
        format!("{}: &{ty}", body.name)
    } else {
        format!("{}: Option<&{ty}>", body.name)
    }
}

fn text(docs: &[String]) -> String {
    docs.join("\n")
}

/// The values of two maps by key, in key order, as pairs of what each side has.
fn pair_up<'k, T>(
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

struct Differ<'a> {
    old: &'a Api,
    new: &'a Api,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
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

    fn added(&mut self, subject: Subject, item: impl Into<String>, new: String, rule: Rule) {
        self.push(ChangeKind::Added, subject, item, (None, Some(new)), rule);
    }

    fn removed(&mut self, subject: Subject, item: impl Into<String>, old: String, rule: Rule) {
        self.push(ChangeKind::Removed, subject, item, (Some(old), None), rule);
    }

    fn changed(
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

    fn docs(&mut self, subject: Subject, item: impl Into<String>, old: &[String], new: &[String]) {
        if old != new {
            self.changed(subject, item, text(old), text(new), Rule::DocsChanged);
        }
    }

    fn api(&mut self) {
        let (old, new) = (self.old, self.new);
        self.docs(Subject::ModuleDocs, "crate", &old.docs, &new.docs);
        let server = |api: &Api| {
            api.server.as_ref().map(|server| {
                let defaults: Vec<String> = server
                    .variables
                    .iter()
                    .map(|v| format!("{}={}", v.name, v.default))
                    .collect();
                if defaults.is_empty() {
                    server.url.clone()
                } else {
                    format!("{} ({})", server.url, defaults.join(", "))
                }
            })
        };
        if server(old) != server(new) {
            let none = || "no server".to_owned();
            self.changed(
                Subject::Server,
                "Client::new",
                server(old).unwrap_or_else(none),
                server(new).unwrap_or_else(none),
                Rule::ServerChanged,
            );
        }
        let types = pair_up(
            old.types.iter().map(|t| (t.name(), t)),
            new.types.iter().map(|t| (t.name(), t)),
        );
        for (name, before, after) in types {
            match (before, after) {
                (Some(before), None) => {
                    self.removed(Subject::Type, name, kind_of(before), Rule::TypeRemoved)
                }
                (None, Some(after)) => {
                    self.added(Subject::Type, name, kind_of(after), Rule::TypeAdded)
                }
                (Some(before), Some(after)) => self.type_def(name, before, after),
                (None, None) => {}
            }
        }
        let operations = pair_up(
            old.operations.iter().map(|o| (o.method_name.as_str(), o)),
            new.operations.iter().map(|o| (o.method_name.as_str(), o)),
        );
        for (name, before, after) in operations {
            let item = format!("Client::{name}");
            let request = |op: &Operation| format!("{} {}", op.method.as_str(), op.path_template);
            match (before, after) {
                (Some(before), None) => {
                    self.removed(
                        Subject::Operation,
                        item,
                        request(before),
                        Rule::OperationRemoved,
                    );
                    let name = before.errors.name.as_str();
                    self.removed(Subject::Type, name, "enum".to_owned(), Rule::TypeRemoved);
                }
                (None, Some(after)) => {
                    self.added(
                        Subject::Operation,
                        item,
                        request(after),
                        Rule::OperationAdded,
                    );
                    let name = after.errors.name.as_str();
                    self.added(Subject::Type, name, "enum".to_owned(), Rule::TypeAdded);
                }
                (Some(before), Some(after)) => self.operation(&item, before, after),
                (None, None) => {}
            }
        }
    }

    fn type_def(&mut self, name: &str, before: &TypeDef, after: &TypeDef) {
        match (before, after) {
            (TypeDef::Struct(before), TypeDef::Struct(after)) => self.structure(before, after),
            (TypeDef::Enum(before), TypeDef::Enum(after)) => self.enumeration(before, after),
            (TypeDef::Alias(before), TypeDef::Alias(after)) => {
                if before.ty != after.ty {
                    self.changed(
                        Subject::Type,
                        name,
                        kind_of(&TypeDef::Alias(before.clone())),
                        kind_of(&TypeDef::Alias(after.clone())),
                        Rule::TypeChanged,
                    );
                }
                self.docs(Subject::Type, name, &before.docs, &after.docs);
            }
            (TypeDef::Union(old), TypeDef::Union(new)) => {
                // The members, their order and their tags decide what decodes
                // to which variant: any change there changes the type.
                let shape = |u: &crate::ir::Union| {
                    let variants: Vec<_> = u
                        .variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone(), v.tags.clone()))
                        .collect();
                    (variants, u.tag.clone())
                };
                if shape(old) != shape(new) {
                    self.changed(
                        Subject::Type,
                        name,
                        kind_of(before),
                        kind_of(after),
                        Rule::TypeChanged,
                    );
                }
                self.docs(Subject::Type, name, &old.docs, &new.docs);
            }
            _ => self.changed(
                Subject::Type,
                name,
                kind_of(before),
                kind_of(after),
                Rule::TypeChanged,
            ),
        }
    }

    fn structure(&mut self, before: &Struct, after: &Struct) {
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        let fields = pair_up(
            before.fields.iter().map(|f| (f.name.as_str(), f)),
            after.fields.iter().map(|f| (f.name.as_str(), f)),
        );
        for (field_name, old, new) in fields {
            let item = format!("{name}::{field_name}");
            match (old, new) {
                (Some(old), None) => {
                    self.removed(Subject::Field, item, field_type(old), Rule::FieldRemoved)
                }
                (None, Some(new)) => {
                    let rule = if in_constructor(new.presence) {
                        Rule::RequiredFieldAdded
                    } else {
                        Rule::OptionalFieldAdded
                    };
                    self.added(Subject::Field, item, field_type(new), rule);
                }
                (Some(old), Some(new)) => self.field(&item, old, new),
                (None, None) => {}
            }
        }
        let (old_params, new_params) = (constructor(before), constructor(after));
        let same_set = |a: &[&str], b: &[&str]| {
            a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
        };
        // Fields `new` takes by name (`FooRequired { .. }`) may change order freely.
        let positional = before.required.is_none() && after.required.is_none();
        if positional && old_params != new_params && same_set(&old_params, &new_params) {
            self.changed(
                Subject::Constructor,
                format!("{name}::new"),
                format!("new({})", old_params.join(", ")),
                format!("new({})", new_params.join(", ")),
                Rule::ConstructorReordered,
            );
        }
    }

    fn field(&mut self, item: &str, old: &Field, new: &Field) {
        if old.wire != new.wire {
            self.changed(
                Subject::Field,
                item,
                old.wire.clone(),
                new.wire.clone(),
                Rule::WireNameChanged,
            );
        }
        let (before, after) = (field_type(old), field_type(new));
        if old.ty != new.ty {
            self.changed(Subject::Field, item, before, after, Rule::TypeChanged);
        } else if in_constructor(old.presence) != in_constructor(new.presence) {
            let rule = if in_constructor(new.presence) {
                Rule::FieldNowRequired
            } else {
                Rule::FieldNowOptional
            };
            self.changed(Subject::Field, item, before, after, rule);
        } else if nullable(old.presence) != nullable(new.presence) {
            self.changed(
                Subject::Field,
                item,
                before,
                after,
                Rule::NullabilityChanged,
            );
        } else {
            let methods = |f: &Field| {
                let mut names = Vec::new();
                if !in_constructor(f.presence) {
                    names.push(f.setter.clone());
                }
                names.extend(f.clearer.clone());
                names.join(", ")
            };
            if methods(old) != methods(new) {
                self.changed(
                    Subject::Setter,
                    item,
                    methods(old),
                    methods(new),
                    Rule::MethodRenamed,
                );
            }
        }
        self.docs(Subject::Field, item, &old.docs, &new.docs);
    }

    fn enumeration(&mut self, before: &Enum, after: &Enum) {
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        let variants = pair_up(
            before.variants.iter().map(|v| (v.name.as_str(), v)),
            after.variants.iter().map(|v| (v.name.as_str(), v)),
        );
        for (variant, old, new) in variants {
            let item = format!("{name}::{variant}");
            match (old, new) {
                (Some(old), None) => self.removed(
                    Subject::EnumValue,
                    item,
                    old.wire.clone(),
                    Rule::EnumValueRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::EnumValue,
                    item,
                    new.wire.clone(),
                    Rule::EnumValueAdded,
                ),
                (Some(old), Some(new)) => {
                    if old.wire != new.wire {
                        self.changed(
                            Subject::EnumValue,
                            item.as_str(),
                            old.wire.clone(),
                            new.wire.clone(),
                            Rule::WireNameChanged,
                        );
                    }
                    self.docs(Subject::EnumValue, item, &old.docs, &new.docs);
                }
                (None, None) => {}
            }
        }
        if before.unknown != after.unknown {
            self.changed(
                Subject::CatchAll,
                format!("{name}::{}", after.unknown),
                before.unknown.clone(),
                after.unknown.clone(),
                Rule::CatchAllRenamed,
            );
        }
        let default = |e: &Enum| {
            e.default
                .and_then(|index| e.variants.get(index))
                .map(|v| v.name.clone())
        };
        let item = format!("{name}::default");
        match (default(before), default(after)) {
            (Some(old), None) => self.removed(Subject::Default, item, old, Rule::DefaultRemoved),
            (None, Some(new)) => self.added(Subject::Default, item, new, Rule::DefaultAdded),
            (Some(old), Some(new)) if old != new => {
                self.changed(Subject::Default, item, old, new, Rule::DefaultChanged)
            }
            _ => {}
        }
    }

    fn operation(&mut self, item: &str, before: &Operation, after: &Operation) {
        if (before.method, &before.path_template) != (after.method, &after.path_template) {
            self.changed(
                Subject::Operation,
                item,
                format!("{} {}", before.method.as_str(), before.path_template),
                format!("{} {}", after.method.as_str(), after.path_template),
                Rule::RequestChanged,
            );
        }
        // The method's own docs, without the lines of its parameters (each
        // reported at the parameter).
        let own_docs = |op: &Operation| -> Vec<String> {
            let lines: BTreeSet<String> = before
                .params
                .iter()
                .chain(&after.params)
                .map(parameter_line)
                .collect();
            op.docs
                .iter()
                .filter(|line| !lines.contains(*line))
                .cloned()
                .collect()
        };
        self.docs(
            Subject::Operation,
            item,
            &own_docs(before),
            &own_docs(after),
        );
        self.parameters(item, before, after);
        self.response(item, before, after);
        self.errors(item, &before.errors, &after.errors);
        self.stream(before, after);
    }

    /// The streaming method of a paginated list operation comes and goes
    /// with the shape of its success body.
    fn stream(&mut self, before: &Operation, after: &Operation) {
        let request =
            |op: &Operation| format!("{} {} (every page)", op.method.as_str(), op.path_template);
        match (&before.pagination, &after.pagination) {
            (Some(old), None) => self.removed(
                Subject::Operation,
                format!("Client::{}", old.method_name),
                request(before),
                Rule::OperationRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::Operation,
                format!("Client::{}", new.method_name),
                request(after),
                Rule::OperationAdded,
            ),
            (Some(old), Some(new)) if old.item != new.item => self.changed(
                Subject::Operation,
                format!("Client::{} -> Ok", new.method_name),
                rust_type(&old.item),
                rust_type(&new.item),
                Rule::TypeChanged,
            ),
            _ => {}
        }
    }

    /// Path parameters are compared by position, as callers pass them; the
    /// body argument comes after them.
    fn parameters(&mut self, item: &str, before: &Operation, after: &Operation) {
        let count = before.params.len().max(after.params.len());
        for index in 0..count {
            match (before.params.get(index), after.params.get(index)) {
                (Some(old), None) => self.removed(
                    Subject::Parameter,
                    format!("{item}({})", old.name),
                    format!("{}: {}", old.name, rust_type(&old.ty)),
                    Rule::ParameterRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::Parameter,
                    format!("{item}({})", new.name),
                    format!("{}: {}", new.name, rust_type(&new.ty)),
                    Rule::ParameterAdded,
                ),
                (Some(old), Some(new)) => {
                    let at = format!("{item}({})", new.name);
                    if old.ty != new.ty {
                        self.changed(
                            Subject::Parameter,
                            at.as_str(),
                            rust_type(&old.ty),
                            rust_type(&new.ty),
                            Rule::TypeChanged,
                        );
                    }
                    if old.name != new.name {
                        self.changed(
                            Subject::Parameter,
                            at.as_str(),
                            old.name.clone(),
                            new.name.clone(),
                            Rule::ParameterRenamed,
                        );
                    }
                    self.docs(Subject::Parameter, at, &old.docs, &new.docs);
                }
                (None, None) => {}
            }
        }
        // The query and header parameters are one argument; its fields are
        // compared as those of any struct.
        match (&before.query, &after.query) {
            (Some(old), None) => self.removed(
                Subject::Parameter,
                format!("{item}({})", old.name),
                format!("{}: &{}", old.name, old.ty),
                Rule::ParameterRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::Parameter,
                format!("{item}({})", new.name),
                format!("{}: &{}", new.name, new.ty),
                Rule::ParameterAdded,
            ),
            _ => {}
        }
        match (&before.body, &after.body) {
            (Some(old), None) => self.removed(
                Subject::RequestBody,
                format!("{item}({})", old.name),
                body_argument(old),
                Rule::ParameterRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::RequestBody,
                format!("{item}({})", new.name),
                body_argument(new),
                Rule::ParameterAdded,
            ),
            (Some(old), Some(new)) => {
                let at = format!("{item}({})", new.name);
                let rule = if old.ty != new.ty {
                    Some(Rule::TypeChanged)
                } else if old.required != new.required {
                    Some(if new.required {
                        Rule::ParameterNowRequired
                    } else {
                        Rule::ParameterNowOptional
                    })
                } else if old.name != new.name {
                    Some(Rule::ParameterRenamed)
                } else {
                    None
                };
                if let Some(rule) = rule {
                    self.changed(
                        Subject::RequestBody,
                        at,
                        body_argument(old),
                        body_argument(new),
                        rule,
                    );
                }
            }
            (None, None) => {}
        }
    }

    fn response(&mut self, item: &str, before: &Operation, after: &Operation) {
        let item = format!("{item} -> Ok");
        let ty = |op: &Operation| op.success.ty.as_ref().map_or("()".to_owned(), rust_type);
        if before.success.ty != after.success.ty {
            self.changed(
                Subject::Response,
                item.as_str(),
                ty(before),
                ty(after),
                Rule::TypeChanged,
            );
        }
        if before.success.status != after.success.status {
            self.changed(
                Subject::Response,
                item,
                before.success.status.to_string(),
                after.success.status.to_string(),
                Rule::SuccessStatusChanged,
            );
        }
    }

    fn errors(&mut self, item: &str, before: &ErrorEnum, after: &ErrorEnum) {
        if before.name != after.name {
            // The method's error type is renamed with it (an operationId
            // that gives the same method name but another type name).
            self.changed(
                Subject::Type,
                format!("{item} -> Err"),
                before.name.clone(),
                after.name.clone(),
                Rule::TypeChanged,
            );
        }
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        let mut old: BTreeMap<StatusMatch, _> =
            before.variants.iter().map(|v| (v.status, v)).collect();
        let mut new: BTreeMap<StatusMatch, _> =
            after.variants.iter().map(|v| (v.status, v)).collect();
        let statuses: BTreeSet<StatusMatch> = old.keys().chain(new.keys()).copied().collect();
        let payload = |ty: &Option<Ty>| ty.as_ref().map_or("no body".to_owned(), rust_type);
        for status in statuses {
            match (old.remove(&status), new.remove(&status)) {
                (Some(old), None) => self.removed(
                    Subject::ErrorStatus,
                    format!("{}::{}", before.name, old.name),
                    status.to_string(),
                    Rule::ErrorStatusRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::ErrorStatus,
                    format!("{name}::{}", new.name),
                    status.to_string(),
                    Rule::ErrorStatusAdded,
                ),
                (Some(old), Some(new)) => {
                    let at = format!("{name}::{}", new.name);
                    if old.ty != new.ty {
                        self.changed(
                            Subject::ErrorStatus,
                            at.as_str(),
                            payload(&old.ty),
                            payload(&new.ty),
                            Rule::TypeChanged,
                        );
                    }
                    let docs = |v: &crate::ir::ErrorVariant| {
                        let mut lines = v.docs.clone();
                        lines.push(format!("Display: {}", v.summary));
                        lines
                    };
                    self.docs(Subject::ErrorStatus, at, &docs(old), &docs(new));
                }
                (None, None) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_fall_back_to_their_nearest_recorded_parent() {
        assert_eq!(parent("Client::m(id)"), Some("Client::m"));
        assert_eq!(parent("Client::m -> Ok"), Some("Client::m"));
        assert_eq!(parent("Thing::field"), Some("Thing"));
        assert_eq!(parent("Thing"), None);
        let api = Api {
            docs: Vec::new(),
            server: None,
            types: Vec::new(),
            operations: Vec::new(),
            locations: BTreeMap::from([("Thing".to_owned(), Pointer::root().push("components"))]),
        };
        assert_eq!(locate(&api, "Thing::new").as_str(), "#/components");
        assert_eq!(locate(&api, "Other::x").as_str(), "#");
    }

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
