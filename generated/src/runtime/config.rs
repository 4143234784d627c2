//! Configuration: [`ClientBuilder`], the environment variables, and turning
//! a space or a base URL into the URL that operation paths are appended to.

use std::env::VarError;
use std::fmt;

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{HeaderName, HeaderValue};
use secrecy::SecretString;

use super::client::{
    Client, DEFAULT_CONNECT_TIMEOUT, HeaderNames, Options, Transport, check_extra_header,
};
use super::error::ConfigError;
use super::retry::RetryPolicy;

/// Environment variable holding the project ID (the username of HTTP Basic
/// auth), read by [`Client::from_env`].
pub const ENV_PROJECT_ID: &str = "SIGNALWIRE_PROJECT_ID";

/// Environment variable holding the API token (the password of HTTP Basic
/// auth), read by [`Client::from_env`].
pub const ENV_API_TOKEN: &str = "SIGNALWIRE_API_TOKEN";

/// Environment variable holding the space: a host such as
/// `example.signalwire.com` or a bare space name such as `example`, read by
/// [`Client::from_env`]. Ignored when [`ENV_BASE_URL`] is set.
pub const ENV_SPACE: &str = "SIGNALWIRE_SPACE";

/// Environment variable holding a full base URL such as
/// `http://127.0.0.1:4010`, read by [`Client::from_env`]. Overrides
/// [`ENV_SPACE`]; one of the two is required.
pub const ENV_BASE_URL: &str = "SIGNALWIRE_BASE_URL";

/// Builds a [`Client`] step by step.
///
/// The project ID, the API token and either a space or a base URL are
/// required; when both a space and a base URL are given, the base URL wins.
///
/// ```
/// use signalwire_fabric::Client;
///
/// let client = Client::builder()
///     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
///     .api_token("PTxxxxxxxx")
///     .space("example")
///     .build()?;
/// assert_eq!(client.base_url(), "https://example.signalwire.com");
/// # Ok::<(), signalwire_fabric::ConfigError>(())
/// ```
///
/// Timeouts, retries, the response size limit and extra headers have
/// defaults (30 s per attempt, 10 s to connect, [`RetryPolicy::default`],
/// 10 MiB, none) and can also be changed per call with the `with_*`
/// methods of [`Client`].
///
/// ```
/// use std::time::Duration;
/// use signalwire_fabric::header::{HeaderName, HeaderValue};
/// use signalwire_fabric::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
///     .api_token("PTxxxxxxxx")
///     .space("example")
///     .timeout(Duration::from_secs(10))
///     .connect_timeout(Duration::from_secs(3))
///     .retry(RetryPolicy::default().max_attempts(5))
///     .max_response_bytes(1024 * 1024)
///     .default_header(HeaderName::from_static("x-team"), HeaderValue::from_static("voice"))
///     .build()?;
/// # let _ = client;
/// # Ok::<(), signalwire_fabric::ConfigError>(())
/// ```
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    project_id: Option<String>,
    api_token: Option<SecretString>,
    space: Option<String>,
    base_url: Option<String>,
    http_client: Option<reqwest::Client>,
    connect_timeout: Option<Duration>,
    allow_insecure_http: bool,
    options: Options,
    /// Set when `Authorization` was given as a default header; refused by
    /// [`ClientBuilder::build`].
    authorization_header: bool,
}

impl ClientBuilder {
    /// Sets the project ID, sent as the username of HTTP Basic auth.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Sets the API token, sent as the password of HTTP Basic auth. It is
    /// kept in a [`SecretString`] and never shown by `Debug` or in errors.
    pub fn api_token(mut self, api_token: impl Into<String>) -> Self {
        self.api_token = Some(SecretString::from(api_token.into()));
        self
    }

