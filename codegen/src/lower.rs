//! Stage 2 and 3, lower and check: `openapiv3::OpenAPI` -> IR. Every naming and ordering decision is made here, and every problem is collected with its JSON pointer.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, MediaType, OpenAPI, Parameter, ReferenceOr, RequestBody,
    Schema, SchemaData, SchemaKind, SecurityScheme, StatusCode, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use crate::error::{Diagnostics, Error, Errors, Pointer};
use crate::ir::{
    Alias, Api, Body, Docs, Enum, ErrorEnum, ErrorVariant, Field, Method, Operation, PathParam,
    PathPart, Presence, Server, Struct, Success, Ty, TypeDef, Variant,
};
use crate::naming::{snake_name, status_variant, type_name, variant_name};

/// The names the client runtime takes, kept beside the runtime itself.
#[path = "../../generated/src/runtime/reserved.rs"]
mod reserved;
use reserved::{CLIENT_METHODS as RUNTIME_METHODS, TYPE_NAMES as RUNTIME_NAMES};

/// Lowers a loaded document into the IR, or returns every problem found.
pub fn lower(document: &OpenAPI) -> Result<Api, Errors> {
    let mut lowerer = Lowerer {
        document,
        diagnostics: Diagnostics::default(),
        type_names: BTreeMap::new(),
        component_names: BTreeMap::new(),
        types: Vec::new(),
    };
    let api = lowerer.api();
    lowerer.diagnostics.finish(api)
}

/// A schema or a reference to one, whether boxed or not.
#[derive(Clone, Copy)]
enum SchemaRef<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

/// The object part of a schema, whichever way the model stored it.
struct ObjectShape<'a> {
    properties: Vec<(&'a String, SchemaRef<'a>)>,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
}

struct Lowerer<'a> {
    document: &'a OpenAPI,
    diagnostics: Diagnostics,
    /// Every type name given out, with the place it was given for.
    type_names: BTreeMap<String, Pointer>,
    /// Component schema key -> Rust type name.
    component_names: BTreeMap<String, String>,
    types: Vec<TypeDef>,
}

impl<'a> Lowerer<'a> {
    fn api(&mut self) -> Api {
        let document = self.document;
        let mut docs = vec![format!(
            "{} (version {})",
            document.info.title, document.info.version
        )];
        if let Some(description) = &document.info.description {
            docs.push(String::new());
            docs.extend(doc_lines(description));
        }
        let server = self.server();
        self.check_security();
        self.component_schemas();
        let mut operations = self.operations();
        let mut types = std::mem::take(&mut self.types);
        types.sort_by(|a, b| a.name().cmp(b.name()));
        self.check_recursion(&types);
        operations.sort_by(|a, b| a.method_name.cmp(&b.method_name));
        Api {
            docs,
            server,
            types,
            operations,
        }
    }

    // ----- names -----

    /// Takes `name` for the type defined at `pointer`; false (and an error) if
    /// it is taken or reserved.
    fn claim_type_name(&mut self, name: &str, pointer: &Pointer) -> bool {
        if RUNTIME_NAMES.contains(&name) {
            self.diagnostics.unsupported(
                pointer,
                format!(
                    "the Rust name `{name}` is reserved by the client runtime; rename the schema"
                ),
            );
            return false;
        }
        if let Some(first) = self.type_names.get(name) {
            self.diagnostics.push(Error::NameCollision {
                pointer: pointer.clone(),
                name: name.to_owned(),
                first: first.clone(),
            });
            return false;
        }
        self.type_names.insert(name.to_owned(), pointer.clone());
        true
    }

