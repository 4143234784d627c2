//! Stage 4, emit: IR -> token streams, one function per kind of item. Every name taken from the document comes from the IR; emit adds only the fixed names of the generated API (`new`, `as_str`, `KNOWN`, `status`), which lowering keeps free.
//!
//! This module holds the entry point and what every construct shares (idents,
//! docs, the one path into the runtime, a type's Rust spelling); each kind of
//! item has a module of its own.

mod enums;
mod errors;
mod operations;
mod params;
mod streams;
mod structs;
mod unions;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Alias, Api, Docs, Ty, TypeDef};

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
        operations: api.operations.iter().map(operations::operation).collect(),
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
        TypeDef::Struct(s) => structs::structure(s),
        TypeDef::Enum(e) => enums::enumeration(e),
        TypeDef::Alias(a) => alias(a),
        TypeDef::Union(u) => unions::union(u),
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
