//! What every generated struct's `Serialize` and `Deserialize` share,
//! written once here and stamped on each struct by [`wire_struct!`](crate::wire_struct!).
//!
//! serde's derives write about 290 lines per struct (for `Deserialize` a
//! field enum and its visitor, a visitor of a sequence of the field values
//! and one of a map); the client's structs spent most of the crate's
//! compile time there. The generated structs only ever travel as JSON
//! objects (or form bodies), so the impls here write the fields in order,
//! leaving out an optional field that is unset, and read a map alone: each
//! key is matched against the fields' wire names as it arrives, unknown keys
//! are skipped, and a missing field is filled as serde's derive fills it (a
//! nullable field reads as `None`, an optional one as its default, any other
//! is the error `missing field`). Errors are serde's own (`duplicate field`,
//! `missing field`, `invalid type: ..., expected struct Name`), so a decode
//! error reads as it did with the derive. Unlike the derive, a struct is
//! not read from a JSON array of its field values: no API document
//! describes an object that way.
//!
//! Structs serde's derives handle better stay derived: a struct with a
//! flattened field (which needs serde's buffering of the other keys).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::nullable::Nullable;
use super::one_or_many::OneOrMany;

/// Implements `Serialize` and `Deserialize` for the generated struct
/// `$name` as a JSON object. Each field is listed as
/// `field = presence("wire name")`, where `presence` is `required` (always
/// written; when missing, an error, or `None` for a nullable field, as
/// serde's derive does) or `default` (left out when unset; when missing,
/// the field type's `Default`); a list field that the document also allows
/// as one value is `field = presence("wire name", one_or_many)`.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_struct {
    (@value $map:ident $slot:ident $wire:literal) => {
        $crate::wire_struct::value(&mut $map, &mut $slot, $wire)
    };
    (@value $map:ident $slot:ident $wire:literal one_or_many) => {
        $crate::wire_struct::one_or_many_value(&mut $map, &mut $slot, $wire)
    };
    ($name:ident { $($field:ident = $presence:ident($wire:literal $(, $one_or_many:ident)?)),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let len = 0 $(+ $crate::wire_struct::present::$presence(&self.$field))*;
                #[allow(unused_mut)] // a struct without fields writes nothing
                let mut fields = ::serde::Serializer::serialize_struct(
                    serializer,
                    ::std::stringify!($name),
                    len,
                )?;
                $($crate::wire_struct::write::$presence(&mut fields, $wire, &self.$field)?;)*
                ::serde::ser::SerializeStruct::end(fields)
            }
        }

        impl $crate::wire_struct::Decode for $name {
            const NAME: &'static str = ::std::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];

            #[allow(unused_mut)] // a struct without fields reads nothing
            fn visit_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                $(let mut $field = ::std::option::Option::None;)*
                while let ::std::option::Option::Some(key) =
                    ::serde::de::MapAccess::next_key::<$crate::wire_struct::Key<'de>>(&mut map)?
                {
                    match key.as_str() {
                        $($wire => $crate::wire_struct!(@value map $field $wire $($one_or_many)?)?,)*
                        _ => $crate::wire_struct::skip(&mut map)?,
                    }
                }
                ::std::result::Result::Ok(Self {
                    $($field: $crate::wire_struct::missing::$presence($field, $wire)?,)*
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::wire_struct::deserialize(deserializer)
            }
        }
    };
}

/// What [`wire_struct!`](crate::wire_struct!) implements for a struct to read it from a map:
/// its name (for serde's messages), its fields' wire names, and the
/// reading of one map. The visitor around it is [`deserialize`]'s, one
/// generic type for every struct, so that no item is declared inside the
/// generated impls (where it could take the name of a generated type).
pub trait Decode: Sized {
    /// The struct's name.
    const NAME: &'static str;
    /// Its fields' wire names, in order.
    const FIELDS: &'static [&'static str];
    /// Reads the struct from the entries of one map.
    fn visit_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of every struct [`wire_struct!`](crate::wire_struct!) implements.
pub fn deserialize<'de, T: Decode, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Decode> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit_map(map)
    }
}

/// An object's key, borrowed from the input where the deserializer can lend
/// it (serde_json reading a byte slice without escapes), owned otherwise.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Key<'de>, E> {
        Ok(Key(String::from_utf8_lossy(value).into_owned().into()))
    }
}

/// Reads the value of the field `wire` into `slot`; a second value of it
/// is the error `duplicate field`.
pub fn value<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    wire: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    seeded_value(map, slot, wire, PhantomData)
}

/// [`value`] for a list field that also takes one value alone.
pub fn one_or_many_value<'de, A, L>(
    map: &mut A,
    slot: &mut Option<L>,
    wire: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    L: OneOrMany<'de>,
{
    seeded_value(map, slot, wire, OneOrManySeed(PhantomData))
}

/// Reads the value of the field `wire` with `seed` into `slot`; a second
/// value of it is the error `duplicate field`.
fn seeded_value<'de, A, S>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    wire: &'static str,
    seed: S,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    S: DeserializeSeed<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(wire));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

struct OneOrManySeed<L>(PhantomData<L>);

impl<'de, L: OneOrMany<'de>> DeserializeSeed<'de> for OneOrManySeed<L> {
    type Value = L;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<L, D::Error> {
        L::one_or_many(deserializer)
    }
}

/// Skips the value of a key no field names.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// What a missing key gives, by the field's presence.
pub mod missing {
    use serde::Deserialize;
    use serde::de;