    /// Reports each type that contains itself other than through a `Vec` or
    /// a map (it would need a `Box`, which the generator does not emit), and
    /// each alias that expands to itself.
    fn check_recursion(&mut self, types: &[TypeDef]) {
        let by_name: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.name(), t)).collect();
        for def in types {
            let name = def.name();
            let Some(pointer) = self.type_names.get(name).cloned() else {
                continue;
            };
            if reaches(name, name, &by_name, true) {
                self.diagnostics
                    .unsupported(&pointer, "an alias that refers to itself");
            } else if reaches(name, name, &by_name, false) {
                self.diagnostics.unsupported(
                    &pointer,
                    "a schema that contains itself other than through an array or a map",
                );
            }
        }
    }

    // ----- document-level -----

    fn server(&mut self) -> Option<Server> {
        let server = self.document.servers.first()?;
        let pointer = Pointer::root().push("servers").push("0");
        let mut variables = Vec::new();
        for name in template_names(&server.url) {
            match server.variables.as_ref().and_then(|v| v.get(&name)) {
                Some(variable) => variables.push((name, variable.default.clone())),
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

    /// The runtime authenticates with HTTP Basic only; any other scheme an
    /// operation requires is reported.
    fn check_security(&mut self) {
        let document = self.document;
        let mut used = BTreeSet::new();
        let requirements = document.security.iter().flatten().chain(
            document
                .paths
                .paths
                .values()
                .filter_map(|item| item.as_item())
                .flat_map(|item| item.iter().map(|(_, op)| op))
                .flat_map(|op| op.security.iter().flatten()),
        );
        for requirement in requirements {
            used.extend(requirement.keys().cloned());
        }
        let schemes = document.components.as_ref().map(|c| &c.security_schemes);
        for name in used {
            let pointer = Pointer::root()
                .push("components")
                .push("securitySchemes")
                .push(&name);
            match schemes.and_then(|s| s.get(&name)) {
                Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                    if scheme.eq_ignore_ascii_case("basic") => {}
                Some(_) => self
                    .diagnostics
                    .unsupported(&pointer, "a security scheme other than HTTP Basic"),
                None => self.diagnostics.invalid(
                    &pointer,
                    format!("security requirement `{name}` names no declared security scheme"),
                ),
            }
        }
    }

    fn component_schemas(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        for key in components.schemas.keys() {
            let name = type_name(key);
            if self.claim_type_name(&name, &base.push(key)) {
                self.component_names.insert(key.clone(), name);
            }
        }
        for (key, schema) in &components.schemas {
            let Some(name) = self.component_names.get(key).cloned() else {
                continue;
            };
            self.define(&name, schema.into(), &base.push(key));
        }
    }

    // ----- types -----

    /// Defines the named type `name` (already claimed) from `schema`.
    fn define(&mut self, name: &str, schema: SchemaRef<'a>, pointer: &Pointer) {
        let item = match schema {
            SchemaRef::Ref(_) => None,
            SchemaRef::Item(item) => Some(item),
        };
        if let Some(item) = item {
            if let Some(values) = string_enum(item) {
                let definition = self.enumeration(name, &item.schema_data, values, pointer);
                self.types.push(TypeDef::Enum(definition));
                return;
            }
            if let Some(shape) = object_shape(item)
                && !shape.properties.is_empty()
            {
                let definition = self.structure(name, &item.schema_data, &shape, pointer);
                self.types.push(TypeDef::Struct(definition));
                return;
            }
        }
        let docs = item
            .map(|i| schema_docs(&i.schema_data))
            .unwrap_or_default();
        if let Some((ty, _)) = self.ty(schema, pointer, name) {
            let docs = non_empty(docs, || format!("`{name}` as the API document names it."));
            self.types.push(TypeDef::Alias(Alias {
                name: name.to_owned(),
                docs,
                ty,
            }));
        }
    }

    /// Names and defines an inline object or enum schema.
    fn define_inline(&mut self, name: &str, schema: &'a Schema, pointer: &Pointer) -> Option<Ty> {
        if !self.claim_type_name(name, pointer) {
            return None;
        }
        self.define(name, SchemaRef::Item(schema), pointer);
        Some(Ty::Named(name.to_owned()))
    }

    /// The Rust type of a schema used in place, and whether it is nullable.
    /// `context` names an inline object or enum that needs a type of its own.
    fn ty(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        context: &str,
    ) -> Option<(Ty, bool)> {
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                let (name, target) = self.resolve_schema(reference, pointer)?;
                let nullable = target.is_some_and(is_nullable);
                return Some((Ty::Named(name), nullable));
            }
            SchemaRef::Item(schema) => schema,
        };
        let nullable = is_nullable(schema);
        if string_enum(schema).is_some() {
            let ty = self.define_inline(context, schema, pointer)?;
            return Some((ty, nullable));
        }
        if let Some(shape) = object_shape(schema) {
            if !shape.properties.is_empty() {
                let ty = self.define_inline(context, schema, pointer)?;
                return Some((ty, nullable));
            }
            let ty = match shape.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.ty(
                        value.as_ref().into(),
                        &pointer.push("additionalProperties"),
                        &format!("{context}Value"),
                    )?;
                    Ty::Map(Box::new(or_null(value)))
                }
                _ => Ty::Json,
            };
            return Some((ty, nullable));
        }
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Ty::Uuid,
                _ => Ty::String,
            },
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            SchemaKind::Type(Type::Number(_)) => Ty::F64,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => or_null(self.ty(
                        items.into(),
                        &pointer.push("items"),
                        &format!("{context}Item"),
                    )?),
                    None => Ty::Json,
                };
                Ty::Array(Box::new(item))
            }
            SchemaKind::Type(Type::Object(_)) => Ty::Json,
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let (ty, inner_nullable) = self.ty(
                    (&all_of[0]).into(),
                    &pointer.push("allOf").push("0"),
                    context,
                )?;
                return Some((ty, nullable || inner_nullable));
            }
            SchemaKind::AllOf { .. } => {
                return self.unsupported(pointer, "`allOf` with more than one schema");
            }
            SchemaKind::OneOf { .. } => return self.unsupported(pointer, "`oneOf`"),
            SchemaKind::AnyOf { .. } => {
                return self.unsupported(pointer, "`anyOf` other than a union with `null`");
            }
            SchemaKind::Not { .. } => return self.unsupported(pointer, "`not`"),
            SchemaKind::Any(any) => {
                if any.all_of.len() == 1 && any.one_of.is_empty() && any.any_of.is_empty() {
                    let (ty, inner_nullable) = self.ty(
                        (&any.all_of[0]).into(),
                        &pointer.push("allOf").push("0"),
                        context,
                    )?;
                    return Some((ty, nullable || inner_nullable));
                }
                if !any.all_of.is_empty() || !any.one_of.is_empty() || !any.any_of.is_empty() {
                    return self
                        .unsupported(pointer, "a schema that mixes `allOf`, `oneOf` or `anyOf`");
                }
                match any.typ.as_deref() {
                    None => Ty::Json,
                    Some(other) => {
                        return self.unsupported(
                            pointer,
                            format!("a schema of type `{other}` with these keywords"),
                        );
                    }
                }
            }
        };
        Some((ty, nullable))
    }

    fn unsupported<T>(&mut self, pointer: &Pointer, what: impl Into<String>) -> Option<T> {
        self.diagnostics.unsupported(pointer, what);
        None
    }

    /// Resolves `#/components/schemas/Key` to its Rust name and its schema.
    fn resolve_schema(
        &mut self,
        reference: &str,
        pointer: &Pointer,
    ) -> Option<(String, Option<&'a Schema>)> {
        let tokens: Vec<String> = Pointer::from_ref(reference)
            .map(|p| p.tokens().collect())
            .unwrap_or_default();
        match tokens.as_slice() {
            [components, schemas, key] if components == "components" && schemas == "schemas" => {
                let document = self.document;
                let target = document
                    .components
                    .as_ref()
                    .and_then(|c| c.schemas.get(key.as_str()));
                match (target, self.component_names.get(key.as_str())) {
                    (Some(target), Some(name)) => Some((name.clone(), target.as_item())),
                    // The target exists but its name was refused; that is already reported.
                    (Some(_), None) => None,
                    (None, _) => {
                        self.diagnostics.push(Error::UnresolvedReference {
                            pointer: pointer.clone(),
                            reference: reference.to_owned(),
                        });
                        None
                    }
                }
            }
            _ => self.unsupported(
                pointer,
                format!("the reference `{reference}` (only `#/components/schemas/...` references to schemas are)"),
            ),
        }
    }

    fn structure(
        &mut self,
        name: &str,
        data: &SchemaData,
        shape: &ObjectShape<'a>,
        pointer: &Pointer,
    ) -> Struct {
        for required in shape.required {
            if !shape.properties.iter().any(|(key, _)| *key == required) {
                self.diagnostics.invalid(
                    &pointer.push("required"),
                    format!("`{required}` is required but is not a property"),
                );
            }
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut field_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (key, schema) in &shape.properties {
            let field_pointer = pointer.push("properties").push(key);
            let field_name = snake_name(key);
            if let Some(first) = field_names.get(&field_name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: field_pointer.clone(),
                    name: field_name,
                    first: first.clone(),
                });
                continue;
            }
            field_names.insert(field_name.clone(), field_pointer.clone());
            let context = format!("{name}{}", type_name(key));
            let Some((ty, nullable)) = self.ty(*schema, &field_pointer, &context) else {
                continue;
            };
            let required = shape.required.contains(key);
            let presence = match (required, nullable) {
                (true, false) => Presence::Required,
                (false, false) => Presence::Optional,
                (true, true) => Presence::RequiredNullable,
                (false, true) => Presence::OptionalNullable,
            };
            let docs = non_empty(self.property_docs(*schema), || {
                format!("The `{key}` property.")
            });
            fields.push(Field {
                name: field_name,
                wire: (*key).clone(),
                docs,
                ty,
                presence,
                setter: String::new(),
                clearer: None,
            });
        }
        // Method names, given in rounds so that they do not depend on the
        // order of the properties: first every setter that can have its
        // field's own name, then the others (`set_<field>`), then the
        // clearers of optional nullable fields (`clear_<field>`). Fields the
        // constructor takes have no setter.
        let mut methods: BTreeSet<String> = BTreeSet::from(["new".to_owned()]);
        let has_setter = |field: &Field| {
            matches!(
                field.presence,
                Presence::Optional | Presence::OptionalNullable
            )
        };
        for field in fields.iter_mut().filter(|f| has_setter(f)) {
            if methods.insert(field.name.clone()) {
                field.setter = field.name.clone();
            }
        }
        for field in fields.iter_mut() {
            if field.setter.is_empty() {
                field.setter = if has_setter(field) {
                    free_method_name(&mut methods, &field.name)
                } else {
                    field.name.clone()
                };
            }
        }
        for field in fields
            .iter_mut()
            .filter(|f| f.presence == Presence::OptionalNullable)
        {
            let bare = field.name.trim_start_matches("r#");
            field.clearer = Some(free_method_name(&mut methods, &format!("clear_{bare}")));
        }
        Struct {
            name: name.to_owned(),
            docs: non_empty(schema_docs(data), || format!("The `{name}` object.")),
            fields,
        }
    }

    /// Docs of a property: its own description, or that of the schema it refers to.
    fn property_docs(&self, schema: SchemaRef<'a>) -> Docs {
        match schema {
            SchemaRef::Item(item) => {
                let own = schema_docs(&item.schema_data);
                if !own.is_empty() {
                    return own;
                }
                match &item.schema_kind {
                    SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                        self.property_docs((&all_of[0]).into())
                    }
                    SchemaKind::Any(any) if any.all_of.len() == 1 => {
                        self.property_docs((&any.all_of[0]).into())
                    }
                    _ => Vec::new(),
                }
            }
            SchemaRef::Ref(reference) => {
                let key = reference
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_default();
                self.document
                    .components
                    .as_ref()
                    .and_then(|c| c.schemas.get(key))
                    .and_then(ReferenceOr::as_item)
                    .map(|target| schema_docs(&target.schema_data))
                    .unwrap_or_default()
            }
        }
    }

    fn enumeration(
        &mut self,
        name: &str,
        data: &SchemaData,
        values: Vec<&'a str>,
        pointer: &Pointer,
    ) -> Enum {
        let meanings = value_meanings(data.description.as_deref().unwrap_or_default());
        let mut variants: Vec<Variant> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for (index, value) in values.iter().enumerate() {
            if variants.iter().any(|v| v.wire == *value) {
                self.diagnostics.invalid(
                    &pointer.push("enum").push(&index.to_string()),
                    format!("the value `{value}` is listed twice"),
                );
                continue;
            }
            let base = variant_name(value);
            let variant = unique(&mut taken, &base);
            let mut docs = match meanings.get(*value) {
                Some(meaning) => doc_lines(meaning),
                None => Vec::new(),
            };
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.push(if value.is_empty() {
                "On the wire: the empty string.".to_owned()
            } else {
                format!("On the wire: `{value}`.")
            });
            variants.push(Variant {
                name: variant,
                wire: (*value).to_owned(),
                docs,
            });
        }
        let unknown = ["Unknown", "Unlisted", "Other"]
            .into_iter()
            .find(|candidate| !taken.contains(*candidate))
            .map(str::to_owned)
            .unwrap_or_else(|| unique(&mut taken, "Unknown"));
        let default = data
            .default
            .as_ref()
            .and_then(|d| d.as_str())
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        let mut docs = non_empty(schema_docs(data), || format!("The `{name}` values."));
        docs.push(String::new());
        docs.push(format!(
            "Values this version of the client does not know yet decode to [`{name}::{unknown}`] \
             and are sent back unchanged, so a new value on the server never breaks a response."
        ));
        Enum {
            name: name.to_owned(),
            docs,
            variants,
            unknown,
            default,
        }
    }

    // ----- operations -----

    fn operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        let mut operations = Vec::new();
        let mut method_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (path, item) in &document.paths.paths {
            let item_pointer = Pointer::root().push("paths").push(path);
            let ReferenceOr::Item(item) = item else {
                self.diagnostics
                    .unsupported(&item_pointer, "a `$ref` path item");
                continue;
            };
            for (method, operation) in item.iter() {
                let pointer = item_pointer.push(method);
                let Some(method) = http_method(method) else {
                    self.diagnostics
                        .unsupported(&pointer, format!("the HTTP method `{method}`"));
                    continue;
                };
                let identifier = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{} {path}", method.as_str().to_lowercase()));
                let method_name = snake_name(&identifier);
                if RUNTIME_METHODS.contains(&method_name.as_str()) {
                    self.diagnostics.unsupported(
                        &pointer.push("operationId"),
                        format!(
                            "the Rust name `{method_name}` is reserved by the client runtime's \
                             `Client`; change the operationId"
                        ),
                    );
                    continue;
                }
                if let Some(first) = method_names.get(&method_name) {
                    self.diagnostics.push(Error::NameCollision {
                        pointer: pointer.push("operationId"),
                        name: method_name,
                        first: first.clone(),
                    });
                    continue;
                }
                method_names.insert(method_name.clone(), pointer.push("operationId"));
                if let Some(lowered) = self.operation(
                    method_name,
                    &type_name(&identifier),
                    method,
                    path,
                    item,
                    operation,
                    &pointer,
                ) {
                    operations.push(lowered);
                }
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        method_name: String,
        pascal: &str,
        method: Method,
        path: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Option<Operation> {
        let (params, failed) = self.path_params(pascal, item, operation, pointer);
        let path_parts = self.path_parts(path, &params, failed.as_ref(), pointer);
        let body = operation.request_body.as_ref().and_then(|body| {
            let taken = params.iter().any(|p| p.name == "body");
            self.request_body(pascal, body, taken, &pointer.push("requestBody"))
        });
        let (success, errors) = self.responses(pascal, operation, pointer)?;

        let mut docs = Vec::new();
        if let Some(summary) = &operation.summary {
            docs.extend(doc_lines(summary));
        }
        if let Some(description) = &operation.description {
            if !docs.is_empty() {
                docs.push(String::new());
            }
            docs.extend(doc_lines(description));
        }
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(format!("`{} {path}`", method.as_str()));
        if !params.is_empty() {
            docs.push(String::new());
            docs.push("# Parameters".to_owned());
            docs.push(String::new());
            for param in &params {
                let text = param.docs.join(" ");
                docs.push(format!(
                    "- `{}`: {text}",
                    param.name.trim_start_matches("r#")
                ));
            }
        }
        docs.push(String::new());
        docs.push("# Errors".to_owned());
        docs.push(String::new());
        docs.push(format!(
            "[`Error::Api`](crate::Error::Api) for the error statuses the API declares, each a \
             variant of [`{}`]; the other variants of [`Error`](crate::Error) for transport \
             failures, timeouts, undeclared statuses and bodies that do not decode.",
            errors.name
        ));
        Some(Operation {
            method_name,
            method,
            path_template: path.to_owned(),
            path: path_parts?,
            docs,
            params,
            body: body.map(|(name, ty, required)| Body { name, ty, required }),
            success,
            errors,
        })
    }

    fn path_params(
        &mut self,
        pascal: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> (Vec<PathParam>, Option<BTreeSet<String>>) {
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
        // Path parameters already reported, so the path check does not report them again.
        let mut failed = BTreeSet::new();
        let mut param_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (at, parameter) in merged {
            let data = parameter.parameter_data_ref();
            if matches!(parameter, Parameter::Path { .. }) {
                failed.insert(data.name.clone());
            }
            let Parameter::Path { .. } = parameter else {
                self.diagnostics.unsupported(
                    &at,
                    format!(
                        "{} parameter `{}` (only path parameters are)",
                        parameter_location(parameter),
                        data.name
                    ),
                );
                continue;
            };
            let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.diagnostics
                    .unsupported(&at, "a parameter described by `content`");
                continue;
            };
            let context = format!("{pascal}{}", type_name(&data.name));
            let Some((ty, _)) = self.ty(schema.into(), &at.push("schema"), &context) else {
                continue;
            };
            let ty = self.unaliased(ty);
            let scalar = matches!(
                ty,
                Ty::String
                    | Ty::Uuid
                    | Ty::Bool
                    | Ty::I32
                    | Ty::I64
                    | Ty::F64
                    | Ty::Date
                    | Ty::DateTime
            ) || matches!(&ty, Ty::Named(name) if self.is_enum(name));
            if !scalar {
                self.diagnostics.unsupported(
                    &at.push("schema"),
                    "a path parameter that is not a string, number, boolean or string enum",
                );
                continue;
            }
            let docs = non_empty(
                data.description
                    .as_deref()
                    .map(doc_lines)
                    .unwrap_or_default(),
                || format!("The `{}` path parameter.", data.name),
            );
            let name = snake_name(&data.name);
            if let Some(first) = param_names.get(&name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: at,
                    name,
                    first: first.clone(),
                });
                continue;
            }
            param_names.insert(name.clone(), at);
            failed.remove(&data.name);
            params.push(PathParam {
                name,
                wire: data.name.clone(),
                ty,
                docs,
            });
        }
        // `None`: a parameter reference did not resolve, so any name may be declared.
        (params, (!unresolved).then_some(failed))
    }

    /// The type an alias stands for (`BookId` -> `Uuid`), through chains of
    /// aliases; any other type as it is.
    fn unaliased(&self, mut ty: Ty) -> Ty {
        // Bounded, in case aliases refer to each other in a circle.
        for _ in 0..self.types.len() {
            let Ty::Named(name) = &ty else { break };
            let target = self.types.iter().find_map(|t| match t {
                TypeDef::Alias(alias) if alias.name == *name => Some(alias.ty.clone()),
                _ => None,
            });
            match target {
                Some(target) => ty = target,
                None => break,
            }
        }
        ty
    }

    /// `item` itself, or the component its local `$ref` points at in
    /// `#/components/<section>/` (found by `lookup`); an unresolved
    /// reference is reported.
    fn resolve<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        section: &str,
        lookup: impl FnOnce(&'a openapiv3::Components, &str) -> Option<&'a ReferenceOr<T>>,
        pointer: &Pointer,
    ) -> Option<&'a T> {
        let reference = match item {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => reference,
        };
        let document = self.document;
        let found = reference
            .strip_prefix("#/components/")
            .and_then(|rest| rest.strip_prefix(section))
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|key| lookup(document.components.as_ref()?, key))
            .and_then(ReferenceOr::as_item);
        if found.is_none() {
            self.diagnostics.push(Error::UnresolvedReference {
                pointer: pointer.clone(),
                reference: reference.clone(),
            });
        }
        found
    }

    fn is_enum(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| matches!(t, TypeDef::Enum(e) if e.name == name))
    }

    /// Splits the path template, checking that its parameters and the declared ones match.
    fn path_parts(
        &mut self,
        path: &str,
        params: &[PathParam],
        failed: Option<&BTreeSet<String>>,
        pointer: &Pointer,
    ) -> Option<Vec<PathPart>> {
        let mut parts = Vec::new();
        let mut used = BTreeSet::new();
        let mut ok = true;
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                self.diagnostics
                    .invalid(pointer, "the path template has an unclosed `{`");
                return None;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            match params.iter().position(|p| p.wire == name) {
                Some(index) => {
                    used.insert(index);
                    parts.push(PathPart::Param(index));
                }
                None => {
                    if failed.is_some_and(|failed| !failed.contains(name)) {
                        self.diagnostics.invalid(
                            pointer,
                            format!("the path uses `{{{name}}}`, which no path parameter declares"),
                        );
                    }
                    ok = false;
                }
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for (index, param) in params.iter().enumerate() {
            if !used.contains(&index) {
                self.diagnostics.invalid(
                    &pointer.push("parameters"),
                    format!(
                        "path parameter `{}` does not appear in the path",
                        param.wire
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(parts)
    }

    fn request_body(
        &mut self,
        pascal: &str,
        body: &'a ReferenceOr<RequestBody>,
        name_taken: bool,
        pointer: &Pointer,
    ) -> Option<(String, Ty, bool)> {
        let body = self.resolve(
            body,
            "requestBodies",
            |c, key| c.request_bodies.get(key),
            pointer,
        )?;
        let (media_pointer, media) = self.json_media(&body.content, pointer)?;
        let ty = match &media.schema {
            Some(schema) => {
                self.ty(
                    schema.into(),
                    &media_pointer.push("schema"),
                    &format!("{pascal}Request"),
                )?
                .0
            }
            None => Ty::Json,
        };
        let name = if name_taken { "request_body" } else { "body" };
        Some((name.to_owned(), ty, body.required))
    }

    /// The JSON media type of a body; an error if the body has content but none is JSON.
    fn json_media(
        &mut self,
        content: &'a openapiv3::Content,
        pointer: &Pointer,
    ) -> Option<(Pointer, &'a MediaType)> {
        let found = content.iter().find(|(media_type, _)| is_json(media_type));
        match found {
            Some((media_type, media)) => Some((pointer.push("content").push(media_type), media)),
            None => {
                let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                self.unsupported(
                    &pointer.push("content"),
                    format!("media type(s) {} (only JSON is)", listed.join(", ")),
                )
            }
        }
    }

    fn responses(
        &mut self,
        pascal: &str,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Option<(Success, ErrorEnum)> {
        let responses_pointer = pointer.push("responses");
        if operation.responses.default.is_some() {
            self.diagnostics.unsupported(
                &responses_pointer.push("default"),
                "a `default` response (declare each status)",
            );
        }
        let mut successes = Vec::new();
        let mut variants = Vec::new();
        // Whether a response failed (and was reported); the others are still
        // checked, so that every problem is reported.
        let mut failed = false;
        for (code, response) in &operation.responses.responses {
            let at = responses_pointer.push(&code.to_string());
            let status = match code {
                StatusCode::Code(status) => *status,
                StatusCode::Range(_) => {
                    self.diagnostics.unsupported(
                        &at,
                        format!("the status range `{code}` (declare each status)"),
                    );
                    continue;
                }
            };
            let Some(response) =
                self.resolve(response, "responses", |c, key| c.responses.get(key), &at)
            else {
                failed = true;
                if (200..300).contains(&status) {
                    successes.push((at, Success { status, ty: None }));
                }
                continue;
            };
            let ty = if response.content.is_empty() {
                None
            } else {
                let variant = status_variant(status);
                let context = if (200..300).contains(&status) {
                    format!("{pascal}Response")
                } else {
                    format!("{pascal}{variant}Body")
                };
                let lowered =
                    self.json_media(&response.content, &at)
                        .and_then(|(media_pointer, media)| match &media.schema {
                            Some(schema) => self
                                .ty(schema.into(), &media_pointer.push("schema"), &context)
                                .map(|(ty, _)| ty),
                            None => Some(Ty::Json),
                        });
                failed |= lowered.is_none();
                lowered
            };
            if (200..300).contains(&status) {
                successes.push((at, Success { status, ty }));
            } else {
                let docs = non_empty(doc_lines(&response.description), || {
                    format!("Status {status}.")
                });
                let summary = response
                    .description
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                variants.push(ErrorVariant {
                    name: status_variant(status),
                    status,
                    ty,
                    docs,
                    summary: summary.trim_end_matches('.').to_owned(),
                });
            }
        }
        let success = match successes.len() {
            0 => {
                return self.unsupported(&responses_pointer, "an operation without a 2XX response");
            }
            1 => successes.pop().map(|(_, s)| s)?,
            _ => {
                let (at, _) = &successes[1];
                return self.unsupported(at, "more than one 2XX response");
            }
        };
        if failed {
            return None;
        }
        variants.sort_by_key(|v| v.status);
        let name = format!("{pascal}Error");
        let error_pointer = responses_pointer.clone();
        if !self.claim_type_name(&name, &error_pointer) {
            return None;
        }
        let docs = vec![format!(
            "The error responses `{}` declares, by status, with their decoded bodies.",
            snake_name(pascal)
        )];
        Some((
            success,
            ErrorEnum {
                name,
                docs,
                variants,
            },
        ))
    }
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

/// Whether the type `from` leads to the type `to`: through the named types
/// that its value holds in place (not behind a `Vec` or map), or, with
/// `aliases_only`, through every named type its aliases mention.
fn reaches(from: &str, to: &str, types: &BTreeMap<&str, &TypeDef>, aliases_only: bool) -> bool {
    fn named<'t>(ty: &'t Ty, in_place: bool, out: &mut Vec<&'t str>) {
        match ty {
            Ty::Named(name) => out.push(name),
            Ty::Array(inner) | Ty::Map(inner) if !in_place => named(inner, in_place, out),
            Ty::Option(inner) => named(inner, in_place, out),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(current) = stack.pop() {
        let mut next = Vec::new();
        match types.get(current) {
            Some(TypeDef::Alias(alias)) => named(&alias.ty, !aliases_only, &mut next),
            Some(TypeDef::Struct(s)) if !aliases_only => {
                for field in &s.fields {
                    named(&field.ty, true, &mut next);
                }
            }
            _ => {}
        }
        for name in next {
            if name == to {
                return true;
            }
            if seen.insert(name) {
                stack.push(name);
            }
        }
    }
    false
}

/// The type of an array item or map value: an `Option` if it may be `null`.
fn or_null((ty, nullable): (Ty, bool)) -> Ty {
    if nullable && ty != Ty::Json {
        Ty::Option(Box::new(ty))
    } else {
        ty
    }
}

fn http_method(method: &str) -> Option<Method> {
    Some(match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "patch" => Method::Patch,
        "head" => Method::Head,
        "options" => Method::Options,
        "trace" => Method::Trace,
        _ => return None,
    })
}

fn parameter_location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}

fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
        || matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_none))
}

/// The listed values of a string enum schema.
fn string_enum(schema: &Schema) -> Option<Vec<&str>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => Some(
            string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        ),
        _ => None,
    }
}

