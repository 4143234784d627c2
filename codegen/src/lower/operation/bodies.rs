//! Bodies: the request body of an operation (JSON, or a form), and the media type (JSON, or `text/plain` for responses) a body is read from.

use std::collections::BTreeSet;

use openapiv3::{MediaType, ReferenceOr, RequestBody};

use crate::error::Pointer;
use crate::ir::{Body, BodyEncoding, BodyFormat, Operation, Ty, TypeDef};
use crate::lower::Lowerer;

impl<'a> Lowerer<'a> {
    pub(super) fn request_body(
        &mut self,
        pascal: &str,
        body: &'a ReferenceOr<RequestBody>,
        name_taken: bool,
        pointer: &Pointer,
    ) -> Option<Body> {
        let body = self.resolve(
            body,
            "requestBodies",
            |c, key| c.request_bodies.get(key),
            pointer,
        )?;
        let (media_pointer, media, encoding) = self.request_media(&body.content, pointer)?;
        let schema_pointer = media_pointer.push("schema");
        let ty = match &media.schema {
            Some(schema) => {
                self.ty(schema.into(), &schema_pointer, &format!("{pascal}Request"))?
                    .ty
            }
            None => Ty::Json,
        };
        if encoding == BodyEncoding::Form {
            self.check_form(&ty, &schema_pointer)?;
        }
        let name = if name_taken { "request_body" } else { "body" };
        Some(Body {
            name: name.to_owned(),
            ty,
            required: body.required,
            encoding,
        })
    }

    /// The media type a request body is sent as: JSON if the body offers
    /// it, else a form; an error for a body with neither.
    fn request_media(
        &mut self,
        content: &'a openapiv3::Content,
        pointer: &Pointer,
    ) -> Option<(Pointer, &'a MediaType, BodyEncoding)> {
        let json = content
            .iter()
            .find(|(media_type, _)| is_json(media_type))
            .map(|found| (found, BodyEncoding::Json));
        let form = || {
            content
                .iter()
                .find(|(media_type, _)| is_form(media_type))
                .map(|found| (found, BodyEncoding::Form))
        };
        match json.or_else(form) {
            Some(((media_type, media), encoding)) => {
                Some((pointer.push("content").push(media_type), media, encoding))
            }
            None => {
                let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                self.unsupported(
                    &pointer.push("content"),
                    format!(
                        "media type(s) {} (only JSON and application/x-www-form-urlencoded are)",
                        listed.join(", ")
                    ),
                )
            }
        }
    }

    /// A form body is the fields of one object, each of them:
    ///
    /// - a scalar (a string, number, integer or boolean, with or without a
    ///   format) or a string enum: one `key=value` pair;
    /// - an array of those: one pair per item, under the same key;
    /// - one such value or an array of it (an `anyOf`/`oneOf` of `T` and
    ///   `array of T`: how form APIs write a key that "can be specified
    ///   multiple times", such as `MediaUrl`): the field is a list,
    ///   `Vec<T>`, sent as the array is; one value is a list of one (and
    ///   decodes as one, [`crate::ir::Field::one_or_many`]). The union the member
    ///   schemas made is dropped unless something else uses it
    ///   ([`Lowerer::drop_replaced_unions`]).
    ///
    /// Anything else (an object, a union of other members, an array of
    /// those) is reported where the field is declared.
    fn check_form(&mut self, ty: &Ty, pointer: &Pointer) -> Option<()> {
        let ty = self.unaliased(ty.clone());
        let found = match &ty {
            Ty::Named(name) => self
                .types
                .iter()
                .enumerate()
                .find_map(|(index, def)| match def {
                    TypeDef::Struct(s) if s.name == *name => {
                        Some((index, s.name.clone(), s.fields.clone()))
                    }
                    _ => None,
                }),
            _ => None,
        };
        let Some((index, name, fields)) = found else {
            return self.unsupported(
                pointer,
                "a form body that is not an object (a form is the fields of one object)",
            );
        };
        let mut ok = true;
        for (position, field) in fields.iter().enumerate() {
            let value = match self.unaliased(field.ty.clone()) {
                Ty::Array(item) => self.unaliased(*item),
                other => other,
            };
            if !field.flatten && self.is_scalar(&value) {
                continue;
            }
            if let (false, Ty::Named(union)) = (field.flatten, &value)
                && let Some(item) = self.one_or_many(union)
            {
                self.replaced_unions.insert(union.clone());
                if let TypeDef::Struct(form) = &mut self.types[index] {
                    let field = &mut form.fields[position];
                    field.ty = Ty::Array(Box::new(item));
                    field.one_or_many = true;
                    field.docs.extend([
                        String::new(),
                        format!(
                            "One value or several, as the API takes either: each item is \
                             sent as a `{}` pair of its own.",
                            field.wire
                        ),
                    ]);
                }
                continue;
            }
            ok = false;
            // Where lowering named the field: its property.
            let at = self
                .locations
                .get(&format!("{name}::{}", field.name))
                .unwrap_or(pointer)
                .clone();
            self.diagnostics.unsupported(
                &at,
                format!(
                    "the form field `{}`: a form field is a string, number, boolean or string \
                     enum, an array of those, or one of those or an array of it (`anyOf` \
                     or `oneOf` of `T` and `array of T`)",
                    field.wire
                ),
            );
        }
        ok.then_some(())
    }

