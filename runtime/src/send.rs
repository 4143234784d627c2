//! [`send`], the one entry point of generated operations into the runtime:
//! attempts, timeouts, retries, the body size cap and tracing.

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use tracing::Instrument as _;

use super::client::{Core, USER_AGENT};
use super::error::{AttemptError, Error};
use super::params::{AuthScheme, RequestExtras};
use super::request::{OperationRequest, RawResponse};
use super::retry::{self, Decision, Outcome, Situation};

/// The `tracing` target of the client's span and events: the module path
/// they had when the runtime was a module of the client crate, so that a
/// filter such as `signalwire_rest=debug` (or that path) still selects
/// them now that the runtime is a crate of its own.
const TRACING_TARGET: &str = "signalwire_rest::runtime::send";

/// Sends one operation request through `client`, retrying as its
/// [`RetryPolicy`](super::RetryPolicy) allows, and reads the whole
/// response of the last attempt.
///
/// The generated operation then maps the status to its result with
/// [`RawResponse::json`], [`RawResponse::api_error`],
/// [`RawResponse::unexpected`] and the like, which record the number of
/// attempts in the error.
///
/// # Errors
///
/// [`Error::Timeout`], [`Error::Transport`] or [`Error::BodyTooLarge`]
/// when the last attempt got no complete response.
pub async fn send<E>(client: &Core, request: OperationRequest) -> Result<RawResponse, Error<E>> {
    let url = url(&client.auth.base_url, &request.path);
    send_to(client, url, request).await
}

/// [`send`] to the absolute `url` (of the same origin as the base
/// URL, which the caller has checked); `request.path` is not used.
pub(super) async fn send_to<E>(
    client: &Core,
    url: String,
    request: OperationRequest,
) -> Result<RawResponse, Error<E>> {
    // The credentials the operation asks for, decided once per call; both
    // ready-made values are marked sensitive.
    let authorization = match request.extras.auth {
        AuthScheme::Basic => Some(&client.auth.authorization),
        AuthScheme::Bearer => match &client.auth.bearer {
            Some(bearer) => Some(bearer),
            None => {
                return Err(Error::MissingBearerToken {
                    path_template: request.path_template,
                });
            }
        },
        AuthScheme::None => None,
    };
    let span = tracing::info_span!(
        target: TRACING_TARGET,
        "signalwire_rest.request",
        method = %request.method,
        path_template = request.path_template,
    );
    send_with_retries(client, url, request, authorization)
        .instrument(span)
        .await
}

async fn send_with_retries<E>(
    client: &Core,
    url: String,
    request: OperationRequest,
    authorization: Option<&HeaderValue>,
) -> Result<RawResponse, Error<E>> {
    let options = &*client.options;
    let policy = &options.retry;
    // `Bytes` so that every attempt shares the body without copying it.
    let body = request.body.map(|body| {
        (
            HeaderValue::from_static(body.content_type),
            Bytes::from(body.bytes),
        )
    });
    let idempotent = retry::is_idempotent(&request.method);
    let started = Instant::now();
    let deadline = policy
        .overall_deadline()
        .and_then(|deadline| started.checked_add(deadline));

    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let attempt_started = Instant::now();
        // The deadline also cuts an attempt short.
        let timeout = deadline.map_or(options.timeout, |deadline| {
            options
                .timeout
                .min(deadline.saturating_duration_since(attempt_started))
        });
        tracing::debug!(target: TRACING_TARGET, attempt, timeout_ms = millis(timeout), "sending");
        let result = tokio::time::timeout(
            timeout,
            attempt_once(
                client,
                &request.method,
                &url,
                body.as_ref(),
                &request.extras,
                authorization,
            ),
        )
        .await
        .unwrap_or(Err(AttemptError::Timeout));
        let elapsed_ms = millis(attempt_started.elapsed());

        let (outcome, retry_after) = match &result {
            Ok(response) => {
                let status = response.status();
                tracing::debug!(target: TRACING_TARGET, attempt, status, elapsed_ms, "response");
                let retry_after = retry::retry_after(response.headers(), SystemTime::now());
                (Outcome::Status(status), retry_after)
            }
            Err(error) => {
                tracing::debug!(target: TRACING_TARGET, attempt, %error, elapsed_ms, "no response");
                (outcome_of(error), None)
            }
        };
        let situation = Situation {
            attempt,
            idempotent,
            outcome,
            retry_after,
            now: Instant::now(),
            deadline,
        };
        match policy.decide(&situation, |bound| fastrand::u64(0..=bound)) {
            Decision::Return => return finish(result, attempt),
            Decision::GiveUp(reason) => {
                tracing::debug!(target: TRACING_TARGET, attempt, reason = reason.as_str(), "giving up");
                return finish(result, attempt);
            }
            Decision::Retry { after } => {
                match &result {
                    Ok(response) => tracing::warn!(
                        target: TRACING_TARGET, attempt,
                        status = response.status(),
                        delay_ms = millis(after),
                        "retrying"
                    ),
                    Err(error) => {
                        tracing::warn!(target: TRACING_TARGET, attempt, %error, delay_ms = millis(after), "retrying");
                    }
                }
                tokio::time::sleep(after).await;
            }
        }
    }
}