fn object_shape(schema: &Schema) -> Option<ObjectShape<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(ObjectShape {
            properties: object
                .properties
                .iter()
                .map(|(k, v)| (k, v.into()))
                .collect(),
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        }),
        SchemaKind::Any(any)
            if any.typ.is_none()
                && !any.properties.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty() =>
        {
            Some(ObjectShape {
                properties: any.properties.iter().map(|(k, v)| (k, v.into())).collect(),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            })
        }
        _ => None,
    }
}

/// The names in a `{name}` template, in order.
fn template_names(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    names
}

fn schema_docs(data: &SchemaData) -> Docs {
    match (&data.title, &data.description) {
        (_, Some(description)) => doc_lines(description),
        (Some(title), None) => doc_lines(title),
        (None, None) => Vec::new(),
    }
}

fn non_empty(docs: Docs, fallback: impl FnOnce() -> String) -> Docs {
    if docs.is_empty() {
        vec![fallback()]
    } else {
        docs
    }
}

/// Description text as doc lines: trailing spaces trimmed, surrounding blank
/// lines dropped, bare URLs wrapped in `<...>` so rustdoc links them.
fn doc_lines(text: &str) -> Docs {
    let lines: Vec<String> = text.lines().map(|line| autolink(line.trim_end())).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].to_vec()
}

