//! What the method of an operation, the stream of a paginated one and the
//! mock's expectation share: the [`Call`], the module's function that
//! builds the request and the one that reads its response.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::errors::response_arms;
use super::params::{header_statements, path_segments, query_statements};
use super::{ident, runtime, ty};
use crate::ir::{Auth, BodyEncoding, BodyFormat, Operation, Ty};

/// What the method of an operation, its stream and its mock expectation
/// share: their arguments, and the names and types of the two functions
/// of the module that build its request and read its response
/// ([`Call::functions`]), which each of them calls.
pub(super) struct Call {
    /// `name: type` of each path parameter, then of the parameters struct,
    /// then of the body.
    pub(super) arguments: Vec<TokenStream>,
    /// The name of each argument, in the same order.
    pub(super) names: Vec<Ident>,
    /// `<operation>_request`: the arguments to the `OperationRequest`.
    /// Private functions of the module, like the locals emit names; free by
    /// construction (lowering keeps method names unique, and every other
    /// item of a generated module is a type, named in `CamelCase`), so
    /// lowering does not reserve them.
    pub(super) request: Ident,
    /// `<operation>_response`: a response to the result.
    pub(super) response: Ident,
    /// The type of the success value.
    pub(super) success_ty: TokenStream,
    /// The operation's error enum.
    pub(super) error_name: Ident,
}

impl Call {
    pub(super) fn new(op: &Operation) -> Self {
        let (arguments, names) = arguments(op).into_iter().unzip();
        Call {
            arguments,
            names,
            request: ident(&format!("{}_request", op.method_name)),
            response: ident(&format!("{}_response", op.method_name)),
            success_ty: match &op.success.ty {
                Some(success) => ty(success),
                None => quote!(()),
            },
            error_name: ident(&op.errors.name),
        }
    }

    /// The two functions of the module: the one that builds the request of
    /// `op` from the arguments (or the error a parameter gives), and the one
    /// that reads a response into the success value or an error.
    pub(super) fn functions(&self, op: &Operation) -> TokenStream {
        let Call {
            arguments,
            request,
            response,
            success_ty,
            error_name,
            ..
        } = self;
        let error = runtime("Error");
        let operation_request = runtime("OperationRequest");
        let raw_response = runtime("RawResponse");
        let template = &op.path_template;
        let segments = path_segments(op);
        let query = query_statements(op);
        let headers = header_statements(op);
        let extras = request_extras(op, headers.is_some()).unwrap_or_else(|| {
            let extras = runtime("RequestExtras");
            quote!(<#extras as Default>::default())
        });
        let http_method = Ident::new(op.method.as_str(), Span::call_site());
        let body = body_value(op);
        let arms = response_arms(&op.success, &op.errors);
        quote! {
            #[inline]
            fn #request(#(#arguments),*) -> Result<#operation_request, #error<#error_name>> {
                const PATH_TEMPLATE: &str = #template;
                let path = [#(#segments),*].concat();
                #query
                #headers
                Ok(#operation_request {
                    method: ::reqwest::Method::#http_method,
                    path_template: PATH_TEMPLATE,
                    path,
                    body: #body,
                    extras: #extras,
                })
            }

            #[inline]
            fn #response(response: #raw_response) -> Result<#success_ty, #error<#error_name>> {
                match response.status() {
                    #arms
                }
            }
        }
    }
}

/// The expression that gives the encoded body: an `Option` of it, as JSON
/// or as a form.
fn body_value(op: &Operation) -> TokenStream {
    let Some(body) = &op.body else {
        return quote!(None);
    };
    let encode = runtime(match body.encoding {
        BodyEncoding::Json => "encode_json",
        BodyEncoding::Form => "encode_form",
    });
    let name = ident(&body.name);
    if body.required {
        quote!(Some(#encode(#name)?))
    } else {
        quote!(match #name {
            Some(value) => Some(#encode(value)?),
            None => None,
        })
    }
}

/// `name: type` of each path parameter (a string as `&str`), then of the
/// parameters struct and of the body (by reference, the body in an
/// `Option` when the document does not require it), each with its name.
fn arguments(op: &Operation) -> Vec<(TokenStream, Ident)> {
    let params = op.params.iter().map(|param| {
        let param_ty = match &param.ty {
            Ty::String => quote!(&str),
            other => ty(other),
        };
        (param_ty, &param.name)
    });
    let query = op.query.as_ref().map(|query| {
        let query_ty = ty(&Ty::Named(query.ty.clone()));
        (quote!(&#query_ty), &query.name)
    });
    let body = op.body.as_ref().map(|body| {
        let body_ty = ty(&body.ty);
        let body_ty = if body.required {
            quote!(&#body_ty)
        } else {
            quote!(Option<&#body_ty>)
        };
        (body_ty, &body.name)
    });
    params
        .chain(query)
        .chain(body)
        .map(|(arg_ty, name)| {
            let name = ident(name);
            (quote!(#name: #arg_ty), name)
        })
        .collect()
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
