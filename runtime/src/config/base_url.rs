//! The base URL that operation paths are appended to: a full base URL, a
//! host, or a space name put into the API's server URL.

use reqwest::Url;

use crate::ConfigError;

/// Checks a base URL and returns it without trailing `/`, so that paths
/// (which start with `/`) can be appended to it.
pub(super) fn parse_base_url(value: &str) -> Result<String, ConfigError> {
    if value.trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "base url",
        });
    }
    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        value: redact_userinfo(value),
        reason: reason.to_owned(),
    };
    if value.trim() != value {
        return Err(invalid("must not start or end with whitespace"));
    }
    if !value.contains("://") {
        return Err(invalid(
            "must be an absolute url such as `https://example.signalwire.com`",
        ));
    }
    let url = Url::parse(value).map_err(|error| invalid(&error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(&format!(
            "the scheme must be http or https, not {}",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "must not contain credentials (set the project id and api token instead)",
        ));
    }
    if url.query().is_some() {
        return Err(invalid("must not have a query (`?`)"));
    }
    if url.fragment().is_some() {
        return Err(invalid("must not have a fragment (`#`)"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Replaces the user info of a URL-like string (`user:secret@`) by `***@`,
/// so that an error message never repeats a password.
fn redact_userinfo(value: &str) -> String {
    let Some(scheme_end) = value.find("://") else {
        return value.to_owned();
    };
    let authority_start = scheme_end + 3;
    let authority_end = value[authority_start..]
        .find(['/', '?', '#'])
        .map_or(value.len(), |end| authority_start + end);
    match value[authority_start..authority_end].rfind('@') {
        Some(at) => format!(
            "{}***{}",
            &value[..authority_start],
            &value[authority_start + at..]
        ),
        None => value.to_owned(),
    }
}

/// The server URL an API's document declares, which a space is put into:
/// the client crate gives its generated `SERVER_URL` and
/// `SERVER_VARIABLES` to [`client!`](crate::client).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Server {
    /// The URL template, such as `https://{space_name}.signalwire.com`
    /// (empty when the document declares none).
    pub url: &'static str,
    /// `(name, default)` of each variable of `url`, in the order they
    /// appear in it.
    pub variables: &'static [(&'static str, &'static str)],
}

/// The base URL for a space: a host (contains a `.`) or a bare space name
/// put into the server URL template of `server`.
pub(super) fn space_base_url(space: &str, server: Server) -> Result<String, ConfigError> {
    space_base_url_with(space, server.url, server.variables)
}

fn space_base_url_with(
    space: &str,
    template: &str,
    variables: &[(&str, &str)],
) -> Result<String, ConfigError> {
    if space.trim().is_empty() {
        return Err(ConfigError::Empty { setting: "space" });
    }
    let invalid = |reason: &str| ConfigError::InvalidSpace {
        value: space.to_owned(),
        reason: reason.to_owned(),
    };
    if space.contains("://") {
        return Err(invalid(
            "must be a space name such as `example` or a host such as \
             `example.signalwire.com`, not a url (use a base url for that)",
        ));
    }
    if space.contains('.') {
        let host = host_base_url(space).map_err(|reason| invalid(&reason))?;
        Ok(format!("{host}{}", server_path(template, variables)))
    } else {
        check_space_name(space).map_err(invalid)?;
        expand_server_url(template, variables, space)
    }
}

/// `https://<host>` for a host such as `example.signalwire.com` (a port is
/// allowed).
fn host_base_url(host: &str) -> Result<String, String> {
    if let Some(c) = host
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "/\\?#@".contains(c))
    {
        return Err(format!("a host must not contain {c:?}"));
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _port)| name);
    // A fully qualified name may end with one `.`.
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.split('.').any(str::is_empty) {
        return Err("a host must not have an empty label".to_owned());
    }
    let url = Url::parse(&format!("https://{host}")).map_err(|error| error.to_string())?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host".to_owned());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// The path of the server URL template (`/api/fabric` of
/// `https://{space}.example.com/api/fabric/`), without a trailing `/`, the
/// variables in it replaced by their defaults: a host given as the space
/// keeps the base path that operation paths are relative to.
fn server_path(template: &str, variables: &[(&str, &str)]) -> String {
    let after_scheme = template.find("://").map_or(0, |at| at + 3);
    let Some(start) = template[after_scheme..].find('/') else {
        return String::new();
    };
    let mut path = template[after_scheme + start..].to_owned();
    for (name, default) in variables {
        path = path.replace(&format!("{{{name}}}"), default);
    }
    path.trim_end_matches('/').to_owned()
}

/// A space name becomes the first label of a host name.
fn check_space_name(name: &str) -> Result<(), &'static str> {
    let valid = name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(
            "a space name may contain only letters, digits and `-` (not first or last), \
             at most 63 characters; a host must contain a `.`",
        )
    }
}