fn autolink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let next = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let Some(start) = next else {
            out.push_str(rest);
            return out;
        };
        let before = rest[..start].chars().last();
        let bare = before.is_none_or(char::is_whitespace);
        let len = rest[start..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - start);
        let mut url = &rest[start..start + len];
        while url.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
            url = &url[..url.len() - 1];
        }
        out.push_str(&rest[..start]);
        if bare {
            out.push('<');
            out.push_str(url);
            out.push('>');
        } else {
            out.push_str(url);
        }
        rest = &rest[start + url.len()..];
    }
}

/// Meanings of enum values given in a description as a markdown list:
/// `- **value**: meaning` or ``- `value`: meaning``, where the meaning goes
/// on over the indented lines that follow the item.
fn value_meanings(description: &str) -> BTreeMap<String, String> {
    let mut meanings: BTreeMap<String, String> = BTreeMap::new();
    // The value whose meaning an indented line continues.
    let mut continued: Option<String> = None;
    for raw in description.lines() {
        let line = raw.trim_start();
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        if let Some(value) = &continued
            && item.is_none()
            && !line.is_empty()
            && line.len() < raw.len()
            && let Some(meaning) = meanings.get_mut(value)
        {
            meaning.push(' ');
            meaning.push_str(line.trim_end());
            continue;
        }
        continued = None;
        let Some(item) = item else {
            continue;
        };
        let parsed = [("**", "**"), ("`", "`")].iter().find_map(|(open, close)| {
            let inner = item.strip_prefix(open)?;
            let end = inner.find(close)?;
            let value = &inner[..end];
            let meaning = inner[end + close.len()..].trim_start();
            let meaning = meaning
                .strip_prefix(':')
                .or_else(|| meaning.strip_prefix('-'))
                .or_else(|| meaning.strip_prefix('—'))?;
            Some((value.to_owned(), meaning.trim().to_owned()))
        });
        if let Some((value, meaning)) = parsed {
            meanings.insert(value.clone(), meaning);
            continued = Some(value);
        }
    }
    meanings
}

