//! The environment variables `Client::from_env` reads.

use std::env::VarError;

use super::base_url::{Server, parse_base_url, space_base_url};
use super::builder::Settings;
use super::credentials::check_project_id;
use crate::ConfigError;
use crate::client::Core;

/// Environment variable holding the project ID (the username of HTTP Basic
/// auth), read by `Client::from_env`.
pub const ENV_PROJECT_ID: &str = "SIGNALWIRE_PROJECT_ID";

/// Environment variable holding the API token (the password of HTTP Basic
/// auth), read by `Client::from_env`.
pub const ENV_API_TOKEN: &str = "SIGNALWIRE_API_TOKEN";

/// Environment variable holding the space: a host such as
/// `example.signalwire.com` or a bare space name such as `example`, read by
/// `Client::from_env`. Ignored when [`ENV_BASE_URL`] is set.
pub const ENV_SPACE: &str = "SIGNALWIRE_SPACE";

/// Environment variable holding a full base URL such as
/// `http://127.0.0.1:4010`, read by `Client::from_env`. Overrides
/// [`ENV_SPACE`]; one of the two is required.
pub const ENV_BASE_URL: &str = "SIGNALWIRE_BASE_URL";

/// `Client::from_env` for the API whose server is `server`, with the
/// variables read through `lookup` (which behaves like [`std::env::var`]).
#[doc(hidden)]
pub fn from_env(
    server: Server,
    lookup: impl Fn(&str) -> Result<String, VarError>,
) -> Result<Core, ConfigError> {
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
            Some(space) => space_base_url(&space, server).map_err(invalid(ENV_SPACE))?,
            None => {
                return Err(ConfigError::MissingServerEnvVar {
                    space: ENV_SPACE,
                    base_url: ENV_BASE_URL,
                });
            }
        },
    };
    Settings::new(server)
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::config::message;

    fn from_vars(vars: &[(&str, &str)]) -> Result<Core, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|&(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        from_env(crate::test_api::SERVER, |name| {
            vars.get(name).cloned().ok_or(VarError::NotPresent)
        })
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
        let result = from_env(crate::test_api::SERVER, |name| {
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
}
