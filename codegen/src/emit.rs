//! Stage 4, emit: IR -> token streams, one function per kind of item. Every name taken from the document comes from the IR; emit adds only the fixed names of the generated API (`new`, `as_str`, `KNOWN`, `status`), which lowering keeps free.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{
    Alias, Api, Docs, Enum, ErrorEnum, Field, Operation, PathPart, Presence, Struct, Ty, TypeDef,
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
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        quote! {
            #docs
            #serde
            pub #field_name: #field_ty,
        }
    });

    // The constructor takes the fields that must be present, in document order.
    let constructor_fields: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
        .collect();
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
    let initializers = s.fields.iter().map(|field| {
        let name = ident(&field.name);
        match field.presence {
            Presence::Required => match accepted(&field.ty, &name).1 {
                Some(convert) => quote!(#name: #convert),
                None => quote!(#name),
            },
            Presence::RequiredNullable => quote!(#name),
            Presence::Optional | Presence::OptionalNullable => {
                quote!(#name: ::std::default::Default::default())
            }
        }
    });
    let many = (constructor_fields.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor_doc = doc(if s.fields.is_empty() {
        "The value; it has no fields."
    } else if constructor_fields.is_empty() {
        "A value with every field unset."
    } else if constructor_fields.len() == s.fields.len() {
        "A value made of all its fields."
    } else {
        "A value made of the fields the API requires; the others start unset."
    });
    let setters = s.fields.iter().map(setter);
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor_doc
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#initializers),* }
            }
            #(#setters)*
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
                    "Sends `{wire}` as an explicit `null`, which clears it."
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
        let status_doc = doc(&format!("Status `{}`.", variant.status));
        let status_alias = variant.status.to_string();
        let variant_name = ident(&variant.name);
        let payload = variant.ty.as_ref().map(|body| {
            let body = ty(body, Scope::Operations);
            quote!((#body))
        });
        quote! {
            #docs
            ///
            #status_doc
            #[doc(alias = #status_alias)]
            #variant_name #payload,
        }
    });
    let patterns: Vec<TokenStream> = errors
        .variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.name);
            match variant.ty {
                Some(_) => quote!(Self::#variant_name(_)),
                None => quote!(Self::#variant_name),
            }
        })
        .collect();
    let statuses = errors
        .variants
        .iter()
        .map(|v| Literal::u16_unsuffixed(v.status));
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
                    #(#patterns => #statuses,)*
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
    let body_param = op.body.as_ref().map(|body| {
        let name = ident(&body.name);
        let body_ty = ty(&body.ty, Scope::Operations);
        if body.required {
            quote!(#name: &#body_ty)
        } else {
            quote!(#name: ::std::option::Option<&#body_ty>)
        }
    });
    let all_params = params.chain(body_param);
    let success_ty = match &op.success.ty {
        Some(success) => ty(success, Scope::Operations),
        None => quote!(()),
    };
    let path_segment = runtime("path_segment");
    let encode_json = runtime("encode_json");
    let segments = op.path.iter().map(|part| match part {
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
    let success_arm = match op.success.ty {
        Some(_) => quote!(#success_status => response.json(),),
        None => quote!(#success_status => response.empty(),),
    };
    let error_arms = op.errors.variants.iter().map(|variant| {
        let status = Literal::u16_unsuffixed(variant.status);
        let variant_name = ident(&variant.name);
        match variant.ty {
            Some(_) => quote!(#status => response.api_error(#error_name::#variant_name),),
            None => quote!(#status => response.api_error_without_body(#error_name::#variant_name),),
        }
    });
    let client = runtime("Client");
    let error = runtime("Error");
    let send = runtime("send");
    let operation_request = runtime("OperationRequest");
    quote! {
        #error_enum

        impl #client {
            #docs
            #[doc(alias = #template)]
            #[doc(alias = #method_alias)]
            pub async fn #method_name(&self, #(#all_params),*) -> ::std::result::Result<#success_ty, #error<#error_name>> {
                const PATH_TEMPLATE: &str = #template;
                let path = [#(#segments),*].concat();
                let body = #body_value;
                let response = #send(
                    self,
                    #operation_request {
                        method: ::reqwest::Method::#http_method,
                        path_template: PATH_TEMPLATE,
                        path,
                        body,
                    },
                )
                .await?;
                match response.status() {
                    #success_arm
                    #(#error_arms)*
                    _ => response.unexpected(),
                }
            }
        }
    }
}
