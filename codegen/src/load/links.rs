//! Site-relative links in descriptions, made absolute. A document whose
//! descriptions link to its publisher's site by path (`[API
//! scopes](/docs/...)`) says which site in `info.x-docs-origin` (an
//! origin: `https://host`); every such link is resolved against it here,
//! once for the whole document, so that the generated docs link where
//! users read them (docs.rs, a local `cargo doc`) rather than to a path of
//! whatever site shows them. A document without the key keeps its links as
//! written.

use serde_json::Value;

use crate::error::{Error, Pointer};

/// The key of `info` that gives the origin of site-relative links.
const ORIGIN_KEY: &str = "x-docs-origin";

/// The keys whose string values are Markdown that the generated docs show.
const TEXT_KEYS: &[&str] = &["description", "summary"];

/// The keys whose values are data, not documentation: left as they are.
const DATA_KEYS: &[&str] = &["example", "examples", "default", "enum", "const"];

/// Resolves every site-relative Markdown link of the document's
/// descriptions and summaries against `info.x-docs-origin`, if given; an
/// origin that is not `http(s)://host[:port]` is an error at its place.
pub(super) fn absolute_links(document: &mut Value) -> Result<(), Error> {
    let Some(origin) = document.get("info").and_then(|info| info.get(ORIGIN_KEY)) else {
        return Ok(());
    };
    let origin = match origin {
        Value::String(origin) if is_origin(origin) => origin.clone(),
        _ => {
            return Err(Error::Invalid {
                pointer: Pointer::root().push("info").push(ORIGIN_KEY),
                message: "must be an origin, `https://` and a host (and port), without a path \
                          or a trailing slash, such as `https://example.com`"
                    .to_owned(),
            });
        }
    };
    resolve_in(document, &origin);
    Ok(())
}

/// Whether `text` is `http://` or `https://` followed by a host (and port)
/// and nothing else.
fn is_origin(text: &str) -> bool {
    let host = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    host.is_some_and(|host| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    })
}

fn resolve_in(value: &mut Value, origin: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if DATA_KEYS.contains(&key.as_str()) {
                    continue;
                }
                match child {
                    Value::String(text) if TEXT_KEYS.contains(&key.as_str()) => {
                        if text.contains("](/") {
                            *text = resolve(text, origin);
                        }
                    }
                    _ => resolve_in(child, origin),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| resolve_in(item, origin)),
        _ => {}
    }
}

/// `text` with `origin` put before the target of every Markdown link that
/// is a path from the site's root (`](/docs/x)`); protocol-relative targets
/// (`](//host/x)`) and every other link are left as they are.
fn resolve(text: &str, origin: &str) -> String {
    let mut out = String::with_capacity(text.len() + origin.len());
    let mut rest = text;
    while let Some(at) = rest.find("](/") {
        let (before, target) = rest.split_at(at + 2);
        out.push_str(before);
        if !target.starts_with("//") {
            out.push_str(origin);
        }
        out.push('/');
        rest = &target[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ORIGIN: &str = "https://example.com";

    #[test]
    fn site_relative_targets_get_the_origin_and_others_do_not() {
        assert_eq!(
            resolve(
                "See [scopes](/docs/a#b), [the API](https://x.test/c), [same](//cdn.test/d) \
                 and [again](/e).",
                ORIGIN
            ),
            "See [scopes](https://example.com/docs/a#b), [the API](https://x.test/c), \
             [same](//cdn.test/d) and [again](https://example.com/e)."
        );
        assert_eq!(resolve("no links here", ORIGIN), "no links here");
    }

    #[test]
    fn descriptions_and_summaries_are_resolved_but_examples_are_data() {
        let mut document = json!({
            "info": {"x-docs-origin": ORIGIN, "description": "[a](/a)"},
            "paths": {"/x": {"get": {"summary": "[b](/b)", "description": "[c](/c)"}}},
            "components": {"schemas": {"S": {
                "description": "[d](/d)",
                "example": {"description": "[e](/e)"},
                "properties": {"description": {"type": "string", "description": "[f](/f)"}}
            }}}
        });
        absolute_links(&mut document).unwrap();
        assert_eq!(
            document["info"]["description"],
            "[a](https://example.com/a)"
        );
        assert_eq!(
            document["paths"]["/x"]["get"]["summary"],
            "[b](https://example.com/b)"
        );
        assert_eq!(
            document["paths"]["/x"]["get"]["description"],
            "[c](https://example.com/c)"
        );
        let schema = &document["components"]["schemas"]["S"];
        assert_eq!(schema["description"], "[d](https://example.com/d)");
        assert_eq!(schema["example"]["description"], "[e](/e)");
        assert_eq!(
            schema["properties"]["description"]["description"],
            "[f](https://example.com/f)"
        );
    }

    #[test]
    fn without_an_origin_links_stay_as_written() {
        let mut document = json!({"info": {"description": "[a](/a)"}});
        absolute_links(&mut document).unwrap();
        assert_eq!(document["info"]["description"], "[a](/a)");
    }

    #[test]
    fn an_origin_with_a_path_or_of_another_type_is_refused_at_its_place() {
        for origin in [
            json!("https://example.com/docs"),
            json!("example.com"),
            json!(1),
        ] {
            let mut document = json!({"info": {"x-docs-origin": origin}});
            let error = absolute_links(&mut document).unwrap_err();
            assert_eq!(error.pointer().to_string(), "#/info/x-docs-origin");
        }
        assert!(is_origin("http://localhost:8080"));
    }
}
