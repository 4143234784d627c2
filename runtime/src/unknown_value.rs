//! [`UnknownValue`]: a string enum value the API description does not list.

use std::fmt;
use std::marker::PhantomData;

/// A value of a string enum that this version of the crate does not know,
/// for example a codec the API added after the crate was generated.
///
/// Every generated string enum has a catch-all variant holding one
/// (`Codec::Unknown(UnknownValue)`), so that a new value in a response
/// does not make the whole response fail to parse. Such a value is sent
/// back unchanged when serialised.
///
/// There is no public constructor: the only way to get one is to parse a
/// string the crate does not know, so a known value can never hide in the
/// catch-all variant. To send a value the crate does not list yet, parse
/// it (`"OPUS@48000H@20I".parse::<Codec>()`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value; the generated `From<&str>` and `From<String>`
    /// conversions of each enum reach this (through [`unknown_value`]) only
    /// for strings that match none of the listed values. Not a method
    /// users can call: `UnknownValue::new` stays private.
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Deserialises a string enum `T` from a JSON string. A string the
    /// deserializer can lend (one without escapes, in a body held in
    /// memory) is matched as `&str`, so a listed value allocates nothing,
    /// as with a closed enum; only an unlisted value is copied into its
    /// [`UnknownValue`].
    pub(crate) fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: serde::Deserializer<'de>,
        T: for<'a> From<&'a str> + From<String>,
    {
        deserializer.deserialize_str(EnumVisitor(PhantomData))
    }
}

/// [`UnknownValue::new`], for [`open_enum!`](crate::open_enum) only: a
/// free function of the runtime crate, which the client crate does not
/// re-export, so that users cannot make an `UnknownValue` of a listed value.
#[doc(hidden)]
pub fn unknown_value(value: String) -> UnknownValue {
    UnknownValue::new(value)
}

/// [`UnknownValue::deserialize_enum`], for [`open_enum!`](crate::open_enum)
/// only.
#[doc(hidden)]
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    UnknownValue::deserialize_enum(deserializer)
}

/// Builds a string enum from whichever form of string the deserializer has.
struct EnumVisitor<T>(PhantomData<T>);

impl<T> serde::de::Visitor<'_> for EnumVisitor<T>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_and_returns_the_value_as_received() {
        let value = UnknownValue::new("OPUS@48000H@20I".to_owned());
        assert_eq!(value.as_str(), "OPUS@48000H@20I");
        assert_eq!(value.as_ref(), "OPUS@48000H@20I");
        assert_eq!(value.to_string(), "OPUS@48000H@20I");
        assert_eq!(format!("{value:?}"), r#""OPUS@48000H@20I""#);
    }

    /// A string enum with one listed value, recording whether the value
    /// was handed over borrowed or owned.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Round,
        FromStr(String),
        FromString(String),
    }

    impl From<&str> for Shape {
        fn from(value: &str) -> Self {
            if value == "round" {
                Shape::Round
            } else {
                Shape::FromStr(value.to_owned())
            }
        }
    }

    impl From<String> for Shape {
        fn from(value: String) -> Self {
            if value == "round" {
                Shape::Round
            } else {
                Shape::FromString(value)
            }
        }
    }

    fn shape(deserializer: impl serde::Deserializer<'static, Error = serde_json::Error>) -> Shape {
        UnknownValue::deserialize_enum(deserializer).unwrap()
    }

    #[test]
    fn deserialize_enum_takes_strings_in_every_form() {
        use serde::de::IntoDeserializer as _;
        // Borrowed from the input, escaped (decoded into a scratch
        // buffer), and owned (as from a `serde_json::Value`).
        let mut plain = serde_json::Deserializer::from_str(r#""round""#);
        assert_eq!(shape(&mut plain), Shape::Round);
        let mut escaped = serde_json::Deserializer::from_str(r#""r\u006fund""#);
        assert_eq!(shape(&mut escaped), Shape::Round);
        let mut unknown = serde_json::Deserializer::from_str(r#""sq\u0075are""#);
        assert_eq!(shape(&mut unknown), Shape::FromStr("square".to_owned()));
        let owned: serde::de::value::StringDeserializer<serde_json::Error> =
            "square".to_owned().into_deserializer();
        assert_eq!(shape(owned), Shape::FromString("square".to_owned()));
        let mut number = serde_json::Deserializer::from_str("1");
        let error = UnknownValue::deserialize_enum::<_, Shape>(&mut number).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: integer `1`, expected a string at line 1 column 1"
        );
    }

    #[test]
    fn compares_and_orders_by_the_string() {
        let a = UnknownValue::new("a".to_owned());
        let b = UnknownValue::new("b".to_owned());
        assert!(a < b);
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
