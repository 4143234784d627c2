//! The mock's part of each operation (cargo feature `mock`): the method of
//! the runtime's `Expectations` that expects its request, built by the same
//! function as the client's.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::call::Call;
use super::{client_item, doc, ident, runtime};
use crate::ir::{BodyFormat, Operation, Pagination, Wrapper};

/// The mock's items of `ops`, each behind the feature `mock`: one
/// `impl Expectations` block with a method per operation, under the same
/// `heading` as their `impl Client` block. How the mock answers with each
/// variant of an error enum is the runtime's `error_enum!`'s.
pub(super) fn mock(ops: &[&Operation], calls: &[Call], heading: &TokenStream) -> TokenStream {
    let expectations = client_item("mock::Expectations");
    let methods = ops
        .iter()
        .zip(calls)
        .map(|(op, call)| expectation(op, call));
    quote! {
        #heading
        #[cfg(feature = "mock")]
        impl #expectations<'_> {
            #(#methods)*
        }
    }
}

/// The method that expects the request of `op` for its arguments.
fn expectation(op: &Operation, call: &Call) -> TokenStream {
    let Call {
        arguments,
        names,
        request,
        success_ty,
        error_name,
        ..
    } = call;
    let mock = runtime("mock");
    let name = ident(&op.method_name);
    let operation = &op.method_name;
    let doc = doc(&format!(
        "Expects [`Client::{operation}`](crate::Client::{operation}) with these arguments \
         (`{} {}`).",
        op.method.as_str(),
        op.path_template
    ));
    let status = Literal::u16_unsuffixed(op.success.status);
    let format = match (&op.success.ty, op.success.format) {
        (None, _) => quote!(Empty),
        (Some(_), BodyFormat::Json) => quote!(Json),
        (Some(_), BodyFormat::Text) => quote!(Text),
    };
    let link = match &op.pagination {
        Some(pagination) => {
            let set = set_next(pagination);
            quote!({
                fn link(page: &mut #success_ty, next: Option<String>) {
                    #set
                }
                Some(link as fn(&mut #success_ty, Option<String>))
            })
        }
        None => quote!(None),
    };
    quote! {
        #doc
        pub fn #name(&self, #(#arguments),*) -> #mock::Expect<#success_ty, #error_name> {
            #mock::Expect::new(self.core, #operation, #request(#(#names),*), (#status, #mock::Format::#format), #link)
        }
    }
}

/// The statements that set the next link of `page` to `next`, through
/// however its links object and next field are held (as the stream reads
/// it).
fn set_next(pagination: &Pagination) -> TokenStream {
    let nullable = runtime("Nullable");
    let next_field = ident(&pagination.next_field);
    let set = match pagination.next_presence.wrapper() {
        Wrapper::Bare => quote!(links.#next_field = next.unwrap_or_default();),
        Wrapper::Option => quote!(links.#next_field = next;),
        Wrapper::Nullable => {
            quote!(links.#next_field = next.map_or(#nullable::Null, #nullable::Value);)
        }
    };
    let links_field = ident(&pagination.links_field);
    match pagination.links_presence.wrapper() {
        Wrapper::Bare => quote! {
            let links = &mut page.#links_field;
            #set
        },
        Wrapper::Option => quote! {
            if let Some(links) = &mut page.#links_field {
                #set
            }
        },
        Wrapper::Nullable => quote! {
            if let #nullable::Value(links) = &mut page.#links_field {
                #set
            }
        },
    }
}
