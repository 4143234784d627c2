//! Parameter encoding: how path, query and header parameter values get into the request.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};

use super::{ident, runtime};
use crate::ir::{Operation, Param, ParamLocation, PathPart, Ty};

/// The pieces of the path of `op`, in order: literal text, and each path
/// parameter's value as the runtime encodes it into a segment.
pub(super) fn path_segments(op: &Operation) -> Vec<TokenStream> {
    let path_segment = runtime("path_segment");
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.to_token_stream(),
            PathPart::Param(index) => {
                let param = &op.params[*index];
                let name = ident(&param.name);
                let wire = &param.wire;
                let value = match &param.ty {
                    Ty::String => quote!(#name),
                    Ty::Named(_) => quote!(#name.as_str()),
                    _ => quote!(&ToString::to_string(&#name)),
                };
                quote!(&#path_segment(PATH_TEMPLATE, #wire, #value)?)
            }
        })
        .collect()
}

/// The statements that put the query parameters of `op` into a query and
/// append it to `path`; `None` when the operation has none.
pub(super) fn query_statements(op: &Operation) -> Option<TokenStream> {
    let puts = puts(op, ParamLocation::Query);
    if puts.is_empty() {
        return None;
    }
    let query_type = runtime("Query");
    Some(quote! {
        let mut query = #query_type::new();
        #(#puts)*
        let path = query.append_to(path);
    })
}

/// The statements that put the header parameters of `op` into `headers`;
/// `None` when the operation has none.
pub(super) fn header_statements(op: &Operation) -> Option<TokenStream> {
    let puts = puts(op, ParamLocation::Header);
    (!puts.is_empty()).then(|| {
        quote! {
            let mut headers = ::reqwest::header::HeaderMap::new();
            #(#puts)*
        }
    })
}

/// The statements that put each parameter of `op` sent in `location`.
fn puts(op: &Operation, location: ParamLocation) -> Vec<TokenStream> {
    let Some(query) = &op.query else {
        return Vec::new();
    };
    let name = ident(&query.name);
    query
        .params
        .iter()
        .filter(|param| param.location == location)
        .map(|param| put_param(param, &name))
        .collect()
}

/// The expression that gives the text of the parameter value `value` (a
/// reference to a value of the scalar type `ty`) as a `&str`.
fn param_text(ty: &Ty, value: &TokenStream) -> TokenStream {
    match ty {
        Ty::String | Ty::Named(_) => quote!(#value.as_str()),
        Ty::DateTime => {
            let date_time_text = runtime("date_time_text");
            quote!(&#date_time_text(#value))
        }
        _ => quote!(&ToString::to_string(#value)),
    }
}

/// The function (a path or a closure) that gives the text of a parameter
/// value, a reference to a value of the scalar type `ty`, as a `String`,
/// for values that are joined.
fn param_string(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::clone::Clone::clone),
        Ty::Named(_) => quote!(|value| ToOwned::to_owned(value.as_str())),
        Ty::DateTime => runtime("date_time_text"),
        _ => quote!(ToString::to_string),
    }
}

/// The statements that put one query or header parameter of the struct
/// `params` into `query` or `headers`.
fn put_param(param: &Param, params: &Ident) -> TokenStream {
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
            let text = param_string(item);
            let strings = quote!(Iterator::map(value.iter(), #text));
            let joined = quote! {
                &Iterator::collect::<Vec<_>>(#strings).join(",")
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
            if let Some(value) = &#params.#field {
                #put
            }
        }
    }
}
