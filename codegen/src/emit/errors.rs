//! The error enum of each operation: a variant per declared error status, with `status()` and `Display`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, doc, docs, ident, ty};
use crate::ir::{ErrorEnum, ErrorVariant, StatusMatch};

pub(super) fn error_enum(errors: &ErrorEnum) -> TokenStream {
    let docs = docs(&errors.docs);
    let name = ident(&errors.name);
    let variants = errors.variants.iter().map(|variant| {
        let docs = self::docs(&variant.docs);
        let variant_name = ident(&variant.name);
        let payload = variant.ty.as_ref().map(|body| ty(body, Scope::Operations));
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
    });
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
    quote! {
        #docs
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
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
