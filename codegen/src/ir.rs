//! The intermediate representation between lowering and emitting: Rust-shaped, fully named, sorted.

use std::collections::BTreeMap;

use crate::error::Pointer;

/// Documentation lines (markdown), one `#[doc]` per line when emitted.
pub type Docs = Vec<String>;

/// Everything one document generates.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Crate-level docs of the generated module: the document's title and description.
    pub docs: Docs,
    /// The first server of the document, if it declares one.
    pub server: Option<Server>,
    /// Every named type, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every operation, sorted by method name.
    pub operations: Vec<Operation>,
    /// The API areas the operations and types are grouped in, sorted by
    /// name; empty when no operation belongs to an area (see
    /// `lower::areas` for the rule). What no area holds is at the top.
    pub areas: Vec<Area>,
    /// The cargo features of the types no operation uses, one per
    /// namespace of the document's schemas, sorted by name (see
    /// `lower::areas`).
    pub type_features: Vec<TypeFeature>,
    /// The types of no area that only some features need, by name: the
    /// features any one of which compiles the type. A type of no area that
    /// is not listed is always compiled.
    pub gates: BTreeMap<String, Vec<String>>,
    /// Where each Rust item comes from in the document, by item path:
    /// `Codecs`, `Codecs::Pcmu`, `SipEndpointResponse::display_name`,
    /// `Client::update_sip_endpoint`, its parameters as
    /// `Client::update_sip_endpoint(id)`, its success type as
    /// `Client::update_sip_endpoint -> Ok`, `UpdateSipEndpointError::NotFound`,
    /// the module docs as `crate` and the server as `Client::new`. Filled by
    /// lowering where items are named; emitting ignores it (the diff reads it).
    pub locations: BTreeMap<String, Pointer>,
}

/// One API area: a module of the client, and the cargo feature that
/// compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    /// The module and feature name (`fabric`).
    pub name: String,
    /// The path prefix that puts an operation in this area (`/api/fabric/`);
    /// more than one when singular and plural segments are merged.
    pub prefixes: Vec<String>,
    /// The method names of its operations, sorted.
    pub operations: Vec<String>,
    /// The names of the types only its operations use, sorted.
    pub types: Vec<String>,
}

/// A cargo feature, off by default, that compiles the types of one
/// namespace of the document's schemas (`Webhooks.CallStatus` is in
/// `Webhooks`) that no operation uses: payloads the API sends elsewhere,
/// such as webhooks. The module of the same name holds them, with the
/// namespace's types that several areas share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeFeature {
    /// The feature's name (`webhooks`).
    pub name: String,
    /// The namespace, as the document spells it (`Webhooks`).
    pub namespace: String,
    /// The number of types it compiles, those they use included.
    pub types: usize,
    /// The types of its module, sorted: every type of the namespace that
    /// no one area holds, whether the feature compiles it or the areas that
    /// share it do.
    pub module: Vec<String>,
}

impl TypeFeature {
    /// How many types it compiles, in words: `one type`, `103 types`.
    pub fn counted(&self) -> String {
        match self.types {
            1 => "one type".to_owned(),
            count => format!("{count} types"),
        }
    }
}

/// A server URL template and its variables, in the order they appear in the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL template, e.g. `https://{space}.example.com`.
    pub url: String,
    /// Each variable the URL uses, in the order of the URL.
    pub variables: Vec<ServerVariable>,
}