    /// The item type `T` of the union `name` when it is one value of `T`
    /// or an array of `T` (in either order, aliases resolved) and `T` is a
    /// scalar a form field can be: the type of the array's items, as the
    /// list holds them. `None` for any other type.
    fn one_or_many(&self, name: &str) -> Option<Ty> {
        let union = self.types.iter().find_map(|def| match def {
            TypeDef::Union(union) if union.name == name && union.tag.is_none() => Some(union),
            _ => None,
        })?;
        let [first, second] = union.variants.as_slice() else {
            return None;
        };
        let (one, many) = match (
            self.unaliased(first.ty.clone()),
            self.unaliased(second.ty.clone()),
        ) {
            (Ty::Array(item), other) | (other, Ty::Array(item)) => (other, *item),
            _ => return None,
        };
        (self.unaliased(many.clone()) == one && self.is_scalar(&one)).then_some(many)
    }

    /// Drops each union of [`Lowerer::replaced_unions`] that is not a
    /// component schema and that no type or operation uses any longer
    /// (the union made of a form field's members, now a list), with its
    /// recorded places; a component schema stays a type of its own, and a
    /// union another type holds stays for it.
    pub(in crate::lower) fn drop_replaced_unions(&mut self, operations: &[Operation]) {
        let replaced = std::mem::take(&mut self.replaced_unions);
        let mut used: Vec<&str> = Vec::new();
        for ty in self.types.iter().flat_map(TypeDef::held_types) {
            ty.named_types(&mut used);
        }
        used.extend(operations.iter().flat_map(Operation::named_types));
        let components: BTreeSet<&str> =
            self.component_names.values().map(String::as_str).collect();
        let dropped: BTreeSet<String> = replaced
            .into_iter()
            .filter(|name| !used.contains(&name.as_str()) && !components.contains(name.as_str()))
            .collect();
        self.types.retain(|def| !dropped.contains(def.name()));
        self.locations.retain(|item, _| {
            let owner = item
                .split_once("::")
                .map_or(item.as_str(), |(owner, _)| owner);
            !dropped.contains(owner)
        });
    }

    /// The media type of a response body: JSON if the response offers it,
    /// else `text/plain`; an error for a response with neither.
    pub(super) fn response_media(
        &mut self,
        content: &'a openapiv3::Content,
        pointer: &Pointer,
    ) -> Option<(Pointer, &'a MediaType, BodyFormat)> {
        let text = content.iter().find(|(media_type, _)| is_text(media_type));
        match text {
            Some((media_type, media)) if !content.keys().any(|m| is_json(m)) => Some((
                pointer.push("content").push(media_type),
                media,
                BodyFormat::Text,
            )),
            _ => {
                let found = content.iter().find(|(media_type, _)| is_json(media_type));
                match found {
                    Some((media_type, media)) => Some((
                        pointer.push("content").push(media_type),
                        media,
                        BodyFormat::Json,
                    )),
                    None => {
                        let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                        self.unsupported(
                            &pointer.push("content"),
                            format!(
                                "media type(s) {} (only JSON and text/plain are)",
                                listed.join(", ")
                            ),
                        )
                    }
                }
            }
        }
    }
}

/// A media type without its parameters, lower-cased: type and subtype are
/// case-insensitive (RFC 9110), so `Application/JSON; charset=utf-8` is
/// `application/json`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn is_text(media_type: &str) -> bool {
    essence(media_type) == "text/plain"
}

fn is_form(media_type: &str) -> bool {
    essence(media_type) == "application/x-www-form-urlencoded"
}

fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Api, Field, Struct};

    /// The document of one form operation whose body is `Form`, with the
    /// component schemas `schemas` (YAML, indented as under `schemas:`).
    fn lowered(schemas: &str) -> Api {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /messages:\n    post:\n      \
             operationId: send\n      requestBody:\n        content:\n          \
             application/x-www-form-urlencoded:\n            schema: {{$ref: '#/components/schemas/Form'}}\n      \
             responses: {{'204': {{description: Sent.}}}}\ncomponents:\n  schemas:\n{schemas}"
        );
        crate::lower_text(&text).unwrap_or_else(|errors| panic!("{errors}\n{text}"))
    }

    fn structure<'a>(api: &'a Api, name: &str) -> &'a Struct {
        api.types
            .iter()
            .find_map(|def| match def {
                TypeDef::Struct(s) if s.name == name => Some(s),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no struct {name}"))
    }

    fn field<'a>(api: &'a Api, name: &str, field: &str) -> &'a Field {
        let s = structure(api, name);
        s.fields
            .iter()
            .find(|f| f.name == field)
            .unwrap_or_else(|| panic!("no field {name}::{field}"))
    }

    #[test]
    fn a_form_field_of_one_scalar_or_an_array_of_it_is_a_list() {
        let api = lowered(
            "    Form:
      type: object
      properties:
        MediaUrl:
          anyOf: [{type: string, format: uri}, {type: array, items: {type: string, format: uri}}]
        Delay:
          oneOf: [{type: array, items: {type: integer, format: int32}}, {type: integer, format: int32}]
        Price:
          anyOf: [{type: number}, {type: array, items: {type: number}}]
        Flag:
          anyOf: [{type: boolean}, {type: array, items: {type: boolean}}]
        Id:
          anyOf: [{type: string, format: uuid}, {type: array, items: {type: string, format: uuid}}]
",
        );
        for (name, item) in [
            ("media_url", Ty::String),
            ("delay", Ty::I32),
            ("price", Ty::F64),
            ("flag", Ty::Bool),
            ("id", Ty::Uuid),
        ] {
            let field = field(&api, "Form", name);
            assert_eq!(field.ty, Ty::Array(Box::new(item)), "{name}");
            assert!(field.one_or_many, "{name}");
            assert!(
                field
                    .docs
                    .last()
                    .is_some_and(|line| line.contains("One value or several")),
                "{name}: {:?}",
                field.docs
            );
        }
        // The unions the members made are gone, with their places.
        let names: Vec<&str> = api.types.iter().map(TypeDef::name).collect();
        assert_eq!(names, ["Form"]);
        assert!(
            !api.locations.keys().any(|item| item.starts_with("Form")
                && item != "Form"
                && !item.starts_with("Form::")),
            "{:?}",
            api.locations.keys().collect::<Vec<_>>()
        );
        assert!(api.locations.contains_key("Form::media_url"));
    }

    #[test]
    fn a_plain_array_or_scalar_form_field_is_as_it_was() {
        let api = lowered(
            "    Form:
      type: object
      properties:
        Tag: {type: array, items: {type: string}}
        To: {type: string}
",
        );
        assert_eq!(
            field(&api, "Form", "tag").ty,
            Ty::Array(Box::new(Ty::String))
        );
        assert!(!field(&api, "Form", "tag").one_or_many);
        assert_eq!(field(&api, "Form", "to").ty, Ty::String);
        assert!(!field(&api, "Form", "to").one_or_many);
    }

    #[test]
    fn a_component_union_stays_a_type_of_its_own() {
        let api = lowered(
            "    MediaUrls:
      anyOf: [{type: string}, {type: array, items: {type: string}}]
    Form:
      type: object
      properties:
        MediaUrl: {$ref: '#/components/schemas/MediaUrls'}
",
        );
        assert_eq!(
            field(&api, "Form", "media_url").ty,
            Ty::Array(Box::new(Ty::String))
        );
        assert!(
            api.types
                .iter()
                .any(|def| matches!(def, TypeDef::Union(u) if u.name == "MediaUrls"))
        );
    }

    #[test]
    fn a_union_another_type_holds_stays_for_it() {
        // `Echo` merges `Form`'s properties, union and all, and is read as
        // JSON: there the union keeps both spellings apart.
        let api = lowered(
            "    Form:
      type: object
      properties:
        MediaUrl:
          anyOf: [{type: string}, {type: array, items: {type: string}}]
    Echo:
      allOf:
        - $ref: '#/components/schemas/Form'
        - type: object
          properties:
            sid: {type: string}
",
        );
        assert_eq!(
            field(&api, "Form", "media_url").ty,
            Ty::Array(Box::new(Ty::String))
        );
        let held = &field(&api, "Echo", "media_url").ty;
        let Ty::Named(union) = held else {
            panic!("Echo::media_url is {held:?}");
        };
        assert!(
            api.types
                .iter()
                .any(|def| matches!(def, TypeDef::Union(u) if u.name == *union))
        );
        assert!(!field(&api, "Echo", "media_url").one_or_many);
    }

    #[test]
    fn one_scalar_or_an_array_of_another_is_no_list() {
        for members in [
            "[{type: string}, {type: array, items: {type: integer}}]",
            "[{type: string}, {type: integer}]",
            "[{type: string}, {type: array, items: {type: string}}, {type: integer}]",
            "[{type: object}, {type: array, items: {type: object}}]",
        ] {
            let text = format!(
                "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /m:\n    post:\n      \
                 operationId: send\n      requestBody:\n        content:\n          \
                 application/x-www-form-urlencoded:\n            schema:\n              \
                 type: object\n              properties:\n                \
                 Media: {{anyOf: {members}}}\n      responses: {{'204': {{description: Sent.}}}}\n"
            );
            let errors = crate::lower_text(&text).expect_err(members).to_string();
            assert!(
                errors.contains(
                    "#/paths/~1m/post/requestBody/content/application~1x-www-form-urlencoded/\
                     schema/properties/Media: unsupported: the form field `Media`"
                ),
                "{members}: {errors}"
            );
        }
    }

    #[test]
    fn media_types_are_read_without_parameters_or_case() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(is_json("application/Problem+JSON"));
        assert!(!is_json("application/jsonl"));
        assert!(is_form("application/x-www-form-urlencoded; charset=utf-8"));
        assert!(!is_form("multipart/form-data"));
        assert!(is_text("Text/Plain"));
        assert!(!is_text("text/html"));
    }
}
