//! Parameter encoding: how query and header parameter values become text in the request.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{ident, runtime};
use crate::ir::{Param, ParamLocation, Ty};

/// The expression that gives the text of the parameter value `value` (a
/// reference to a value of the scalar type `ty`) as a `&str`.
fn param_text(ty: &Ty, value: &TokenStream) -> TokenStream {
    match ty {
        Ty::String | Ty::Named(_) => quote!(#value.as_str()),
        Ty::DateTime => {
            let date_time_text = runtime("date_time_text");
            quote!(&#date_time_text(#value))
        }
        _ => quote!(&::std::string::ToString::to_string(#value)),
    }
}

/// The expression that gives the text of the parameter value `value` as
/// a `String`, for values that are joined.
fn param_string(ty: &Ty, value: &TokenStream) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::clone::Clone::clone(#value)),
        Ty::Named(_) => quote!(::std::borrow::ToOwned::to_owned(#value.as_str())),
        Ty::DateTime => {
            let date_time_text = runtime("date_time_text");
            quote!(#date_time_text(#value))
        }
        _ => quote!(::std::string::ToString::to_string(#value)),
    }
}

/// The statements that put one query or header parameter of the struct
/// `params` into `query` or `headers`.
pub(super) fn put_param(param: &Param, params: &Ident) -> TokenStream {
    let field = ident(&param.field);
    let wire = &param.wire;
    let value = quote!(value);
    let put = match (&param.ty, param.location) {
        (Ty::Array(item), ParamLocation::Query) if param.explode => {
            let text = param_text(item, &value);
            quote! {
                for value in value {
                    query.push(#wire, #text);
                }
            }
        }
        (Ty::Array(item), location) => {
            let text = param_string(item, &value);
            let strings = quote!(::std::iter::Iterator::map(value.iter(), |value| #text));
            let joined = quote! {
                &::std::iter::Iterator::collect::<::std::vec::Vec<_>>(#strings).join(",")
            };
            match location {
                ParamLocation::Query => quote!(query.push_joined(#wire, #strings);),
                ParamLocation::Header => {
                    let header_param = runtime("header_param");
                    let lower = wire.to_ascii_lowercase();
                    quote!(#header_param(&mut headers, PATH_TEMPLATE, #lower, #joined)?;)
                }
            }
        }
        (scalar, ParamLocation::Query) => {
            let text = param_text(scalar, &value);
            quote!(query.push(#wire, #text);)
        }
        (scalar, ParamLocation::Header) => {
            let text = param_text(scalar, &value);
            let header_param = runtime("header_param");
            let lower = wire.to_ascii_lowercase();
            quote!(#header_param(&mut headers, PATH_TEMPLATE, #lower, #text)?;)
        }
    };
    if param.required {
        quote! {
            {
                let value = &#params.#field;
                #put
            }
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &#params.#field {
                #put
            }
        }
    }
}
