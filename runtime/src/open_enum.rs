//! What every generated open enum shares: its text conversions and its
//! serde impls, written once here and stamped on each enum by
//! [`open_enum!`], rather than generated out in full for each of them.
//!
//! The enum itself, its variants, `KNOWN`, `as_str`, `is_known` and the
//! private `known` (text to listed variant) are generated: they are what
//! differs from one enum to the next.

/// Implements `From<&str>`, `From<String>`, `FromStr`, `Display`,
/// `Serialize` and `Deserialize` for the generated open enum `$name`,
/// whose variant `$unknown` keeps a value the document does not list. The
/// enum must have `fn known(&str) -> Option<Self>` and
/// `fn as_str(&self) -> &str`.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    ($name:ident, $unknown:ident) => {
        impl ::std::convert::From<&str> for $name {
            #[doc = concat!(
                                        "Parses a value; one the document does not list becomes [`",
                                        stringify!($name), "::", stringify!($unknown), "`]."
                                    )]
            #[inline]
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| {
                    Self::$unknown($crate::unknown_value(value.to_owned()))
                })
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            #[doc = concat!(
                                        "Parses a value; one the document does not list becomes [`",
                                        stringify!($name), "::", stringify!($unknown), "`]."
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
