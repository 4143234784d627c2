//! The typed mock's machinery (cargo feature `mock`): the server and
//! what it expects ([`Core`]), each expectation ([`Expect`]) and its
//! replies ([`Reply`]), and the matching of requests (`matching`). The
//! client crate's `mock` module, which `client!` writes,
//! holds `MockApi` and `Expectations` around a [`Core`], and re-exports
//! [`Expect`] and [`ErrorReply`].

mod matching;

use std::fmt::Write as _;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::Serialize;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use self::matching::Shape;
use super::{Error, OperationRequest, RetryPolicy};

/// The path under which the mock serves the pages after the first of an
/// [`Expect::pages`]: `/{PAGES}/{expectation}/{page}`, on no path of the API.
const PAGES: &str = "__mock/pages";

/// A mock server and what it expects: the client crate's `MockApi` is
/// this. Dropping it verifies it as [`Core::verify`] does (unless the
/// thread is already panicking).
#[doc(hidden)]
pub struct Core {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

#[doc(hidden)]
impl Core {
    /// Starts a mock with no expectations on a free loopback port.
    pub async fn start() -> Core {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State::default()));
        Mock::given(wiremock::matchers::any())
            .respond_with(Responder {
                state: Arc::clone(&state),
            })
            .mount(&server)
            .await;
        Core { server, state }
    }

    /// The mock's base URL, `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The retry policy of a client of the mock: the default without
    /// backoff, so that a test of retries does not wait.
    pub fn retry() -> RetryPolicy {
        RetryPolicy::default()
            .initial_backoff(Duration::ZERO)
            .max_backoff(Duration::ZERO)
    }

    /// Panics unless every expectation got exactly its requests and every
    /// request met one, with the report of what was wrong.
    pub fn verify(&self) {
        let mut state = lock(&self.state);
        state.verified = true;
        if let Some(report) = state.report() {
            drop(state);
            panic!("{report}");
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let state = lock(&self.state);
        if !state.verified
            && let Some(report) = state.report()
        {
            drop(state);
            panic!("{report}\n(reported when the mock was dropped)");
        }
    }
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockApi")
            .field("uri", &self.uri())
            .finish_non_exhaustive()
    }
}

/// One expected request (see `MockApi::on`) and the replies it gets, in
/// order: `T` is the operation's success type, `E` its error enum.
///
/// Each reply answers one request; the expectation wants as many requests
/// as it has replies, or the number [`Expect::times`] sets (the last reply
/// answering the rest).
pub struct Expect<T, E> {
    state: Arc<Mutex<State>>,
    base: String,
    index: usize,
    success: (u16, Format),
    /// Sets the next link of a page (of a list operation whose pages link
    /// to each other).
    link: Option<fn(&mut T, Option<String>)>,
    error: PhantomData<fn(E)>,
}

/// How a success value is written into a reply.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // each is used by generated code only when a spec has such a response
#[doc(hidden)]
pub enum Format {
    /// As JSON.
    Json,
    /// As `text/plain` (a `String`).
    Text,
    /// No body (the success type is `()`).
    Empty,
}

impl<T: Serialize, E: ErrorReply> Expect<T, E> {
    /// The expectation of `request`, the request of `operation` for the
    /// arguments given (or the error they give, which is a mistake of the
    /// test: this panics with it). Called by the generated methods of
    /// `Expectations`.
    #[doc(hidden)]
    pub fn new(
        on: &Core,
        operation: &'static str,
        request: Result<OperationRequest, Error<E>>,
        success: (u16, Format),
        link: Option<fn(&mut T, Option<String>)>,
    ) -> Self {
        let request = request.unwrap_or_else(|error| {
            panic!("mock: the arguments of `{operation}` do not make a request: {error}")
        });
        let mut state = lock(&on.state);
        state.expectations.push(Expectation {
            operation,
            request: Shape::expected(&request),
            replies: Vec::new(),
            times: None,
            answered: 0,
            pages: Vec::new(),
        });
        let index = state.expectations.len() - 1;
        drop(state);
        Expect {
            state: Arc::clone(&on.state),
            base: on.uri(),
            index,
            success,
            link,
            error: PhantomData,
        }
    }

    /// Answers the next request with the operation's success status and
    /// `value`.
    pub fn reply(self, value: T) -> Self {
        let (status, format) = self.success;
        let reply = match format {
            Format::Json => Reply::json(status, &value),
            Format::Text => match serde_json::to_value(&value) {
                Ok(serde_json::Value::String(text)) => Reply::text(status, &text),
                _ => Reply::json(status, &value),
            },
            Format::Empty => Reply::empty(status),
        };
        self.push(reply)
    }

