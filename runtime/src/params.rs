//! What an operation sends besides its method, path and body: query and
//! header parameters, the `Accept` it asks for, and the credentials it
//! needs.

use chrono::{DateTime, SecondsFormat, Utc};
use percent_encoding::utf8_percent_encode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::error::Error;
use super::request::SEGMENT;

/// The credentials an operation sends.
#[allow(dead_code)] // `Bearer` and `None` are used only when a spec declares them
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthScheme {
    /// HTTP Basic with the project ID and API token.
    #[default]
    Basic,
    /// `Authorization: Bearer <token>` with the client's bearer token.
    Bearer,
    /// No `Authorization` header.
    None,
}

/// What an operation adds to its request; [`Default`] is what most
/// operations need: no header parameters, JSON, HTTP Basic.
#[derive(Clone)]
pub struct RequestExtras {
    /// The operation's header parameters; they replace the client's
    /// default headers of the same name.
    pub headers: HeaderMap,
    /// The credentials.
    pub auth: AuthScheme,
    /// The `Accept` header: the media type of the success response.
    pub accept: &'static str,
}

impl Default for RequestExtras {
    fn default() -> Self {
        Self {
            headers: HeaderMap::new(),
            auth: AuthScheme::Basic,
            accept: "application/json",
        }
    }
}

/// The query of a request, built one parameter at a time: names and values
/// are percent-encoded (everything but `A-Z a-z 0-9 - . _ ~`), so a value
/// can never add a parameter or end the query.
#[allow(dead_code)] // used by generated code only when a spec declares query parameters
#[derive(Default)]
pub struct Query {
    text: String,
}

#[allow(dead_code)] // used by generated code only when a spec declares query parameters
impl Query {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: &str) {
        self.start(name);
        self.text.extend(utf8_percent_encode(value, SEGMENT));
    }

    /// Adds `name=a,b,c` (form style without `explode`), each value encoded
    /// and the separators not; nothing for no values.
    pub fn push_joined(&mut self, name: &str, values: impl IntoIterator<Item = String>) {
        let mut values = values.into_iter().peekable();
        if values.peek().is_none() {
            return;
        }
        self.start(name);
        for (index, value) in values.enumerate() {
            if index > 0 {
                self.text.push(',');
            }
            self.text.extend(utf8_percent_encode(&value, SEGMENT));
        }
    }

    fn start(&mut self, name: &str) {
        if !self.text.is_empty() {
            self.text.push('&');
        }
        self.text.extend(utf8_percent_encode(name, SEGMENT));
        self.text.push('=');
    }

    /// `path`, followed by `?` and the query if it has any parameter.
    pub fn append_to(self, mut path: String) -> String {
        if !self.text.is_empty() {
            path.push('?');
            path.push_str(&self.text);
        }
        path
    }
}

/// Sets the header parameter `name` (lowercase, checked by the generator)
/// of the operation `path_template` to `value`.
///
/// # Errors
///
/// [`Error::InvalidHeaderParameter`] if `value` cannot be a header value
/// (a control character such as a line break). Nothing is sent.
#[allow(dead_code)] // used by generated code only when a spec declares header parameters
pub fn header_param<E>(
    headers: &mut HeaderMap,
    path_template: &'static str,
    name: &'static str,
    value: &str,
) -> Result<(), Error<E>> {
    let value = HeaderValue::from_str(value).map_err(|_| Error::InvalidHeaderParameter {
        path_template,
        name,
    })?;
    headers.insert(HeaderName::from_static(name), value);
    Ok(())
}

/// A date-time parameter as RFC 3339 text in UTC (`2024-05-06T12:20:00Z`),
/// the form the `date-time` format means; fractional seconds only when
/// there are any.
#[allow(dead_code)] // used by generated code only when a spec declares date-time parameters
pub fn date_time_text(value: &DateTime<Utc>) -> String {
    value.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_encodes_names_and_values_and_joins_with_ampersands() {
        let mut query = Query::new();
        query.push("page_size", "10");
        query.push("q", "a b&c=d#e");
        query.push("tag", "x");
        query.push("tag", "y");
        assert_eq!(
            query.append_to("/things".to_owned()),
            "/things?page_size=10&q=a%20b%26c%3Dd%23e&tag=x&tag=y"
        );
    }

    #[test]
    fn joined_values_keep_their_commas_encoded_and_the_separators_not() {
        let mut query = Query::new();
        query.push_joined("tags", ["a,b".to_owned(), "c".to_owned()]);
        query.push_joined("none", Vec::new());
        assert_eq!(query.append_to("/x".to_owned()), "/x?tags=a%2Cb,c");
    }

    #[test]
    fn an_empty_query_adds_nothing() {
        assert_eq!(Query::new().append_to("/x".to_owned()), "/x");
    }

    #[test]
    fn header_values_with_line_breaks_are_refused() {
        let mut headers = HeaderMap::new();
        header_param::<()>(&mut headers, "/x", "x-trace", "ok").unwrap();
        assert_eq!(headers["x-trace"], "ok");
        let error = header_param::<()>(&mut headers, "/x", "x-trace", "a\r\nb").unwrap_err();
        assert!(
            matches!(
                error,
                Error::InvalidHeaderParameter {
                    name: "x-trace",
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn date_times_are_rfc_3339_in_utc() {
        let value = DateTime::parse_from_rfc3339("2024-05-06T14:20:00+02:00")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time_text(&value), "2024-05-06T12:20:00Z");
    }
}
