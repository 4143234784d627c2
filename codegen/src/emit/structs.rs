//! Structs: their fields with serde attributes, the constructor `new` (with the struct of required fields where lowering names one), and a setter per optional field.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote};

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

/// The parameter type a constructor or setter takes for a value of `ty`,
/// and the expression that turns the parameter `value` into the field value
/// (`None` when the parameter already is the value).
fn accepted(ty: &Ty, value: &Ident) -> (TokenStream, Option<TokenStream>) {
    match ty {
        Ty::String => (quote!(impl Into<String>), Some(quote!(Into::into(#value)))),
        Ty::Boxed(inner) => {
            let inner = self::ty(inner);
            (
                quote!(impl Into<Box<#inner>>),
                Some(quote!(Into::into(#value))),
            )
        }
        Ty::Array(item) => {
            let item = self::ty(item);
            (
                quote!(impl IntoIterator<Item = #item>),
                Some(quote!(Iterator::collect(IntoIterator::into_iter(#value)))),
            )
        }
        other => (self::ty(other), None),
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
    let constructor = constructor(s, &constructor_fields);
    let setters = s.fields.iter().map(setter);
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

        impl #name {
            #constructor
            #(#setters)*
        }
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

/// The constructor `new` of `s`, which takes `fields`: as parameters of
/// their own, or as the struct of required fields where `s` has one.
fn constructor(s: &Struct, fields: &[&Field]) -> TokenStream {
    let doc = doc(if s.fields.is_empty() {
        "The value; it has no fields."
    } else if fields.is_empty() {
        "A value with every field unset."
    } else if fields.len() == s.fields.len() {
        "A value made of all its fields."
    } else {
        "A value made of the fields the API requires; the others start unset."
    });
    let (params, unpack) = match &s.required {
        Some(required) => {
            let required = ident(required);
            let names = fields.iter().map(|f| ident(&f.name));
            (
                quote!(required: #required),
                quote!(let #required { #(#names),* } = required;),
            )
        }
        None => {
            let params = fields.iter().map(|field| {
                let name = ident(&field.name);
                let (param_ty, _) = accepted(&field.ty, &name);
                match field.presence {
                    Presence::RequiredNullable => {
                        let inner = ty(&field.ty);
                        quote!(#name: Option<#inner>)
                    }
                    _ => quote!(#name: #param_ty),
                }
            });
            (quote!(#(#params),*), TokenStream::new())
        }
    };
    let initializers = s.fields.iter().map(|field| {
        let name = ident(&field.name);
        match field.presence {
            Presence::Required if s.required.is_none() => match accepted(&field.ty, &name).1 {
                Some(convert) => quote!(#name: #convert),
                None => quote!(#name),
            },
            Presence::Required | Presence::RequiredNullable => quote!(#name),
            Presence::Optional | Presence::OptionalNullable => {
                quote!(#name: Default::default())
            }
        }
    });
    quote! {
        #doc
        pub fn new(#params) -> Self {
            #unpack
            Self { #(#initializers),* }
        }
    }
}

/// The setter of an optional field (and its clearer, for a nullable one);
/// nothing for a field `new` takes.
fn setter(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let setter = ident(&field.setter);
    let value = Ident::new("value", Span::call_site());
    let (param_ty, convert) = accepted(&field.ty, &value);
    let convert = convert.unwrap_or_else(|| value.to_token_stream());
    let wire = &field.wire;
    // What the field means, as its own doc says; the setter's name says
    // what it does.
    let mut meaning = first_paragraph(&field.docs);
    if meaning.is_empty() {
        meaning.push(format!("Sets `{wire}`."));
    }
    match field.presence {
        Presence::Required | Presence::RequiredNullable => TokenStream::new(),
        Presence::Optional if field.flatten => {
            let value_ty = match &field.ty {
                Ty::Map(value) => ty(value),
                other => ty(other),
            };
            let doc = docs(&meaning);
            quote! {
                #doc
                pub fn #setter(mut self, value: impl IntoIterator<Item = (String, #value_ty)>) -> Self {
                    self.#name = Iterator::collect(IntoIterator::into_iter(value));
                    self
                }
            }
        }
        Presence::Optional => {
            let doc = docs(&meaning);
            quote! {
                #doc
                pub fn #setter(mut self, value: #param_ty) -> Self {
                    self.#name = Some(#convert);
                    self
                }
            }
        }
        Presence::OptionalNullable => {
            let set_doc = docs(&meaning);
            let nullable = runtime("Nullable");
            let clearer = field.clearer.as_deref().map(|clearer| {
                let clearer = ident(clearer);
                let doc = doc(&format!(
                    "Sets `{wire}` to an explicit `null`, which is sent as `null` rather than left out."
                ));
                quote! {
                    #doc
                    pub fn #clearer(mut self) -> Self {
                        self.#name = #nullable::Null;
                        self
                    }
                }
            });
            quote! {
                #set_doc
                pub fn #setter(mut self, value: #param_ty) -> Self {
                    self.#name = #nullable::Value(#convert);
                    self
                }
                #clearer
            }
        }
    }
}
