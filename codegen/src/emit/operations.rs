//! Operations: the client method of each operation, and the stream of every item of a paginated one.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use super::errors::error_enum;
use super::params::put_param;
use super::{Scope, docs, ident, runtime, ty};
use crate::ir::{
    Auth, BodyFormat, Docs, Operation, ParamLocation, PathPart, Presence, StatusMatch, Ty,
};

pub(super) fn operation(op: &Operation) -> TokenStream {
    let error_enum = error_enum(&op.errors);
    let docs = docs(&op.docs);
    let method_name = ident(&op.method_name);
    let error_name = ident(&op.errors.name);
    let params = op.params.iter().map(|param| {
        let name = ident(&param.name);
        let param_ty = match &param.ty {
            Ty::String => quote!(&str),
            other => ty(other, Scope::Operations),
        };
        quote!(#name: #param_ty)
    });
    let query_param = op.query.as_ref().map(|query| {
        let name = ident(&query.name);
        let query_ty = ty(&Ty::Named(query.ty.clone()), Scope::Operations);
        quote!(#name: &#query_ty)
    });
    let body_param = op.body.as_ref().map(|body| {
        let name = ident(&body.name);
        let body_ty = ty(&body.ty, Scope::Operations);
        if body.required {
            quote!(#name: &#body_ty)
        } else {
            quote!(#name: ::std::option::Option<&#body_ty>)
        }
    });
    let all_params = params.chain(query_param).chain(body_param);
    let success_ty = match &op.success.ty {
        Some(success) => ty(success, Scope::Operations),
        None => quote!(()),
    };
    let path_segment = runtime("path_segment");
    let encode_json = runtime("encode_json");
    let segments: Vec<TokenStream> = op
        .path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.to_token_stream(),
            PathPart::Param(index) => {
                let param = &op.params[*index];
                let name = ident(&param.name);
                let wire = &param.wire;
                let value = match &param.ty {
                    Ty::String => quote!(#name),
                    Ty::Named(_) => quote!(#name.as_str()),
                    _ => quote!(&::std::string::ToString::to_string(&#name)),
                };
                quote!(&#path_segment(PATH_TEMPLATE, #wire, #value)?)
            }
        })
        .collect();
    let in_query = |location| {
        op.query
            .iter()
            .flat_map(|q| &q.params)
            .filter(move |p| p.location == location)
    };
    let query = op.query.as_ref().map(|q| ident(&q.name));
    let query_statements = query.as_ref().and_then(|name| {
        let puts: Vec<TokenStream> = in_query(ParamLocation::Query)
            .map(|param| put_param(param, name))
            .collect();
        if puts.is_empty() {
            return None;
        }
        let query_type = runtime("Query");
        Some(quote! {
            let mut query = #query_type::new();
            #(#puts)*
            let path = query.append_to(path);
        })
    });
    let header_puts: Vec<TokenStream> = query
        .as_ref()
        .map(|name| {
            in_query(ParamLocation::Header)
                .map(|param| put_param(param, name))
                .collect()
        })
        .unwrap_or_default();
    let text_success = op.success.format == BodyFormat::Text;
    let extras = (!header_puts.is_empty() || op.auth != Auth::Basic || text_success).then(|| {
        let extras = runtime("RequestExtras");
        let scheme = runtime("AuthScheme");
        let auth = match op.auth {
            Auth::Basic => quote!(#scheme::Basic),
            Auth::Bearer => quote!(#scheme::Bearer),
            Auth::None => quote!(#scheme::None),
        };
        let accept = if text_success {
            "text/plain"
        } else {
            "application/json"
        };
        let headers = if header_puts.is_empty() {
            quote!(headers: ::reqwest::header::HeaderMap::new())
        } else {
            quote!(headers)
        };
        quote!(#extras { #headers, auth: #auth, accept: #accept })
    });
    let header_statements = (!header_puts.is_empty()).then(|| {
        quote! {
            let mut headers = ::reqwest::header::HeaderMap::new();
            #(#header_puts)*
        }
    });
    let body_value = match &op.body {
        Some(body) if body.required => {
            let name = ident(&body.name);
            quote!(::std::option::Option::Some(#encode_json(#name)?))
        }
        Some(body) => {
            let name = ident(&body.name);
            quote!(match #name {
                ::std::option::Option::Some(value) => ::std::option::Option::Some(#encode_json(value)?),
                ::std::option::Option::None => ::std::option::Option::None,
            })
        }
        None => quote!(::std::option::Option::None),
    };
    let http_method = Ident::new(op.method.as_str(), Span::call_site());
    let template = &op.path_template;
    let method_alias = format!("{} {template}", op.method.as_str());
    let success_status = Literal::u16_unsuffixed(op.success.status);
    let success_arm = match (&op.success.ty, op.success.format) {
        (Some(_), BodyFormat::Json) => quote!(#success_status => response.json(),),
        (Some(_), BodyFormat::Text) => quote!(#success_status => response.text(),),
        (None, _) => quote!(#success_status => response.empty(),),
    };
    let mut has_default = false;
    let error_arms: Vec<TokenStream> = op
        .errors
        .variants
        .iter()
        .map(|variant| {
            let variant_name = ident(&variant.name);
            let decode = match (&variant.ty, variant.format) {
                (Some(_), BodyFormat::Json) => quote!(api_error),
                (Some(_), BodyFormat::Text) => quote!(api_error_text),
                (None, _) => quote!(api_error_without_body),
            };
            let pattern = match variant.status {
                StatusMatch::Code(code) => {
                    let status = Literal::u16_unsuffixed(code);
                    return quote!(#status => response.#decode(#error_name::#variant_name),);
                }
                StatusMatch::Range(class) => {
                    let low = Literal::u16_unsuffixed(class * 100);
                    let high = Literal::u16_unsuffixed(class * 100 + 99);
                    quote!(status @ #low..=#high)
                }
                StatusMatch::Default => {
                    has_default = true;
                    quote!(status)
                }
            };
            match variant.ty {
                Some(_) => quote! {
                    #pattern => response.#decode(|body| #error_name::#variant_name { status, body }),
                },
                None => quote! {
                    #pattern => response.#decode(#error_name::#variant_name { status }),
                },
            }
        })
        .collect();
    let fallback = (!has_default).then(|| quote!(_ => response.unexpected(),));
    let client = runtime("Client");
    let error = runtime("Error");
    let operation_request = runtime("OperationRequest");
    let request = quote! {
        #operation_request {
            method: ::reqwest::Method::#http_method,
            path_template: PATH_TEMPLATE,
            path,
            body,
        }
    };
    let sent = match &extras {
        Some(extras) => {
            let send_with = runtime("send_with");
            quote!(#send_with(self, #request, #extras))
        }
        None => {
            let send = runtime("send");
            quote!(#send(self, #request))
        }
    };
    let arms = quote! {
        #success_arm
        #(#error_arms)*
        #fallback
    };
    let stream = op.pagination.as_ref().map(|pagination| {
        let stream_name = ident(&pagination.method_name);
        let stream_params = op
            .params
            .iter()
            .map(|param| {
                let name = ident(&param.name);
                let param_ty = match &param.ty {
                    Ty::String => quote!(&str),
                    other => ty(other, Scope::Operations),
                };
                quote!(#name: #param_ty)
            })
            .chain(op.query.as_ref().map(|query| {
                let name = ident(&query.name);
                let query_ty = ty(&Ty::Named(query.ty.clone()), Scope::Operations);
                quote!(#name: &#query_ty)
            }));
        let item_ty = ty(&pagination.item, Scope::Operations);
        let request_extras = runtime("RequestExtras");
        let first_extras = extras
            .clone()
            .unwrap_or_else(|| quote!(<#request_extras as ::std::default::Default>::default()));
        let items_field = ident(&pagination.items_field);
        let items = match pagination.items_presence {
            Presence::Required => quote!(page.#items_field),
            Presence::Optional | Presence::RequiredNullable => {
                quote!(page.#items_field.unwrap_or_default())
            }
            Presence::OptionalNullable => {
                quote!(page.#items_field.into_option().unwrap_or_default())
            }
        };
        let next_field = ident(&pagination.next_field);
        let next = |links: TokenStream| match pagination.next_presence {
            Presence::Required => quote!(::std::option::Option::Some(#links.#next_field)),
            Presence::Optional | Presence::RequiredNullable => quote!(#links.#next_field),
            Presence::OptionalNullable => quote!(#links.#next_field.into_option()),
        };
        let links_field = ident(&pagination.links_field);
        let next = match pagination.links_presence {
            Presence::Required => next(quote!(page.#links_field)),
            Presence::Optional | Presence::RequiredNullable => {
                let inner = next(quote!(links));
                quote!(page.#links_field.and_then(|links| #inner))
            }
            Presence::OptionalNullable => {
                let inner = next(quote!(links));
                quote!(page.#links_field.into_option().and_then(|links| #inner))
            }
        };
        let pages = runtime("pages");
        let docs = self::docs(&stream_docs(op, &pagination.method_name));
        quote! {
            #docs
            pub fn #stream_name(&self, #(#stream_params),*) -> impl ::futures_core::Stream<Item = ::std::result::Result<#item_ty, #error<#error_name>>> + ::std::marker::Send + 'static {
                const PATH_TEMPLATE: &str = #template;
                // A closure, so that `?` ends the building of the first request.
                #[allow(clippy::redundant_closure_call)]
                let first = (|| -> ::std::result::Result<(::std::string::String, #request_extras), #error<#error_name>> {
                    let path = [#(#segments),*].concat();
                    #query_statements
                    #header_statements
                    ::std::result::Result::Ok((path, #first_extras))
                })();
                #pages(self, PATH_TEMPLATE, first, |response| -> ::std::result::Result<(::std::vec::Vec<#item_ty>, ::std::option::Option<::std::string::String>), #error<#error_name>> {
                    let page: ::std::result::Result<#success_ty, #error<#error_name>> = match response.status() {
                        #arms
                    };
                    let page = page?;
                    ::std::result::Result::Ok((#items, #next))
                })
            }
        }
    });
    quote! {
        #error_enum

        impl #client {
            #docs
            #[doc(alias = #template)]
            #[doc(alias = #method_alias)]
            pub async fn #method_name(&self, #(#all_params),*) -> ::std::result::Result<#success_ty, #error<#error_name>> {
                const PATH_TEMPLATE: &str = #template;
                let path = [#(#segments),*].concat();
                #query_statements
                #header_statements
                let body = #body_value;
                let response = #sent
                .await?;
                match response.status() {
                    #arms
                }
            }
            #stream
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
        String::new(),
        "The generator gives this method to every `GET` operation whose success body is an \
         object with exactly one array property (the items) and a `links` object with a \
         string `next`."
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
