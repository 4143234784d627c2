//! Stage 4, emit: IR -> token streams, one function per kind of item. Every name taken from the document comes from the IR; emit adds only the fixed names of the generated API (`new`, `as_str`, `KNOWN`, `status`), which lowering keeps free.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{
    Alias, Api, Auth, BodyFormat, Docs, Enum, ErrorEnum, ErrorVariant, Field, Operation, Param,
    ParamLocation, PathPart, Presence, StatusMatch, Struct, Ty, TypeDef, Union,
};

/// The tokens of each generated module file.
pub struct Modules {
    /// `mod.rs`: module docs, server constants, re-exports.
    pub root: TokenStream,
    /// `types.rs`: every schema type.
    pub types: TokenStream,
    /// `operations.rs`: error enums and the client methods.
    pub operations: TokenStream,
}

/// Emits the module files of `api`.
pub fn emit(api: &Api) -> Modules {
    Modules {
        root: root_module(api),
        types: api.types.iter().map(type_def).collect(),
        operations: api.operations.iter().map(operation).collect(),
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// One `#[doc]` per line, so that the output reads as `///` comments.
fn docs(lines: &Docs) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = doc_text(line);
            quote!(#[doc = #text])
        })
        .collect()
}

/// One `#![doc]` per line, read as `//!` comments.
fn inner_docs(lines: &Docs) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = doc_text(line);
            quote!(#![doc = #text])
        })
        .collect()
}

