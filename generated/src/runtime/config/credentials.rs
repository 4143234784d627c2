//! Checks of the credentials: the project ID and the API token.

use secrecy::SecretString;

use crate::runtime::ConfigError;

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
    use secrecy::ExposeSecret as _;
    if api_token.expose_secret().trim().is_empty() {
        return Err(ConfigError::Empty {
            setting: "api token",
        });
    }
    Ok(())
}

/// A bearer token goes into `Authorization: Bearer <token>`: it must not be
/// empty, and must be visible ASCII (RFC 6750 `b64token`, loosely).
pub(in crate::runtime) fn check_bearer_token(token: &SecretString) -> Result<(), ConfigError> {
    use secrecy::ExposeSecret as _;
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