/// A variable of a server URL template.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The name between the braces of the template.
    pub name: String,
    /// The value the document gives when the user gives none.
    pub default: String,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A struct from an object schema.
    Struct(Struct),
    /// An open enum from a string enum schema.
    Enum(Enum),
    /// A type alias from a named schema of another kind (`type Id = Uuid`).
    Alias(Alias),
    /// An enum from an `anyOf`/`oneOf` of distinct types: each variant holds
    /// one member's value.
    Union(Union),
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Alias(a) => &a.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    /// The Rust name of the type, to rename it.
    pub fn name_mut(&mut self) -> &mut String {
        match self {
            TypeDef::Struct(s) => &mut s.name,
            TypeDef::Enum(e) => &mut e.name,
            TypeDef::Alias(a) => &mut a.name,
            TypeDef::Union(u) => &mut u.name,
        }
    }

    /// The type's own docs.
    pub fn docs(&self) -> &Docs {
        match self {
            TypeDef::Struct(s) => &s.docs,
            TypeDef::Enum(e) => &e.docs,
            TypeDef::Alias(a) => &a.docs,
            TypeDef::Union(u) => &u.docs,
        }
    }

    /// The type's own docs, to change them.
    pub fn docs_mut(&mut self) -> &mut Docs {
        match self {
            TypeDef::Struct(s) => &mut s.docs,
            TypeDef::Enum(e) => &mut e.docs,
            TypeDef::Alias(a) => &mut a.docs,
            TypeDef::Union(u) => &mut u.docs,
        }
    }

    /// The types this type holds: its fields', its members', or the one it
    /// stands for; none for an enum.
    pub fn held_types(&self) -> Vec<&Ty> {
        match self {
            TypeDef::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeDef::Alias(a) => vec![&a.ty],
            TypeDef::Enum(_) => Vec::new(),
        }
    }

    /// What makes the type the type it is, as text to compare: its `Debug`
    /// text without its name, its own docs and the name of its struct of
    /// required fields, and without its members' docs unless
    /// `member_docs`; each type name it holds changed by `name` first
    /// (read through a rename, or an alias).
    pub fn shape(&self, member_docs: bool, name: impl Fn(&mut String)) -> String {
        let mut def = self.clone();
        def.name_mut().clear();
        def.docs_mut().clear();
        match &mut def {
            TypeDef::Struct(s) => {
                s.required = s.required.as_ref().map(|_| String::new());
                if !member_docs {
                    s.fields.iter_mut().for_each(|field| field.docs.clear());
                }
            }
            TypeDef::Enum(e) if !member_docs => {
                e.variants
                    .iter_mut()
                    .for_each(|variant| variant.docs.clear());
            }
            TypeDef::Union(u) if !member_docs => {
                u.variants
                    .iter_mut()
                    .for_each(|variant| variant.docs.clear());
            }
            _ => {}
        }
        for ty in def.held_types_mut() {
            let mut names = Vec::new();
            ty.named_types_mut(&mut names);
            names.into_iter().for_each(&name);
        }
        format!("{def:?}")
    }

    /// [`TypeDef::held_types`], to change them.
    pub fn held_types_mut(&mut self) -> Vec<&mut Ty> {
        match self {
            TypeDef::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeDef::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeDef::Alias(a) => vec![&mut a.ty],
            TypeDef::Enum(_) => Vec::new(),
        }
    }
}

/// A Rust type as used in a field, parameter or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    String,
    /// `uuid::Uuid`.
    Uuid,
    /// `chrono::DateTime<Utc>` (RFC 3339).
    DateTime,
    /// `chrono::NaiveDate` (RFC 3339 full-date).
    Date,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// Any JSON value.
    Json,
    /// A generated type.
    Named(String),
    /// `Vec<T>`.
    Array(Box<Ty>),
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
    /// `Option<T>`: an array item or map value that may be `null`.
    Option(Box<Ty>),
    /// `Box<T>`: a value of a type that contains itself.
    Boxed(Box<Ty>),
}

impl Ty {
    /// The named types this type mentions, at any depth (the items of
    /// arrays and maps, the inside of options and boxes), added to `out`.
    pub fn named_types<'t>(&'t self, out: &mut Vec<&'t str>) {
        match self {
            Ty::Named(name) => out.push(name),
            Ty::Array(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
                inner.named_types(out)
            }
            _ => {}
        }
    }

    /// The names of the named types this type mentions, at any depth, to
    /// change them (rename a type, or name the type an alias stands for).
    pub fn named_types_mut<'t>(&'t mut self, out: &mut Vec<&'t mut String>) {
        match self {
            Ty::Named(name) => out.push(name),
            Ty::Array(inner) | Ty::Map(inner) | Ty::Option(inner) | Ty::Boxed(inner) => {
                inner.named_types_mut(out)
            }
            _ => {}
        }
    }
}