    /// Answers the next request with `error`: the status of its variant and
    /// its body.
    pub fn reply_error(self, error: E) -> Self {
        let reply = error.reply();
        self.push(reply)
    }

    /// Answers the next request with `status` and no body, such as a `503`
    /// the operation does not declare.
    pub fn reply_status(self, status: u16) -> Self {
        self.push(Reply::empty(status))
    }

    /// Adds `Retry-After: {seconds}` to the last reply given.
    ///
    /// # Panics
    ///
    /// When no reply was given yet.
    pub fn retry_after(self, seconds: u64) -> Self {
        self.with(|expectation| {
            let operation = expectation.operation;
            let reply = expectation
                .replies
                .last_mut()
                .unwrap_or_else(|| panic!("mock: `retry_after` on `{operation}` before any reply"));
            reply.retry_after = Some(seconds);
        });
        self
    }

    /// Expects exactly `times` requests (rather than one per reply); the
    /// last reply answers those after the replies run out.
    pub fn times(self, times: usize) -> Self {
        self.with(|expectation| expectation.times = Some(times));
        self
    }

    /// Answers the next request with the first of `pages`, each page's next
    /// link pointing at the mock's copy of the next one, the last page's
    /// unset: the operation's `_stream` method reads every page in turn.
    /// Each page is expected to be fetched once.
    ///
    /// # Panics
    ///
    /// When the operation is not a list whose pages link to each other, or
    /// `pages` is empty.
    pub fn pages(self, pages: impl IntoIterator<Item = T>) -> Self {
        self.linked(pages, None)
    }

    /// [`Expect::pages`], with the last page linking to a page that fails
    /// with `error`: a stream that ends with that error after the items of
    /// `pages`. The failing link is expected to be fetched at least once.
    ///
    /// # Panics
    ///
    /// As [`Expect::pages`].
    pub fn pages_then_error(self, pages: impl IntoIterator<Item = T>, error: E) -> Self {
        let end = error.reply();
        self.linked(pages, Some(end))
    }

    /// [`Expect::pages`], with the last page linking to a page answered
    /// with `status` and no body (a `503`, retried as the client retries
    /// any request, or a status the operation does not declare). The
    /// failing link is expected to be fetched at least once.
    ///
    /// # Panics
    ///
    /// As [`Expect::pages`].
    pub fn pages_then_status(self, pages: impl IntoIterator<Item = T>, status: u16) -> Self {
        self.linked(pages, Some(Reply::empty(status)))
    }

    /// `pages` linked to each other, then to `end` if any.
    fn linked(mut self, pages: impl IntoIterator<Item = T>, end: Option<Reply>) -> Self {
        let mut pages: Vec<T> = pages.into_iter().collect();
        let operation = self.with(|expectation| expectation.operation);
        let Some(link) = self.link else {
            panic!("mock: `{operation}` has no pages that link to each other")
        };
        assert!(
            !pages.is_empty(),
            "mock: `pages` of `{operation}` with no page"
        );
        let linked = pages.len() + usize::from(end.is_some());
        for (number, page) in pages.iter_mut().enumerate() {
            let next = (number + 1 < linked)
                .then(|| format!("{}/{PAGES}/{}/{}", self.base, self.index, number + 1));
            link(page, next);
        }
        let (status, _) = self.success;
        let mut replies = pages.iter().map(|page| Reply::json(status, page));
        let first = replies.next();
        let later: Vec<LinkedPage> = replies
            .map(|reply| (reply, false))
            .chain(end.map(|reply| (reply, true)))
            .map(|(reply, end)| LinkedPage {
                reply,
                fetched: 0,
                end,
            })
            .collect();
        self.with(|expectation| expectation.pages = later);
        if let Some(first) = first {
            self = self.push(first);
        }
        self
    }

    fn push(self, reply: Reply) -> Self {
        self.with(|expectation| expectation.replies.push(reply));
        self
    }

    fn with<R>(&self, change: impl FnOnce(&mut Expectation) -> R) -> R {
        change(&mut lock(&self.state).expectations[self.index])
    }
}

impl<T, E> std::fmt::Debug for Expect<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = lock(&self.state);
        let expectation = &state.expectations[self.index];
        f.debug_struct("Expect")
            .field("operation", &expectation.operation)
            .field("request", &expectation.request.to_string())
            .field("replies", &expectation.replies.len())
            .finish_non_exhaustive()
    }
}