    /// Sets the space: a host such as `example.signalwire.com` (anything
    /// containing a `.`), used as `https://<host>`, or a bare space name
    /// such as `example`, put into the API's server URL template
    /// (`https://example.signalwire.com`).
    pub fn space(mut self, space: impl Into<String>) -> Self {
        self.space = Some(space.into());
        self
    }

    /// Sets a full base URL such as `http://127.0.0.1:4010` or
    /// `https://gateway.example.com/signalwire`; operation paths are
    /// appended to it, keeping its path. Overrides [`space`](Self::space).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sends requests with the caller's own [`reqwest::Client`] (for a
    /// proxy, custom TLS roots, connection pool settings, ...) instead of a
    /// default one.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// Sets the timeout of each attempt, from sending the request to the
    /// end of the response body (default 30 s). A timed-out attempt is
    /// retried as the [`RetryPolicy`] allows.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    /// Sets the timeout of establishing a connection, TLS included (default
    /// 10 s). Cannot be combined with [`http_client`](Self::http_client):
    /// set it on that client instead.
    pub fn connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = Some(connect_timeout);
        self
    }

    /// Sets when and how often failed requests are retried (default
    /// [`RetryPolicy::default`]; [`RetryPolicy::none`] turns retries off).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.options.retry = retry;
        self
    }

    /// Sets the largest response body accepted, in bytes (default 10 MiB).
    /// A larger body fails the call with
    /// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
    pub fn max_response_bytes(mut self, max_response_bytes: usize) -> Self {
        self.options.max_response_bytes = max_response_bytes;
        self
    }

    /// Allows a base URL with plain `http` for any host (default: only for
    /// loopback hosts, `127.0.0.0/8`, `::1` and `localhost`). Over plain
    /// http the credentials travel in clear: use it only for a server you
    /// trust on a network you trust, such as a mock server in a container.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Adds a header sent with every request, such as a request ID or a
    /// mock server's `Prefer`; one value per name (a second call with the
    /// same name replaces the first). It replaces the crate's own
    /// `User-Agent`, `Accept` or `Content-Type` if you name one of those,
    /// and a header of the same name given per call
    /// ([`Client::with_header`]) replaces it.
    ///
    /// `Authorization` is refused: [`build`](Self::build) then fails with
    /// [`ConfigError::AuthorizationHeader`].
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        if check_extra_header(&name).is_err() {
            self.authorization_header = true;
        } else {
            self.options.headers.insert(name, value);
        }
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] naming the first setting that is missing, empty or
    /// invalid; [`ConfigError::InsecureBaseUrl`] for a plain `http` base URL
    /// that is neither loopback nor explicitly allowed;
    /// [`ConfigError::AuthorizationHeader`] and
    /// [`ConfigError::ConnectTimeoutWithCustomHttpClient`] for settings that
    /// cannot go together.
    pub fn build(self) -> Result<Client, ConfigError> {
        let project_id = self.project_id.ok_or(ConfigError::Missing {
            setting: "project id",
        })?;
        check_project_id(&project_id)?;
        let api_token = self.api_token.ok_or(ConfigError::Missing {
            setting: "api token",
        })?;
        check_api_token(&api_token)?;
        let base_url = match (self.base_url, self.space) {
            (Some(base_url), _) => parse_base_url(&base_url)?,
            (None, Some(space)) => space_base_url(&space)?,
            (None, None) => return Err(ConfigError::MissingServer),
        };
        if !self.allow_insecure_http {
            check_transport_security(&base_url)?;
        }
        if self.authorization_header {
            return Err(ConfigError::AuthorizationHeader);
        }
        let transport = match (self.http_client, self.connect_timeout) {
            (Some(_), Some(_)) => return Err(ConfigError::ConnectTimeoutWithCustomHttpClient),
            (Some(http_client), None) => Transport::supplied(http_client),
            (None, connect_timeout) => {
                Transport::build(connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))?
            }
        };
        Ok(Client::from_parts(
            transport,
            base_url,
            project_id,
            api_token,
            self.options,
        ))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("project_id", &self.project_id)
            .field(
                "api_token",
                &self.api_token.as_ref().map(|_| super::client::Redacted),
            )
            .field("space", &self.space)
            .field("base_url", &self.base_url)
            .field("http_client", &self.http_client.as_ref().map(|_| ".."))
            .field("timeout", &self.options.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.options.retry)
            .field("max_response_bytes", &self.options.max_response_bytes)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("headers", &HeaderNames(&self.options.headers))
            .finish()
    }
}

