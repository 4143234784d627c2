//! Configuration: [`Settings`] (`builder`, the state of the client
//! crate's `ClientBuilder`), the environment variables
//! (`env`), the base URL a space or URL gives (`base_url`), the plain-http
//! policy (`plain_http`) and the checks of the credentials (`credentials`).

mod base_url;
mod builder;
mod credentials;
mod env;
mod plain_http;

pub use base_url::Server;
pub use builder::Settings;
pub(super) use credentials::{bearer_authorization, check_bearer_token};
pub use env::from_env;
pub use env::{ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE};

/// The message of the error in `result`.
#[cfg(test)]
fn message<T: std::fmt::Debug>(result: Result<T, super::ConfigError>) -> String {
    result.unwrap_err().to_string()
}