    /// An `Option` reads a missing key as `None`; any other type fails with
    /// `missing field`.
    pub fn required<'de, T, E>(slot: Option<T>, wire: &'static str) -> Result<T, E>
    where
        T: Deserialize<'de>,
        E: de::Error,
    {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(super::Missing(wire, std::marker::PhantomData)),
        }
    }

    /// The field type's default.
    pub fn default<T: Default, E>(slot: Option<T>, _wire: &'static str) -> Result<T, E> {
        Ok(slot.unwrap_or_default())
    }
}

/// How many fields a struct writes: a required field always, an optional
/// one when set.
pub mod present {
    use super::Unset;

    pub fn required<T>(_value: &T) -> usize {
        1
    }

    pub fn default<T: Unset>(value: &T) -> usize {
        usize::from(!value.is_unset())
    }
}

/// Writing a field, by its presence: a required field always, an optional
/// one when set (serde's `skip_field` otherwise, as the derive does).
pub mod write {
    use serde::Serialize;
    use serde::ser::SerializeStruct;

    use super::Unset;

    pub fn required<S, T>(fields: &mut S, wire: &'static str, value: &T) -> Result<(), S::Error>
    where
        S: SerializeStruct,
        T: Serialize,
    {
        fields.serialize_field(wire, value)
    }

    pub fn default<S, T>(fields: &mut S, wire: &'static str, value: &T) -> Result<(), S::Error>
    where
        S: SerializeStruct,
        T: Serialize + Unset,
    {
        if value.is_unset() {
            fields.skip_field(wire)
        } else {
            fields.serialize_field(wire, value)
        }
    }
}

/// The value of an optional field that is left out of the output.
pub trait Unset {
    fn is_unset(&self) -> bool;
}

impl<T> Unset for Option<T> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl<T> Unset for Nullable<T> {
    fn is_unset(&self) -> bool {
        self.is_absent()
    }
}

/// The deserializer of a missing field: an `Option` reads it as `None`,
/// anything else fails with `missing field`.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    struct Item {
        name: String,
        size: Option<u32>,
        note: Option<String>,
        tags: Option<Vec<String>>,
    }

    wire_struct!(Item {
        name = required("name"),
        size = required("size"),
        note = default("the-note"),
        tags = default("tags", one_or_many),
    });

    fn decode(json: &str) -> Result<Item, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn fields_are_read_by_wire_name_and_unknown_keys_skipped() {
        let item = decode(r#"{"the-note":"n","name":"a","size":3,"new":{"x":[1]},"tags":"t"}"#);
        assert_eq!(
            item,
            Ok(Item {
                name: "a".into(),
                size: Some(3),
                note: Some("n".into()),
                tags: Some(vec!["t".into()]),
            })
        );
    }

    #[test]
    fn a_missing_field_is_none_when_nullable_and_an_error_otherwise() {
        assert_eq!(
            decode(r#"{"name":"a"}"#),
            Ok(Item {
                name: "a".into(),
                size: None,
                note: None,
                tags: None
            })
        );
        assert_eq!(
            decode(r#"{"size":1}"#),
            Err("missing field `name` at line 1 column 10".to_owned())
        );
    }

    #[test]
    fn errors_read_as_serdes_derive_writes_them() {
        assert_eq!(
            decode(r#"{"name":"a","name":"b"}"#),
            Err("duplicate field `name` at line 1 column 18".to_owned())
        );
        assert_eq!(
            decode(r#"[1]"#),
            Err("invalid type: sequence, expected struct Item at line 1 column 1".to_owned())
        );
        assert_eq!(
            decode(r#"{"name":5}"#),
            Err("invalid type: integer `5`, expected a string at line 1 column 9".to_owned())
        );
    }

    #[test]
    fn unset_optional_fields_are_left_out_and_required_ones_written() {
        let item = Item {
            name: "a".into(),
            size: None,
            note: None,
            tags: Some(vec!["t".into()]),
        };
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"name":"a","size":null,"tags":["t"]}"#
        );

        #[derive(Debug, PartialEq)]
        struct Patch {
            label: super::Nullable<String>,
        }
        wire_struct!(Patch { label = default("label") });
        let write = |label| serde_json::to_string(&Patch { label }).unwrap();
        assert_eq!(write(super::Nullable::Absent), "{}");
        assert_eq!(write(super::Nullable::Null), r#"{"label":null}"#);
        assert_eq!(
            write(super::Nullable::Value("x".into())),
            r#"{"label":"x"}"#
        );
        let read = |json| serde_json::from_str::<Patch>(json).unwrap().label;
        assert_eq!(read("{}"), super::Nullable::Absent);
        assert_eq!(read(r#"{"label":null}"#), super::Nullable::Null);
    }

    #[test]
    fn a_struct_may_take_any_name() {
        // Named as the runtime's own items are: the impls declare none.
        #[derive(Debug, PartialEq)]
        struct StructVisitor {
            key: String,
        }
        wire_struct!(StructVisitor { key = required("key") });
        #[derive(Debug, PartialEq)]
        struct Key {
            map: Option<StructVisitor>,
        }
        wire_struct!(Key { map = default("map") });
        let key: Key = serde_json::from_str(r#"{"map":{"key":"k"}}"#).unwrap();
        assert_eq!(key.map.map(|visitor| visitor.key).as_deref(), Some("k"));
        assert_eq!(serde_json::to_string(&Key { map: None }).unwrap(), "{}");
    }

    #[test]
    fn keys_in_every_form_are_matched() {
        // Escaped (decoded into a scratch buffer), and owned (from a Value).
        assert_eq!(
            decode(r#"{"n\u0061me":"a"}"#).map(|item| item.name),
            Ok("a".into())
        );
        let value = serde_json::json!({"name": "b", "size": 2});
        let item: Item = serde_json::from_value(value).unwrap();
        assert_eq!((item.name.as_str(), item.size), ("b", Some(2)));
    }
}
