//! Stage 4, emit: IR -> token streams, one function per kind of item. Every name taken from the document comes from the IR; emit adds only the fixed names of the generated API (`new`, `as_str`, `KNOWN`, `status`), which lowering keeps free.
//!
//! This module holds the entry point and what every construct shares (idents,
//! docs, the one path into the runtime, a type's Rust spelling); each kind of
//! item has a module of its own.

pub(crate) mod areas;
mod call;
mod enums;
mod errors;
mod mock;
mod operations;
mod params;
mod streams;
mod structs;
pub(crate) mod sweep;
mod unions;

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Alias, Api, Docs, Operation, Ty, TypeDef};

/// The tokens of each generated module file.
pub struct Modules {
    /// `mod.rs`: module docs, server constants, the area modules,
    /// re-exports.
    pub root: TokenStream,
    /// `types.rs`: the schema types of no area and no namespace module:
    /// shared by several areas, or every type when the document has no
    /// areas.
    pub types: TokenStream,
    /// `operations.rs`: error enums and the client methods of the
    /// operations of no area; `None` when every operation has an area.
    pub operations: Option<TokenStream>,
    /// `<area>.rs` by area name: the area's docs, its types, error enums
    /// and client methods.
    pub areas: Vec<(String, TokenStream)>,
    /// `<feature>.rs` by the name of a namespace's feature: its docs and
    /// types ([`crate::ir::TypeFeature::module`]).
    pub namespaces: Vec<(String, TokenStream)>,
}