/// `base`, or `base2`, `base3`, ... whichever is free; the result is taken.
fn unique(taken: &mut BTreeSet<String>, base: &str) -> String {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A method name for a struct: `wanted`, or `set_wanted` if taken, made unique.
fn free_method_name(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    if !taken.contains(wanted) {
        taken.insert(wanted.to_owned());
        return wanted.to_owned();
    }
    unique(taken, &format!("set_{}", wanted.trim_start_matches("r#")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meanings_come_from_a_markdown_list() {
        let meanings =
            value_meanings("How.\n\n- **a-b**: First.\n- `c`: Second one.\n- plain: ignored\n");
        assert_eq!(meanings.get("a-b").map(String::as_str), Some("First."));
        assert_eq!(meanings.get("c").map(String::as_str), Some("Second one."));
        assert_eq!(meanings.len(), 2);
    }

    #[test]
    fn meanings_go_on_over_indented_lines() {
        let meanings = value_meanings(
            "- **a**: First line\n  and second.\n- **b**: Own.\nNot indented: not a meaning.\n",
        );
        assert_eq!(
            meanings.get("a").map(String::as_str),
            Some("First line and second.")
        );
        assert_eq!(meanings.get("b").map(String::as_str), Some("Own."));
    }

    #[test]
    fn bare_urls_are_wrapped_but_links_are_not() {
        assert_eq!(autolink("see https://x.test/a."), "see <https://x.test/a>.");
        assert_eq!(autolink("[t](https://x.test/a)"), "[t](https://x.test/a)");
        assert_eq!(autolink("<https://x.test>"), "<https://x.test>");
    }

    #[test]
    fn doc_lines_drop_surrounding_blank_lines() {
        assert_eq!(doc_lines("\n a  \n\nb\n\n"), [" a", "", "b"]);
    }

    #[test]
    fn setter_names_avoid_the_constructor() {
        let mut taken = BTreeSet::from(["new".to_owned()]);
        assert_eq!(free_method_name(&mut taken, "new"), "set_new");
        assert_eq!(free_method_name(&mut taken, "name"), "name");
    }
}
