//! The error enum of each operation (a variant per declared error status, with `status()` and `Display`), and the match arms that read a response into the success value or one of its variants.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{derives, doc, docs, ident, ty};
use crate::ir::{BodyFormat, ErrorEnum, ErrorVariant, StatusMatch, Success};

/// The error enum of an operation, with `status()` and `Display`.
pub(super) fn error_enum(errors: &ErrorEnum) -> TokenStream {
    let docs = docs(&errors.docs);
    let name = ident(&errors.name);
    let variants = errors.variants.iter().map(variant);
    let pattern = |variant: &ErrorVariant| {
        let variant_name = ident(&variant.name);
        match (variant.status, &variant.ty) {
            (StatusMatch::Code(_), Some(_)) => quote!(Self::#variant_name(_)),
            (StatusMatch::Code(_), None) => quote!(Self::#variant_name),
            _ => quote!(Self::#variant_name { .. }),
        }
    };
    let status_arms = errors.variants.iter().map(|variant| match variant.status {
        StatusMatch::Code(code) => {
            let pattern = pattern(variant);
            let code = Literal::u16_unsuffixed(code);
            quote!(#pattern => #code,)
        }
        _ => {
            let variant_name = ident(&variant.name);
            quote!(Self::#variant_name { status, .. } => status,)
        }
    });
    let patterns: Vec<TokenStream> = errors.variants.iter().map(pattern).collect();
    let summaries = errors.variants.iter().map(|v| v.summary.as_str());
    // An operation without declared error statuses has an empty enum, whose
    // `fmt` does not use the formatter.
    let formatter = if errors.variants.is_empty() {
        quote!(_f)
    } else {
        quote!(f)
    };
    let derives = derives(&[]);
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The HTTP status this error was returned with.
            pub fn status(&self) -> u16 {
                match *self {
                    #(#status_arms)*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    #(#patterns => f.write_str(#summaries),)*
                }
            }
        }
    }
}

/// The declaration of one variant: a status code's holds its body (if
/// any); a range's or `default`'s holds the status too.
fn variant(variant: &ErrorVariant) -> TokenStream {
    let docs = docs(&variant.docs);
    let variant_name = ident(&variant.name);
    let payload = variant.ty.as_ref().map(ty);
    match variant.status {
        StatusMatch::Code(code) => {
            let status_doc = doc(&format!("Status `{code}`."));
            let status_alias = code.to_string();
            let payload = payload.map(|body| quote!((#body)));
            quote! {
                #docs
                ///
                #status_doc
                #[doc(alias = #status_alias)]
                #variant_name #payload,
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
            let body = payload.map(|body| {
                quote! {
                    /// The decoded body.
                    body: #body,
                }
            });
            quote! {
                #docs
                ///
                #status_doc
                #variant_name {
                    /// The HTTP status the response came with.
                    status: u16,
                    #body
                },
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