/// A Rust type as the generated code spells it, without paths
/// (`Vec<Uuid>`, `BTreeMap<String, i64>`): for docs and reports that name
/// a type to the crate's users.
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

/// Whether a field must be present and whether it may be `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`.
    Required,
    /// `Option<T>`: `None` is left out of the JSON.
    Optional,
    /// `Option<T>`: `None` is `null`.
    RequiredNullable,
    /// `Nullable<T>`: absent, `null` or a value.
    OptionalNullable,
}

impl Presence {
    /// Whether the document requires the property (its value may still be
    /// `null`): the struct's `new` takes the field, and it has no setter.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::RequiredNullable)
    }

    /// Whether the value may be `null`.
    pub fn is_nullable(self) -> bool {
        matches!(
            self,
            Presence::RequiredNullable | Presence::OptionalNullable
        )
    }

    /// What the value is held in: `T`, `Option<T>` (absent, or `null` when
    /// required) or `Nullable<T>` (absent, `null` or a value).
    pub fn wrapper(self) -> Wrapper {
        match self {
            Presence::Required => Wrapper::Bare,
            Presence::Optional | Presence::RequiredNullable => Wrapper::Option,
            Presence::OptionalNullable => Wrapper::Nullable,
        }
    }
}

/// What a field's value is held in, by its [`Presence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `T`.
    Bare,
    /// `Option<T>`.
    Option,
    /// The runtime's `Nullable<T>`.
    Nullable,
}

/// A struct generated from an object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The type name (`UpperCamelCase`).
    pub name: String,
    /// The schema's description, or its title, or a generated sentence.
    pub docs: Docs,
    /// Fields in document order.
    pub fields: Vec<Field>,
    /// With two or more fields the API requires: the name of the struct of
    /// those fields that `new` takes, so that each is named where it is given.
    pub required: Option<String>,
}

impl Struct {
    /// The fields `new` takes, in document order: those the document
    /// requires ([`Presence::is_required`]).
    pub fn constructor_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.presence.is_required())
    }
}

/// One field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field name (`snake_case`; a keyword gets a trailing `_`, as in `type_`).
    pub name: String,
    /// The JSON property name.
    pub wire: String,
    /// The property's description, or that of the schema it refers to.
    pub docs: Docs,
    /// The value type (without the `Option`/`Nullable` wrapper).
    pub ty: Ty,
    /// Presence and nullability.
    pub presence: Presence,
    /// Name of the chained setter (for fields that are not required).
    pub setter: String,
    /// Name of the method that sets an explicit `null` (optional nullable fields).
    pub clearer: Option<String>,
    /// Whether the field's value sits in the object itself (`#[serde(flatten)]`):
    /// the map of the properties the other fields do not name (then the field
    /// is [`Presence::Optional`] and starts empty), or the union an `allOf`
    /// shares its object with (then it is [`Presence::Required`]).
    pub flatten: bool,
    /// Whether the field is a list ([`Ty::Array`]) that the document also
    /// allows as one value: a form body's field that is a scalar or an
    /// array of it (`anyOf: [T, array of T]`, a key that "can be specified
    /// multiple times"). One value decodes as a list of one.
    pub one_or_many: bool,
}

impl Field {
    /// What the field's value is held in: a flattened field holds it as it
    /// is (an empty map is the unset one); any other as its presence says.
    pub fn wrapper(&self) -> Wrapper {
        if self.flatten {
            Wrapper::Bare
        } else {
            self.presence.wrapper()
        }
    }

