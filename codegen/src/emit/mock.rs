//! The mock's part of each operation (cargo feature `mock`): the method of
//! the runtime's `Expectations` that expects its request, built by the same
//! function as the client's, and how the mock answers with each variant of
//! its error enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::call::Call;
use super::{client_item, doc, ident, runtime};
use crate::ir::{BodyFormat, ErrorEnum, Operation, Pagination, StatusMatch, Wrapper};

/// The mock's items of `ops`, each behind the feature `mock`: one
/// `impl Expectations` block with a method per operation, under the same
/// `heading` as their `impl Client` block, and the `ErrorReply` of each
/// error enum.
pub(super) fn mock(ops: &[&Operation], calls: &[Call], heading: &TokenStream) -> TokenStream {
    let expectations = client_item("mock::Expectations");
    let methods = ops
        .iter()
        .zip(calls)
        .map(|(op, call)| expectation(op, call));
    let replies = ops.iter().map(|op| error_reply(&op.errors));
    quote! {
        #heading
        #[cfg(feature = "mock")]
        impl #expectations<'_> {
            #(#methods)*
        }

        #(#replies)*
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

/// How the mock answers with each variant of `errors`: its status and its
/// body, as the client reads it back.
fn error_reply(errors: &ErrorEnum) -> TokenStream {
    let mock = runtime("mock");
    let name = ident(&errors.name);
    let arms = errors.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let write = match variant.format {
            BodyFormat::Json => quote!(json),
            BodyFormat::Text => quote!(text),
        };
        match (variant.status, &variant.ty) {
            (StatusMatch::Code(code), Some(_)) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(Self::#variant_name(body) => #mock::Reply::#write(#code, body),)
            }
            (StatusMatch::Code(code), None) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(Self::#variant_name => #mock::Reply::empty(#code),)
            }
            (_, Some(_)) => {
                quote!(Self::#variant_name { status, body } => #mock::Reply::#write(*status, body),)
            }
            (_, None) => quote!(Self::#variant_name { status } => #mock::Reply::empty(*status),),
        }
    });
    // An enum without variants is matched through the reference.
    let matched = if errors.variants.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    quote! {
        #[cfg(feature = "mock")]
        impl #mock::ErrorReply for #name {
            fn reply(&self) -> #mock::Reply {
                match #matched {
                    #(#arms)*
                }
            }
        }
    }
}
