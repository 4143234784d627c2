//! Stage 2 and 3, lower and check: `openapiv3::OpenAPI` -> IR. Every naming and ordering decision is made here, and every problem is collected with its JSON pointer.
//!
//! The stage is split by concern: [`names`] gives out Rust names, [`refs`]
//! resolves `$ref`s, [`schema`] turns schemas into types (with [`shape`]
//! to read what a schema is, [`enums`] for string enums and [`compose`]
//! for objects, `allOf` and unions), [`operation`]
//! lowers operations, [`areas`] groups them by API area, [`pagination`] finds the list operations whose
//! pages link to each other, [`security`] reports the security schemes the
//! runtime cannot apply, [`recursion`] boxes the types that hold themselves,
//! [`twins`] makes a type identical to another an alias of it, and
//! [`docs`] writes doc text. This module runs them in order over the document.

mod areas;
mod compose;
mod docs;
mod enums;
mod names;
mod operation;
mod pagination;
mod recursion;
mod refs;
mod schema;
mod security;
mod shape;
mod twins;
mod uses;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use crate::error::{Diagnostics, Errors, Pointer};
use crate::ir::{Api, Server, ServerVariable, TypeDef};
use crate::template;

pub(crate) use docs::parameter_line;
pub(crate) use twins::expanded;

/// Lowers a loaded document into the IR, or returns every problem found.
pub fn lower(document: &OpenAPI) -> Result<Api, Errors> {
    let mut lowerer = Lowerer {
        document,
        diagnostics: Diagnostics::default(),
        type_names: BTreeMap::new(),
        next_number: BTreeMap::new(),
        component_names: BTreeMap::new(),
        types: Vec::new(),
        locations: BTreeMap::new(),
        replaced_unions: BTreeSet::new(),
    };
    let api = lowerer.api();
    lowerer.diagnostics.finish(api)
}

/// The state of lowering one document.
struct Lowerer<'a> {
    document: &'a OpenAPI,
    diagnostics: Diagnostics,
    /// Every type name given out, with the place it was given for.
    type_names: BTreeMap<String, Pointer>,
    /// For a wanted type name that was taken, the number to try next
    /// (`Item` -> 3 once `Item2` is given), so that `n` schemas wanting one
    /// name are numbered in linear time.
    next_number: BTreeMap<String, usize>,
    /// Component schema key -> Rust type name.
    component_names: BTreeMap<String, String>,
    /// The types defined so far, in the order they were defined.
    types: Vec<TypeDef>,
    /// Rust item path -> the place it is named for ([`Api::locations`]).
    locations: BTreeMap<String, Pointer>,
    /// The unions that a form body's field held and now holds as a list
    /// (see `operation::bodies`); those nothing else uses are dropped once
    /// every operation is lowered.
    replaced_unions: BTreeSet<String>,
}

impl Lowerer<'_> {
    fn api(&mut self) -> Api {
        let document = self.document;
        let mut docs = vec![format!(
            "{} (version {})",
            document.info.title, document.info.version
        )];
        if let Some(description) = &document.info.description {
            docs.push(String::new());
            docs.extend(docs::doc_lines(description));
        }
        self.record("crate", &Pointer::root().push("info"));
        let server = self.server();
        self.check_security();
        self.component_schemas();
        let mut operations = self.operations();
        self.drop_replaced_unions(&operations);
        let mut types = std::mem::take(&mut self.types);
        types.sort_by(|a, b| a.name().cmp(b.name()));
        self.box_recursion(&mut types);
        recursion::box_union_members(&mut types);
        self.paginate(&mut operations, &types);
        operations.sort_by(|a, b| a.method_name.cmp(&b.method_name));
        let areas::Grouping {
            areas,
            type_features,
            gates,
        } = areas::areas(&operations, &types, &self.locations);
        uses::describe_by_use(&mut types, &operations, &areas, &gates);
        twins::alias_twins(&mut types, &areas, &type_features, &gates);
        Api {
            docs,
            server,
            types,
            operations,
            areas,
            type_features,
            gates,
            locations: std::mem::take(&mut self.locations),
        }
    }

    /// Notes that the Rust item `item` (a path such as `Thing::field`, see
    /// [`Api::locations`]) is named for the place `pointer`; the first place
    /// recorded for an item is kept.
    fn record(&mut self, item: impl Into<String>, pointer: &Pointer) {
        self.locations
            .entry(item.into())
            .or_insert_with(|| pointer.clone());
    }

    /// The first server, with the default of each variable its URL uses.
    fn server(&mut self) -> Option<Server> {
        let server = self.document.servers.first()?;
        let pointer = Pointer::root().push("servers").push("0");
        self.record("Client::new", &pointer);
        let mut variables = Vec::new();
        let template = template::parse(&server.url);
        if let Some(problem) = template.malformed() {
            self.diagnostics.invalid(
                &pointer.push("url"),
                format!("the URL template has {problem}"),
            );
        }
        for name in template.variables() {
            match server.variables.as_ref().and_then(|v| v.get(name)) {
                Some(variable) => variables.push(ServerVariable {
                    name: name.to_owned(),
                    default: variable.default.clone(),
                }),
                None => self.diagnostics.invalid(
                    &pointer.push("url"),
                    format!("the URL uses `{{{name}}}`, which `variables` does not declare"),
                ),
            }
        }
        Some(Server {
            url: server.url.clone(),
            variables,
        })
    }

    /// Reports `what` as unsupported at `pointer`; `None`, so that callers can return it.
    fn unsupported<T>(&mut self, pointer: &Pointer, what: impl Into<String>) -> Option<T> {
        self.diagnostics.unsupported(pointer, what);
        None
    }
}
