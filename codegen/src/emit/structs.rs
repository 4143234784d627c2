//! Structs: their fields with serde attributes, the struct of required fields where lowering names one, and the runtime's `builder!` of each, which writes the constructor `new` and a setter per optional field.

use proc_macro2::TokenStream;
use quote::quote;

use super::{derives, doc, docs, first_paragraph, ident, runtime, runtime_text, ty};
use crate::ir::{Field, Presence, Struct, Ty, Wrapper};

/// The type a field is declared with.
fn field_type(field: &Field) -> TokenStream {
    let inner = ty(&field.ty);
    match field.wrapper() {
        Wrapper::Bare => inner,
        Wrapper::Option => quote!(Option<#inner>),
        Wrapper::Nullable => {
            let nullable = runtime("Nullable");
            quote!(#nullable<#inner>)
        }
    }
}

/// How a constructor or setter takes a value of `ty`, as the runtime's
/// `builder!` spells it: `into String` (`impl Into<String>`), `iter Item`
/// (`impl IntoIterator<Item = Item>`, collected) or `as T` (`T` itself).
fn conversion(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(into String),
        Ty::Boxed(inner) => {
            let inner = self::ty(inner);
            quote!(into Box<#inner>)
        }
        Ty::Array(item) => {
            let item = self::ty(item);
            quote!(iter #item)
        }
        other => {
            let other = self::ty(other);
            quote!(as #other)
        }
    }
}

/// A struct, its struct of required fields if lowering names one, its
/// constructor `new` and its setters.
pub(super) fn structure(s: &Struct) -> TokenStream {
    let docs = docs(&s.docs);
    let name = ident(&s.name);
    let has_required = s.fields.iter().any(|f| f.presence == Presence::Required);
    let default = (!has_required).then(|| quote!(Default));
    let derived = s.fields.iter().any(|f| f.flatten);
    let fields = s.fields.iter().map(|f| field(f, derived));
    // The constructor takes the fields that must be present, in document
    // order: one as it is, several as a struct that names each of them.
    let constructor_fields: Vec<&Field> = s.constructor_fields().collect();
    let required_struct = s
        .required
        .as_deref()
        .map(|required| required_struct(s, required, &constructor_fields));
    let builder = builder(s, &constructor_fields);
    // serde's derives read and write a struct with a flattened field (they
    // buffer the keys the other fields do not take); every other struct's
    // are the runtime's `wire_struct!`, a fraction of the derives' code.
    let (serde, wire) = if derived {
        (
            vec![quote!(::serde::Serialize), quote!(::serde::Deserialize)],
            None,
        )
    } else {
        (Vec::new(), Some(wire_struct(s)))
    };
    let derives = derives(&default.into_iter().chain(serde).collect::<Vec<_>>());
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #wire

        #required_struct

        #builder
    }
}

/// The runtime's `Serialize` and `Deserialize` of `s` (see `wire_struct!`):
/// each field with its wire name, its presence (`default` for an optional
/// field, left out when unset and its default when missing; else
/// `required`), and `one_or_many` for a list that also comes as one value.
fn wire_struct(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let wire_struct = runtime("wire_struct");
    let fields = s.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let wire = &field.wire;
        let missing = match field.presence {
            Presence::Optional | Presence::OptionalNullable => quote!(default),
            Presence::Required | Presence::RequiredNullable => quote!(required),
        };
        if field.one_or_many {
            quote!(#field_name = #missing(#wire, one_or_many))
        } else {
            quote!(#field_name = #missing(#wire))
        }
    });
    quote! {
        #wire_struct!(#name { #(#fields),* });
    }
}

/// The declaration of a field, with the serde attributes its wire name and
/// presence need where serde's derives read and write the struct
/// (`derived`).
fn field(field: &Field, derived: bool) -> TokenStream {
    let docs = docs(&field.docs);
    let field_name = ident(&field.name);
    let field_ty = field_type(field);
    let serde = derived.then(|| serde_attribute(field)).flatten();
    quote! {
        #docs
        #serde
        pub #field_name: #field_ty,
    }
}

/// The `#[serde(...)]` of a field of a derived struct: flattened, or
/// renamed to its wire name, left out of the output when unset and read as
/// its default when missing and, for a list the document also allows as one
/// value, decoded from either; `None` when it needs none of these.
fn serde_attribute(field: &Field) -> Option<TokenStream> {
    let wire = &field.wire;
    let mut serde = Vec::new();
    if field.flatten {
        serde.push(quote!(flatten));
    } else {
        if field.name != field.wire {
            serde.push(quote!(rename = #wire));
        }
        match field.presence {
            Presence::Optional => {
                serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
            }
            Presence::OptionalNullable => {
                let is_absent = format!("{}::is_absent", runtime_text("Nullable"));
                serde.push(quote!(default, skip_serializing_if = #is_absent));
            }
            Presence::Required | Presence::RequiredNullable => {}
        }
        if field.one_or_many {
            // A list the document also allows as one value: decoded by the
            // runtime, which takes either. Without the derive's own
            // handling of `Option`, a missing nullable field needs
            // `default` to read as `None`, as it does without this.
            let one_or_many = runtime_text("one_or_many");
            serde.push(quote!(deserialize_with = #one_or_many));
            if field.presence == Presence::RequiredNullable {
                serde.push(quote!(default));
            }
        }
    }
    (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]))
}

/// The docs of the struct of required fields of the struct `name`.
pub(super) fn required_docs(name: &str) -> String {
    format!("The fields of [`{name}`] the API requires, named, for [`{name}::new`].")
}

/// The struct `required` that names each of the `fields` of `s` its
/// constructor takes.
fn required_struct(s: &Struct, required: &str, fields: &[&Field]) -> TokenStream {
    let required = ident(required);
    let struct_doc = doc(&required_docs(&s.name));
    let declared = fields.iter().map(|field| {
        let docs = self::docs(&first_paragraph(&field.docs));
        let field_name = ident(&field.name);
        let field_ty = field_type(field);
        quote!(#docs pub #field_name: #field_ty,)
    });
    let derives = derives(&[]);
    quote! {
        #struct_doc
        #derives
        pub struct #required {
            #(#declared)*
        }
    }
}

/// The runtime's `builder!` of `s`: how its `new` takes `fields` (as
/// parameters of their own, or as the struct of required fields where `s`
/// has one) and what its docs say, and the setter of each other field (and
/// the clearer of a nullable one), in order.
fn builder(s: &Struct, fields: &[&Field]) -> TokenStream {
    let builder = runtime("builder");
    let name = ident(&s.name);
    let docs = if s.fields.is_empty() {
        quote!(empty)
    } else if fields.is_empty() {
        quote!(none)
    } else if fields.len() == s.fields.len() {
        quote!(all)
    } else {
        quote!(some)
    };
    let taken = match &s.required {
        Some(required) => {
            let required = ident(required);
            let names = fields.iter().map(|f| ident(&f.name));
            quote!(#required { #(#names),* })
        }
        None => {
            let params = fields.iter().map(|field| {
                let name = ident(&field.name);
                let conversion = match field.presence {
                    // `None` is the API's `null`.
                    Presence::RequiredNullable => {
                        let inner = ty(&field.ty);
                        quote!(as Option<#inner>)
                    }
                    _ => conversion(&field.ty),
                };
                quote!(#name = #conversion)
            });
            quote!(#(#params),*)
        }
    };
    let mut setters = Vec::new();
    let mut renamed = Vec::new();
    for field in &s.fields {
        let Some(setter) = setter(field) else {
            continue;
        };
        if field.setter == field.name {
            setters.push(setter);
        } else {
            let name = ident(&field.setter);
            renamed.push(quote!(#name for #setter));
        }
    }
    let renamed = (!renamed.is_empty()).then(|| quote!([#(#renamed)*]));
    quote! {
        #builder!(#name {
            new(#docs #taken),
            #(#setters)*
            #renamed
        });
    }
}

/// The setter of an optional field as `builder!` takes it, with a comma
/// after it: `field = Some(into String),`, `field = Value(as i64) / clearer,`
/// or, for the map of the object's other properties, `field = Set(iter
/// (String, Value)),`; `None` for a field `new` takes.
fn setter(field: &Field) -> Option<TokenStream> {
    let name = ident(&field.name);
    match field.presence {
        Presence::Required | Presence::RequiredNullable => None,
        Presence::Optional if field.flatten => {
            let value_ty = match &field.ty {
                Ty::Map(value) => ty(value),
                other => ty(other),
            };
            Some(quote!(#name = Set(iter (String, #value_ty)),))
        }
        Presence::Optional => {
            let conversion = conversion(&field.ty);
            Some(quote!(#name = Some(#conversion),))
        }
        Presence::OptionalNullable => {
            let conversion = conversion(&field.ty);
            let clearer = field.clearer.as_deref().map(|clearer| {
                let clearer = ident(clearer);
                quote!(/ #clearer)
            });
            Some(quote!(#name = Value(#conversion) #clearer,))
        }
    }
}
