//! Parameters of an operation: the path item's and the operation's merged, each lowered to a path parameter or a query or header field, and the `<Operation>Params` struct of those fields.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{HeaderStyle, Parameter, QueryStyle};

use crate::error::{Error, Pointer};
use crate::ir::{
    Field, Param, ParamLocation, ParamsStruct, PathParam, Presence, Struct, Ty, TypeDef,
};
use crate::lower::Lowerer;
use crate::lower::docs::{doc_lines, non_empty};
use crate::lower::names::name_methods;
use crate::naming::{snake_name, type_name};

/// The parameters of an operation: the path parameters, the names of
/// those already reported (so the path check does not report them again;
/// `None` when a parameter reference did not resolve, so that any name may
/// be declared), and the query and header parameters.
pub(super) struct Parameters {
    pub(super) params: Vec<PathParam>,
    pub(super) failed: Option<BTreeSet<String>>,
    pub(super) others: Vec<(Param, Field)>,
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
        // Operation parameters override path-item parameters of the same name and location.
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
        let mut params = Vec::new();
        let mut others = Vec::new();
        let mut failed = BTreeSet::new();
        let mut param_names: BTreeMap<String, Pointer> = BTreeMap::new();
        let mut field_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (at, parameter) in merged {
            let data = parameter.parameter_data_ref();
            let (location, explode) = match parameter {
                Parameter::Path { .. } => {
                    failed.insert(data.name.clone());
                    (None, false)
                }
                Parameter::Query { style, .. } => {
                    if !matches!(style, QueryStyle::Form) {
                        self.diagnostics.unsupported(
                            &at.push("style"),
                            format!(
                                "the query parameter style `{}` (only `form` is)",
                                query_style(style)
                            ),
                        );
                        continue;
                    }
                    (Some(ParamLocation::Query), data.explode.unwrap_or(true))
                }
                Parameter::Header { style, .. } => {
                    let HeaderStyle::Simple = style;
                    // OpenAPI: such a parameter "SHALL be ignored"; the
                    // client sets these headers itself.
                    if ["accept", "content-type", "authorization"]
                        .contains(&data.name.to_ascii_lowercase().as_str())
                    {
                        continue;
                    }
                    if !is_header_name(&data.name) {
                        self.diagnostics.invalid(
                            &at.push("name"),
                            format!("`{}` is not a valid HTTP header name", data.name),
                        );
                        continue;
                    }
                    (Some(ParamLocation::Header), false)
                }
                Parameter::Cookie { .. } => {
                    self.diagnostics.unsupported(
                        &at,
                        format!(
                            "cookie parameter `{}` (path, query and header parameters are)",
                            data.name
                        ),
                    );
                    continue;
                }
            };
            let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.diagnostics
                    .unsupported(&at, "a parameter described by `content`");
                continue;
            };
            let context = format!("{pascal}{}", type_name(&data.name));
            let Some(used) = self.ty(schema.into(), &at.push("schema"), &context) else {
                continue;
            };
            let docs = non_empty(
                data.description
                    .as_deref()
                    .map(doc_lines)
                    .unwrap_or_default(),
                || {
                    let kind = location.map_or("path", |l| match l {
                        ParamLocation::Query => "query",
                        ParamLocation::Header => "header",
                    });
                    format!("The `{}` {kind} parameter.", data.name)
                },
            );
            let name = snake_name(&data.name);
            let Some(location) = location else {
                let ty = self.unaliased(used.ty);
                if !self.is_scalar(&ty) {
                    self.diagnostics.unsupported(
                        &at.push("schema"),
                        "a path parameter that is not a string, number, boolean or string enum",
                    );
                    continue;
                }
                if let Some(first) = param_names.get(&name) {
                    self.diagnostics.push(Error::NameCollision {
                        pointer: at,
                        name,
                        first: first.clone(),
                    });
                    continue;
                }
                self.record(format!("Client::{method_name}({name})"), &at);
                param_names.insert(name.clone(), at);
                failed.remove(&data.name);
                params.push(PathParam {
                    name,
                    wire: data.name.clone(),
                    ty,
                    docs,
                });
                continue;
            };
            let value = match self.unaliased(used.ty.clone()) {
                Ty::Array(item) => {
                    let item = self.unaliased(*item);
                    self.is_scalar(&item).then(|| Ty::Array(Box::new(item)))
                }
                scalar => self.is_scalar(&scalar).then_some(scalar),
            };
            let Some(value) = value else {
                self.diagnostics.unsupported(
                    &at.push("schema"),
                    format!(
                        "a {} parameter that is not a string, number, boolean, string enum \
                         or an array of them",
                        match location {
                            ParamLocation::Query => "query",
                            ParamLocation::Header => "header",
                        }
                    ),
                );
                continue;
            };
            if let Some(first) = field_names.get(&name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: at,
                    name,
                    first: first.clone(),
                });
                continue;
            }
            field_names.insert(name.clone(), at.clone());
            self.record(format!("{pascal}Params::{name}"), &at);
            let mut field_docs = docs;
            field_docs.push(String::new());
            field_docs.push(match location {
                ParamLocation::Query => format!("Sent as the query parameter `{}`.", data.name),
                ParamLocation::Header => format!("Sent as the header `{}`.", data.name),
            });
            let required = data.required;
            others.push((
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
                    ty: used.ty,
                    presence: if required {
                        Presence::Required
                    } else {
                        Presence::Optional
                    },
                    setter: String::new(),
                    clearer: None,
                    flatten: false,
                },
            ));
        }
        Parameters {
            params,
            failed: (!unresolved).then_some(failed),
            others,
        }
    }

    /// Whether a path, query or header parameter can hold a value of `ty`
    /// (aliases resolved): a string, number, boolean, date, UUID or string
    /// enum.
    fn is_scalar(&self, ty: &Ty) -> bool {
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
