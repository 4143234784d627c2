//! [`RetryPolicy`] and the decisions around it: which methods, statuses
//! and failures are retried, how long to wait (exponential backoff with
//! full jitter, at least the server's `Retry-After`), and when to give up.

use std::time::{Duration, SystemTime};

use reqwest::Method;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// When and how often a failed request is sent again.
///
/// Only requests with an idempotent method (`GET`, `HEAD`, `PUT`, `DELETE`,
/// `OPTIONS`, `TRACE`) are retried, and only after a failure that another
/// attempt may cure:
///
/// - the statuses `408`, `429`, `500`, `502`, `503` and `504`;
/// - a connection failure or another transport error (refused, reset,
///   closed before the response was complete);
/// - an attempt that exceeded the request timeout.
///
/// Any other status (`400`, `401`, `403`, `404`, `422`, ...) is returned at
/// once, as are a response body over the size limit and errors raised
/// before anything was sent.
///
/// Before retry `n` (counting from 0), the client waits a random time
/// between zero and `min(max_backoff, initial_backoff × 2ⁿ)` ("full
/// jitter"), so that many clients failing together do not retry together.
/// When the response has a `Retry-After` header (in seconds or as an HTTP
/// date), the wait is never shorter than it asks.
///
/// The deadline bounds the whole call, from the start of the first attempt:
/// an attempt still running when it passes is cut off as a timeout, and
/// when the next wait would reach it (for example because `Retry-After`
/// asks for longer than what is left) the client gives up at once and
/// returns the last error.
///
/// The default makes at most 3 attempts, waits up to 200 ms, then up to
/// 400 ms (doubling up to 5 s), with a deadline of 60 s:
///
/// ```
/// use std::time::Duration;
/// use signalwire_fabric::RetryPolicy;
///
/// assert_eq!(
///     RetryPolicy::default(),
///     RetryPolicy::none()
///         .max_attempts(3)
///         .initial_backoff(Duration::from_millis(200))
///         .max_backoff(Duration::from_secs(5))
///         .deadline(Some(Duration::from_secs(60)))
/// );
/// // More patient: up to 5 attempts within two minutes.
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .deadline(Some(Duration::from_secs(120)));
/// # let _ = patient;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Option<Duration>,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 200 ms doubling up to 5 s with full jitter,
    /// deadline 60 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            deadline: Some(Duration::from_secs(60)),
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt, and no deadline beyond the request timeout.
    /// The backoff settings keep their defaults, so that
    /// `RetryPolicy::none().max_attempts(n)` retries with the default
    /// backoff (but without a deadline until one is set).
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            deadline: None,
            ..Self::default()
        }
    }

    /// The number of attempts in all, the first one included; `1` turns
    /// retries off and `0` counts as `1`.
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The upper bound of the wait before the first retry; the bound
    /// doubles for every further retry.
    pub fn initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The largest upper bound of a wait computed by backoff. A
    /// `Retry-After` header may ask for longer.
    pub fn max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The time from the start of the first attempt after which no attempt
    /// runs and no wait ends; `None` for no deadline (then a `Retry-After`
    /// is honoured however long it is).
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// The number of attempts in all.
    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The overall deadline, if any.
    pub(crate) fn overall_deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// The upper bound of the wait before retry `retry` (from 0):
    /// `min(max_backoff, initial_backoff × 2^retry)`.
    pub(crate) fn backoff_bound(&self, retry: u32) -> Duration {
        let factor = 1_u32.checked_shl(retry).unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait before retry `retry` (from 0): a uniformly random time in
    /// `[0, backoff_bound(retry)]`, but at least `retry_after`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        self.delay_with(retry, retry_after, |bound| fastrand::u64(0..=bound))
    }

    /// [`delay`](Self::delay) with the random source given: `uniform(n)`
    /// returns a number in `0..=n` (nanoseconds).
    fn delay_with(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        uniform: impl FnOnce(u64) -> u64,
    ) -> Duration {
        let bound = u64::try_from(self.backoff_bound(retry).as_nanos()).unwrap_or(u64::MAX);
        let jittered = Duration::from_nanos(uniform(bound).min(bound));
        jittered.max(retry_after.unwrap_or(Duration::ZERO))
    }
}

