//! Operations: the client method of each operation (and, through
//! [`super::streams`], the stream of a paginated one).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::call::Call;
use super::errors::error_enum;
use super::{docs, ident, runtime, streams, ty};
use crate::ir::{BodyEncoding, Docs, Operation};

/// The error enums of `ops`, then one `impl Client` block with their
/// methods (for each operation one that sends the request once, and for a
/// paginated operation the stream of its items), under `heading`: rustdoc
/// shows the docs of an impl block as the heading of its methods.
pub(super) fn operations(ops: &[&Operation], heading: &Docs) -> TokenStream {
    let error_enums = ops.iter().map(|op| error_enum(&op.errors));
    let methods = ops.iter().map(|op| {
        let call = Call::new(op);
        let method = method(op, &call);
        let stream = op
            .pagination
            .as_ref()
            .map(|pagination| streams::stream(op, pagination, &call));
        quote!(#method #stream)
    });
    let client = runtime("Client");
    let heading = docs(heading);
    quote! {
        #(#error_enums)*

        #heading
        impl #client {
            #(#methods)*
        }
    }
}

/// The async method that sends the request of `op` and reads its response.
fn method(op: &Operation, call: &Call) -> TokenStream {
    let Call {
        arguments,
        segments,
        query,
        headers,
        extras,
        arms,
        success_ty,
        error_name,
    } = call;
    let docs = docs(&op.docs);
    let method_name = ident(&op.method_name);
    let all_params = arguments.iter().cloned().chain(body_param(op));
    let template = &op.path_template;
    let method_alias = format!("{} {template}", op.method.as_str());
    let error = runtime("Error");
    let body_value = body_value(op);
    let sent = sent(op, extras.as_ref());
    quote! {
        #docs
        #[doc(alias = #template)]
        #[doc(alias = #method_alias)]
        pub async fn #method_name(&self, #(#all_params),*) -> Result<#success_ty, #error<#error_name>> {
            const PATH_TEMPLATE: &str = #template;
            let path = [#(#segments),*].concat();
            #query
            #headers
            let body = #body_value;
            let response = #sent
            .await?;
            match response.status() {
                #arms
            }
        }
    }
}

/// `name: type` of the request body, by reference (in an `Option` when the
/// document does not require it).
fn body_param(op: &Operation) -> Option<TokenStream> {
    op.body.as_ref().map(|body| {
        let name = ident(&body.name);
        let body_ty = ty(&body.ty);
        if body.required {
            quote!(#name: &#body_ty)
        } else {
            quote!(#name: Option<&#body_ty>)
        }
    })
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

/// The call that sends the request of `op` (with `extras`, if any), to be
/// awaited.
fn sent(op: &Operation, extras: Option<&TokenStream>) -> TokenStream {
    let http_method = Ident::new(op.method.as_str(), Span::call_site());
    let operation_request = runtime("OperationRequest");
    let request = quote! {
        #operation_request {
            method: ::reqwest::Method::#http_method,
            path_template: PATH_TEMPLATE,
            path,
            body,
        }
    };
    match extras {
        Some(extras) => {
            let send_with = runtime("send_with");
            quote!(#send_with(self, #request, #extras))
        }
        None => {
            let send = runtime("send");
            quote!(#send(self, #request))
        }
    }
}
