//! Parameters of an operation: the path item's and the operation's merged, each lowered to a path parameter or a query or header field, and the `<Operation>Params` struct of those fields.

use std::collections::BTreeSet;

use openapiv3::{HeaderStyle, Parameter, ParameterData, QueryStyle};

use crate::error::Pointer;
use crate::ir::{
    Docs, Field, Param, ParamLocation, ParamsStruct, PathParam, Presence, Struct, Ty, TypeDef,
};
use crate::lower::Lowerer;
use crate::lower::docs::{doc_lines, non_empty};
use crate::lower::names::case::{inline_name, parameter_words, snake_name};
use crate::lower::names::{name_methods, unique};
use crate::lower::refs::SchemaRef;

/// The parameters of an operation: the path parameters, the names of
/// those already reported (so the path check does not report them again;
/// `None` when a parameter reference did not resolve, so that any name may
/// be declared), and the query and header parameters.
pub(super) struct Parameters {
    pub(super) params: Vec<PathParam>,
    pub(super) failed: Option<BTreeSet<String>>,
    pub(super) others: Vec<(Param, Field)>,
}

/// The parameters of the path item and of the operation, each with the
/// place it is declared.
struct Merged<'a> {
    parameters: Vec<(Pointer, &'a Parameter)>,
    /// Whether a parameter reference did not resolve (reported).
    unresolved: bool,
}

/// Where a declared parameter goes.
#[derive(Clone, Copy)]
enum Placement {
    /// Into the path template.
    Path,
    /// Into the query or the headers, as a field of the params struct;
    /// `explode` sends an array as one parameter per value.
    Sent {
        location: ParamLocation,
        explode: bool,
    },
}

/// A declared parameter whose schema lowered: what its path parameter or
/// params field is made of.
struct Typed<'p> {
    /// Where it is declared.
    at: Pointer,
    data: &'p ParameterData,
    /// Its Rust name.
    name: String,
    ty: Ty,
    docs: Docs,
}

impl<'a> Lowerer<'a> {
    /// Merges the parameters of the path item and of the operation (the
    /// operation's win on the same name and location) and lowers each.
    pub(super) fn parameters(
        &mut self,
        method_name: &str,
        pascal: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Parameters {
        let Merged {
            parameters,
            unresolved,
        } = self.merged_parameters(item, operation, pointer);
        let mut params = Vec::new();
        let mut others = Vec::new();
        let mut failed = BTreeSet::new();
        let mut param_names = BTreeSet::new();
        let mut field_names = BTreeSet::new();
        for (at, parameter) in parameters {
            let data = parameter.parameter_data_ref();
            let Some(placement) = self.placement(parameter, &at) else {
                continue;
            };
            if let Placement::Path = placement {
                failed.insert(data.name.clone());
            }
            let Some(ty) = self.parameter_type(pascal, data, &at) else {
                continue;
            };
            let typed = Typed {
                at,
                data,
                name: snake_name(&parameter_words(&data.name)),
                ty,
                docs: parameter_docs(data, placement),
            };
            match placement {
                Placement::Path => {
                    if let Some(param) = self.path_param(method_name, typed, &mut param_names) {
                        failed.remove(&data.name);
                        params.push(param);
                    }
                }
                Placement::Sent { location, explode } => {
                    others.extend(self.sent_param(
                        pascal,
                        typed,
                        location,
                        explode,
                        &mut field_names,
                    ));
                }
            }
        }
        Parameters {
            params,
            failed: (!unresolved).then_some(failed),
            others,
        }
    }

    /// The parameters of the path item, then those of the operation; an
    /// operation's parameter replaces the path item's of the same name and
    /// location.
    fn merged_parameters(
        &mut self,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Merged<'a> {
        let mut merged: Vec<(Pointer, &'a Parameter)> = Vec::new();
        let mut unresolved = false;
        let sources = [
            (pointer.parent_push("parameters"), &item.parameters),
            (pointer.push("parameters"), &operation.parameters),
        ];
        for (base, list) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let at = base.push(&index.to_string());
                let Some(parameter) =
                    self.resolve(parameter, "parameters", |c, key| c.parameters.get(key), &at)
                else {
                    // Its name is unknown: no template name may be reported as undeclared.
                    unresolved = true;
                    continue;
                };
                let key = (
                    parameter_location(parameter),
                    &parameter.parameter_data_ref().name,
                );
                merged
                    .retain(|(_, p)| (parameter_location(p), &p.parameter_data_ref().name) != key);
                merged.push((at, parameter));
            }
        }
        Merged {
            parameters: merged,
            unresolved,
        }
    }

