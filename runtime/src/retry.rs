//! [`RetryPolicy`] and the decisions around it: which methods, statuses
//! and failures are retried, how long to wait (exponential backoff with
//! full jitter, at least the server's `Retry-After`), and when to give up.

use std::time::{Duration, Instant, SystemTime};

use reqwest::Method;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::defaults;

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
/// The default takes its values from [`defaults`](crate::defaults):
///
/// ```
/// use signalwire_rest::{RetryPolicy, defaults};
///
/// assert_eq!(
///     RetryPolicy::default(),
///     RetryPolicy::none()
///         .max_attempts(defaults::MAX_ATTEMPTS)
///         .initial_backoff(defaults::INITIAL_BACKOFF)
///         .max_backoff(defaults::MAX_BACKOFF)
///         .deadline(Some(defaults::DEADLINE))
/// );
/// # use std::time::Duration;
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
    /// [`defaults::MAX_ATTEMPTS`] attempts, backoff from
    /// [`defaults::INITIAL_BACKOFF`] doubling up to [`defaults::MAX_BACKOFF`]
    /// with full jitter, deadline [`defaults::DEADLINE`].
    fn default() -> Self {
        Self {
            max_attempts: defaults::MAX_ATTEMPTS,
            initial_backoff: defaults::INITIAL_BACKOFF,
            max_backoff: defaults::MAX_BACKOFF,
            deadline: Some(defaults::DEADLINE),
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

    /// What to do after an attempt: return its outcome, wait and try
    /// again, or give up. A pure function of its inputs: the clock and the
    /// random source (`uniform(n)` returns a number in `0..=n`, nanoseconds
    /// of jitter) are given, so that it can be tested with synthetic times.
    pub(crate) fn decide(
        &self,
        situation: &Situation,
        uniform: impl FnOnce(u64) -> u64,
    ) -> Decision {
        let retryable = match situation.outcome {
            Outcome::Status(status) => is_retryable_status(status),
            Outcome::Timeout => true,
            Outcome::TransportError { retryable } => retryable,
            Outcome::BodyTooLarge => false,
        };
        if !retryable {
            return Decision::Return;
        }
        let max_attempts = if situation.idempotent {
            self.max_attempts
        } else {
            1
        };
        if situation.attempt >= max_attempts {
            return Decision::GiveUp(GiveUp::NoAttemptsLeft);
        }
        let retry = situation.attempt - 1;
        let bound = u64::try_from(self.backoff_bound(retry).as_nanos()).unwrap_or(u64::MAX);
        let jittered = Duration::from_nanos(uniform(bound).min(bound));
        let wait = jittered.max(situation.retry_after.unwrap_or(Duration::ZERO));
        let past_deadline = situation.deadline.is_some_and(|deadline| {
            situation
                .now
                .checked_add(wait)
                .is_none_or(|next| next >= deadline)
        });
        if past_deadline {
            Decision::GiveUp(GiveUp::PastDeadline)
        } else {
            Decision::Retry { after: wait }
        }
    }
}

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Outcome {
    /// A response with this status.
    Status(u16),
    /// The attempt timed out.
    Timeout,
    /// No response; `retryable` unless the request could not be built.
    TransportError { retryable: bool },
    /// The response body was over the limit.
    BodyTooLarge,
}

/// Everything [`RetryPolicy::decide`] looks at besides the policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Situation {
    /// The attempt that just ended, from 1.
    pub(crate) attempt: u32,
    /// Whether the request's method may be sent more than once.
    pub(crate) idempotent: bool,
    /// How it ended.
    pub(crate) outcome: Outcome,
    /// What the response's `Retry-After` asks for, if anything.
    pub(crate) retry_after: Option<Duration>,
    /// The current time.
    pub(crate) now: Instant,
    /// When the whole call must end, if ever.
    pub(crate) deadline: Option<Instant>,
}

/// The answer of [`RetryPolicy::decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// The outcome is final (a success, or a failure not worth retrying).
    Return,
    /// Wait this long, then send the request again.
    Retry { after: Duration },
    /// Worth retrying, but the policy does not allow another attempt.
    GiveUp(GiveUp),
}

/// Why the retries ran out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GiveUp {
    /// The last attempt allowed was made.
    NoAttemptsLeft,
    /// The next attempt would start at or after the deadline.
    PastDeadline,
}

