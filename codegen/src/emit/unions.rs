//! Unions (`oneOf`/`anyOf`): untagged, or tagged by a property with a variant that keeps unknown tags as received.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{derives, doc, docs, ident, ty};
use crate::ir::{Ty, Union};

pub(super) fn union(u: &Union) -> TokenStream {
    let docs = docs(&u.docs);
    let name = ident(&u.name);
    let variants = u.variants.iter().map(|variant| {
        let docs = self::docs(&variant.docs);
        let variant_name = ident(&variant.name);
        let variant_ty = ty(&variant.ty);
        quote!(#docs #variant_name(#variant_ty),)
    });
    let from = from_members(u);
    let serde_derives = derives(&[quote!(::serde::Serialize), quote!(::serde::Deserialize)]);
    let plain_derives = derives(&[]);
    let Some(tag) = &u.tag else {
        return quote! {
            #docs
            #serde_derives
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
            #from
        };
    };
    let property = &tag.property;
    let unknown = ident(&tag.unknown);
    let unknown_doc = doc(&format!(
        "A value whose `{property}` the API document does not list (yet), kept as received."
    ));
    let names: Vec<Ident> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let first_tags = u
        .variants
        .iter()
        .map(|v| v.tags.first().cloned().unwrap_or_default());
    let tag_patterns = u.variants.iter().map(|v| {
        let tags = &v.tags;
        quote!(#(#tags)|*)
    });
    quote! {
        #docs
        #plain_derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #unknown(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(Self::#names(value) => (#first_tags, ::serde_json::to_value(value)),)*
                    Self::#unknown(value) => return ::serde::Serialize::serialize(value, serializer),
                };
                let mut value = value.map_err(::serde::ser::Error::custom)?;
                if let ::serde_json::Value::Object(object) = &mut value {
                    object
                        .entry(#property)
                        .or_insert_with(|| ::serde_json::Value::from(tag));
                }
                ::serde::Serialize::serialize(&value, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value
                    .get(#property)
                    .and_then(::serde_json::Value::as_str)
                    .map(ToOwned::to_owned);
                match tag.as_deref() {
                    #(Some(#tag_patterns) => ::serde_json::from_value(value)
                        .map(Self::#names)
                        .map_err(::serde::de::Error::custom),)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }

        #from
    }
}

/// `From` each boxed member's type (a struct or a union, see
/// `lower::recursion::box_union_members`) that no other member holds, so that
/// a value is made with `.into()` rather than `Box::new`.
fn from_members(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    u.variants
        .iter()
        .filter_map(|variant| match &variant.ty {
            Ty::Boxed(inner) => Some((variant, inner)),
            _ => None,
        })
        .filter(|(_, inner)| {
            u.variants
                .iter()
                .filter(|other| matches!(&other.ty, Ty::Boxed(held) if held == *inner))
                .count()
                == 1
        })
        .map(|(variant, inner)| {
            let variant_name = ident(&variant.name);
            let inner = ty(inner);
            quote! {
                impl From<#inner> for #name {
                    fn from(value: #inner) -> Self {
                        Self::#variant_name(Box::new(value))
                    }
                }
            }
        })
        .collect()
}