    /// The type the field is declared with, spelled as [`rust_type`] does:
    /// `String`, `Option<String>`, `Nullable<String>`.
    pub fn rust_type(&self) -> String {
        let inner = rust_type(&self.ty);
        match self.wrapper() {
            Wrapper::Bare => inner,
            Wrapper::Option => format!("Option<{inner}>"),
            Wrapper::Nullable => format!("Nullable<{inner}>"),
        }
    }
}

/// An open string enum: the listed values, plus a catch-all for values the
/// document does not list.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The type name (`UpperCamelCase`).
    pub name: String,
    /// The schema's description, and how values the document does not list are kept.
    pub docs: Docs,
    /// Listed values, in document order.
    pub variants: Vec<Variant>,
    /// The name of the catch-all variant.
    pub unknown: String,
    /// Index into `variants` of the document's `default`, if any.
    pub default: Option<usize>,
}

/// One listed enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The variant name (`UpperCamelCase`), unique within its enum.
    pub name: String,
    /// The exact string on the wire.
    pub wire: String,
    /// The value's meaning, if the enum's description lists it, and the value as sent.
    pub docs: Docs,
}

/// An enum whose variants each hold the value of one member schema of an
/// `anyOf`/`oneOf`; it is sent as the value itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The type name (`UpperCamelCase`).
    pub name: String,
    /// The schema's description, and how a value is decoded.
    pub docs: Docs,
    /// The members, in the order they are tried when decoding.
    pub variants: Vec<UnionVariant>,
    /// For a `oneOf` with a `discriminator`: how the variant is picked;
    /// `None` when the variants are tried in order.
    pub tag: Option<Tag>,
}

/// How a union with a `discriminator` picks its variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// The property whose value picks the variant.
    pub property: String,
    /// The name of the variant that keeps a value with a tag the document
    /// does not list (as JSON).
    pub unknown: String,
}

/// One member of a [`Union`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The variant name (`UpperCamelCase`) from the member's type.
    pub name: String,
    /// The type of the member's value.
    pub ty: Ty,
    /// The member's description, or a sentence naming its type.
    pub docs: Docs,
    /// The values of the discriminator property that select this variant
    /// (tagged unions only).
    pub tags: Vec<String>,
}

/// `pub type Name = Ty;`
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The type name (`UpperCamelCase`).
    pub name: String,
    /// The schema's description, or a sentence naming the schema.
    pub docs: Docs,
    /// The aliased type.
    pub ty: Ty,
    /// For a type lowering found identical to another of its module
    /// (`lower::twins`), which it stands for: the alias is of that type.
    pub twin: Option<Twin>,
}

/// What an alias of a twin type keeps of its own definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Twin {
    /// For a struct whose `new` takes a struct of its required fields: the
    /// name of its own (an alias too) and of the type's it stands for.
    pub required: Option<(String, String)>,
    /// The type as lowering defined it, before it became an alias: what it
    /// is to its users, for the comparison of two documents.
    pub definition: Box<TypeDef>,
}

/// HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
    Trace,
}

impl Method {
    /// The method as written in HTTP (`PUT`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
        }
    }
}