impl Client {
    /// Builds a client for a space.
    ///
    /// `space` is a host such as `example.signalwire.com` (anything with a
    /// `.`), used as `https://<host>`, or a bare space name such as
    /// `example`, which becomes `https://example.signalwire.com`.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] if a value is empty or invalid.
    pub fn new(
        project_id: impl Into<String>,
        api_token: impl Into<String>,
        space: &str,
    ) -> Result<Client, ConfigError> {
        Client::builder()
            .project_id(project_id)
            .api_token(api_token)
            .space(space)
            .build()
    }

    /// Builds a client for a full base URL such as `http://127.0.0.1:4010`
    /// (a mock server) or `https://example.signalwire.com`. Operation paths
    /// are appended to it, keeping any path it has.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] if a value is empty or the URL is not an absolute
    /// `http`/`https` URL without credentials, query or fragment.
    pub fn from_base_url(
        project_id: impl Into<String>,
        api_token: impl Into<String>,
        base_url: &str,
    ) -> Result<Client, ConfigError> {
        Client::builder()
            .project_id(project_id)
            .api_token(api_token)
            .base_url(base_url)
            .build()
    }

    /// Builds a client from the environment variables
    /// [`SIGNALWIRE_PROJECT_ID`](ENV_PROJECT_ID),
    /// [`SIGNALWIRE_API_TOKEN`](ENV_API_TOKEN) and either
    /// [`SIGNALWIRE_BASE_URL`](ENV_BASE_URL) or
    /// [`SIGNALWIRE_SPACE`](ENV_SPACE) (the base URL wins when both are
    /// set).
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] naming the variable that is missing, empty, not
    /// Unicode or invalid.
    pub fn from_env() -> Result<Client, ConfigError> {
        Self::from_lookup(|name| std::env::var(name))
    }

    /// [`from_env`](Self::from_env) with the variables read through
    /// `lookup` (which behaves like [`std::env::var`]).
    pub(crate) fn from_lookup(
        lookup: impl Fn(&str) -> Result<String, VarError>,
    ) -> Result<Client, ConfigError> {
        let read = |name: &'static str| match lookup(name) {
            Ok(value) if value.trim().is_empty() => Err(ConfigError::EmptyEnvVar { name }),
            Ok(value) => Ok(Some(value)),
            Err(VarError::NotPresent) => Ok(None),
            Err(VarError::NotUnicode(_)) => Err(ConfigError::NotUnicodeEnvVar { name }),
        };
        let invalid = |name: &'static str| {
            move |reason: ConfigError| ConfigError::InvalidEnvVar {
                name,
                reason: Box::new(reason),
            }
        };

        let project_id = read(ENV_PROJECT_ID)?.ok_or(ConfigError::MissingEnvVar {
            name: ENV_PROJECT_ID,
        })?;
        check_project_id(&project_id).map_err(invalid(ENV_PROJECT_ID))?;
        let api_token = read(ENV_API_TOKEN)?.ok_or(ConfigError::MissingEnvVar {
            name: ENV_API_TOKEN,
        })?;
        let base_url = match read(ENV_BASE_URL)? {
            Some(base_url) => parse_base_url(&base_url).map_err(invalid(ENV_BASE_URL))?,
            None => match read(ENV_SPACE)? {
                Some(space) => space_base_url(&space).map_err(invalid(ENV_SPACE))?,
                None => {
                    return Err(ConfigError::MissingServerEnvVar {
                        space: ENV_SPACE,
                        base_url: ENV_BASE_URL,
                    });
                }
            },
        };
        Client::builder()
            .project_id(project_id)
            .api_token(api_token)
            .base_url(base_url)
            .build()
            .map_err(|error| match error {
                // Only a base URL can be plain http: a space is always https.
                ConfigError::InsecureBaseUrl { .. } => invalid(ENV_BASE_URL)(error),
                other => other,
            })
    }
}

