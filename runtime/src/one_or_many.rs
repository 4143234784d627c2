//! Lists that the API document also allows as one value (`anyOf: [T,
//! array of T]`, a form key that "can be specified multiple times"): the
//! generated field is a `Vec<T>` (in an `Option` or a [`Nullable`] as its
//! presence says), and [`one_or_many`] decodes it from either spelling, one
//! value being a list of one. Sent, it is a list like any other.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, SeqAccess, Visitor};

use super::nullable::Nullable;

/// Decodes a field declared `Vec<T>`, `Option<Vec<T>>` or
/// `Nullable<Vec<T>>` from a list or from one value of `T`
/// (`#[serde(deserialize_with = "...")]`; an optional field also needs
/// `#[serde(default)]`, so that a missing one is `None` or absent).
///
/// # Errors
///
/// The deserializer's error when the value is neither a list of `T` nor
/// one `T` (an object, or a value `T` does not take), or, for `Vec<T>`,
/// when it is `null`.
pub fn one_or_many<'de, D, L>(deserializer: D) -> Result<L, D::Error>
where
    D: Deserializer<'de>,
    L: OneOrMany<'de>,
{
    L::one_or_many(deserializer)
}

/// A field type [`one_or_many`] can decode.
pub trait OneOrMany<'de>: Sized {
    /// Decodes `Self` from a list or from one value.
    fn one_or_many<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl<'de, T: Deserialize<'de>> OneOrMany<'de> for Vec<T> {
    fn one_or_many<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(List(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> OneOrMany<'de> for Option<Vec<T>> {
    fn one_or_many<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OrNull(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> OneOrMany<'de> for Nullable<Vec<T>> {
    fn one_or_many<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Present: `null` or a value (an absent field is `#[serde(default)]`).
        Ok(match Option::<Vec<T>>::one_or_many(deserializer)? {
            Some(list) => Nullable::Value(list),
            None => Nullable::Null,
        })
    }
}

/// Reads a list, or one scalar as a list of one.
struct List<T>(PhantomData<T>);

/// The list of the one value `deserializer` holds.
fn one<'de, T, D>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(deserializer).map(|value| vec![value])
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("one value or a list of values")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // The hint comes from the input: bounded, as serde's own lists do.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Vec<T>, E> {
        one(value.into_deserializer())
    }
}

/// Reads `null` as `None`, anything else as [`List`] does.
struct OrNull<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OrNull<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("null, one value or a list of values")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Vec::<T>::one_or_many(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::one_or_many;
    use crate::Nullable;

    /// A field of each presence, as the generator declares them.
    #[derive(Debug, Deserialize, PartialEq)]
    struct Message {
        #[serde(rename = "To", deserialize_with = "one_or_many")]
        to: Vec<String>,
        #[serde(rename = "MediaUrl", default, deserialize_with = "one_or_many")]
        media_url: Option<Vec<String>>,
        #[serde(rename = "Delays", default, deserialize_with = "one_or_many")]
        delays: Nullable<Vec<i32>>,
        #[serde(rename = "Ids", default, deserialize_with = "one_or_many")]
        ids: Option<Vec<uuid::Uuid>>,
    }

    fn decode(value: serde_json::Value) -> Result<Message, String> {
        serde_json::from_value(value).map_err(|error| error.to_string())
    }

    #[test]
    fn one_value_is_a_list_of_one_and_a_list_is_itself() {
        let id = "6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b";
        assert_eq!(
            decode(json!({"To": "+15550100", "MediaUrl": ["a", "b"], "Delays": 3, "Ids": id})),
            Ok(Message {
                to: vec!["+15550100".to_owned()],
                media_url: Some(vec!["a".to_owned(), "b".to_owned()]),
                delays: Nullable::Value(vec![3]),
                ids: Some(vec![id.parse().unwrap()]),
            })
        );
        assert_eq!(
            decode(json!({"To": [], "MediaUrl": "a", "Delays": [1, 2]})),
            Ok(Message {
                to: Vec::new(),
                media_url: Some(vec!["a".to_owned()]),
                delays: Nullable::Value(vec![1, 2]),
                ids: None,
            })
        );
    }

    #[test]
    fn absent_and_null_keep_their_meaning() {
        assert_eq!(
            decode(json!({"To": "x", "MediaUrl": null, "Delays": null})),
            Ok(Message {
                to: vec!["x".to_owned()],
                media_url: None,
                delays: Nullable::Null,
                ids: None,
            })
        );
        let absent = decode(json!({"To": "x"})).unwrap();
        assert_eq!(absent.delays, Nullable::Absent);
        assert_eq!(absent.media_url, None);
    }

    #[test]
    fn other_values_are_refused_with_what_was_expected() {
        let error = decode(json!({})).unwrap_err();
        assert!(error.contains("missing field `To`"), "{error}");
        let error = decode(json!({"To": null})).unwrap_err();
        assert!(
            error.contains("invalid type: null, expected one value or a list of values"),
            "{error}"
        );
        let error = decode(json!({"To": {"a": 1}})).unwrap_err();
        assert!(error.contains("invalid type: map"), "{error}");
        let error = decode(json!({"To": "x", "Delays": "soon"})).unwrap_err();
        assert!(error.contains("invalid type: string \"soon\""), "{error}");
        let error = decode(json!({"To": "x", "Delays": 3_000_000_000_u64})).unwrap_err();
        assert!(
            error.contains("invalid value: integer `3000000000`"),
            "{error}"
        );
        let error = decode(json!({"To": "x", "Ids": "not-a-uuid"})).unwrap_err();
        assert!(error.contains("UUID"), "{error}");
    }
}