/// The error enum of an operation, as the mock answers with it: the
/// status of the variant and its body.
pub trait ErrorReply: std::fmt::Display {
    /// The reply that the client reads back as `self`.
    #[doc(hidden)]
    fn reply(&self) -> Reply;
}

/// A response of the mock: a status, a body and its media type, and a
/// `Retry-After`.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    body: Option<(&'static str, Vec<u8>)>,
    retry_after: Option<u64>,
}

impl Reply {
    /// `status` with `body` as JSON.
    #[doc(hidden)]
    pub fn json(status: u16, body: &impl Serialize) -> Self {
        let bytes = serde_json::to_vec(body)
            .unwrap_or_else(|error| panic!("mock: a reply body does not serialize: {error}"));
        Self {
            status,
            body: Some(("application/json", bytes)),
            retry_after: None,
        }
    }

    /// `status` with `body` as `text/plain`.
    #[doc(hidden)]
    pub fn text(status: u16, body: &str) -> Self {
        Self {
            status,
            body: Some(("text/plain", body.as_bytes().to_vec())),
            retry_after: None,
        }
    }

    /// `status` without a body.
    #[doc(hidden)]
    pub fn empty(status: u16) -> Self {
        Self {
            status,
            body: None,
            retry_after: None,
        }
    }

    fn template(&self) -> ResponseTemplate {
        let mut template = ResponseTemplate::new(self.status);
        if let Some(seconds) = self.retry_after {
            template = template.insert_header("retry-after", seconds.to_string().as_str());
        }
        match &self.body {
            Some((media_type, bytes)) => template.set_body_raw(bytes.clone(), media_type),
            None => template,
        }
    }
}

#[derive(Default)]
struct State {
    expectations: Vec<Expectation>,
    received: Vec<Received>,
    verified: bool,
}

struct Expectation {
    operation: &'static str,
    request: Shape,
    replies: Vec<Reply>,
    times: Option<usize>,
    answered: usize,
    /// The pages after the first, linked from the one before.
    pages: Vec<LinkedPage>,
}

impl Expectation {
    /// The number of requests it wants.
    fn wanted(&self) -> usize {
        self.times.unwrap_or(self.replies.len())
    }
}

/// A page after the first of [`Expect::pages`] (or the failing end of
/// [`Expect::pages_then_error`]).
struct LinkedPage {
    reply: Reply,
    /// The times it was fetched.
    fetched: usize,
    /// Whether it is the failing end, expected at least once rather than
    /// once (the client may retry it).
    end: bool,
}

/// A request the mock received and what became of it.
struct Received {
    shape: Shape,
    /// The expectation (or page) that answered it, or why none did.
    outcome: Result<String, String>,
}

impl State {
    /// Answers `request`, and records it.
    fn answer(&mut self, request: &Request) -> ResponseTemplate {
        let shape = Shape::received(request);
        let (outcome, template) = match self.page(&shape) {
            Some(answer) => answer,
            None => self.expected(&shape),
        };
        self.received.push(Received { shape, outcome });
        template
    }

    /// The answer to the link of a page of [`Expect::pages`], if `shape` is
    /// one.
    fn page(&mut self, shape: &Shape) -> Option<(Result<String, String>, ResponseTemplate)> {
        let rest = shape.path.strip_prefix('/')?.strip_prefix(PAGES)?;
        let (index, number) = rest.strip_prefix('/')?.split_once('/')?;
        let (index, number): (usize, usize) = (index.parse().ok()?, number.parse().ok()?);
        let expectation = self.expectations.get_mut(index)?;
        let count = expectation.pages.len() + 1;
        let operation = expectation.operation;
        let page = expectation.pages.get_mut(number.checked_sub(1)?)?;
        page.fetched += 1;
        let outcome = if page.end {
            format!(
                "`{operation}` page {} of {count}, the failing end, answered {}",
                number + 1,
                page.reply.status
            )
        } else {
            format!("`{operation}` page {} of {count}", number + 1)
        };
        Some((Ok(outcome), page.reply.template()))
    }