/// Refuses a plain `http` base URL unless its host is a loopback address
/// (`127.0.0.0/8`, `::1`, an IPv4-mapped loopback address, or `localhost`),
/// where the credentials do not leave the machine.
fn check_transport_security(base_url: &str) -> Result<(), ConfigError> {
    let insecure = || ConfigError::InsecureBaseUrl {
        url: base_url.to_owned(),
    };
    let url = Url::parse(base_url).map_err(|_| insecure())?;
    if url.scheme() == "https" {
        return Ok(());
    }
    // The parser has normalised the host: IPv4 in dotted decimal, IPv6 in
    // brackets, names in lowercase.
    let host = url.host_str().unwrap_or_default();
    let address = host
        .strip_prefix('[')
        .and_then(|host| host.strip_suffix(']'))
        .unwrap_or(host)
        .parse::<IpAddr>();
    let loopback = match address {
        Ok(IpAddr::V4(address)) => address.is_loopback(),
        Ok(IpAddr::V6(address)) => {
            address.is_loopback()
                || address
                    .to_ipv4_mapped()
                    .is_some_and(|address| address.is_loopback())
        }
        Err(_) => host == "localhost",
    };
    if loopback { Ok(()) } else { Err(insecure()) }
}

/// The project ID is the username of HTTP Basic auth, which cannot contain
/// `:` (RFC 7617).
fn check_project_id(project_id: &str) -> Result<(), ConfigError> {
    if project_id.trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "project id",
        });
    }
    if project_id.contains(':') {
        return Err(ConfigError::InvalidProjectId {
            reason: "must not contain `:`",
        });
    }
    if project_id
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ConfigError::InvalidProjectId {
            reason: "must not contain whitespace or control characters",
        });
    }
    Ok(())
}

fn check_api_token(api_token: &SecretString) -> Result<(), ConfigError> {
    use secrecy::ExposeSecret as _;
    if api_token.expose_secret().trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "api token",
        });
    }
    Ok(())
}

