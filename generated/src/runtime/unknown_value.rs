//! [`UnknownValue`]: a string enum value the API description does not list.

use std::fmt;

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
    /// conversions of each enum call this only for strings that match none
    /// of the listed values.
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
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

    #[test]
    fn compares_and_orders_by_the_string() {
        let a = UnknownValue::new("a".to_owned());
        let b = UnknownValue::new("b".to_owned());
        assert!(a < b);
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
