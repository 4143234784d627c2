//! String enums: the listed values as variants, one more that keeps unknown values, and their text conversions and serde impls.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{derives, doc, docs, ident, runtime};
use crate::ir::Enum;

pub(super) fn enumeration(e: &Enum) -> TokenStream {
    let docs = docs(&e.docs);
    let unknown_value = runtime("UnknownValue");
    let name = ident(&e.name);
    let unknown = ident(&e.unknown);
    let variant_names: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let variants = e
        .variants
        .iter()
        .zip(&variant_names)
        .map(|(variant, ident)| {
            let docs = self::docs(&variant.docs);
            quote!(#docs #ident,)
        });
    let open_enum = runtime("open_enum");
    let default = e.default.map(|index| {
        let variant = &variant_names[index];
        let doc = doc(&format!(
            "The API's default, [`{}::{}`].",
            e.name, e.variants[index].name
        ));
        quote! {
            impl Default for #name {
                #doc
                fn default() -> Self {
                    Self::#variant
                }
            }
        }
    });
    let derives = derives(&[quote!(Eq), quote!(Hash)]);
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the API document does not list (yet), kept exactly as received.
            #unknown(#unknown_value),
        }

        impl #name {
            /// Every value the API document lists, in its order.
            pub const KNOWN: &'static [#name] = &[#(Self::#variant_names),*];

            /// The value exactly as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variant_names => #wires,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Whether the API document lists this value.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::#unknown(_))
            }

            fn known(value: &str) -> Option<Self> {
                match value {
                    #(#wires => Some(Self::#variant_names),)*
                    _ => None,
                }
            }
        }

        #open_enum!(#name, #unknown);

        #default
    }
}
