//! Bodies: the request body of an operation (JSON, or a form), and the media type (JSON, or `text/plain` for responses) a body is read from.

use openapiv3::{MediaType, ReferenceOr, RequestBody};

use crate::error::Pointer;
use crate::ir::{Body, BodyEncoding, BodyFormat, Ty, TypeDef};
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

    /// A form body is an object whose fields are scalars, string enums or
    /// arrays of them: each field is one `key=value` pair, or one per item.
    /// Anything else is reported where it is declared.
    fn check_form(&mut self, ty: &Ty, pointer: &Pointer) -> Option<()> {
        let ty = self.unaliased(ty.clone());
        let found = match &ty {
            Ty::Named(name) => self.types.iter().find_map(|def| match def {
                TypeDef::Struct(s) if s.name == *name => Some((name.clone(), s.fields.clone())),
                _ => None,
            }),
            _ => None,
        };
        let Some((name, fields)) = found else {
            return self.unsupported(
                pointer,
                "a form body that is not an object (a form is the fields of one object)",
            );
        };
        let mut ok = true;
        for field in fields {
            let value = match self.unaliased(field.ty.clone()) {
                Ty::Array(item) => self.unaliased(*item),
                other => other,
            };
            if field.flatten || !self.is_scalar(&value) {
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
                        "the form field `{}`: a form field is a string, number, boolean, \
                         string enum or an array of them",
                        field.wire
                    ),
                );
            }
        }
        ok.then_some(())
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