    /// Where `parameter` goes; `None` for one left out: a header the client
    /// sets itself, or one reported as unsupported or invalid.
    fn placement(&mut self, parameter: &Parameter, at: &Pointer) -> Option<Placement> {
        let data = parameter.parameter_data_ref();
        match parameter {
            Parameter::Path { .. } => Some(Placement::Path),
            Parameter::Query { style, .. } => {
                if !matches!(style, QueryStyle::Form) {
                    return self.unsupported(
                        &at.push("style"),
                        format!(
                            "the query parameter style `{}` (only `form` is)",
                            query_style(style)
                        ),
                    );
                }
                Some(Placement::Sent {
                    location: ParamLocation::Query,
                    explode: data.explode.unwrap_or(true),
                })
            }
            Parameter::Header { style, .. } => {
                let HeaderStyle::Simple = style;
                // OpenAPI: such a parameter "SHALL be ignored"; the
                // client sets these headers itself.
                if ["accept", "content-type", "authorization"]
                    .contains(&data.name.to_ascii_lowercase().as_str())
                {
                    return None;
                }
                if !is_header_name(&data.name) {
                    self.diagnostics.invalid(
                        &at.push("name"),
                        format!("`{}` is not a valid HTTP header name", data.name),
                    );
                    return None;
                }
                Some(Placement::Sent {
                    location: ParamLocation::Header,
                    explode: false,
                })
            }
            Parameter::Cookie { .. } => self.unsupported(
                at,
                format!(
                    "cookie parameter `{}` (path, query and header parameters are)",
                    data.name
                ),
            ),
        }
    }

