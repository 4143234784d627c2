//! Every generated struct's constructor `new` and its setters, written out
//! here from the struct's list of fields and stamped on each by
//! [`builder!`], rather than generated out in full for each struct.
//!
//! The generated code gives only what differs from one struct to the next:
//! how `new` takes the fields the API requires, and for each other field
//! what its setter takes and how the field holds it. A setter's docs link
//! to its field's, which say what it means: written once.

/// Defines `new` and the setters of the generated struct `$name`, given as
///
/// ```text
/// Name {
///     new(<docs> <fields>),
///     field = <holder>(<conversion> Type) [/ clearer],
///     ...
///     [[setter for field = <holder>(<conversion> Type) [/ clearer], ...]]
/// }
/// ```
///
/// - `new`: `<docs>` is `all` (it takes every field), `some` (the others
///   start unset), `none` (every field starts unset) or `empty` (the struct
///   has none); `<fields>` is `Required { a, b }` (a struct of them, by
///   name) or `a = <conversion> Type, ...` (each as a parameter of its own;
///   none, or the one field the API requires);
/// - each other field, in order, with its setter: `<holder>` is `Some`
///   (the field is an `Option`), `Value` (a `Nullable`; then a clearer
///   that sets `null`, named after `/`) or `Set` (the field is the value,
///   a map of the object's other properties); `<conversion>` is `into`
///   (the setter takes `impl Into<Type>`), `iter` (`impl
///   IntoIterator<Item = Type>`, collected) or `as` (`Type` itself);
/// - in brackets, last, the setters whose names are not their fields' (a
///   field may be named `new`).
#[doc(hidden)]
#[macro_export]
macro_rules! builder {
    (@new_doc all) => {
        "A value made of all its fields."
    };
    (@new_doc some) => {
        "A value made of the fields the API requires; the others start unset."
    };
    (@new_doc none) => {
        "A value with every field unset."
    };
    (@new_doc empty) => {
        "The value; it has no fields."
    };
    (@param into $t:ty) => { impl ::std::convert::Into<$t> };
    (@param iter $t:ty) => { impl ::std::iter::IntoIterator<Item = $t> };
    (@param as $t:ty) => { $t };
    (@convert into $value:ident) => {
        ::std::convert::Into::into($value)
    };
    (@convert iter $value:ident) => {
        ::std::iter::Iterator::collect(::std::iter::IntoIterator::into_iter($value))
    };
    (@convert as $value:ident) => {
        $value
    };
    (@hold Some $value:expr) => {
        ::std::option::Option::Some($value)
    };
    (@hold Value $value:expr) => {
        $crate::Nullable::Value($value)
    };
    (@hold Set $value:expr) => {
        $value
    };
    // `new`, given the fields it leaves unset.
    (@new [$($unset:ident)*] $docs:ident $required:ident { $($field:ident),* $(,)? }) => {
        #[doc = $crate::builder!(@new_doc $docs)]
        pub fn new(required: $required) -> Self {
            let $required { $($field),* } = required;
            Self {
                $($field,)*
                $($unset: ::std::default::Default::default(),)*
            }
        }
    };
    (@new [$($unset:ident)*] $docs:ident $($field:ident = $conversion:ident $t:ty),*) => {
        #[doc = $crate::builder!(@new_doc $docs)]
        pub fn new($($field: $crate::builder!(@param $conversion $t)),*) -> Self {
            Self {
                $($field: $crate::builder!(@convert $conversion $field),)*
                $($unset: ::std::default::Default::default(),)*
            }
        }
    };
    (@setter $setter:ident $field:ident $holder:ident($conversion:ident $t:ty) $($clearer:ident)?) => {
        #[doc = ::std::concat!(
            "Sets [`", ::std::stringify!($field), "`](field@Self::", ::std::stringify!($field), ")."
        )]
        pub fn $setter(mut self, value: $crate::builder!(@param $conversion $t)) -> Self {
            self.$field = $crate::builder!(@hold $holder $crate::builder!(@convert $conversion value));
            self
        }
        $(
            #[doc = ::std::concat!(
                "Sets [`", ::std::stringify!($field), "`](field@Self::", ::std::stringify!($field),
                ") to an explicit `null`, which is sent as `null` rather than left out."
            )]
            pub fn $clearer(mut self) -> Self {
                self.$field = $crate::Nullable::Null;
                self
            }
        )?
    };
    (
        $name:ident {
            new($($new:tt)*),
            $($field:ident = $holder:ident($conversion:ident $t:ty) $(/ $clearer:ident)?,)*
            // The setters whose names are not their fields', in brackets:
            // a macro cannot tell a name there from a field's name.
            $([
                $($setter:ident for $renamed:ident =
                    $renamed_holder:ident($renamed_conversion:ident $renamed_t:ty)
                    $(/ $renamed_clearer:ident)?,)*
            ])?
        }
    ) => {
        impl $name {
            $crate::builder!(@new [$($field)* $($($renamed)*)?] $($new)*);
            $($crate::builder!(@setter $field $field $holder($conversion $t) $($clearer)?);)*
            $($($crate::builder!(@setter $setter $renamed $renamed_holder($renamed_conversion $renamed_t) $($renamed_clearer)?);)*)?
        }
    };
}