/// An operation: one async method on the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Rust method name (from the operationId).
    pub method_name: String,
    /// HTTP method.
    pub method: Method,
    /// The path template as written in the document.
    pub path_template: String,
    /// The path split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// Docs of the method.
    pub docs: Docs,
    /// Path parameters, in the order they appear in the path.
    pub params: Vec<PathParam>,
    /// The query and header parameters, passed as one struct; `None` when
    /// the operation has none.
    pub query: Option<ParamsStruct>,
    /// The JSON request body, if any.
    pub body: Option<Body>,
    /// The success response.
    pub success: Success,
    /// The error enum of the declared error statuses.
    pub errors: ErrorEnum,
    /// The credentials the operation sends.
    pub auth: Auth,
    /// How to follow the pages of a list operation; `None` for any other.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The named types the operation mentions itself (not those they
    /// hold): its parameters and their struct, its body, its success and
    /// error bodies, and the items of its pages.
    pub fn named_types(&self) -> Vec<&str> {
        let mut tys: Vec<&Ty> = Vec::new();
        tys.extend(self.params.iter().map(|param| &param.ty));
        if let Some(query) = &self.query {
            tys.extend(query.params.iter().map(|param| &param.ty));
        }
        tys.extend(self.body.iter().map(|body| &body.ty));
        tys.extend(self.success.ty.iter());
        tys.extend(self.errors.variants.iter().filter_map(|v| v.ty.as_ref()));
        tys.extend(self.pagination.iter().map(|pagination| &pagination.item));
        let mut names: Vec<&str> = self.query.iter().map(|query| query.ty.as_str()).collect();
        for ty in tys {
            ty.named_types(&mut names);
        }
        names
    }

    /// The types of [`Operation::named_types`] but the parameters' struct
    /// (a name, not a type), to change them.
    pub fn types_mut(&mut self) -> Vec<&mut Ty> {
        let mut tys: Vec<&mut Ty> = Vec::new();
        tys.extend(self.params.iter_mut().map(|param| &mut param.ty));
        if let Some(query) = &mut self.query {
            tys.extend(query.params.iter_mut().map(|param| &mut param.ty));
        }
        tys.extend(self.body.iter_mut().map(|body| &mut body.ty));
        tys.extend(self.success.ty.iter_mut());
        tys.extend(
            self.errors
                .variants
                .iter_mut()
                .filter_map(|v| v.ty.as_mut()),
        );
        tys.extend(
            self.pagination
                .iter_mut()
                .map(|pagination| &mut pagination.item),
        );
        tys
    }
}

/// The query and header parameters of an operation: a struct of
/// [`Api::types`] (built like any other, with `new` and setters), and
/// where each of its fields goes in the request.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamsStruct {
    /// The Rust parameter name the method takes it as.
    pub name: String,
    /// The struct's type name (`<Operation>Params`).
    pub ty: String,
    /// Each field, in the order of the struct.
    pub params: Vec<Param>,
}

/// A query or header parameter: a field of a [`ParamsStruct`].
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The field name.
    pub field: String,
    /// The name on the wire (query key or header name as written).
    pub wire: String,
    /// Where it is sent.
    pub location: ParamLocation,
    /// The value type, aliases resolved: a scalar, a string enum, or a
    /// `Vec` of one of those.
    pub ty: Ty,
    /// Whether the field is always set (otherwise it is an `Option` and
    /// left out of the request when unset).
    pub required: bool,
    /// For an array: one `name=value` pair per item (`true`, form style
    /// with `explode`) or one pair with the items joined by `,`.
    pub explode: bool,
}

/// Where a [`Param`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// The URL's query.
    Query,
    /// A request header.
    Header,
}

/// The credentials an operation sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// HTTP Basic with the client's project ID and API token.
    Basic,
    /// `Authorization: Bearer` with the client's bearer token.
    Bearer,
    /// No `Authorization` header.
    None,
}

/// A list operation whose pages link to each other: its success body is an
/// object with exactly one array property (the items) and a `links` object
/// with a string `next` (the URL of the next page).
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The name of the streaming method (`<operation>_stream`).
    pub method_name: String,
    /// The type of one item.
    pub item: Ty,
    /// The field of the success body that holds the items.
    pub items_field: String,
    /// How the items field is held.
    pub items_presence: Presence,
    /// The field that holds the links.
    pub links_field: String,
    /// How the links field is held.
    pub links_presence: Presence,
    /// The field of the links that holds the next URL.
    pub next_field: String,
    /// How the next field is held.
    pub next_presence: Presence,
}

/// Literal text or a parameter of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as written.
    Literal(String),
    /// Index into the operation's `params`.
    Param(usize),
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// Rust parameter name.
    pub name: String,
    /// Name in the path template.
    pub wire: String,
    /// Type (`String` is taken as `&str`).
    pub ty: Ty,
    /// The parameter's description, listed under `# Parameters` in the method's docs.
    pub docs: Docs,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Rust parameter name.
    pub name: String,
    /// Type, taken by reference.
    pub ty: Ty,
    /// Whether the document requires it (otherwise the parameter is an `Option`).
    pub required: bool,
    /// How it is written on the wire.
    pub encoding: BodyEncoding,
}

