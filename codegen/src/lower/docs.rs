//! Docs: the doc text of generated items, from descriptions, titles and markdown value lists.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{SchemaData, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::Lowerer;
use super::refs::{SchemaRef, component_key};
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
            SchemaRef::Ref(reference) => {
                let Some(target) = self.referenced_schema(reference) else {
                    return Vec::new();
                };
                // An enum whose description lists what its values mean: the
                // field keeps the prose and links the type, whose variants
                // carry the meanings, rather than repeating them.
                let description = target
                    .schema_data
                    .description
                    .as_deref()
                    .unwrap_or_default();
                let name = component_key(reference, "schemas")
                    .and_then(|key| self.component_names.get(&key));
                match name {
                    Some(name) if !value_meanings(description).is_empty() => {
                        let mut docs = without_value_list(description);
                        if !docs.is_empty() {
                            docs.push(String::new());
                        }
                        docs.push(format!("[`{name}`] says what each value means."));
                        docs
                    }
                    _ => schema_docs(&target.schema_data),
                }
            }
        }
    }
}

/// The default and the limits a schema written in place gives its values,
/// one sentence a line (one paragraph when rendered): `Default: `20`.`,
/// `Minimum: `1`.`, `Format: `uri`.` (for formats without a Rust type of
/// their own) ... Empty for a `$ref`, whose target documents its own.
pub(super) fn constraint_docs(schema: SchemaRef<'_>) -> Docs {
    let Some(schema) = schema.item() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some(default) = &schema.schema_data.default {
        lines.push(format!("Default: `{default}`."));
    }
    let format_line = |format: &str| format!("Format: `{format}`.");
    let bound = |name: &str, value: String, exclusive: bool| {
        let exclusive = if exclusive { " (exclusive)" } else { "" };
        format!("{name}: `{value}`{exclusive}.")
    };
    let count = |what: &str, unit: &str, min: Option<usize>, max: Option<usize>| match (min, max) {
        (Some(min), Some(max)) if min == max => Some(format!("{what}: exactly {min}{unit}.")),
        (Some(min), Some(max)) => Some(format!("{what}: {min} to {max}{unit}.")),
        (Some(min), None) => Some(format!("{what}: at least {min}{unit}.")),
        (None, Some(max)) => Some(format!("{what}: at most {max}{unit}.")),
        (None, None) => None,
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            let format = match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
                VariantOrUnknownOrEmpty::Unknown(format) if format != "uuid" => {
                    Some(format.as_str())
                }
                _ => None,
            };
            lines.extend(format.map(format_line));
            lines.extend(count(
                "Length",
                " characters",
                string.min_length,
                string.max_length,
            ));
            if let Some(pattern) = &string.pattern {
                lines.push(format!("Pattern: `{pattern}`."));
            }
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            if let VariantOrUnknownOrEmpty::Unknown(format) = &integer.format {
                lines.push(format_line(format));
            }
            if let Some(minimum) = integer.minimum {
                lines.push(bound(
                    "Minimum",
                    minimum.to_string(),
                    integer.exclusive_minimum,
                ));
            }
            if let Some(maximum) = integer.maximum {
                lines.push(bound(
                    "Maximum",
                    maximum.to_string(),
                    integer.exclusive_maximum,
                ));
            }
            if let Some(multiple) = integer.multiple_of {
                lines.push(format!("Multiple of `{multiple}`."));
            }
        }
        SchemaKind::Type(Type::Number(number)) => {
            if let VariantOrUnknownOrEmpty::Unknown(format) = &number.format {
                lines.push(format_line(format));
            }
            if let Some(minimum) = number.minimum {
                lines.push(bound(
                    "Minimum",
                    minimum.to_string(),
                    number.exclusive_minimum,
                ));
            }
            if let Some(maximum) = number.maximum {
                lines.push(bound(
                    "Maximum",
                    maximum.to_string(),
                    number.exclusive_maximum,
                ));
            }
            if let Some(multiple) = number.multiple_of {
                lines.push(format!("Multiple of `{multiple}`."));
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            lines.extend(count("Items", "", array.min_items, array.max_items));
            if array.unique_items {
                lines.push("Items: each one different.".to_owned());
            }
        }
        SchemaKind::Any(any) => {
            lines.extend(any.format.as_deref().map(format_line));
            if let Some(minimum) = any.minimum {
                let exclusive = any.exclusive_minimum.unwrap_or_default();
                lines.push(bound("Minimum", minimum.to_string(), exclusive));
            }
            if let Some(maximum) = any.maximum {
                let exclusive = any.exclusive_maximum.unwrap_or_default();
                lines.push(bound("Maximum", maximum.to_string(), exclusive));
            }
            lines.extend(count(
                "Length",
                " characters",
                any.min_length,
                any.max_length,
            ));
            if let Some(pattern) = &any.pattern {
                lines.push(format!("Pattern: `{pattern}`."));
            }
            lines.extend(count("Items", "", any.min_items, any.max_items));
        }
        _ => {}
    }
    lines
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
                "- `{}`: the query and header parameters, [`{}`]; those not set are left \
                 out of the request.",
                query.name, query.ty
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
/// description lists it. The value as sent is the runtime's `open_enum!`
/// to say, after it.
pub(super) fn variant_docs(meanings: &BTreeMap<String, String>, value: &str) -> Docs {
    match meanings.get(value) {
        Some(meaning) => doc_lines(meaning),
        None => Vec::new(),
    }
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
/// lines dropped, bare URLs wrapped in `<...>` so rustdoc links them, and,
/// outside code, the markup rustdoc would misread escaped ([`plain_text`]).
pub(super) fn doc_lines(text: &str) -> Docs {
    let mut in_fence = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                return line.trim_end().to_owned();
            }
            if in_fence {
                line.trim_end().to_owned()
            } else {
                autolink(&plain_text(line.trim_end()))
            }
        })
        .collect();
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