/// Checks a base URL and returns it without trailing `/`, so that paths
/// (which start with `/`) can be appended to it.
fn parse_base_url(value: &str) -> Result<String, ConfigError> {
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

/// The base URL for a space: a host (contains a `.`) or a bare space name
/// put into the server URL template of the generated code.
fn space_base_url(space: &str) -> Result<String, ConfigError> {
    space_base_url_with(space, crate::api::SERVER_URL, crate::api::SERVER_VARIABLES)
}

fn space_base_url_with(
    space: &str,
    template: &'static str,
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
        host_base_url(space).map_err(|reason| invalid(&reason))
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

/// Puts `space` into the first variable of the template that has no
/// default, and the defaults into the others.
fn expand_server_url(
    template: &'static str,
    variables: &[(&str, &str)],
    space: &str,
) -> Result<String, ConfigError> {
    let template_error = |reason: String| ConfigError::ServerTemplate { template, reason };
    if variables.is_empty() {
        return Err(template_error(
            "it has no variable to take the space name".to_owned(),
        ));
    }
    let mut url = template.to_owned();
    // The space name takes the first variable; the others keep their defaults.
    for (index, &(name, default)) in variables.iter().enumerate() {
        let placeholder = format!("{{{name}}}");
        if !template.contains(&placeholder) {
            return Err(template_error(format!(
                "variable `{name}` does not appear in it"
            )));
        }
        let value = if index == 0 { space } else { default };
        url = url.replace(&placeholder, value);
    }
    if url.contains(['{', '}']) {
        return Err(template_error(
            "it has a variable that is not declared".to_owned(),
        ));
    }
    parse_base_url(&url).map_err(|error| template_error(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const TEMPLATE: &str = "https://{space_name}.signalwire.com";
    const VARIABLES: &[(&str, &str)] = &[("space_name", "example")];

    fn space(value: &str) -> Result<String, ConfigError> {
        space_base_url_with(value, TEMPLATE, VARIABLES)
    }

    fn message(result: Result<impl fmt::Debug, ConfigError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn generated_server_template_expands_a_space_name() {
        assert_eq!(
            space_base_url("example").unwrap(),
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
    fn template_without_a_variable_is_an_error() {
        let text = message(expand_server_url("https://api.example.com", &[], "acme"));
        assert_eq!(
            text,
            "cannot expand the server url template `https://api.example.com`: \
             it has no variable to take the space name"
        );
        let text = message(expand_server_url(
            "https://{a}.{c}.example.com",
            &[("a", "x")],
            "acme",
        ));
        assert!(
            text.ends_with("it has a variable that is not declared"),
            "{text}"
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

    #[test]
    fn builder_requires_each_setting() {
        assert_eq!(message(Client::builder().build()), "project id is required");
        assert_eq!(
            message(Client::builder().project_id("p").build()),
            "api token is required"
        );
        assert_eq!(
            message(Client::builder().project_id("p").api_token("t").build()),
            "a space (e.g. `example` or `example.signalwire.com`) or a base url is required"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id(" ")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "project id must not be empty"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("a:b")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "invalid project id: must not contain `:`"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("a b")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "invalid project id: must not contain whitespace or control characters"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("p")
                    .api_token("")
                    .space("x")
                    .build()
            ),
            "api token must not be empty"
        );
    }

    #[test]
    fn base_url_overrides_space_in_the_builder() {
        let client = Client::builder()
            .project_id("p")
            .api_token("t")
            .space("example")
            .base_url("http://127.0.0.1:4010/prefix/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:4010/prefix");
    }

    #[test]
    fn simple_constructors() {
        let client = Client::new("p", "t", "example").unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
        let client = Client::new("p", "t", "example.signalwire.com").unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
        let client = Client::from_base_url("p", "t", "http://localhost:4010").unwrap();
        assert_eq!(client.base_url(), "http://localhost:4010");
        assert!(Client::new("p", "t", "").is_err());
        assert!(Client::from_base_url("p", "t", "localhost:4010").is_err());
    }

    fn from_vars(vars: &[(&str, &str)]) -> Result<Client, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|&(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        Client::from_lookup(|name| vars.get(name).cloned().ok_or(VarError::NotPresent))
    }

    const PROJECT: (&str, &str) = (ENV_PROJECT_ID, "project");
    const TOKEN: (&str, &str) = (ENV_API_TOKEN, "token");

    #[test]
    fn env_with_space() {
        let client = from_vars(&[PROJECT, TOKEN, (ENV_SPACE, "example")]).unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
        let client = from_vars(&[PROJECT, TOKEN, (ENV_SPACE, "example.signalwire.com")]).unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
    }

    #[test]
    fn env_base_url_overrides_space() {
        let client = from_vars(&[
            PROJECT,
            TOKEN,
            (ENV_SPACE, "not a valid space"),
            (ENV_BASE_URL, "http://127.0.0.1:4010"),
        ])
        .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:4010");
    }

    #[test]
    fn env_errors_name_the_variable() {
        assert_eq!(
            message(from_vars(&[TOKEN, (ENV_SPACE, "example")])),
            "environment variable SIGNALWIRE_PROJECT_ID is not set"
        );
        assert_eq!(
            message(from_vars(&[PROJECT, (ENV_SPACE, "example")])),
            "environment variable SIGNALWIRE_API_TOKEN is not set"
        );
        assert_eq!(
            message(from_vars(&[PROJECT, TOKEN])),
            "neither environment variable SIGNALWIRE_SPACE nor SIGNALWIRE_BASE_URL is set \
             (one of them is required)"
        );
        assert_eq!(
            message(from_vars(&[
                (ENV_PROJECT_ID, ""),
                TOKEN,
                (ENV_SPACE, "example")
            ])),
            "environment variable SIGNALWIRE_PROJECT_ID is empty"
        );
        assert_eq!(
            message(from_vars(&[
                PROJECT,
                (ENV_API_TOKEN, " "),
                (ENV_SPACE, "example")
            ])),
            "environment variable SIGNALWIRE_API_TOKEN is empty"
        );
        assert_eq!(
            message(from_vars(&[PROJECT, TOKEN, (ENV_SPACE, "")])),
            "environment variable SIGNALWIRE_SPACE is empty"
        );
        assert_eq!(
            message(from_vars(&[
                PROJECT,
                TOKEN,
                (ENV_BASE_URL, ""),
                (ENV_SPACE, "example")
            ])),
            "environment variable SIGNALWIRE_BASE_URL is empty"
        );
        assert_eq!(
            message(from_vars(&[PROJECT, TOKEN, (ENV_SPACE, "my space")])),
            "environment variable SIGNALWIRE_SPACE is invalid: invalid space `my space`: \
             a space name may contain only letters, digits and `-` (not first or last), \
             at most 63 characters; a host must contain a `.`"
        );
        assert_eq!(
            message(from_vars(&[PROJECT, TOKEN, (ENV_BASE_URL, "ftp://x.com")])),
            "environment variable SIGNALWIRE_BASE_URL is invalid: invalid base url \
             `ftp://x.com`: the scheme must be http or https, not ftp"
        );
        assert_eq!(
            message(from_vars(&[
                (ENV_PROJECT_ID, "a:b"),
                TOKEN,
                (ENV_SPACE, "example")
            ])),
            "environment variable SIGNALWIRE_PROJECT_ID is invalid: invalid project id: \
             must not contain `:`"
        );
    }

    #[test]
    fn env_value_that_is_not_unicode_is_named() {
        let result = Client::from_lookup(|name| {
            if name == ENV_API_TOKEN {
                Err(VarError::NotUnicode("\u{fffd}".into()))
            } else {
                Ok("example".to_owned())
            }
        });
        assert_eq!(
            message(result),
            "environment variable SIGNALWIRE_API_TOKEN is not valid unicode"
        );
    }

    fn build_for(base_url: &str) -> Result<Client, ConfigError> {
        Client::from_base_url("p", "t", base_url)
    }

    #[test]
    fn plain_http_is_refused_for_hosts_that_are_not_loopback() {
        for url in [
            "http://example.com",
            "http://example.com:8080/prefix",
            "http://10.0.0.1:4010",
            "http://0.0.0.0:4010",
            "http://[::]:4010",
            "http://[2001:db8::1]",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            let error = build_for(url).expect_err(url);
            assert!(
                matches!(&error, ConfigError::InsecureBaseUrl { url: shown } if url.starts_with(shown.as_str())),
                "{url}: {error:?}"
            );
        }
        assert_eq!(
            message(build_for("http://example.com/")),
            "refusing the insecure base url `http://example.com`: over http the api token \
             would travel in clear; use https, or allow plain http explicitly with \
             `ClientBuilder::allow_insecure_http(true)` (loopback hosts such as 127.0.0.1, \
             ::1 and localhost are always allowed)"
        );
    }

    #[test]
    fn plain_http_is_allowed_for_loopback_hosts_and_https_everywhere() {
        for url in [
            "http://127.0.0.1:4010",
            "http://127.1.2.3",
            "http://localhost:4010/x",
            "http://LOCALHOST",
            "http://[::1]:4010",
            "http://[::ffff:127.0.0.1]:4010",
            "https://example.com",
            "https://10.0.0.1:8443",
        ] {
            assert!(build_for(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn plain_http_can_be_allowed_explicitly() {
        let builder = || {
            Client::builder()
                .project_id("p")
                .api_token("t")
                .base_url("http://example.com:4010")
        };
        assert!(builder().allow_insecure_http(false).build().is_err());
        let client = builder().allow_insecure_http(true).build().unwrap();
        assert_eq!(client.base_url(), "http://example.com:4010");
    }

    #[test]
    fn env_insecure_base_url_names_the_variable() {
        let text = message(from_vars(&[
            PROJECT,
            TOKEN,
            (ENV_BASE_URL, "http://example.com"),
        ]));
        assert!(
            text.starts_with(
                "environment variable SIGNALWIRE_BASE_URL is invalid: \
                 refusing the insecure base url `http://example.com`: "
            ),
            "{text}"
        );
    }

    #[test]
    fn authorization_is_refused_as_a_default_header() {
        let error = Client::builder()
            .project_id("p")
            .api_token("t")
            .space("example")
            .default_header(
                reqwest::header::AUTHORIZATION,
                HeaderValue::from_static("Basic c2VjcmV0"),
            )
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::AuthorizationHeader),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the authorization header cannot be set as an extra header: \
             the credentials come from the project id and api token"
        );
    }

    #[test]
    fn a_connect_timeout_needs_a_client_made_by_the_crate() {
        let builder = || {
            Client::builder()
                .project_id("p")
                .api_token("t")
                .space("example")
        };
        let error = builder()
            .http_client(reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::ConnectTimeoutWithCustomHttpClient),
            "{error:?}"
        );
        let supplied = builder()
            .http_client(reqwest::Client::new())
            .build()
            .unwrap();
        let error = supplied
            .with_connect_timeout(Duration::from_secs(1))
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::ConnectTimeoutWithCustomHttpClient),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("a connect timeout cannot be applied to a caller-supplied"),
            "{error}"
        );
        let own = builder()
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        assert!(own.with_connect_timeout(Duration::from_secs(2)).is_ok());
    }

    #[test]
    fn debug_shows_the_settings_and_header_names_only() {
        let builder = Client::builder()
            .project_id("p")
            .api_token("t0ken-value")
            .space("example")
            .timeout(Duration::from_secs(7))
            .max_response_bytes(1234)
            .default_header(
                HeaderName::from_static("x-api-key"),
                HeaderValue::from_static("other-secret"),
            );
        let debug = format!("{builder:?}");
        for expected in ["7s", "1234", "x-api-key", "max_attempts: 3"] {
            assert!(debug.contains(expected), "{expected}: {debug}");
        }
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        for expected in ["7s", "10s", "1234", "x-api-key", "max_attempts: 3"] {
            assert!(debug.contains(expected), "{expected}: {debug}");
        }
        for text in [format!("{client:?}"), format!("{client:#?}")] {
            assert!(!text.contains("other-secret"), "{text}");
            assert!(!text.contains("t0ken-value"), "{text}");
        }
    }

    #[test]
    fn debug_never_shows_the_token() {
        let builder = Client::builder()
            .project_id("project-1")
            .api_token("sup3r-s3cret-t0ken")
            .space("example");
        let debug = format!("{builder:?}");
        assert!(!debug.contains("sup3r-s3cret-t0ken"), "{debug}");
        assert!(debug.contains("project-1"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
        let client = builder.build().unwrap();
        for text in [format!("{client:?}"), format!("{client:#?}")] {
            assert!(!text.contains("sup3r-s3cret-t0ken"), "{text}");
            assert!(text.contains("https://example.signalwire.com"), "{text}");
            assert!(text.contains("[redacted]"), "{text}");
        }
    }
}
