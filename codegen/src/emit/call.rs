//! What the method of an operation and the stream of a paginated one
//! share: the [`Call`], how the request is built and its response read.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::errors::response_arms;
use super::params::{header_statements, path_segments, query_statements};
use super::{ident, runtime, ty};
use crate::ir::{Auth, BodyFormat, Operation, Ty};

/// What the method of an operation and its stream share: the arguments
/// before the body, how the request is built, and how a response is read.
pub(super) struct Call {
    /// `name: type` of each path parameter, then of the parameters struct.
    pub(super) arguments: Vec<TokenStream>,
    /// The pieces of the path, joined at run time into `path`.
    pub(super) segments: Vec<TokenStream>,
    /// The statements that append the query to `path`; `None` without query
    /// parameters.
    pub(super) query: Option<TokenStream>,
    /// The statements that build `headers`; `None` without header parameters.
    pub(super) headers: Option<TokenStream>,
    /// The `RequestExtras` the request is sent with; `None` where the
    /// defaults serve.
    pub(super) extras: Option<TokenStream>,
    /// The match arms from a response's status to the result.
    pub(super) arms: TokenStream,
    /// The type of the success value.
    pub(super) success_ty: TokenStream,
    /// The operation's error enum.
    pub(super) error_name: Ident,
}

impl Call {
    pub(super) fn new(op: &Operation) -> Self {
        let headers = header_statements(op);
        Call {
            arguments: arguments(op),
            segments: path_segments(op),
            query: query_statements(op),
            extras: request_extras(op, headers.is_some()),
            headers,
            arms: response_arms(&op.success, &op.errors),
            success_ty: match &op.success.ty {
                Some(success) => ty(success),
                None => quote!(()),
            },
            error_name: ident(&op.errors.name),
        }
    }
}

/// `name: type` of each path parameter (a string as `&str`), then of the
/// parameters struct (by reference).
fn arguments(op: &Operation) -> Vec<TokenStream> {
    let params = op.params.iter().map(|param| {
        let name = ident(&param.name);
        let param_ty = match &param.ty {
            Ty::String => quote!(&str),
            other => ty(other),
        };
        quote!(#name: #param_ty)
    });
    let query = op.query.as_ref().map(|query| {
        let name = ident(&query.name);
        let query_ty = ty(&Ty::Named(query.ty.clone()));
        quote!(#name: &#query_ty)
    });
    params.chain(query).collect()
}

/// The `RequestExtras` of `op`, where they differ from the defaults (Basic
/// credentials, a JSON `Accept` and no header parameters): `headers` names
/// the map the header parameters were put into, when there are some.
fn request_extras(op: &Operation, has_headers: bool) -> Option<TokenStream> {
    let text_success = op.success.format == BodyFormat::Text;
    (has_headers || op.auth != Auth::Basic || text_success).then(|| {
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
        let headers = if has_headers {
            quote!(headers)
        } else {
            quote!(headers: ::reqwest::header::HeaderMap::new())
        };
        quote!(#extras { #headers, auth: #auth, accept: #accept })
    })
}