impl GiveUp {
    /// The reason, as the `giving up` log event records it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::NoAttemptsLeft => "no attempts left",
            Self::PastDeadline => "the next attempt would start after the deadline",
        }
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

    /// A situation after `attempt` of an idempotent request that got
    /// `outcome`, at a synthetic `now` with the deadline `left` later.
    fn after(attempt: u32, outcome: Outcome, left: Option<Duration>) -> Situation {
        let now = Instant::now();
        Situation {
            attempt,
            idempotent: true,
            outcome,
            retry_after: None,
            now,
            deadline: left.map(|left| now + left),
        }
    }

    const UNAVAILABLE: Outcome = Outcome::Status(503);

    /// The decision with the largest jitter (the whole bound).
    fn decide_max(policy: &RetryPolicy, situation: &Situation) -> Decision {
        policy.decide(situation, |bound| bound)
    }

    #[test]
    fn default_and_none() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_attempts, defaults::MAX_ATTEMPTS);
        assert_eq!(policy.overall_deadline(), Some(defaults::DEADLINE));
        assert_eq!(RetryPolicy::none().max_attempts, 1);
        assert_eq!(RetryPolicy::none().overall_deadline(), None);
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
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
            .max_attempts(10)
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        assert_eq!(huge.backoff_bound(31), Duration::MAX);
        assert_eq!(
            decide_max(&huge, &after(4, UNAVAILABLE, None)),
            Decision::Retry {
                after: Duration::from_nanos(u64::MAX)
            }
        );
    }

    #[test]
    fn full_jitter_spans_zero_to_the_bound() {
        let policy = RetryPolicy::default();
        let second = after(2, UNAVAILABLE, None);
        assert_eq!(
            policy.decide(&second, |_| 0),
            Decision::Retry {
                after: Duration::ZERO
            }
        );
        assert_eq!(
            decide_max(&policy, &second),
            Decision::Retry { after: 400 * MS }
        );
        let mut asked = None;
        let policy = policy.max_attempts(5);
        let decision = policy.decide(&after(3, UNAVAILABLE, None), |bound| {
            asked = Some(bound);
            bound / 2
        });
        assert_eq!(asked, Some(800_000_000));
        assert_eq!(decision, Decision::Retry { after: 400 * MS });
    }

    #[test]
    fn retry_after_is_a_lower_bound_and_the_backoff_an_upper_one() {
        let policy = RetryPolicy::default().max_attempts(10);
        let with_retry_after = |attempt, retry_after| Situation {
            retry_after: Some(retry_after),
            ..after(attempt, Outcome::Status(429), None)
        };
        // Never less than Retry-After ...
        assert_eq!(
            policy.decide(&with_retry_after(1, Duration::from_secs(1)), |_| 0),
            Decision::Retry {
                after: Duration::from_secs(1)
            }
        );
        // ... and at most max(backoff, Retry-After).
        assert_eq!(
            decide_max(&policy, &with_retry_after(5, Duration::from_secs(1))),
            Decision::Retry { after: 3200 * MS }
        );
        assert_eq!(
            decide_max(&policy, &with_retry_after(1, 50 * MS)),
            Decision::Retry { after: 200 * MS }
        );
    }

    #[test]
    fn only_failures_worth_another_attempt_are_retried() {
        let policy = RetryPolicy::default();
        for outcome in [
            Outcome::Status(200),
            Outcome::Status(404),
            Outcome::Status(422),
            Outcome::BodyTooLarge,
            Outcome::TransportError { retryable: false },
        ] {
            assert_eq!(
                decide_max(&policy, &after(1, outcome, None)),
                Decision::Return,
                "{outcome:?}"
            );
        }
        for outcome in [
            Outcome::Status(503),
            Outcome::Timeout,
            Outcome::TransportError { retryable: true },
        ] {
            assert!(
                matches!(
                    decide_max(&policy, &after(1, outcome, None)),
                    Decision::Retry { .. }
                ),
                "{outcome:?}"
            );
        }
    }

    #[test]
    fn attempts_run_out() {
        let policy = RetryPolicy::default();
        assert!(matches!(
            decide_max(&policy, &after(2, UNAVAILABLE, None)),
            Decision::Retry { .. }
        ));
        assert_eq!(
            decide_max(&policy, &after(3, UNAVAILABLE, None)),
            Decision::GiveUp(GiveUp::NoAttemptsLeft)
        );
        assert_eq!(
            decide_max(&RetryPolicy::none(), &after(1, UNAVAILABLE, None)),
            Decision::GiveUp(GiveUp::NoAttemptsLeft)
        );
    }

    #[test]
    fn a_method_that_is_not_idempotent_is_sent_once() {
        let situation = Situation {
            idempotent: false,
            ..after(1, Outcome::Timeout, None)
        };
        assert_eq!(
            decide_max(&RetryPolicy::default(), &situation),
            Decision::GiveUp(GiveUp::NoAttemptsLeft)
        );
    }

    #[test]
    fn the_deadline_bounds_the_wait() {
        let policy = RetryPolicy::default().max_attempts(10);
        // Retry-After: 1 s with 1.5 s left: the retry fits ...
        let situation = Situation {
            retry_after: Some(Duration::from_secs(1)),
            ..after(1, UNAVAILABLE, Some(1500 * MS))
        };
        assert_eq!(
            policy.decide(&situation, |_| 0),
            Decision::Retry {
                after: Duration::from_secs(1)
            }
        );
        // ... with 0.5 s left it does not: give up at once, not wait.
        let situation = Situation {
            retry_after: Some(Duration::from_secs(1)),
            ..after(2, UNAVAILABLE, Some(500 * MS))
        };
        assert_eq!(
            policy.decide(&situation, |_| 0),
            Decision::GiveUp(GiveUp::PastDeadline)
        );
        // A wait that ends exactly at the deadline leaves no time to try.
        assert_eq!(
            decide_max(&policy, &after(1, UNAVAILABLE, Some(200 * MS))),
            Decision::GiveUp(GiveUp::PastDeadline)
        );
        // An absurd Retry-After gives up instead of overflowing.
        let situation = Situation {
            retry_after: Some(Duration::from_secs(u64::MAX)),
            ..after(1, UNAVAILABLE, Some(defaults::DEADLINE))
        };
        assert_eq!(
            policy.decide(&situation, |_| 0),
            Decision::GiveUp(GiveUp::PastDeadline)
        );
    }

    #[test]
    fn give_up_reasons_read_as_log_fields() {
        assert_eq!(GiveUp::NoAttemptsLeft.as_str(), "no attempts left");
        assert_eq!(
            GiveUp::PastDeadline.as_str(),
            "the next attempt would start after the deadline"
        );
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