/// How a request body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`: one `key=value` pair per
    /// scalar field, arrays as repeated keys.
    Form,
}

/// The one success status of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    /// The status code.
    pub status: u16,
    /// The body type; `None` for a response without a body.
    pub ty: Option<Ty>,
    /// How the body is read.
    pub format: BodyFormat,
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// Parsed as JSON (or no body at all).
    Json,
    /// Taken as text (`text/plain`), into a `String`.
    Text,
}

/// The statuses a response of the document answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status, such as `404`.
    Code(u16),
    /// A class such as `5XX`: the first digit.
    Range(u16),
    /// `default`: every status the operation does not declare otherwise.
    Default,
}

impl std::fmt::Display for StatusMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusMatch::Code(code) => write!(f, "{code}"),
            StatusMatch::Range(class) => write!(f, "{class}XX"),
            StatusMatch::Default => f.write_str("default"),
        }
    }
}

/// The per-operation enum of declared error statuses.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorEnum {
    /// The type name (`<Operation>Error`).
    pub name: String,
    /// What the enum holds, naming its operation.
    pub docs: Docs,
    /// One variant per status, ascending.
    pub variants: Vec<ErrorVariant>,
}

/// A declared error status, status range or `default`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// The variant name: the status's reason phrase (`NotFound`), the
    /// class of a range (`ClientError`, `ServerError`) or `Other`.
    pub name: String,
    /// The statuses it answers; a variant of a range or `default` holds
    /// the status it was returned with.
    pub status: StatusMatch,
    /// The body type; `None` for a response without a body.
    pub ty: Option<Ty>,
    /// How the body is read.
    pub format: BodyFormat,
    /// The response's description.
    pub docs: Docs,
    /// The response description in one line, for `Display`.
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(presence: Presence, flatten: bool) -> Field {
        Field {
            name: "tags".to_owned(),
            wire: "tags".to_owned(),
            docs: Vec::new(),
            ty: Ty::Map(Box::new(Ty::Array(Box::new(Ty::Uuid)))),
            presence,
            setter: "tags".to_owned(),
            clearer: None,
            flatten,
            one_or_many: false,
        }
    }

    #[test]
    fn a_field_is_spelled_with_the_wrapper_its_presence_gives() {
        let inner = "BTreeMap<String, Vec<Uuid>>";
        for (presence, spelled, required, nullable) in [
            (Presence::Required, inner.to_owned(), true, false),
            (Presence::Optional, format!("Option<{inner}>"), false, false),
            (
                Presence::RequiredNullable,
                format!("Option<{inner}>"),
                true,
                true,
            ),
            (
                Presence::OptionalNullable,
                format!("Nullable<{inner}>"),
                false,
                true,
            ),
        ] {
            assert_eq!(field(presence, false).rust_type(), spelled);
            assert_eq!(presence.is_required(), required, "{presence:?}");
            assert_eq!(presence.is_nullable(), nullable, "{presence:?}");
        }
        // A flattened map is held as it is: empty when unset.
        assert_eq!(field(Presence::Optional, true).wrapper(), Wrapper::Bare);
        assert_eq!(field(Presence::Optional, true).rust_type(), inner);
    }

    #[test]
    fn new_takes_the_required_fields_in_order() {
        let mut id = field(Presence::Required, false);
        id.name = "id".to_owned();
        let mut note = field(Presence::RequiredNullable, false);
        note.name = "note".to_owned();
        let s = Struct {
            name: "Thing".to_owned(),
            docs: Vec::new(),
            fields: vec![field(Presence::Optional, false), note, id],
            required: None,
        };
        let names: Vec<&str> = s.constructor_fields().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["note", "id"]);
    }
}