/// The server URL of the API description for a space name: `space` in
/// place of the first declared variable, the defaults in place of the
/// others. The generator declares the variables (`SERVER_VARIABLES`) and
/// has checked that the template uses no other, so this is plain text
/// substitution of `{name}`: nothing here reads the template's syntax.
fn expand_server_url(
    template: &str,
    variables: &[(&str, &str)],
    space: &str,
) -> Result<String, ConfigError> {
    let Some(((first, _), others)) = variables.split_first() else {
        return Err(ConfigError::NoServerTemplate);
    };
    let mut url = template.replace(&format!("{{{first}}}"), space);
    for (name, default) in others {
        url = url.replace(&format!("{{{name}}}"), default);
    }
    parse_base_url(&url).map_err(|error| ConfigError::InvalidSpace {
        value: space.to_owned(),
        reason: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::message;

    const TEMPLATE: &str = "https://{space_name}.signalwire.com";

    const VARIABLES: &[(&str, &str)] = &[("space_name", "example")];

    fn space(value: &str) -> Result<String, ConfigError> {
        space_base_url_with(value, TEMPLATE, VARIABLES)
    }

    #[test]
    fn generated_server_template_expands_a_space_name() {
        assert_eq!(
            space_base_url("example", crate::test_api::SERVER).unwrap(),
            "https://example.signalwire.com"
        );
    }

    #[test]
    fn bare_space_name_goes_into_the_template() {
        assert_eq!(space("example").unwrap(), "https://example.signalwire.com");
        assert_eq!(
            space("my-space-1").unwrap(),
            "https://my-space-1.signalwire.com"
        );
    }

    #[test]
    fn host_becomes_https_host() {
        assert_eq!(
            space("example.signalwire.com").unwrap(),
            "https://example.signalwire.com"
        );
        assert_eq!(
            space("Example.SignalWire.com").unwrap(),
            "https://example.signalwire.com"
        );
        assert_eq!(
            space("api.example.test:8443").unwrap(),
            "https://api.example.test:8443"
        );
    }

    #[test]
    fn invalid_spaces_are_rejected_with_the_reason() {
        assert_eq!(message(space("")), "space must not be empty");
        assert_eq!(message(space("   ")), "space must not be empty");
        let text = message(space("https://example.signalwire.com"));
        assert!(
            text.starts_with(
                "invalid space `https://example.signalwire.com`: must be a space name"
            ),
            "{text}"
        );
        let text = message(space("my space"));
        assert!(
            text.starts_with("invalid space `my space`: a space name may contain only"),
            "{text}"
        );
        assert!(message(space("-example")).starts_with("invalid space `-example`"));
        assert!(message(space(&"a".repeat(64))).contains("at most 63 characters"));
        assert_eq!(
            message(space("example.signalwire.com/x")),
            "invalid space `example.signalwire.com/x`: a host must not contain '/'"
        );
        assert_eq!(
            message(space("user@example.com")),
            "invalid space `user@example.com`: a host must not contain '@'"
        );
        assert_eq!(
            message(space("example..com")),
            "invalid space `example..com`: a host must not have an empty label"
        );
        assert_eq!(
            message(space(".example.com")),
            "invalid space `.example.com`: a host must not have an empty label"
        );
        assert!(
            message(space("example.com:99999")).starts_with("invalid space `example.com:99999`: ")
        );
    }

    #[test]
    fn the_space_takes_the_first_variable_and_the_others_their_defaults() {
        let url = expand_server_url(
            "https://{space}.{region}.example.com/{version}",
            &[("space", "demo"), ("region", "eu"), ("version", "v1")],
            "acme",
        )
        .unwrap();
        assert_eq!(url, "https://acme.eu.example.com/v1");
    }

    #[test]
    fn a_host_keeps_the_base_path_of_the_server_url() {
        let template = "https://{space_name}.example.com/api/fabric/";
        let variables = &[("space_name", "{your-space}")];
        assert_eq!(
            space_base_url_with("acme", template, variables).unwrap(),
            "https://acme.example.com/api/fabric"
        );
        assert_eq!(
            space_base_url_with("acme.example.com", template, variables).unwrap(),
            "https://acme.example.com/api/fabric"
        );
        assert_eq!(
            space_base_url_with("acme.example.com:8443", TEMPLATE, VARIABLES).unwrap(),
            "https://acme.example.com:8443"
        );
    }

    #[test]
    fn a_server_url_without_a_variable_takes_no_space_name() {
        assert_eq!(
            message(expand_server_url("https://api.example.com", &[], "acme")),
            "the api declares no server url for a space name; set a base url instead"
        );
    }

    #[test]
    fn base_url_keeps_its_path_without_trailing_slash() {
        assert_eq!(
            parse_base_url("http://127.0.0.1:4010").unwrap(),
            "http://127.0.0.1:4010"
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:4010/").unwrap(),
            "http://127.0.0.1:4010"
        );
        assert_eq!(
            parse_base_url("https://gateway.example.com/signalwire/").unwrap(),
            "https://gateway.example.com/signalwire"
        );
        assert_eq!(
            parse_base_url("HTTPS://Example.SignalWire.com:443").unwrap(),
            "https://example.signalwire.com"
        );
    }

    #[test]
    fn invalid_base_urls_are_rejected_with_the_reason() {
        assert_eq!(message(parse_base_url("")), "base url must not be empty");
        assert_eq!(
            message(parse_base_url("example.signalwire.com")),
            "invalid base url `example.signalwire.com`: must be an absolute url such as \
             `https://example.signalwire.com`"
        );
        assert_eq!(
            message(parse_base_url("ftp://example.com")),
            "invalid base url `ftp://example.com`: the scheme must be http or https, not ftp"
        );
        assert_eq!(
            message(parse_base_url("https://example.com?x=1")),
            "invalid base url `https://example.com?x=1`: must not have a query (`?`)"
        );
        assert_eq!(
            message(parse_base_url("https://example.com/#top")),
            "invalid base url `https://example.com/#top`: must not have a fragment (`#`)"
        );
        assert_eq!(
            message(parse_base_url(" https://example.com")),
            "invalid base url ` https://example.com`: must not start or end with whitespace"
        );
        // The reason comes from the URL parser.
        let text = message(parse_base_url("http://exa mple.com"));
        assert!(
            text.starts_with("invalid base url `http://exa mple.com`: "),
            "{text}"
        );
        assert!(
            text.len() > "invalid base url `http://exa mple.com`: ".len(),
            "{text}"
        );
    }

    #[test]
    fn credentials_in_a_base_url_are_rejected_and_not_repeated() {
        let text = message(parse_base_url("https://project:s3cret@example.com/x"));
        assert_eq!(
            text,
            "invalid base url `https://***@example.com/x`: must not contain credentials \
             (set the project id and api token instead)"
        );
    }
}
