//! The error enum of each operation (a variant per declared error status, given to the runtime's `error_enum!`), and the match arms that read a response into the success value or one of its variants.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{doc, docs, ident, runtime, ty};
use crate::ir::{BodyFormat, ErrorEnum, ErrorVariant, StatusMatch, Success};

/// The error enum of an operation, given to the runtime's `error_enum!`,
/// which writes the enum, `status()`, `Display` and the mock's reply of
/// each variant: each variant with its docs, body type, status (`_` for a
/// range's or `default`'s, which holds the status it came with), summary
/// and, for a body sent as text, `text`.
pub(super) fn error_enum(errors: &ErrorEnum) -> TokenStream {
    let docs = docs(&errors.docs);
    let name = ident(&errors.name);
    let variants = errors.variants.iter().map(variant);
    let error_enum = runtime("error_enum");
    // Written as Rust, each variant's status and summary where a
    // discriminant would be, so that it reads (and renders) as the enum it
    // defines.
    quote! {
        #error_enum! {
            #docs
            pub enum #name {
                #(#variants)*
            }
        }
    }
}

/// One variant as `error_enum!` takes it: a status code's with its body
/// (if any) and its alias for rustdoc's search; a range's or `default`'s
/// with the sentence that says which statuses it takes, and its body.
fn variant(variant: &ErrorVariant) -> TokenStream {
    let docs = docs(&variant.docs);
    let variant_name = ident(&variant.name);
    let summary = &variant.summary;
    let format = match variant.format {
        BodyFormat::Json => None,
        BodyFormat::Text => Some(quote!(, text)),
    };
    let body = variant.ty.as_ref().map(ty);
    match variant.status {
        StatusMatch::Code(code) => {
            let status_alias = code.to_string();
            let code = Literal::u16_unsuffixed(code);
            let payload = body.map(|body| quote!((#body)));
            quote! {
                #docs
                #[doc(alias = #status_alias)]
                #variant_name #payload = (#code, #summary #format),
            }
        }
        StatusMatch::Range(_) | StatusMatch::Default => {
            let status_doc = doc(&match variant.status {
                StatusMatch::Range(class) => format!(
                    "Any status `{class}XX` not declared on its own (`{}`), with the status it came with.",
                    variant.status
                ),
                _ => "Any status the operation does not declare otherwise (`default`), with \
                      the status it came with."
                    .to_owned(),
            });
            let body = body.map(|body| quote!(body: #body));
            quote! {
                #docs
                ///
                #status_doc
                #variant_name { #body } = (_, #summary #format),
            }
        }
    }
}

/// The arms of the `match response.status()` of an operation: the success
/// status, each declared error (built as [`error_enum`] declares its
/// variant), and, without a `default`, one for any other status.
pub(super) fn response_arms(success: &Success, errors: &ErrorEnum) -> TokenStream {
    let success_status = Literal::u16_unsuffixed(success.status);
    let success_arm = match (&success.ty, success.format) {
        (Some(_), BodyFormat::Json) => quote!(#success_status => response.json(),),
        (Some(_), BodyFormat::Text) => quote!(#success_status => response.text(),),
        (None, _) => quote!(#success_status => response.empty(),),
    };
    let error_name = ident(&errors.name);
    let error_arms = errors
        .variants
        .iter()
        .map(|variant| error_arm(variant, &error_name));
    let has_default = errors
        .variants
        .iter()
        .any(|variant| variant.status == StatusMatch::Default);
    let fallback = (!has_default).then(|| quote!(_ => response.unexpected(),));
    quote! {
        #success_arm
        #(#error_arms)*
        #fallback
    }
}

/// The arm that reads a response of the statuses `variant` answers into it.
fn error_arm(variant: &ErrorVariant, error_name: &Ident) -> TokenStream {
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
        StatusMatch::Default => quote!(status),
    };
    match variant.ty {
        Some(_) => quote! {
            #pattern => response.#decode(|body| #error_name::#variant_name { status, body }),
        },
        None => quote! {
            #pattern => response.#decode(#error_name::#variant_name { status }),
        },
    }
}
