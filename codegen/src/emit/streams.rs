//! Streams: the method of a paginated operation that yields every item of every page, following each page's next link.

use proc_macro2::TokenStream;
use quote::quote;

use super::call::Call;
use super::{docs, ident, runtime, ty};
use crate::ir::{Docs, Operation, Pagination, Wrapper};

/// The streaming method of the paginated operation `op`: its first
/// request is the one-page method's (`call`), and each page is read by the
/// same function.
pub(super) fn stream(op: &Operation, pagination: &Pagination, call: &Call) -> TokenStream {
    let Call {
        arguments,
        names,
        request,
        response,
        error_name,
        ..
    } = call;
    let stream_name = ident(&pagination.method_name);
    let item_ty = ty(&pagination.item);
    let error = runtime("Error");
    let items = page_items(pagination);
    let next = next_link(pagination);
    let pages = runtime("pages");
    let docs = docs(&stream_docs(op, &pagination.method_name));
    quote! {
        #docs
        #[inline]
        pub fn #stream_name(&self, #(#arguments),*) -> impl ::futures_core::Stream<Item = Result<#item_ty, #error<#error_name>>> + ::std::marker::Send + 'static {
            #pages(&self.core, #request(#(#names),*), |response| {
                let page = #response(response)?;
                Ok((#items, #next))
            })
        }
    }
}

/// The expression that takes the items out of `page` (none when the field
/// is unset).
fn page_items(pagination: &Pagination) -> TokenStream {
    let items_field = ident(&pagination.items_field);
    match pagination.items_presence.wrapper() {
        Wrapper::Bare => quote!(page.#items_field),
        Wrapper::Option => quote!(page.#items_field.unwrap_or_default()),
        Wrapper::Nullable => quote!(page.#items_field.into_option().unwrap_or_default()),
    }
}

/// The expression that gives the next URL of `page` as an `Option`, through
/// however its links object and next field are held.
fn next_link(pagination: &Pagination) -> TokenStream {
    let next_field = ident(&pagination.next_field);
    let next = |links: TokenStream| match pagination.next_presence.wrapper() {
        Wrapper::Bare => quote!(Some(#links.#next_field)),
        Wrapper::Option => quote!(#links.#next_field),
        Wrapper::Nullable => quote!(#links.#next_field.into_option()),
    };
    let links_field = ident(&pagination.links_field);
    match pagination.links_presence.wrapper() {
        Wrapper::Bare => next(quote!(page.#links_field)),
        Wrapper::Option => {
            let inner = next(quote!(links));
            quote!(page.#links_field.and_then(|links| #inner))
        }
        Wrapper::Nullable => {
            let inner = next(quote!(links));
            quote!(page.#links_field.into_option().and_then(|links| #inner))
        }
    }
}

/// The docs of the streaming method of a paginated operation.
fn stream_docs(op: &Operation, stream_name: &str) -> Docs {
    let one_page = &op.method_name;
    let mut lines = vec![
        format!("Every item of every page of [`{one_page}`](Self::{one_page}), as a stream."),
        String::new(),
        format!(
            "Fetches the first page as [`{one_page}`](Self::{one_page}) does, then follows the \
             page's `links.next` URL as the server gives it (absolute, or relative to the base \
             URL) on the same client: with its credentials, header parameters, timeouts and \
             retries. It stops after a page without `next` (absent or `null`). Items come in \
             the server's order, none skipped or repeated; an error is the last item of the \
             stream."
        ),
        String::new(),
        "A `next` URL is followed only on the base URL's origin (scheme, host and port): \
         another one ends the stream with \
         [`Error::ForeignNextLink`](crate::Error::ForeignNextLink) and nothing, credentials \
         least of all, is sent there; a `next` URL that was already fetched ends it with \
         [`Error::RepeatedNextLink`](crate::Error::RepeatedNextLink), one that is not a URL \
         with [`Error::InvalidNextLink`](crate::Error::InvalidNextLink)."
            .to_owned(),
    ];
    lines.push(String::new());
    lines.push(format!(
        "Consume it with any `Stream` combinators, e.g. `futures::StreamExt::next` in a loop: \
         `while let Some(item) = stream.next().await {{ .. }}` after \
         `let mut stream = std::pin::pin!(client.{stream_name}(..));`."
    ));
    lines.push(String::new());
    lines.push("# Errors".to_owned());
    lines.push(String::new());
    lines.push(format!(
        "As [`{one_page}`](Self::{one_page}), for the page that failed; and the link errors \
         above."
    ));
    lines
}
