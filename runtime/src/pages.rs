//! [`pages`]: the items of every page of a list operation as one stream,
//! following each page's `links.next` on the same client.

use std::collections::{BTreeSet, VecDeque};

use futures_core::Stream;
use reqwest::Url;

use super::client::Core;
use super::error::Error;
use super::params::RequestExtras;
use super::request::{OperationRequest, RawResponse};
use super::send::{send_to, url};

/// What a generated list operation hands to [`pages`] to read one page:
/// its items and the `next` link, if any, as the server wrote it.
pub type Page<T> = (Vec<T>, Option<String>);

/// The items of every page of a list operation, in order: the first page
/// from the request `first` (its path with the query, and the operation's
/// header parameters and credentials, which every page is sent with), each
/// later one from the `next` link that `decode` reads from the
/// page before.
///
/// A link is resolved against the base URL (with a trailing `/`) as a
/// browser would, and followed only on the base URL's origin; a link that
/// does not parse, leaves the origin, or was already fetched ends the
/// stream with [`Error::InvalidNextLink`], [`Error::ForeignNextLink`] or
/// [`Error::RepeatedNextLink`] after the items of its page. Any other
/// error (building the first request, sending, decoding) ends the stream
/// as its last item.
pub fn pages<T, E, F>(
    client: &Core,
    first: Result<OperationRequest, Error<E>>,
    decode: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Send + 'static
where
    T: Send + 'static,
    E: Send + 'static,
    F: Fn(RawResponse) -> Result<Page<T>, Error<E>> + Send + 'static,
{
    let base = base(client);
    let (next, path_template, extras) = match first {
        // Normalised as the URLs of links are, so that a link back to the
        // first page is seen as one.
        Ok(request) => {
            let first = url(client.base_url(), &request.path);
            let first = Url::parse(&first).map_or(first, String::from);
            (Next::Fetch(first), request.path_template, request.extras)
        }
        Err(error) => (Next::Fail(error), "", RequestExtras::default()),
    };
    let state = Pager {
        client: client.clone(),
        path_template,
        extras,
        decode,
        base,
        fetched: BTreeSet::new(),
        items: VecDeque::new(),
        next,
    };
    futures_util::stream::unfold(state, Pager::advance)
}

/// What comes after the items at hand.
enum Next<E> {
    /// The page at this absolute URL.
    Fetch(String),
    /// This error, then the end.
    Fail(Error<E>),
    /// The end.
    End,
}

struct Pager<T, E, F> {
    client: Core,
    path_template: &'static str,
    extras: RequestExtras,
    decode: F,
    /// The base URL with a trailing `/`, which links are resolved against;
    /// `None` if it does not parse (it always does: the client checked it).
    base: Option<Url>,
    /// Every URL fetched so far.
    fetched: BTreeSet<String>,
    /// The items of the last page not yet yielded.
    items: VecDeque<T>,
    next: Next<E>,
}

impl<T, E, F> Pager<T, E, F>
where
    F: Fn(RawResponse) -> Result<Page<T>, Error<E>>,
{
    /// The next item and the state after it; `None` at the end.
    async fn advance(mut self) -> Option<(Result<T, Error<E>>, Self)> {
        loop {
            if let Some(item) = self.items.pop_front() {
                return Some((Ok(item), self));
            }
            match std::mem::replace(&mut self.next, Next::End) {
                Next::End => return None,
                Next::Fail(error) => return Some((Err(error), self)),
                Next::Fetch(url) => match self.fetch(url).await {
                    Ok((items, next)) => {
                        self.items = items.into();
                        self.next = match next {
                            Some(link) => self.follow(link),
                            None => Next::End,
                        };
                    }
                    Err(error) => return Some((Err(error), self)),
                },
            }
        }
    }

    async fn fetch(&mut self, url: String) -> Result<Page<T>, Error<E>> {
        self.fetched.insert(url.clone());
        let request = OperationRequest {
            method: reqwest::Method::GET,
            path_template: self.path_template,
            path: String::new(),
            body: None,
            extras: self.extras.clone(),
        };
        let response = send_to(&self.client, url, request).await?;
        (self.decode)(response)
    }

    /// Where the link `link` of a page leads, if it may be followed.
    fn follow(&self, link: String) -> Next<E> {
        let Some(base) = &self.base else {
            return Next::Fail(Error::InvalidNextLink {
                link,
                reason: "the base url does not parse".to_owned(),
            });
        };
        let mut url = match base.join(&link) {
            Ok(url) => url,
            Err(error) => {
                return Next::Fail(Error::InvalidNextLink {
                    link,
                    reason: error.to_string(),
                });
            }
        };
        if url.origin() != base.origin() {
            return Next::Fail(Error::ForeignNextLink { link });
        }
        // A fragment is never sent; `#a` and `#b` are the same page.
        url.set_fragment(None);
        let url = String::from(url);
        if self.fetched.contains(&url) {
            return Next::Fail(Error::RepeatedNextLink { link });
        }
        Next::Fetch(url)
    }
}

/// The client's base URL with a trailing `/`, so that a relative link
/// (`sip_endpoints?page_token=x`) resolves below it and an absolute path
/// (`/api/...`) from its origin.
fn base(client: &Core) -> Option<Url> {
    Url::parse(&format!("{}/", client.base_url())).ok()
}
