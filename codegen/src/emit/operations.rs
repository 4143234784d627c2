//! Operations: the client method of each operation (and, through
//! [`super::streams`], the stream of a paginated one), each a call of the
//! module's functions that build its request and read its response.

use quote::quote;

use super::call::Call;
use super::errors::error_enum;
use super::{client_item, docs, ident, mock, runtime, streams};
use crate::ir::{Docs, Operation};

/// The error enums of `ops` and the functions that build their requests
/// and read their responses, then one `impl Client` block with their
/// methods (for each operation one that sends the request once, and for a
/// paginated operation the stream of its items), under `heading`: rustdoc
/// shows the docs of an impl block as the heading of its methods; then
/// the mock's part of them ([`mock`]).
pub(super) fn operations(ops: &[&Operation], heading: &Docs) -> proc_macro2::TokenStream {
    let calls: Vec<Call> = ops.iter().map(|op| Call::new(op)).collect();
    let error_enums = ops.iter().map(|op| error_enum(&op.errors));
    let functions = ops.iter().zip(&calls).map(|(op, call)| call.functions(op));
    let methods = ops.iter().zip(&calls).map(|(op, call)| {
        let method = method(op, call);
        let stream = op
            .pagination
            .as_ref()
            .map(|pagination| streams::stream(op, pagination, call));
        quote!(#method #stream)
    });
    let client = client_item("Client");
    let heading = docs(heading);
    let mock = mock::mock(ops, &calls, &heading);
    quote! {
        #(#error_enums)*

        #(#functions)*

        #heading
        impl #client {
            #(#methods)*
        }

        #mock
    }
}

/// The async method that sends the request of `op` and reads its response.
fn method(op: &Operation, call: &Call) -> proc_macro2::TokenStream {
    let Call {
        arguments,
        names,
        request,
        response,
        success_ty,
        error_name,
    } = call;
    let docs = docs(&op.docs);
    let method_name = ident(&op.method_name);
    let template = &op.path_template;
    let method_alias = format!("{} {template}", op.method.as_str());
    let error = runtime("Error");
    let send = runtime("send");
    quote! {
        #docs
        #[doc(alias = #template)]
        #[doc(alias = #method_alias)]
        #[inline]
        pub async fn #method_name(&self, #(#arguments),*) -> Result<#success_ty, #error<#error_name>> {
            #response(#send(&self.core, #request(#(#names),*)?).await?)
        }
    }
}
