//! How the mock compares a request it receives with the request an
//! expectation holds: the request the client builds for the same
//! arguments, compared as the API reads it (the query and a form body as
//! name-value pairs in any order, a JSON body as JSON), with every
//! difference named.

use std::fmt;

use reqwest::Url;
use serde_json::Value;

use crate::OperationRequest;

/// A request as the mock compares it: the method, the path as sent
/// (percent-encoded), the query's pairs (decoded, sorted), the body and
/// the header parameters.
#[derive(Debug, Clone)]
pub(super) struct Shape {
    pub(super) method: String,
    pub(super) path: String,
    query: Vec<(String, String)>,
    body: Body,
    /// The operation's header parameters (lowercase names); a received
    /// request keeps all of its headers here.
    headers: Vec<(String, String)>,
}

/// A body as the mock compares it.
#[derive(Debug, Clone)]
enum Body {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
    /// Bytes of another media type, or of JSON that does not parse.
    Other(Vec<u8>),
}

impl Shape {
    /// The request the client sends for `request`.
    pub(super) fn expected(request: &OperationRequest) -> Self {
        let body = match &request.body {
            None => Body::None,
            Some(body) => Body::read(Some(body.content_type), &body.bytes),
        };
        let headers = request
            .extras
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), text(value.as_bytes())))
            .collect();
        Self::new(request.method.as_str(), &request.path, body, headers)
    }

    /// The request the mock received.
    pub(super) fn received(request: &wiremock::Request) -> Self {
        let content_type = request
            .headers
            .get("content-type")
            .and_then(|value| value.to_str().ok());
        let body = if request.body.is_empty() {
            Body::None
        } else {
            Body::read(content_type, &request.body)
        };
        let headers = request
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), text(value.as_bytes())))
            .collect();
        let mut path = request.url.path().to_owned();
        if let Some(query) = request.url.query() {
            path.push('?');
            path.push_str(query);
        }
        Self::new(request.method.as_str(), &path, body, headers)
    }

    fn new(method: &str, path_and_query: &str, body: Body, headers: Vec<(String, String)>) -> Self {
        let (path, query) = match path_and_query.split_once('?') {
            Some((path, query)) => (path, pairs(query)),
            None => (path_and_query, Vec::new()),
        };
        Self {
            method: method.to_owned(),
            path: path.to_owned(),
            query,
            body,
            headers,
        }
    }

    /// Whether `self` and `received` are the same operation's request:
    /// the same method and path.
    pub(super) fn same_endpoint(&self, received: &Shape) -> bool {
        self.method == received.method && self.path == received.path
    }

    /// What `received` has that the expected request `self` does not, one
    /// line each; empty when it is the expected request.
    pub(super) fn differences(&self, received: &Shape) -> Vec<String> {
        let mut out = Vec::new();
        if self.method != received.method {
            out.push(format!(
                "method: expected {}, received {}",
                self.method, received.method
            ));
        }
        if self.path != received.path {
            out.push(format!(
                "path: expected {}, received {}",
                self.path, received.path
            ));
        }
        if self.query != received.query {
            out.push(format!(
                "query: expected {}, received {}",
                Pairs(&self.query),
                Pairs(&received.query)
            ));
        }
        for (name, value) in &self.headers {
            let got = received
                .headers
                .iter()
                .find(|(received_name, _)| received_name == name);
            match got {
                Some((_, got)) if got == value => {}
                Some((_, got)) => out.push(format!(
                    "header {name}: expected {value:?}, received {got:?}"
                )),
                None => out.push(format!("header {name}: expected {value:?}, received none")),
            }
        }
        match (&self.body, &received.body) {
            (Body::Json(expected), Body::Json(got)) => {
                json_differences("", expected, got, &mut out)
            }
            (Body::Form(expected), Body::Form(got)) if expected != got => out.push(format!(
                "form body: expected {}, received {}",
                Pairs(expected),
                Pairs(got)
            )),
            (Body::Form(_), Body::Form(_)) | (Body::None, Body::None) => {}
            (Body::Other(expected), Body::Other(got)) if expected == got => {}
            (expected, got) => out.push(format!("body: expected {expected}, received {got}")),
        }
        out
    }
}

impl fmt::Display for Shape {
    /// `METHOD /path?query`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if !self.query.is_empty() {
            write!(f, "?{}", Pairs(&self.query))?;
        }
        Ok(())
    }
}

impl Body {
    /// A body of the media type `content_type` (parameters ignored).
    fn read(content_type: Option<&str>, bytes: &[u8]) -> Self {
        let media_type = content_type
            .and_then(|value| value.split(';').next())
            .map(|value| value.trim().to_ascii_lowercase());
        match media_type.as_deref() {
            Some("application/json") => serde_json::from_slice(bytes)
                .map_or_else(|_| Body::Other(bytes.to_vec()), Body::Json),
            Some("application/x-www-form-urlencoded") => Body::Form(pairs(&text(bytes))),
            _ => Body::Other(bytes.to_vec()),
        }
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::None => f.write_str("no body"),
            Body::Json(value) => write!(f, "the JSON {value}"),
            Body::Form(pairs) => write!(f, "the form {}", Pairs(pairs)),
            Body::Other(bytes) => write!(f, "the bytes {:?}", text(bytes)),
        }
    }
}

