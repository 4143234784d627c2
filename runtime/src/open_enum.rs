//! Every generated open enum, written out here from its list of values
//! and stamped on each by [`open_enum!`], rather than generated out in full
//! for each of them: the enum with its derives, its variants' and its
//! catch-all's docs, `KNOWN`, `as_str`, `is_known`, the private `known`
//! (text to listed variant), and its text conversions and serde impls.
//!
//! The generated code gives only what differs from one enum to the next:
//! its docs, its name, each variant's name, meaning and value on the wire,
//! and the catch-all variant's name.

/// Defines the generated open enum given as
///
/// ```text
/// /// Docs.
/// pub enum Name {
///     Unknown(_),
///     /// The value's meaning, if the document gives one.
///     Variant = "value on the wire",
///     ...
/// }
/// ```
///
/// with its derives, its docs (the values the client does not know, each
/// variant's value on the wire), `KNOWN`, `as_str`, `is_known`, and
/// `From<&str>`, `From<String>`, `FromStr`, `Display`, `Serialize` and
/// `Deserialize`. The variant written `Unknown(_)`, first (a macro cannot
/// tell it from the listed ones after them), is declared last, and keeps a
/// value the document does not list.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (@on_the_wire "") => {
        "On the wire: the empty string."
    };
    (@on_the_wire $wire:literal) => {
        ::std::concat!("On the wire: `", $wire, "`.")
    };
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $unknown:ident(_),
            $($(#[$variant_attr:meta])* $variant:ident = $wire:literal,)*
        }
    ) => {
        $(#[$attr])*
        #[doc = ""]
        #[doc = ::std::concat!(
            "Values this version of the client does not know yet decode to [`",
            ::std::stringify!($name), "::", ::std::stringify!($unknown),
            "`] and are sent back unchanged, so a new value on the server never breaks a \
             response."
        )]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$variant_attr])*
                #[doc = ""]
                #[doc = $crate::open_enum!(@on_the_wire $wire)]
                $variant,
            )*
            /// A value the API document does not list (yet), kept exactly as received.
            $unknown($crate::UnknownValue),
        }

        impl $name {
            /// Every value the API document lists, in its order.
            pub const KNOWN: &'static [$name] = &[$(Self::$variant),*];

            /// The value exactly as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$unknown(value) => value.as_str(),
                }
            }

            /// Whether the API document lists this value.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::$unknown(_))
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    $($wire => ::std::option::Option::Some(Self::$variant),)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[doc = ::std::concat!(
                "Parses a value; one the document does not list becomes [`",
                ::std::stringify!($name), "::", ::std::stringify!($unknown), "`]."
            )]
            #[inline]
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| {
                    Self::$unknown($crate::unknown_value(value.to_owned()))
                })
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            #[doc = ::std::concat!(
                "Parses a value; one the document does not list becomes [`",
                ::std::stringify!($name), "::", ::std::stringify!($unknown), "`]."
            )]
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                Self::known(&value)
                    .unwrap_or_else(|| Self::$unknown($crate::unknown_value(value)))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            /// Parses a value; this never fails, since unlisted values are kept.
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::deserialize_open_enum(deserializer)
            }
        }
    };
}
