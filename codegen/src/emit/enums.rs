//! String enums: the listed values as variants, one more that keeps unknown values, given to the runtime's `open_enum!`, which writes the enum, its text conversions and its serde impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, docs, ident, runtime};
use crate::ir::Enum;

pub(super) fn enumeration(e: &Enum) -> TokenStream {
    let docs = docs(&e.docs);
    let name = ident(&e.name);
    let unknown = ident(&e.unknown);
    let variants = e.variants.iter().map(|variant| {
        let docs = self::docs(&variant.docs);
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote!(#docs #variant_name = #wire,)
    });
    let open_enum = runtime("open_enum");
    let default = e.default.map(|index| {
        let variant = ident(&e.variants[index].name);
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
    // The enum is written as Rust, each variant with its value on the wire
    // where a discriminant would be, so that it reads (and renders) as the
    // enum it defines; the runtime's macro writes the rest. The variant
    // that keeps unknown values comes first: `macro_rules!` cannot tell it
    // from the listed ones after them.
    quote! {
        #open_enum! {
            #docs
            pub enum #name {
                #unknown(_),
                #(#variants)*
            }
        }

        #default
    }
}
