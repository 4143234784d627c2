//! Bodies: the request body of an operation, and the media type (JSON, or `text/plain` for responses) a body is read from.

use openapiv3::{MediaType, ReferenceOr, RequestBody};

use crate::error::Pointer;
use crate::ir::{Body, BodyFormat, Ty};
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
        let (media_pointer, media) = self.json_media(&body.content, pointer)?;
        let ty = match &media.schema {
            Some(schema) => {
                self.ty(
                    schema.into(),
                    &media_pointer.push("schema"),
                    &format!("{pascal}Request"),
                )?
                .ty
            }
            None => Ty::Json,
        };
        let name = if name_taken { "request_body" } else { "body" };
        Some(Body {
            name: name.to_owned(),
            ty,
            required: body.required,
        })
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

fn is_text(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/plain")
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}