/// A doc line as rustdoc's `/// text` sugar stores it (a leading space).
fn doc_text(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

fn doc(line: &str) -> TokenStream {
    docs(&vec![line.to_owned()])
}

/// The first paragraph of `lines` (up to the first blank line).
fn first_paragraph(lines: &Docs) -> Docs {
    lines
        .iter()
        .take_while(|line| !line.trim().is_empty())
        .cloned()
        .collect()
}

/// The path of `item` in the client runtime, as generated code names it.
/// Every path into the runtime comes from here, so that where the runtime
/// lives is written once.
fn runtime(item: &str) -> TokenStream {
    let item = ident(item);
    quote!(crate::runtime::#item)
}

/// [`runtime`] as text, for paths that serde takes as strings.
fn runtime_text(item: &str) -> String {
    runtime(item).to_string().replace(' ', "")
}

/// Where named types live relative to the module being emitted.
#[derive(Clone, Copy)]
enum Scope {
    Types,
    Operations,
}

fn ty(ty: &Ty, scope: Scope) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::Uuid => quote!(::uuid::Uuid),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::Json => quote!(::serde_json::Value),
        Ty::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Operations => quote!(super::types::#name),
            }
        }
        Ty::Array(item) => {
            let item = self::ty(item, scope);
            quote!(::std::vec::Vec<#item>)
        }
        Ty::Map(value) => {
            let value = self::ty(value, scope);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        Ty::Option(inner) => {
            let inner = self::ty(inner, scope);
            quote!(::std::option::Option<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = self::ty(inner, scope);
            quote!(::std::boxed::Box<#inner>)
        }
    }
}

fn root_module(api: &Api) -> TokenStream {
    let module_docs = inner_docs(&api.docs);
    let (url, variables) = match &api.server {
        Some(server) => (server.url.clone(), server.variables.clone()),
        None => (String::new(), Vec::new()),
    };
    let variables = variables
        .iter()
        .map(|variable| (&variable.name, &variable.default))
        .map(|(name, default)| quote!((#name, #default)));
    quote! {
        #module_docs
        mod operations;
        mod types;
        pub use operations::*;
        pub use types::*;
        /// The URL template of the first server the API document declares (empty if none).
        pub(crate) const SERVER_URL: &str = #url;
        /// `(name, default)` of each variable of [`SERVER_URL`], in the order they appear in it.
        pub(crate) const SERVER_VARIABLES: &[(&str, &str)] = &[#(#variables),*];
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    match def {
        TypeDef::Struct(s) => structure(s),
        TypeDef::Enum(e) => enumeration(e),
        TypeDef::Alias(a) => alias(a),
        TypeDef::Union(u) => union(u),
    }
}

fn alias(alias: &Alias) -> TokenStream {
    let docs = docs(&alias.docs);
    let name = ident(&alias.name);
    let target = ty(&alias.ty, Scope::Types);
    quote! {
        #docs
        pub type #name = #target;
    }
}

/// The type a field is declared with.
fn field_type(field: &Field) -> TokenStream {
    let inner = ty(&field.ty, Scope::Types);
    if field.flatten {
        return inner;
    }
    match field.presence {
        Presence::Required => inner,
        Presence::Optional | Presence::RequiredNullable => quote!(::std::option::Option<#inner>),
        Presence::OptionalNullable => {
            let nullable = runtime("Nullable");
            quote!(#nullable<#inner>)
        }
    }
}

/// The parameter type a constructor or setter takes for a value of `ty`,
/// and the expression that turns the parameter `value` into the field value
/// (`None` when the parameter already is the value).
fn accepted(ty: &Ty, value: &Ident) -> (TokenStream, Option<TokenStream>) {
    match ty {
        Ty::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            Some(quote!(::std::convert::Into::into(#value))),
        ),
        Ty::Boxed(inner) => {
            let inner = self::ty(inner, Scope::Types);
            (
                quote!(impl ::std::convert::Into<::std::boxed::Box<#inner>>),
                Some(quote!(::std::convert::Into::into(#value))),
            )
        }
        Ty::Array(item) => {
            let item = self::ty(item, Scope::Types);
            (
                quote!(impl ::std::iter::IntoIterator<Item = #item>),
                Some(
                    quote!(::std::iter::Iterator::collect(::std::iter::IntoIterator::into_iter(#value))),
                ),
            )
        }
        other => (self::ty(other, Scope::Types), None),
    }
}

fn structure(s: &Struct) -> TokenStream {
    let docs = docs(&s.docs);
    let name = ident(&s.name);
    let has_required = s.fields.iter().any(|f| f.presence == Presence::Required);
    let default = (!has_required).then(|| quote!(::std::default::Default,));
    let fields = s.fields.iter().map(|field| {
        let docs = self::docs(&field.docs);
        let field_name = ident(&field.name);
        let field_ty = field_type(field);
        let wire = &field.wire;
        let mut serde = Vec::new();
        if field.flatten {
            serde.push(quote!(flatten));
        } else {
            if field.name != field.wire {
                serde.push(quote!(rename = #wire));
            }
            match field.presence {
                Presence::Optional => {
                    serde.push(quote!(
                        default,
                        skip_serializing_if = "::std::option::Option::is_none"
                    ));
                }
                Presence::OptionalNullable => {
                    let is_absent = format!("{}::is_absent", runtime_text("Nullable"));
                    serde.push(quote!(default, skip_serializing_if = #is_absent));
                }
                Presence::Required | Presence::RequiredNullable => {}
            }
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        quote! {
            #docs
            #serde
            pub #field_name: #field_ty,
        }
    });

    // The constructor takes the fields that must be present, in document
    // order: one as it is, several as a struct that names each of them.
    let constructor_fields: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
        .collect();
    let initializers = s.fields.iter().map(|field| {
        let name = ident(&field.name);
        match field.presence {
            Presence::Required if s.required.is_none() => match accepted(&field.ty, &name).1 {
                Some(convert) => quote!(#name: #convert),
                None => quote!(#name),
            },
            Presence::Required | Presence::RequiredNullable => quote!(#name),
            Presence::Optional | Presence::OptionalNullable => {
                quote!(#name: ::std::default::Default::default())
            }
        }
    });
    let constructor_doc = doc(if s.fields.is_empty() {
        "The value; it has no fields."
    } else if constructor_fields.is_empty() {
        "A value with every field unset."
    } else if constructor_fields.len() == s.fields.len() {
        "A value made of all its fields."
    } else {
        "A value made of the fields the API requires; the others start unset."
    });
    let (required_struct, params, unpack) = match &s.required {
        Some(required) => {
            let required = ident(required);
            let struct_doc = doc(&format!(
                "The fields of [`{}`] the API requires, for [`{}::new`]: each value is named \
                 where it is given, so that two of one type cannot be swapped.",
                s.name, s.name
            ));
            let names: Vec<Ident> = constructor_fields.iter().map(|f| ident(&f.name)).collect();
            let declared = constructor_fields.iter().map(|field| {
                let docs = self::docs(&first_paragraph(&field.docs));
                let field_name = ident(&field.name);
                let field_ty = field_type(field);
                quote!(#docs pub #field_name: #field_ty,)
            });
            (
                quote! {
                    #struct_doc
                    #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
                    pub struct #required {
                        #(#declared)*
                    }
                },
                quote!(required: #required),
                quote!(let #required { #(#names),* } = required;),
            )
        }
        None => {
            let params = constructor_fields.iter().map(|field| {
                let name = ident(&field.name);
                let (param_ty, _) = accepted(&field.ty, &name);
                match field.presence {
                    Presence::RequiredNullable => {
                        let inner = ty(&field.ty, Scope::Types);
                        quote!(#name: ::std::option::Option<#inner>)
                    }
                    _ => quote!(#name: #param_ty),
                }
            });
            (TokenStream::new(), quote!(#(#params),*), TokenStream::new())
        }
    };
    let setters = s.fields.iter().map(setter);
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #required_struct

        impl #name {
            #constructor_doc
            pub fn new(#params) -> Self {
                #unpack
                Self { #(#initializers),* }
            }
            #(#setters)*
        }
    }
}

fn union(u: &Union) -> TokenStream {
    let docs = docs(&u.docs);
    let name = ident(&u.name);
    let variants = u.variants.iter().map(|variant| {
        let docs = self::docs(&variant.docs);
        let variant_name = ident(&variant.name);
        let variant_ty = ty(&variant.ty, Scope::Types);
        quote!(#docs #variant_name(#variant_ty),)
    });
    // A variant that holds a struct may be much larger than one that holds
    // a number; boxing it would cost every user an indirection to please a lint.
    let large = u
        .variants
        .iter()
        .any(|v| matches!(v.ty, Ty::Named(_)))
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let Some(tag) = &u.tag else {
        return quote! {
            #docs
            #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            #large
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let property = &tag.property;
    let unknown = ident(&tag.unknown);
    let unknown_doc = doc(&format!(
        "A value whose `{property}` the API document does not list (yet), kept as received."
    ));
    let names: Vec<Ident> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let first_tags = u
        .variants
        .iter()
        .map(|v| v.tags.first().cloned().unwrap_or_default());
    let tag_patterns = u.variants.iter().map(|v| {
        let tags = &v.tags;
        quote!(#(#tags)|*)
    });
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        #large
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#names(value) => (#first_tags, ::serde_json::to_value(value)),)*
                    Self::#unknown(value) => return ::serde::Serialize::serialize(value, serializer),
                };
                let mut value = value.map_err(::serde::ser::Error::custom)?;
                if let ::serde_json::Value::Object(object) = &mut value {
                    object
                        .entry(#property)
                        .or_insert_with(|| ::serde_json::Value::from(tag));
                }
                ::serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#property)
                    .and_then(::serde_json::Value::as_str)
                    .map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #(::std::option::Option::Some(#tag_patterns) => ::serde_json::from_value(value)
                        .map(Self::#names)
                        .map_err(::serde::de::Error::custom),)*
                    _ => ::std::result::Result::Ok(Self::#unknown(value)),
                }
            }
        }
    }
}

fn setter(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let setter = ident(&field.setter);
    let value = Ident::new("value", Span::call_site());
    let (param_ty, convert) = accepted(&field.ty, &value);
    let convert = convert.unwrap_or_else(|| value.to_token_stream());
    let wire = &field.wire;
    // What the field means, as its own doc says; the setter's name says
    // what it does.
    let mut meaning = first_paragraph(&field.docs);
    if meaning.is_empty() {
        meaning.push(format!("Sets `{wire}`."));
    }
    match field.presence {
        Presence::Required | Presence::RequiredNullable => TokenStream::new(),
        Presence::Optional if field.flatten => {
            let value_ty = match &field.ty {
                Ty::Map(value) => ty(value, Scope::Types),
                other => ty(other, Scope::Types),
            };
            let doc = docs(&meaning);
            quote! {
                #doc
                pub fn #setter(mut self, value: impl ::std::iter::IntoIterator<Item = (::std::string::String, #value_ty)>) -> Self {
                    self.#name = ::std::iter::Iterator::collect(::std::iter::IntoIterator::into_iter(value));
                    self
                }
            }
        }
        Presence::Optional => {
            let doc = docs(&meaning);
            quote! {
                #doc
                pub fn #setter(mut self, value: #param_ty) -> Self {
                    self.#name = ::std::option::Option::Some(#convert);
                    self
                }
            }
        }
        Presence::OptionalNullable => {
            let set_doc = docs(&meaning);
            let nullable = runtime("Nullable");
            let clearer = field.clearer.as_deref().map(|clearer| {
                let clearer = ident(clearer);
                let doc = doc(&format!(
                    "Sets `{wire}` to an explicit `null`, which is sent as `null` rather than left out."
                ));
                quote! {
                    #doc
                    pub fn #clearer(mut self) -> Self {
                        self.#name = #nullable::Null;
                        self
                    }
                }
            });
            quote! {
                #set_doc
                pub fn #setter(mut self, value: #param_ty) -> Self {
                    self.#name = #nullable::Value(#convert);
                    self
                }
                #clearer
            }
        }
    }
}

fn enumeration(e: &Enum) -> TokenStream {
    let docs = docs(&e.docs);
    let unknown_value = runtime("UnknownValue");
    let name = ident(&e.name);
    let unknown = ident(&e.unknown);
    let variant_names: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let variants = e
        .variants
        .iter()
        .zip(&variant_names)
        .map(|(variant, ident)| {
            let docs = self::docs(&variant.docs);
            quote!(#docs #ident,)
        });
    let parse_doc = doc(&format!(
        "Parses a value; one the document does not list becomes [`{}::{}`].",
        e.name, e.unknown
    ));
    let default = e.default.map(|index| {
        let variant = &variant_names[index];
        let doc = doc(&format!(
            "The API's default, [`{}::{}`].",
            e.name, e.variants[index].name
        ));
        quote! {
            impl ::std::default::Default for #name {
                #doc
                fn default() -> Self {
                    Self::#variant
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the API document does not list (yet), kept exactly as received.
            #unknown(#unknown_value),
        }

        impl #name {
            /// Every value the API document lists, in its order.
            pub const KNOWN: &'static [#name] = &[#(Self::#variant_names),*];

            /// The value exactly as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variant_names => #wires,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Whether the API document lists this value.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#unknown(_))
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#wires => ::std::option::Option::Some(Self::#variant_names),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            #parse_doc
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::#unknown(#unknown_value::new(value.to_owned())))
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            #parse_doc
            fn from(value: ::std::string::String) -> Self {
                Self::known(&value).unwrap_or_else(|| Self::#unknown(#unknown_value::new(value)))
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            /// Parses a value; this never fails, since unlisted values are kept.
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #unknown_value::deserialize_enum(deserializer)
            }
        }

        #default
    }
}

fn error_enum(errors: &ErrorEnum) -> TokenStream {
    let docs = docs(&errors.docs);
    let name = ident(&errors.name);
    let variants = errors.variants.iter().map(|variant| {
        let docs = self::docs(&variant.docs);
        let variant_name = ident(&variant.name);
        let payload = variant.ty.as_ref().map(|body| ty(body, Scope::Operations));
        match variant.status {
            StatusMatch::Code(code) => {
                let status_doc = doc(&format!("Status `{code}`."));
                let status_alias = code.to_string();
                let payload = payload.map(|body| quote!((#body)));
                quote! {
                    #docs
                    ///
                    #status_doc
                    #[doc(alias = #status_alias)]
                    #variant_name #payload,
                }
            }
            StatusMatch::Range(_) | StatusMatch::Default => {
                let status_doc = doc(&match variant.status {
                    StatusMatch::Range(class) => format!(
                        "Any status `{class}XX` not declared on its own (`{}`), with the status it came with.",
                        variant.status
                    ),
                    _ => "Any status the operation does not declare otherwise (`default`), with \
                          the status it came with."
                        .to_owned(),
                });
                let body = payload.map(|body| {
                    quote! {
                        /// The decoded body.
                        body: #body,
                    }
                });
                quote! {
                    #docs
                    ///
                    #status_doc
                    #variant_name {
                        /// The HTTP status the response came with.
                        status: u16,
                        #body
                    },
                }
            }
        }
    });
    let pattern = |variant: &ErrorVariant| {
        let variant_name = ident(&variant.name);
        match (variant.status, &variant.ty) {
            (StatusMatch::Code(_), Some(_)) => quote!(Self::#variant_name(_)),
            (StatusMatch::Code(_), None) => quote!(Self::#variant_name),
            _ => quote!(Self::#variant_name { .. }),
        }
    };
    let status_arms = errors.variants.iter().map(|variant| match variant.status {
        StatusMatch::Code(code) => {
            let pattern = pattern(variant);
            let code = Literal::u16_unsuffixed(code);
            quote!(#pattern => #code,)
        }
        _ => {
            let variant_name = ident(&variant.name);
            quote!(Self::#variant_name { status, .. } => status,)
        }
    });
    let patterns: Vec<TokenStream> = errors.variants.iter().map(pattern).collect();
    let summaries = errors.variants.iter().map(|v| v.summary.as_str());
    // An operation without declared error statuses has an empty enum, whose
    // `fmt` does not use the formatter.
    let formatter = if errors.variants.is_empty() {
        quote!(_f)
    } else {
        quote!(f)
    };
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The HTTP status this error was returned with.
            pub fn status(&self) -> u16 {
                match *self {
                    #(#status_arms)*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    #(#patterns => f.write_str(#summaries),)*
                }
            }
        }
    }
}

/// The expression that gives the text of the parameter value `value` (a
/// reference to a value of the scalar type `ty`) as a `&str`.
fn param_text(ty: &Ty, value: &TokenStream) -> TokenStream {
    match ty {
        Ty::String | Ty::Named(_) => quote!(#value.as_str()),
        Ty::DateTime => {
            let date_time_text = runtime("date_time_text");
            quote!(&#date_time_text(#value))
        }
        _ => quote!(&::std::string::ToString::to_string(#value)),
    }
}

/// The expression that gives the text of the parameter value `value` as
/// a `String`, for values that are joined.
fn param_string(ty: &Ty, value: &TokenStream) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::clone::Clone::clone(#value)),
        Ty::Named(_) => quote!(::std::borrow::ToOwned::to_owned(#value.as_str())),
        Ty::DateTime => {
            let date_time_text = runtime("date_time_text");
            quote!(#date_time_text(#value))
        }
        _ => quote!(::std::string::ToString::to_string(#value)),
    }
}

/// The statements that put one query or header parameter of the struct
/// `params` into `query` or `headers`.
fn put_param(param: &Param, params: &Ident) -> TokenStream {
    let field = ident(&param.field);
    let wire = &param.wire;
    let value = quote!(value);
    let put = match (&param.ty, param.location) {
        (Ty::Array(item), ParamLocation::Query) if param.explode => {
            let text = param_text(item, &value);
            quote! {
                for value in value {
                    query.push(#wire, #text);
                }
            }
        }
        (Ty::Array(item), location) => {
            let text = param_string(item, &value);
            let strings = quote!(::std::iter::Iterator::map(value.iter(), |value| #text));
            let joined = quote! {
                &::std::iter::Iterator::collect::<::std::vec::Vec<_>>(#strings).join(",")
            };
            match location {
                ParamLocation::Query => quote!(query.push_joined(#wire, #strings);),
                ParamLocation::Header => {
                    let header_param = runtime("header_param");
                    let lower = wire.to_ascii_lowercase();
                    quote!(#header_param(&mut headers, PATH_TEMPLATE, #lower, #joined)?;)
                }
            }
        }
        (scalar, ParamLocation::Query) => {
            let text = param_text(scalar, &value);
            quote!(query.push(#wire, #text);)
        }
        (scalar, ParamLocation::Header) => {
            let text = param_text(scalar, &value);
            let header_param = runtime("header_param");
            let lower = wire.to_ascii_lowercase();
            quote!(#header_param(&mut headers, PATH_TEMPLATE, #lower, #text)?;)
        }
    };
    if param.required {
        quote! {
            {
                let value = &#params.#field;
                #put
            }
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &#params.#field {
                #put
            }
        }
    }
}

fn operation(op: &Operation) -> TokenStream {
    let error_enum = error_enum(&op.errors);
    let docs = docs(&op.docs);
    let method_name = ident(&op.method_name);
    let error_name = ident(&op.errors.name);
    let params = op.params.iter().map(|param| {
        let name = ident(&param.name);
        let param_ty = match &param.ty {
            Ty::String => quote!(&str),
            other => ty(other, Scope::Operations),
        };
        quote!(#name: #param_ty)
    });
    let query_param = op.query.as_ref().map(|query| {
        let name = ident(&query.name);
        let query_ty = ty(&Ty::Named(query.ty.clone()), Scope::Operations);
        quote!(#name: &#query_ty)
    });
    let body_param = op.body.as_ref().map(|body| {
        let name = ident(&body.name);
        let body_ty = ty(&body.ty, Scope::Operations);
        if body.required {
            quote!(#name: &#body_ty)
        } else {
            quote!(#name: ::std::option::Option<&#body_ty>)
        }
    });
    let all_params = params.chain(query_param).chain(body_param);
    let success_ty = match &op.success.ty {
        Some(success) => ty(success, Scope::Operations),
        None => quote!(()),
    };
    let path_segment = runtime("path_segment");
    let encode_json = runtime("encode_json");
    let segments: Vec<TokenStream> = op
        .path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.to_token_stream(),
            PathPart::Param(index) => {
                let param = &op.params[*index];
                let name = ident(&param.name);
                let wire = &param.wire;
                let value = match &param.ty {
                    Ty::String => quote!(#name),
                    Ty::Named(_) => quote!(#name.as_str()),
                    _ => quote!(&::std::string::ToString::to_string(&#name)),
                };
                quote!(&#path_segment(PATH_TEMPLATE, #wire, #value)?)
            }
        })
        .collect();
    let in_query = |location| {
        op.query
            .iter()
            .flat_map(|q| &q.params)
            .filter(move |p| p.location == location)
    };
    let query = op.query.as_ref().map(|q| ident(&q.name));
    let query_statements = query.as_ref().and_then(|name| {
        let puts: Vec<TokenStream> = in_query(ParamLocation::Query)
            .map(|param| put_param(param, name))
            .collect();
        if puts.is_empty() {
            return None;
        }
        let query_type = runtime("Query");
        Some(quote! {
            let mut query = #query_type::new();
            #(#puts)*
            let path = query.append_to(path);
        })
    });
    let header_puts: Vec<TokenStream> = query
        .as_ref()
        .map(|name| {
            in_query(ParamLocation::Header)
                .map(|param| put_param(param, name))
                .collect()
        })
        .unwrap_or_default();
    let text_success = op.success.format == BodyFormat::Text;
    let extras = (!header_puts.is_empty() || op.auth != Auth::Basic || text_success).then(|| {
        let extras = runtime("RequestExtras");
        let scheme = runtime("AuthScheme");
        let auth = match op.auth {
            Auth::Basic => quote!(#scheme::Basic),
            Auth::Bearer => quote!(#scheme::Bearer),
            Auth::None => quote!(#scheme::None),
        };
        let accept = if text_success {
            "text/plain"
        } else {
            "application/json"
        };
        let headers = if header_puts.is_empty() {
            quote!(headers: ::reqwest::header::HeaderMap::new())
        } else {
            quote!(headers)
        };
        quote!(#extras { #headers, auth: #auth, accept: #accept })
    });
    let header_statements = (!header_puts.is_empty()).then(|| {
        quote! {
            let mut headers = ::reqwest::header::HeaderMap::new();
            #(#header_puts)*
        }
    });
    let body_value = match &op.body {
        Some(body) if body.required => {
            let name = ident(&body.name);
            quote!(::std::option::Option::Some(#encode_json(#name)?))
        }
        Some(body) => {
            let name = ident(&body.name);
            quote!(match #name {
                ::std::option::Option::Some(value) => ::std::option::Option::Some(#encode_json(value)?),
                ::std::option::Option::None => ::std::option::Option::None,
            })
        }
        None => quote!(::std::option::Option::None),
    };
    let http_method = Ident::new(op.method.as_str(), Span::call_site());
    let template = &op.path_template;
    let method_alias = format!("{} {template}", op.method.as_str());
    let success_status = Literal::u16_unsuffixed(op.success.status);
    let success_arm = match (&op.success.ty, op.success.format) {
        (Some(_), BodyFormat::Json) => quote!(#success_status => response.json(),),
        (Some(_), BodyFormat::Text) => quote!(#success_status => response.text(),),
        (None, _) => quote!(#success_status => response.empty(),),
    };
    let mut has_default = false;
    let error_arms: Vec<TokenStream> = op
        .errors
        .variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.name);
            let decode = match (&variant.ty, variant.format) {
                (Some(_), BodyFormat::Json) => quote!(api_error),
                (Some(_), BodyFormat::Text) => quote!(api_error_text),
                (None, _) => quote!(api_error_without_body),
            };
            let pattern = match variant.status {
                StatusMatch::Code(code) => {
                    let status = Literal::u16_unsuffixed(code);
                    return quote!(#status => response.#decode(#error_name::#variant_name),);
                }
                StatusMatch::Range(class) => {
                    let low = Literal::u16_unsuffixed(class * 100);
                    let high = Literal::u16_unsuffixed(class * 100 + 99);
                    quote!(status @ #low..=#high)
                }
                StatusMatch::Default => {
                    has_default = true;
                    quote!(status)
                }
            };
            match variant.ty {
                Some(_) => quote! {
                    #pattern => response.#decode(|body| #error_name::#variant_name { status, body }),
                },
                None => quote! {
                    #pattern => response.#decode(#error_name::#variant_name { status }),
                },
            }
        })
        .collect();
    let fallback = (!has_default).then(|| quote!(_ => response.unexpected(),));
    let client = runtime("Client");
    let error = runtime("Error");
    let operation_request = runtime("OperationRequest");
    let request = quote! {
        #operation_request {
            method: ::reqwest::Method::#http_method,
            path_template: PATH_TEMPLATE,
            path,
            body,
        }
    };
    let sent = match &extras {
        Some(extras) => {
            let send_with = runtime("send_with");
            quote!(#send_with(self, #request, #extras))
        }
        None => {
            let send = runtime("send");
            quote!(#send(self, #request))
        }
    };
    let arms = quote! {
        #success_arm
        #(#error_arms)*
        #fallback
    };
    let stream = op.pagination.as_ref().map(|pagination| {
        let stream_name = ident(&pagination.method_name);
        let stream_params = op
            .params
            .iter()
            .map(|param| {
                let name = ident(&param.name);
                let param_ty = match &param.ty {
                    Ty::String => quote!(&str),
                    other => ty(other, Scope::Operations),
                };
                quote!(#name: #param_ty)
            })
            .chain(op.query.as_ref().map(|query| {
                let name = ident(&query.name);
                let query_ty = ty(&Ty::Named(query.ty.clone()), Scope::Operations);
                quote!(#name: &#query_ty)
            }));
        let item_ty = ty(&pagination.item, Scope::Operations);
        let request_extras = runtime("RequestExtras");
        let first_extras = extras
            .clone()
            .unwrap_or_else(|| quote!(<#request_extras as ::std::default::Default>::default()));
        let items_field = ident(&pagination.items_field);
        let items = match pagination.items_presence {
            Presence::Required => quote!(page.#items_field),
            Presence::Optional | Presence::RequiredNullable => {
                quote!(page.#items_field.unwrap_or_default())
            }
            Presence::OptionalNullable => {
                quote!(page.#items_field.into_option().unwrap_or_default())
            }
        };
        let next_field = ident(&pagination.next_field);
        let next = |links: TokenStream| match pagination.next_presence {
            Presence::Required => quote!(::std::option::Option::Some(#links.#next_field)),
            Presence::Optional | Presence::RequiredNullable => quote!(#links.#next_field),
            Presence::OptionalNullable => quote!(#links.#next_field.into_option()),
        };
        let links_field = ident(&pagination.links_field);
        let next = match pagination.links_presence {
            Presence::Required => next(quote!(page.#links_field)),
            Presence::Optional | Presence::RequiredNullable => {
                let inner = next(quote!(links));
                quote!(page.#links_field.and_then(|links| #inner))
            }
            Presence::OptionalNullable => {
                let inner = next(quote!(links));
                quote!(page.#links_field.into_option().and_then(|links| #inner))
            }
        };
        let pages = runtime("pages");
        let docs = self::docs(&stream_docs(op, &pagination.method_name));
        quote! {
            #docs
            pub fn #stream_name(&self, #(#stream_params),*) -> impl ::futures_core::Stream<Item = ::std::result::Result<#item_ty, #error<#error_name>>> + ::std::marker::Send + 'static {
                const PATH_TEMPLATE: &str = #template;
                // A closure, so that `?` ends the building of the first request.
                #[allow(clippy::redundant_closure_call)]
                let first = (|| -> ::std::result::Result<(::std::string::String, #request_extras), #error<#error_name>> {
                    let path = [#(#segments),*].concat();
                    #query_statements
                    #header_statements
                    ::std::result::Result::Ok((path, #first_extras))
                })();
                #pages(self, PATH_TEMPLATE, first, |response| -> ::std::result::Result<(::std::vec::Vec<#item_ty>, ::std::option::Option<::std::string::String>), #error<#error_name>> {
                    let page: ::std::result::Result<#success_ty, #error<#error_name>> = match response.status() {
                        #arms
                    };
                    let page = page?;
                    ::std::result::Result::Ok((#items, #next))
                })
            }
        }
    });
    quote! {
        #error_enum

        impl #client {
            #docs
            #[doc(alias = #template)]
            #[doc(alias = #method_alias)]
            pub async fn #method_name(&self, #(#all_params),*) -> ::std::result::Result<#success_ty, #error<#error_name>> {
                const PATH_TEMPLATE: &str = #template;
                let path = [#(#segments),*].concat();
                #query_statements
                #header_statements
                let body = #body_value;
                let response = #sent
                .await?;
                match response.status() {
                    #arms
                }
            }
            #stream
        }
    }
}

/// The docs of the streaming method of a paginated operation.
fn stream_docs(op: &Operation, stream_name: &str) -> Docs {
    let one_page = &op.method_name;
    let mut lines = vec![
        format!("Every item of every page of [`{one_page}`](Self::{one_page}), as a stream."),
        String::new(),
        format!(
            "Fetches the first page as [`{one_page}`](Self::{one_page}) does, then follows the \
             page's `links.next` URL as the server gives it (absolute, or relative to the base \
             URL) on the same client: with its credentials, header parameters, timeouts and \
             retries. It stops after a page without `next` (absent or `null`). Items come in \
             the server's order, none skipped or repeated; an error is the last item of the \
             stream."
        ),
        String::new(),
        "A `next` URL is followed only on the base URL's origin (scheme, host and port): \
         another one ends the stream with \
         [`Error::ForeignNextLink`](crate::Error::ForeignNextLink) and nothing, credentials \
         least of all, is sent there; a `next` URL that was already fetched ends it with \
         [`Error::RepeatedNextLink`](crate::Error::RepeatedNextLink), one that is not a URL \
         with [`Error::InvalidNextLink`](crate::Error::InvalidNextLink)."
            .to_owned(),
        String::new(),
        "The generator gives this method to every `GET` operation whose success body is an \
         object with exactly one array property (the items) and a `links` object with a \
         string `next`."
            .to_owned(),
    ];
    lines.push(String::new());
    lines.push(format!(
        "Consume it with any `Stream` combinators, e.g. `futures::StreamExt::next` in a loop: \
         `while let Some(item) = stream.next().await {{ .. }}` after \
         `let mut stream = std::pin::pin!(client.{stream_name}(..));`."
    ));
    lines.push(String::new());
    lines.push("# Errors".to_owned());
    lines.push(String::new());
    lines.push(format!(
        "As [`{one_page}`](Self::{one_page}), for the page that failed; and the link errors \
         above."
    ));
    lines
}