/// How a failed attempt counts for retrying: timeouts and transport errors
/// are worth another attempt, except a request that could not be built or
/// too many redirects.
fn outcome_of(error: &AttemptError) -> Outcome {
    match error {
        AttemptError::Timeout => Outcome::Timeout,
        AttemptError::Transport(error) => Outcome::TransportError {
            retryable: !error.is_builder() && !error.is_redirect(),
        },
        AttemptError::BodyTooLarge { .. } => Outcome::BodyTooLarge,
    }
}

/// The result of the last of `attempts` attempts, with the count recorded.
fn finish<E>(
    result: Result<RawResponse, AttemptError>,
    attempts: u32,
) -> Result<RawResponse, Error<E>> {
    match result {
        Ok(response) => Ok(response.after_attempts(attempts)),
        Err(error) => Err(error.into_error(attempts)),
    }
}

/// One attempt: send the request and read the whole body (up to the
/// size limit).
async fn attempt_once(
    client: &Core,
    method: &reqwest::Method,
    url: &str,
    body: Option<&(HeaderValue, Bytes)>,
    extras: &RequestExtras,
    authorization: Option<&HeaderValue>,
) -> Result<RawResponse, AttemptError> {
    let extra_headers = &client.options.headers;
    // Built from the request builder (which reports a URL it cannot parse
    // as a transport error of the builder kind), then the headers are
    // written into the request once, with the ready-made `Authorization`.
    let mut request = client
        .transport
        .http
        .request(method.clone(), url)
        .build()
        .map_err(AttemptError::from_reqwest)?;
    let headers = request.headers_mut();
    headers.reserve(4 + extra_headers.len() + extras.headers.len());
    headers.insert(
        reqwest::header::USER_AGENT,
        HeaderValue::from_static(USER_AGENT),
    );
    headers.insert(ACCEPT, HeaderValue::from_static(extras.accept));
    if let Some((content_type, _)) = body {
        headers.insert(CONTENT_TYPE, content_type.clone());
    }
    if let Some(authorization) = authorization {
        headers.insert(AUTHORIZATION, authorization.clone());
    }
    for (name, value) in extra_headers.iter().chain(&extras.headers) {
        headers.insert(name, value.clone());
    }
    if let Some((_, body)) = body {
        *request.body_mut() = Some(body.clone().into());
    }
    let response = client
        .transport
        .http
        .execute(request)
        .await
        .map_err(AttemptError::from_reqwest)?;
    RawResponse::read(response, client.options.max_response_bytes).await
}

/// `base_url` followed by `path` (which should start with `/`).
pub(super) fn url(base_url: &str, path: &str) -> String {
    let separator = if path.starts_with('/') { "" } else { "/" };
    let mut url = String::with_capacity(base_url.len() + separator.len() + path.len());
    url.push_str(base_url);
    url.push_str(separator);
    url.push_str(path);
    url
}

/// Whole milliseconds, for log fields.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_joins_base_and_path_with_one_slash() {
        assert_eq!(
            url("http://127.0.0.1:4010/prefix", "/api/fabric/x"),
            "http://127.0.0.1:4010/prefix/api/fabric/x"
        );
        assert_eq!(
            url("http://127.0.0.1:4010/prefix", "api/x"),
            "http://127.0.0.1:4010/prefix/api/x"
        );
    }
}