    /// The answer of the first expectation that wants `shape`, or a `501`
    /// that says why none does.
    fn expected(&mut self, shape: &Shape) -> (Result<String, String>, ResponseTemplate) {
        let wanting = self.expectations.iter_mut().find(|expectation| {
            expectation.answered < expectation.wanted().max(1)
                && expectation.request.differences(shape).is_empty()
        });
        match wanting {
            Some(expectation) if !expectation.replies.is_empty() => {
                let reply =
                    &expectation.replies[expectation.answered.min(expectation.replies.len() - 1)];
                expectation.answered += 1;
                let outcome = format!(
                    "`{}`, request {}, answered {}",
                    expectation.operation, expectation.answered, reply.status
                );
                (Ok(outcome), reply.template())
            }
            Some(expectation) => {
                expectation.answered += 1;
                let why = format!("`{}` was given no reply", expectation.operation);
                (Err(why.clone()), Reply::text(501, &why).template())
            }
            None => {
                let why = self.why_unmatched(shape);
                let body = format!("signalwire-rest mock: {shape} {why}");
                (Err(why), Reply::text(501, &body).template())
            }
        }
    }

    /// Why `shape` met no expectation: its differences from the
    /// expectations of the same method and path, or the list of them all.
    fn why_unmatched(&self, shape: &Shape) -> String {
        let same_endpoint: Vec<&Expectation> = self
            .expectations
            .iter()
            .filter(|expectation| expectation.request.same_endpoint(shape))
            .collect();
        if same_endpoint.is_empty() {
            let expected: Vec<String> = self
                .expectations
                .iter()
                .map(|expectation| format!("`{}` ({})", expectation.operation, expectation.request))
                .collect();
            return if expected.is_empty() {
                "met no expectation: none was set".to_owned()
            } else {
                format!(
                    "met no expectation: none has this method and path; expected: {}",
                    expected.join(", ")
                )
            };
        }
        let mut why = String::from("met no expectation:");
        for expectation in same_endpoint {
            let differences = expectation.request.differences(shape);
            if differences.is_empty() {
                let _ = write!(
                    why,
                    " `{}` has had its {} request(s);",
                    expectation.operation,
                    expectation.wanted()
                );
            } else {
                let _ = write!(
                    why,
                    " `{}` differs: {};",
                    expectation.operation,
                    differences.join("; ")
                );
            }
        }
        why.pop();
        why
    }

    /// What [`Core::verify`] reports, if anything is wrong.
    fn report(&self) -> Option<String> {
        let mut unmet = Vec::new();
        for expectation in &self.expectations {
            let operation = expectation.operation;
            if expectation.replies.is_empty() {
                unmet.push(format!(
                    "`{operation}` ({}) was given no reply",
                    expectation.request
                ));
            } else if expectation.answered != expectation.wanted() {
                unmet.push(format!(
                    "`{operation}` ({}): expected {} request(s), received {}",
                    expectation.request,
                    expectation.wanted(),
                    expectation.answered
                ));
            }
            let count = expectation.pages.len() + 1;
            for (number, page) in expectation.pages.iter().enumerate() {
                let fetched = page.fetched;
                if page.end && fetched == 0 {
                    unmet.push(format!(
                        "`{operation}`: page {} of {count}, the failing end, was not fetched",
                        number + 2
                    ));
                } else if !page.end && fetched != 1 {
                    unmet.push(format!(
                        "`{operation}`: page {} of {count} was fetched {fetched} time(s), \
                         expected once",
                        number + 2
                    ));
                }
            }
        }
        let unmatched: Vec<String> = self
            .received
            .iter()
            .filter_map(|received| {
                let why = received.outcome.as_ref().err()?;
                Some(format!("{} {why}", received.shape))
            })
            .collect();
        if unmet.is_empty() && unmatched.is_empty() {
            return None;
        }
        let mut report = String::from("signalwire-rest mock: the expectations were not met\n");
        let mut section = |title: &str, lines: &[String]| {
            if !lines.is_empty() {
                let _ = writeln!(report, "\n{title}:");
                for line in lines {
                    let _ = writeln!(report, "  - {line}");
                }
            }
        };
        section("expectations not met", &unmet);
        section("requests that met no expectation", &unmatched);
        let received: Vec<String> = self
            .received
            .iter()
            .enumerate()
            .map(|(number, received)| {
                let outcome = match &received.outcome {
                    Ok(answer) => answer.clone(),
                    Err(_) => "met no expectation, answered 501".to_owned(),
                };
                format!("{}. {} -> {outcome}", number + 1, received.shape)
            })
            .collect();
        if received.is_empty() {
            section("received", &["nothing".to_owned()]);
        } else {
            section("received, in order", &received);
        }
        Some(report)
    }
}

/// The mock server's one responder: it answers every request from the
/// shared state.
struct Responder {
    state: Arc<Mutex<State>>,
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        lock(&self.state).answer(request)
    }
}

/// The state, even after a test thread panicked while holding it.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}