/// The name-value pairs of a query or form, decoded and sorted, so that
/// their order does not matter.
fn pairs(encoded: &str) -> Vec<(String, String)> {
    let Ok(url) = Url::parse(&format!("http://mock/?{encoded}")) else {
        return vec![(encoded.to_owned(), String::new())];
    };
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// Pairs written `name=value&...`, decoded.
struct Pairs<'a>(&'a [(String, String)]);

impl fmt::Display for Pairs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(none)");
        }
        for (i, (name, value)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("&")?;
            }
            write!(f, "{name}={value}")?;
        }
        Ok(())
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Appends to `out` each place, by its JSON pointer under `pointer`, where
/// `got` differs from `expected`.
fn json_differences(pointer: &str, expected: &Value, got: &Value, out: &mut Vec<String>) {
    let at = if pointer.is_empty() { "/" } else { pointer };
    match (expected, got) {
        (Value::Object(expected), Value::Object(got)) => {
            for (key, expected_value) in expected {
                let place = format!("{pointer}/{}", escape(key));
                match got.get(key) {
                    Some(got_value) => json_differences(&place, expected_value, got_value, out),
                    None => out.push(format!(
                        "body at {place}: expected {expected_value}, received nothing"
                    )),
                }
            }
            for (key, got_value) in got {
                if !expected.contains_key(key) {
                    let place = format!("{pointer}/{}", escape(key));
                    out.push(format!(
                        "body at {place}: expected nothing, received {got_value}"
                    ));
                }
            }
        }
        (Value::Array(expected_items), Value::Array(got_items))
            if expected_items.len() == got_items.len() =>
        {
            for (index, (expected_item, got_item)) in
                expected_items.iter().zip(got_items).enumerate()
            {
                json_differences(&format!("{pointer}/{index}"), expected_item, got_item, out);
            }
        }
        _ if expected == got => {}
        _ => out.push(format!("body at {at}: expected {expected}, received {got}")),
    }
}

/// A key as a JSON pointer writes it (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn json_shape(path: &str, body: Value) -> Shape {
        Shape::new("PUT", path, Body::Json(body), Vec::new())
    }

    #[test]
    fn a_body_that_differs_in_one_field_names_the_field_by_its_pointer() {
        let expected = json_shape("/x", json!({"username": "alice", "codecs": ["PCMU"]}));
        let got = json_shape("/x", json!({"username": "bob", "codecs": ["PCMU"]}));
        assert_eq!(
            expected.differences(&got),
            ["body at /username: expected \"alice\", received \"bob\""]
        );
    }

    #[test]
    fn missing_extra_and_nested_fields_are_each_named() {
        let expected = json_shape("/x", json!({"a": {"b/c": 1}, "d": [1, 2]}));
        let got = json_shape("/x", json!({"a": {"b/c": 2}, "d": [1, 3], "e": null}));
        assert_eq!(
            expected.differences(&got),
            [
                "body at /a/b~1c: expected 1, received 2",
                "body at /d/1: expected 2, received 3",
                "body at /e: expected nothing, received null",
            ]
        );
        let shorter = json_shape("/x", json!({"a": {"b/c": 1}}));
        assert_eq!(
            expected.differences(&shorter),
            ["body at /d: expected [1,2], received nothing"]
        );
    }

    #[test]
    fn the_query_is_compared_as_pairs_in_any_order() {
        let expected = Shape::new("GET", "/x?a=1&b=two%20words", Body::None, Vec::new());
        let reordered = Shape::new("GET", "/x?b=two+words&a=1", Body::None, Vec::new());
        assert!(expected.differences(&reordered).is_empty());
        let other = Shape::new("GET", "/x?a=2", Body::None, Vec::new());
        assert_eq!(
            expected.differences(&other),
            ["query: expected a=1&b=two words, received a=2"]
        );
    }

    #[test]
    fn method_path_and_header_parameters_are_compared() {
        let expected = Shape::new(
            "DELETE",
            "/x/1",
            Body::None,
            vec![("x-request-id".to_owned(), "7".to_owned())],
        );
        let got = Shape::new("GET", "/x/2", Body::Other(b"hi".to_vec()), Vec::new());
        assert_eq!(
            expected.differences(&got),
            [
                "method: expected DELETE, received GET",
                "path: expected /x/1, received /x/2",
                "header x-request-id: expected \"7\", received none",
                "body: expected no body, received the bytes \"hi\"",
            ]
        );
    }

    #[test]
    fn a_form_body_is_compared_as_pairs() {
        let expected = Shape::new(
            "POST",
            "/x",
            Body::read(
                Some("application/x-www-form-urlencoded"),
                b"To=%2B1&From=%2B2",
            ),
            Vec::new(),
        );
        let reordered = Shape::new(
            "POST",
            "/x",
            Body::read(
                Some("application/x-www-form-urlencoded; charset=utf-8"),
                b"From=%2B2&To=%2B1",
            ),
            Vec::new(),
        );
        assert!(expected.differences(&reordered).is_empty());
    }
}