/// HTML tags a description may use as HTML.
const HTML_TAGS: &[&str] = &[
    "a", "b", "br", "code", "details", "div", "em", "hr", "i", "img", "li", "ol", "p", "pre",
    "span", "strong", "sub", "summary", "sup", "table", "td", "th", "tr", "u", "ul",
];

/// A line of description text, outside inline code, with what rustdoc
/// would read as markup the text does not mean escaped: `<` that opens no
/// known HTML tag and no URL (`<country code>` is text, not an unclosed
/// tag), and `[...]` that is no link (`ring:[duration:]` is text, not an
/// intra-doc link). Links (`[text](url)`) and inline code are kept.
fn plain_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && c == '<' && !opens_tag_or_url(&chars[index + 1..]) {
            out.push_str("&lt;");
            index += 1;
            continue;
        } else if !in_code
            && c == '['
            && let Some(close) = closing_bracket(&chars[index + 1..])
            && !matches!(chars.get(index + close + 2), Some('('))
        {
            out.push_str("\\[");
            out.extend(&chars[index + 1..index + 1 + close]);
            out.push_str("\\]");
            index += close + 2;
            continue;
        }
        out.push(c);
        index += 1;
    }
    out
}

/// The position of the `]` that closes a `[` whose text is `rest`, outside
/// inline code (`` [`a[]`](#a) `` closes after the code).
fn closing_bracket(rest: &[char]) -> Option<usize> {
    let mut in_code = false;
    rest.iter().position(|&c| {
        if c == '`' {
            in_code = !in_code;
        }
        c == ']' && !in_code
    })
}

/// Whether the text after a `<` is a URL or a known HTML tag.
fn opens_tag_or_url(rest: &[char]) -> bool {
    let rest: String = rest.iter().take(12).collect();
    if rest.starts_with("http://") || rest.starts_with("https://") {
        return true;
    }
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let after = rest.trim_start_matches('/').chars().nth(name.len());
    HTML_TAGS.contains(&name.as_str()) && matches!(after, Some('>' | ' ' | '/'))
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
    value_list(description).0
}

/// A description's doc lines without the markdown list of value meanings
/// that [`value_meanings`] reads, for where the values' own docs carry them.
pub(super) fn without_value_list(description: &str) -> Docs {
    let (_, listed) = value_list(description);
    let prose: Vec<&str> = description
        .lines()
        .enumerate()
        .filter(|(index, _)| !listed.contains(index))
        .map(|(_, line)| line)
        .collect();
    let mut docs = doc_lines(&prose.join("\n"));
    docs.dedup_by(|next, previous| next.is_empty() && previous.is_empty());
    docs
}

/// The value meanings of a description and the indexes of the lines that
/// hold them.
fn value_list(description: &str) -> (BTreeMap<String, String>, BTreeSet<usize>) {
    let mut meanings: BTreeMap<String, String> = BTreeMap::new();
    let mut listed: BTreeSet<usize> = BTreeSet::new();
    // The value whose meaning an indented line continues.
    let mut continued: Option<String> = None;
    for (index, raw) in description.lines().enumerate() {
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
            listed.insert(index);
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
            listed.insert(index);
            continued = Some(value);
        }
    }
    (meanings, listed)
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
    fn the_prose_around_a_value_list_is_kept_without_it() {
        let description =
            "How calls go.\n\n- **a**: First,\n  continued.\n- `b`: Second.\n\nSee the guide.\n";
        assert_eq!(
            without_value_list(description),
            ["How calls go.", "", "See the guide."]
        );
        assert_eq!(without_value_list("- **a**: Only.\n"), Vec::<String>::new());
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
    fn text_that_rustdoc_would_read_as_markup_is_escaped() {
        assert_eq!(
            doc_lines("- ring:[duration:]<country code> - ring tone\n- silence: <duration>"),
            [
                "- ring:\\[duration:\\]&lt;country code> - ring tone",
                "- silence: &lt;duration>"
            ]
        );
        assert_eq!(
            doc_lines("[Learn more](/docs/x), <b>bold</b><br/>, `<T>` and `[a]`"),
            ["[Learn more](/docs/x), <b>bold</b><br/>, `<T>` and `[a]`"]
        );
        assert_eq!(
            doc_lines("```\n<raw> [x]\n```"),
            ["```", "<raw> [x]", "```"]
        );
        assert_eq!(
            doc_lines("use [`languages[].auto_emotion`](#auto) instead"),
            ["use [`languages[].auto_emotion`](#auto) instead"]
        );
        assert_eq!(
            doc_lines("see https://x.example/a."),
            ["see <https://x.example/a>."]
        );
    }

    #[test]
    fn doc_lines_drop_surrounding_blank_lines() {
        assert_eq!(doc_lines("\n a  \n\nb\n\n"), [" a", "", "b"]);
    }
}