/// Whether requests with `method` may be sent more than once (RFC 9110,
/// section 9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
    ]
    .contains(method)
}

/// Whether a response with `status` is worth another attempt.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// The delay a `Retry-After` header asks for: delta-seconds, or an
/// HTTP-date (a date in the past means no delay). A missing or malformed
/// header gives `None`.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // A number too large for u64 is still "a very long time".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn default_and_none() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.attempts(), 3);
        assert_eq!(policy.overall_deadline(), Some(Duration::from_secs(60)));
        assert_eq!(RetryPolicy::none().attempts(), 1);
        assert_eq!(RetryPolicy::none().overall_deadline(), None);
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let policy = RetryPolicy::default();
        let bounds: Vec<Duration> = (0..8).map(|n| policy.backoff_bound(n)).collect();
        assert_eq!(
            bounds,
            [200, 400, 800, 1600, 3200, 5000, 5000, 5000].map(|ms| ms * MS)
        );
        // No overflow for absurd retry counts or durations.
        assert_eq!(policy.backoff_bound(40), Duration::from_secs(5));
        let huge = RetryPolicy::default()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        assert_eq!(huge.backoff_bound(31), Duration::MAX);
        assert_eq!(
            huge.delay_with(3, None, |n| n),
            Duration::from_nanos(u64::MAX)
        );
    }

    #[test]
    fn full_jitter_spans_zero_to_the_bound() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_with(1, None, |_| 0), Duration::ZERO);
        assert_eq!(policy.delay_with(1, None, |bound| bound), 400 * MS);
        let mut asked = None;
        let delay = policy.delay_with(2, None, |bound| {
            asked = Some(bound);
            bound / 2
        });
        assert_eq!(asked, Some(800_000_000));
        assert_eq!(delay, 400 * MS);
        for retry in 0..6 {
            let delay = policy.delay(retry, None);
            assert!(delay <= policy.backoff_bound(retry), "{delay:?}");
        }
    }

    #[test]
    fn retry_after_is_a_lower_bound_and_the_backoff_an_upper_one() {
        let policy = RetryPolicy::default();
        let one_second = Some(Duration::from_secs(1));
        // Never less than Retry-After ...
        assert_eq!(
            policy.delay_with(0, one_second, |_| 0),
            Duration::from_secs(1)
        );
        // ... and at most max(backoff, Retry-After).
        assert_eq!(policy.delay_with(4, one_second, |bound| bound), 3200 * MS);
        assert_eq!(policy.delay_with(0, Some(50 * MS), |bound| bound), 200 * MS);
    }

    #[test]
    fn idempotent_methods() {
        for method in ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"] {
            assert!(is_idempotent(&method.parse().unwrap()), "{method}");
        }
        for method in ["POST", "PATCH", "CONNECT"] {
            assert!(!is_idempotent(&method.parse().unwrap()), "{method}");
        }
    }

    #[test]
    fn retryable_statuses() {
        let retryable: Vec<u16> = (100..600).filter(|&s| is_retryable_status(s)).collect();
        assert_eq!(retryable, [408, 429, 500, 502, 503, 504]);
    }

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn retry_after_in_seconds() {
        let now = SystemTime::now();
        assert_eq!(retry_after(&headers("0"), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(" 120 "), now), Some(120 * 1000 * MS));
        assert_eq!(
            retry_after(&headers("99999999999999999999999"), now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
        for bad in ["", "-1", "1.5", "soon", "1 2"] {
            assert_eq!(retry_after(&headers(bad), now), None, "{bad:?}");
        }
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:50:07 GMT"), now),
            Some(Duration::from_secs(30))
        );
        // The obsolete formats of RFC 9110 are accepted too.
        assert_eq!(
            retry_after(&headers("Sunday, 06-Nov-94 08:49:47 GMT"), now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("Sun, 06 Nov 1994"), now), None);
    }
}