    /// The type of a parameter's schema, an inline one named
    /// `<Operation><Parameter>`; `None` for a parameter described by
    /// `content` or a schema that did not lower (reported).
    fn parameter_type(
        &mut self,
        pascal: &str,
        data: &'a ParameterData,
        at: &Pointer,
    ) -> Option<Ty> {
        let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return self.unsupported(at, "a parameter described by `content`");
        };
        let schema = SchemaRef::from(schema);
        let context = inline_name(
            pascal,
            &parameter_words(&data.name),
            schema.is_inline_array(),
        );
        self.ty(schema, &at.push("schema"), &context)
            .map(|used| used.ty)
    }

    /// A path parameter: a scalar, under a Rust name no other path
    /// parameter of the operation has.
    fn path_param(
        &mut self,
        method_name: &str,
        typed: Typed<'_>,
        names: &mut BTreeSet<String>,
    ) -> Option<PathParam> {
        let Typed {
            at,
            data,
            name,
            ty,
            docs,
        } = typed;
        let ty = self.unaliased(ty);
        if !self.is_scalar(&ty) {
            return self.unsupported(
                &at.push("schema"),
                "a path parameter that is not a string, number, boolean or string enum",
            );
        }
        // A name taken by an earlier parameter is numbered (`date_created2`).
        let name = unique(names, &name);
        self.record(format!("Client::{method_name}({name})"), &at);
        Some(PathParam {
            name,
            wire: data.name.clone(),
            ty,
            docs,
        })
    }

    /// A query or header parameter: what it sends (a scalar or an array of
    /// them) and the field of `<Operation>Params` that holds it, under a
    /// Rust name no other field has.
    fn sent_param(
        &mut self,
        pascal: &str,
        typed: Typed<'_>,
        location: ParamLocation,
        explode: bool,
        names: &mut BTreeSet<String>,
    ) -> Option<(Param, Field)> {
        let Typed {
            at,
            data,
            name,
            ty,
            docs,
        } = typed;
        let Some(value) = self.sent_value(ty.clone()) else {
            return self.unsupported(
                &at.push("schema"),
                format!(
                    "a {} parameter that is not a string, number, boolean, string enum \
                     or an array of them",
                    location_word(location)
                ),
            );
        };
        // A name taken by an earlier parameter is numbered (`date_created2`).
        let name = unique(names, &name);
        self.record(format!("{pascal}Params::{name}"), &at);
        let mut field_docs = docs;
        field_docs.push(String::new());
        field_docs.push(match location {
            ParamLocation::Query => format!("Sent as the query parameter `{}`.", data.name),
            ParamLocation::Header => format!("Sent as the header `{}`.", data.name),
        });
        let required = data.required;
        Some((
            Param {
                field: name.clone(),
                wire: data.name.clone(),
                location,
                ty: value,
                required,
                explode,
            },
            Field {
                name,
                wire: data.name.clone(),
                docs: field_docs,
                ty,
                presence: if required {
                    Presence::Required
                } else {
                    Presence::Optional
                },
                setter: String::new(),
                clearer: None,
                flatten: false,
                one_or_many: false,
            },
        ))
    }

    /// What a query or header parameter of type `ty` sends (aliases
    /// resolved): a scalar or an array of scalars; `None` for other types.
    fn sent_value(&self, ty: Ty) -> Option<Ty> {
        match self.unaliased(ty) {
            Ty::Array(item) => {
                let item = self.unaliased(*item);
                self.is_scalar(&item).then(|| Ty::Array(Box::new(item)))
            }
            scalar => self.is_scalar(&scalar).then_some(scalar),
        }
    }

    /// Whether a path, query or header parameter can hold a value of `ty`
    /// (aliases resolved): a string, number, boolean, date, UUID or string
    /// enum.
    pub(super) fn is_scalar(&self, ty: &Ty) -> bool {
        matches!(
            ty,
            Ty::String
                | Ty::Uuid
                | Ty::Bool
                | Ty::I32
                | Ty::I64
                | Ty::F32
                | Ty::F64
                | Ty::Date
                | Ty::DateTime
        ) || matches!(ty, Ty::Named(name) if self.is_enum(name))
    }

    /// The struct `<Operation>Params` of the query and header parameters,
    /// defined as a type of its own (built with `new` and setters like the
    /// body types); `None` when there are none.
    pub(super) fn params_struct(
        &mut self,
        method_name: &str,
        pascal: &str,
        path_params: &[PathParam],
        others: Vec<(Param, Field)>,
        pointer: &Pointer,
    ) -> Option<ParamsStruct> {
        if others.is_empty() {
            return None;
        }
        let name = format!("{pascal}Params");
        if !self.claim_type_name(&name, &pointer.push("parameters")) {
            return None;
        }
        let (params, mut fields): (Vec<Param>, Vec<Field>) = others.into_iter().unzip();
        name_methods(&mut fields);
        let required = self.required_arguments(&name, &fields, &pointer.push("parameters"))?;
        self.types.push(TypeDef::Struct(Struct {
            name: name.clone(),
            docs: vec![
                format!(
                    "The query and header parameters of \
                     [`Client::{method_name}`](crate::Client::{method_name})."
                ),
                String::new(),
                "Parameters that are not set are left out of the request.".to_owned(),
            ],
            fields,
            required,
        }));
        let argument = if path_params.iter().any(|p| p.name == "params") {
            "parameters"
        } else {
            "params"
        };
        self.record(
            format!("Client::{method_name}({argument})"),
            &pointer.push("parameters"),
        );
        Some(ParamsStruct {
            name: argument.to_owned(),
            ty: name,
            params,
        })
    }
}

/// The docs of a parameter: its description, or a line naming it.
fn parameter_docs(data: &ParameterData, placement: Placement) -> Docs {
    non_empty(
        data.description
            .as_deref()
            .map(doc_lines)
            .unwrap_or_default(),
        || {
            let kind = match placement {
                Placement::Path => "path",
                Placement::Sent { location, .. } => location_word(location),
            };
            format!("The `{}` {kind} parameter.", data.name)
        },
    )
}

/// `query` or `header`, as messages and docs name the location.
fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

fn query_style(style: &QueryStyle) -> &'static str {
    match style {
        QueryStyle::Form => "form",
        QueryStyle::SpaceDelimited => "spaceDelimited",
        QueryStyle::PipeDelimited => "pipeDelimited",
        QueryStyle::DeepObject => "deepObject",
    }
}

/// Whether `name` is an HTTP field name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl Pointer {
    /// The sibling `token` of this pointer's last token (`.../put` -> `.../parameters`).
    fn parent_push(&self, token: &str) -> Pointer {
        let tokens: Vec<String> = self.tokens().collect();
        let parent = tokens[..tokens.len().saturating_sub(1)]
            .iter()
            .fold(Pointer::root(), |p, t| p.push(t));
        parent.push(token)
    }
}

fn parameter_location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}
