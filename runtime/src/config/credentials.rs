//! Checks of the credentials (the project ID and the API token), and the
//! `Authorization` header made from them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret as _, SecretString};

use crate::ConfigError;

/// The project ID is the username of HTTP Basic auth, which cannot contain
/// `:` (RFC 7617).
pub(super) fn check_project_id(project_id: &str) -> Result<(), ConfigError> {
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

pub(super) fn check_api_token(api_token: &SecretString) -> Result<(), ConfigError> {
    if api_token.expose_secret().trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "api token",
        });
    }
    Ok(())
}

/// A bearer token goes into `Authorization: Bearer <token>`: it must not be
/// empty, and must be visible ASCII (RFC 6750 `b64token`, loosely).
pub(crate) fn check_bearer_token(token: &SecretString) -> Result<(), ConfigError> {
    let token = token.expose_secret();
    if token.trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "bearer token",
        });
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ConfigError::InvalidBearerToken {
            reason: "must be visible ASCII characters, without spaces or line breaks",
        });
    }
    Ok(())
}

/// The HTTP Basic `Authorization` header of `project_id` and `api_token`
/// (RFC 7617), made once per client rather than per request, and marked
/// sensitive: its `Debug` shows `Sensitive`, and HTTP/2 never indexes it.
pub(super) fn basic_authorization(project_id: &str, api_token: &SecretString) -> HeaderValue {
    let credentials = format!("{project_id}:{}", api_token.expose_secret());
    let mut encoded = String::from("Basic ");
    STANDARD.encode_string(credentials.as_bytes(), &mut encoded);
    let mut value = HeaderValue::try_from(encoded)
        .unwrap_or_else(|_| unreachable!("`Basic ` and base64 are visible ASCII"));
    value.set_sensitive(true);
    value
}

/// The HTTP Bearer `Authorization` header of a checked `token` (RFC 6750),
/// made once per client and marked sensitive.
pub(crate) fn bearer_authorization(token: &SecretString) -> HeaderValue {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose_secret()))
        .unwrap_or_else(|_| unreachable!("`check_bearer_token` allows visible ASCII only"));
    value.set_sensitive(true);
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_authorization_encodes_project_id_and_token_and_hides_them() {
        let value = basic_authorization("project-123", &SecretString::from("token-abc"));
        // `printf 'project-123:token-abc' | base64`
        assert_eq!(value, "Basic cHJvamVjdC0xMjM6dG9rZW4tYWJj");
        assert!(value.is_sensitive());
        assert_eq!(format!("{value:?}"), "Sensitive");
    }
}