/// Emits the module files of `api`. Named types are written bare, so every
/// module imports the modules of shared types (`types` and those of the
/// namespaces) whole: an area's items use the shared types and their own,
/// never another area's.
pub fn emit(api: &Api) -> Modules {
    let in_area: BTreeSet<&str> = api
        .areas
        .iter()
        .flat_map(|area| area.types.iter().chain(&area.operations))
        .chain(api.type_features.iter().flat_map(|feature| &feature.module))
        .map(String::as_str)
        .collect();
    let shared_modules: Vec<&str> = std::iter::once("types")
        .chain(
            api.type_features
                .iter()
                .map(|feature| feature.name.as_str()),
        )
        .collect();
    // The imports of the shared modules into the module `here`.
    let shared_into = |here: &str| -> TokenStream {
        shared_modules
            .iter()
            .filter(|module| **module != here)
            .map(|module| {
                let module = ident(module);
                quote! {
                    #[allow(unused_imports)]
                    use super::#module::*;
                }
            })
            .collect()
    };
    let shared = shared_into("");
    let by_name = |names: &[String]| -> Vec<&TypeDef> {
        api.types
            .iter()
            .filter(|def| {
                names
                    .binary_search_by(|n| n.as_str().cmp(def.name()))
                    .is_ok()
            })
            .collect()
    };
    let root_operations: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| !in_area.contains(op.method_name.as_str()))
        .collect();
    Modules {
        root: root_module(api, !root_operations.is_empty()),
        types: {
            let imports = shared_into("types");
            let types = api
                .types
                .iter()
                .filter(|def| !in_area.contains(def.name()))
                .map(|def| gated(type_def(def), api.gates.get(def.name())));
            quote!(#imports #(#types)*)
        },
        operations: (!root_operations.is_empty()).then(|| {
            let operations =
                operations::operations(&root_operations, &areas::no_area_client_docs(api));
            quote!(#shared #operations)
        }),
        areas: api
            .areas
            .iter()
            .map(|area| {
                let docs = inner_docs(&areas::docs(area, api));
                let types = by_name(&area.types).into_iter().map(type_def);
                let ops: Vec<&Operation> = api
                    .operations
                    .iter()
                    .filter(|op| area.operations.binary_search(&op.method_name).is_ok())
                    .collect();
                let operations = operations::operations(&ops, &areas::client_docs(area));
                let tokens = quote! {
                    #docs
                    #shared
                    #(#types)*
                    #operations
                };
                (area.name.clone(), tokens)
            })
            .collect(),
        namespaces: api
            .type_features
            .iter()
            .map(|feature| {
                let docs = inner_docs(&areas::namespace_docs(feature));
                let imports = shared_into(&feature.name);
                let types = by_name(&feature.module)
                    .into_iter()
                    .map(|def| gated(type_def(def), api.gates.get(def.name())));
                let tokens = quote! {
                    #docs
                    #imports
                    #(#types)*
                };
                (feature.name.clone(), tokens)
            })
            .collect(),
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

/// The path of `item` among the items that the runtime's `client!` macro
/// defines at the root of the crate that invokes it (`Client`, and the
/// module `mock`): generated code adds methods to them, so they are the
/// client crate's own.
fn client_item(item: &str) -> TokenStream {
    let path = item.split("::").map(ident);
    quote!(crate::#(#path)::*)
}

/// [`runtime`] as text, for paths that serde takes as strings.
fn runtime_text(item: &str) -> String {
    runtime(item).to_string().replace(' ', "")
}

/// The Rust spelling of `ty`. Named types are written bare: every module
/// that mentions them defines them or imports the shared `types` module
/// (see [`emit`]).
fn ty(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
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
            quote!(#name)
        }
        Ty::Array(item) => {
            let item = self::ty(item);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = self::ty(value);
            quote!(::std::collections::BTreeMap<String, #value>)
        }
        Ty::Option(inner) => {
            let inner = self::ty(inner);
            quote!(Option<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = self::ty(inner);
            quote!(Box<#inner>)
        }
    }
}

fn root_module(api: &Api, operations: bool) -> TokenStream {
    let module_docs = inner_docs(&api.docs);
    let (url, variables) = match &api.server {
        Some(server) => (server.url.clone(), server.variables.clone()),
        None => (String::new(), Vec::new()),
    };
    let variables = variables
        .iter()
        .map(|variable| (&variable.name, &variable.default))
        .map(|(name, default)| quote!((#name, #default)));
    let areas = api.areas.iter().map(|area| {
        let name = ident(&area.name);
        let feature = &area.name;
        quote! {
            #[cfg(feature = #feature)]
            pub mod #name;
            #[cfg(feature = #feature)]
            #[doc(no_inline)]
            pub use #name::*;
        }
    });
    let namespaces = api.type_features.iter().map(|feature| {
        let name = ident(&feature.name);
        quote! {
            pub mod #name;
            #[doc(no_inline)]
            #[allow(unused_imports)] // empty when none of its types is compiled
            pub use #name::*;
        }
    });
    let operations = operations.then(|| {
        quote! {
            mod operations;
            pub use operations::*;
        }
    });
    let type_names = crate::reserved::TYPE_NAMES;
    let client_methods = crate::reserved::CLIENT_METHODS;
    quote! {
        #module_docs
        #operations
        mod types;
        #[allow(unused_imports)] // empty when every type is of one area or namespace
        pub use types::*;
        #(#namespaces)*
        #(#areas)*
        /// The URL template of the first server the API document declares (empty if none).
        pub(crate) const SERVER_URL: &str = #url;
        /// `(name, default)` of each variable of [`SERVER_URL`], in the order they appear in it.
        pub(crate) const SERVER_VARIABLES: &[(&str, &str)] = &[#(#variables),*];
        /// The types the crate exports from the runtime, which generated types keep off.
        #[allow(dead_code)] // read by the client crate's lib.rs
        pub(crate) const RUNTIME_TYPE_NAMES: &[&str] = &[#(#type_names),*];
        /// The methods the runtime defines on `Client`, which operations keep off.
        #[allow(dead_code)] // read by the client crate's lib.rs
        pub(crate) const RUNTIME_CLIENT_METHODS: &[&str] = &[#(#client_methods),*];
    }
}

/// The derive attribute of a generated type: `Debug`, `Clone` and
/// `PartialEq`, which every type has, then `more` (`Eq`, `Hash`,
/// `Default`, serde's). The standard derives are named as the prelude
/// names them: derive macros live in the macro namespace, where no
/// generated item can take their names, and the short list fits one line
/// of the output.
fn derives(more: &[TokenStream]) -> TokenStream {
    quote!(#[derive(Debug, Clone, PartialEq #(, #more)*)])
}

/// `items` compiled only under one of `features`, when given: each item
/// carries the `cfg` (and, for docs.rs, says which features it needs).
fn gated(items: TokenStream, features: Option<&Vec<String>>) -> TokenStream {
    let Some(features) = features else {
        return items;
    };
    let predicate = match features.as_slice() {
        [feature] => quote!(feature = #feature),
        features => quote!(any(#(feature = #features),*)),
    };
    // Tokens that do not parse are returned as they are: rendering the
    // module reports them.
    match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => {
            let items = file
                .items
                .iter()
                .map(|item| quote!(#[cfg(#predicate)] #item));
            quote!(#(#items)*)
        }
        Err(_) => items,
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
    let target = ty(&alias.ty);
    // A twin struct's struct of required fields is its twin's too.
    let required = alias
        .twin
        .as_ref()
        .and_then(|twin| twin.required.as_ref())
        .map(|(own, target)| {
            let doc = doc(&structs::required_docs(&alias.name));
            let own = ident(own);
            let target = ident(target);
            quote! {
                #doc
                pub type #own = #target;
            }
        });
    quote! {
        #docs
        pub type #name = #target;

        #required
    }
}
