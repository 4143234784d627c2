//! Docs: the doc text of generated items, from descriptions, titles and markdown value lists.

use std::collections::BTreeMap;

use openapiv3::{SchemaData, SchemaKind};

use super::Lowerer;
use super::refs::SchemaRef;
use crate::ir::{Auth, Docs, Method, ParamsStruct, PathParam};

impl<'a> Lowerer<'a> {
    /// Docs of a property: its own description, or that of the schema it refers to.
    pub(super) fn property_docs(&self, schema: SchemaRef<'a>) -> Docs {
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
            SchemaRef::Ref(reference) => self
                .referenced_schema(reference)
                .map(|target| schema_docs(&target.schema_data))
                .unwrap_or_default(),
        }
    }
}

/// What an operation's method says: summary, description, the request
/// line, its parameters and its errors.
pub(super) fn operation_docs(
    operation: &openapiv3::Operation,
    method: Method,
    path: &str,
    params: &[PathParam],
    query: Option<&ParamsStruct>,
    auth: Auth,
    error_enum: &str,
) -> Docs {
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
    if !params.is_empty() || query.is_some() {
        docs.push(String::new());
        docs.push("# Parameters".to_owned());
        docs.push(String::new());
        docs.extend(params.iter().map(parameter_line));
        if let Some(query) = query {
            docs.push(format!(
                "- `{}`: the query and header parameters, [`{}`](crate::{}); those not set \
                 are left out of the request.",
                query.name, query.ty, query.ty
            ));
        }
    }
    match auth {
        Auth::Basic => {}
        Auth::Bearer => {
            docs.push(String::new());
            docs.push("# Authentication".to_owned());
            docs.push(String::new());
            docs.push(
                "Sends the client's bearer token \
                 ([`ClientBuilder::bearer_token`](crate::ClientBuilder::bearer_token), \
                 [`Client::with_bearer_token`](crate::Client::with_bearer_token)), not the \
                 project's credentials; without one the call fails with \
                 [`Error::MissingBearerToken`](crate::Error::MissingBearerToken) and sends \
                 nothing."
                    .to_owned(),
            );
        }
        Auth::None => {
            docs.push(String::new());
            docs.push("# Authentication".to_owned());
            docs.push(String::new());
            docs.push("Sends no credentials: the API declares none for this operation.".to_owned());
        }
    }
    docs.push(String::new());
    docs.push("# Errors".to_owned());
    docs.push(String::new());
    docs.push(format!(
        "[`Error::Api`](crate::Error::Api) for the error statuses the API declares, each a \
         variant of [`{error_enum}`]; the other variants of [`Error`](crate::Error) for transport \
         failures, timeouts, undeclared statuses and bodies that do not decode."
    ));
    docs
}

/// The line of an operation's docs that describes one of its parameters.
pub(crate) fn parameter_line(param: &PathParam) -> String {
    format!("- `{}`: {}", param.name, param.docs.join(" "))
}

/// Docs of an enum value: its meaning from the enum's description, if the
/// description lists it, then the value as sent.
pub(super) fn variant_docs(meanings: &BTreeMap<String, String>, value: &str) -> Docs {
    let mut docs = match meanings.get(value) {
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
    docs
}

/// A schema's description, or else its title.
pub(super) fn schema_docs(data: &SchemaData) -> Docs {
    match (&data.title, &data.description) {
        (_, Some(description)) => doc_lines(description),
        (Some(title), None) => doc_lines(title),
        (None, None) => Vec::new(),
    }
}

/// `docs`, or the one line `fallback` gives when there are none.
pub(super) fn non_empty(docs: Docs, fallback: impl FnOnce() -> String) -> Docs {
    if docs.is_empty() {
        vec![fallback()]
    } else {
        docs
    }
}

/// Description text as doc lines: trailing spaces trimmed, surrounding blank
/// lines dropped, bare URLs wrapped in `<...>` so rustdoc links them.
pub(super) fn doc_lines(text: &str) -> Docs {
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
pub(super) fn value_meanings(description: &str) -> BTreeMap<String, String> {
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
}
