//! `application/x-www-form-urlencoded` request bodies: a typed request
//! struct written as `key=value` pairs, in the order of its fields.
//!
//! - a string, number, boolean or enum value is one pair;
//! - an array is one pair per item, under the same key (`Tag=a&Tag=b`);
//!   an empty array sends nothing (a field the document allows as one
//!   value or an array of it is such an array, one value a list of one);
//! - an absent optional field, and a nullable one set to `null`, send
//!   nothing: a form has no way to write `null`.
//!
//! Keys and values are percent-encoded as HTML forms encode them (space as
//! `+`; letters, digits and `*-._` as they are). An object or an array
//! inside a field has no form encoding: the generator refuses such bodies,
//! and a value that holds one anyway is an encoding error, never a panic.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::ser::{self, Impossible};

use super::error::Error;
use super::request::RequestBody;

/// Serialises a request body as a form.
///
/// # Errors
///
/// [`Error::Encode`] if `value` is not a struct or map of scalars and
/// arrays of scalars.
pub fn encode_form<T: Serialize + ?Sized, E>(value: &T) -> Result<RequestBody, Error<E>> {
    let mut out = String::new();
    value
        .serialize(FormSerializer { out: &mut out })
        .map_err(Error::Encode)?;
    Ok(RequestBody::form(out.into_bytes()))
}

/// What a form key or value keeps as it is: ASCII letters and digits and
/// `*-._` (the WHATWG `application/x-www-form-urlencoded` byte set); a
/// space is written `+` apart from this set.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b' ');

/// Appends `key=value` (and the `&` before it when needed) to `out`.
fn push_pair(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    push_encoded(out, key);
    out.push('=');
    push_encoded(out, value);
}

fn push_encoded(out: &mut String, text: &str) {
    for piece in utf8_percent_encode(text, FORM) {
        // `FORM` keeps the space; a form writes it as `+`.
        out.push_str(&piece.replace(' ', "+"));
    }
}

fn unsupported(what: &str) -> serde_json::Error {
    ser::Error::custom(format!("{what} cannot be form-encoded"))
}

/// The whole body: a struct (or a map) whose fields become the pairs.
struct FormSerializer<'a> {
    out: &'a mut String,
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $what:literal;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(unsupported($what))
        })*
    };
}

impl<'a> ser::Serializer for FormSerializer<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = FormMap<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    refuse! {
        serialize_bool(bool) -> "a boolean body";
        serialize_i8(i8) -> "a number body";
        serialize_i16(i16) -> "a number body";
        serialize_i32(i32) -> "a number body";
        serialize_i64(i64) -> "a number body";
        serialize_u8(u8) -> "a number body";
        serialize_u16(u16) -> "a number body";
        serialize_u32(u32) -> "a number body";
        serialize_u64(u64) -> "a number body";
        serialize_f32(f32) -> "a number body";
        serialize_f64(f64) -> "a number body";
        serialize_char(char) -> "a string body";
        serialize_str(&str) -> "a string body";
        serialize_bytes(&[u8]) -> "a byte body";
        serialize_none() -> "a null body";
        serialize_unit() -> "a unit body";
        serialize_unit_struct(&'static str) -> "a unit body";
        serialize_unit_variant(&'static str, u32, &'static str) -> "an enum body";
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(unsupported("an enum body"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Err(unsupported("an array body"))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(unsupported("an array body"))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(unsupported("an array body"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(unsupported("an enum body"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Ok(FormMap {
            out: self.out,
            key: None,
        })
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(unsupported("an enum body"))
    }
}

impl ser::SerializeStruct for FormSerializer<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(FieldSerializer {
            out: self.out,
            key,
            in_array: false,
        })
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// A map body (`additionalProperties`): its entries in the map's order.
struct FormMap<'a> {
    out: &'a mut String,
    key: Option<String>,
}

impl ser::SerializeMap for FormMap<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        match serde_json::to_value(key)? {
            serde_json::Value::String(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(unsupported("a map key that is not a string")),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        let key = self.key.take().ok_or_else(|| {
            <serde_json::Error as ser::Error>::custom("a map value without a key")
        })?;
        value.serialize(FieldSerializer {
            out: self.out,
            key: &key,
            in_array: false,
        })
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// The value of one field: a scalar, nothing, or an array of scalars.
struct FieldSerializer<'a, 'k> {
    out: &'a mut String,
    key: &'k str,
    /// Set for the items of an array, which must be scalars.
    in_array: bool,
}

impl FieldSerializer<'_, '_> {
    fn pair(self, value: &str) -> Result<(), serde_json::Error> {
        push_pair(self.out, self.key, value);
        Ok(())
    }

    fn nested(&self, what: &str) -> serde_json::Error {
        unsupported(&format!("{what} in the form field `{}`", self.key))
    }
}

macro_rules! scalar {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, value: $ty) -> Result<(), Self::Error> {
            self.pair(&value.to_string())
        })*
    };
}

impl<'a, 'k> ser::Serializer for FieldSerializer<'a, 'k> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = FormArray<'a, 'k>;
    type SerializeTuple = FormArray<'a, 'k>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Impossible<(), serde_json::Error>;
    type SerializeStruct = Impossible<(), serde_json::Error>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    scalar! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
    }

    fn serialize_str(self, value: &str) -> Result<(), Self::Error> {
        self.pair(value)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Self::Error> {
        Err(self.nested("bytes"))
    }

    fn serialize_none(self) -> Result<(), Self::Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Self::Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Self::Error> {
        self.pair(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        Err(self.nested("an enum with data"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        if self.in_array {
            return Err(self.nested("an array in an array"));
        }
        Ok(FormArray {
            out: self.out,
            key: self.key,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, Self::Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(self.nested("a tuple"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(self.nested("an enum with data"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Err(self.nested("an object"))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Err(self.nested("an object"))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(self.nested("an enum with data"))
    }
}

/// The items of an array field: one pair each, under the field's key.
struct FormArray<'a, 'k> {
    out: &'a mut String,
    key: &'k str,
}

impl FormArray<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        value.serialize(FieldSerializer {
            out: self.out,
            key: self.key,
            in_array: true,
        })
    }
}

impl ser::SerializeSeq for FormArray<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for FormArray<'_, '_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.item(value)
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::encode_form;
    use crate::Nullable;

    fn form<T: Serialize>(value: &T) -> Result<String, String> {
        encode_form::<T, String>(value)
            .map(|body| String::from_utf8(body.bytes).expect("a form is ASCII"))
            .map_err(|error| error.to_string())
    }

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Call {
        to: String,
        from: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        timeout: Option<u32>,
        status_callback_event: Vec<&'static str>,
        record: bool,
        #[serde(skip_serializing_if = "Nullable::is_absent")]
        caller_name: Nullable<String>,
        #[serde(rename = "Price<")]
        price_below: f64,
    }

    fn call() -> Call {
        Call {
            to: "+1 555 0100".to_owned(),
            from: "sip:alice@example.com".to_owned(),
            timeout: None,
            status_callback_event: vec!["initiated", "answered"],
            record: true,
            caller_name: Nullable::Absent,
            price_below: 0.25,
        }
    }

    #[test]
    fn fields_in_order_arrays_repeated_absent_left_out() {
        assert_eq!(
            form(&call()).unwrap(),
            "To=%2B1+555+0100&From=sip%3Aalice%40example.com\
             &StatusCallbackEvent=initiated&StatusCallbackEvent=answered&Record=true\
             &Price%3C=0.25"
        );
    }

    #[test]
    fn null_and_empty_arrays_send_nothing_values_are_kept() {
        let mut call = call();
        call.caller_name = Nullable::Null;
        call.status_callback_event = Vec::new();
        call.timeout = Some(30);
        assert_eq!(
            form(&call).unwrap(),
            "To=%2B1+555+0100&From=sip%3Aalice%40example.com&Timeout=30&Record=true&Price%3C=0.25"
        );
        call.caller_name = Nullable::Value("Ann & Bob *co.-_~".to_owned());
        assert!(
            form(&call)
                .unwrap()
                .contains("&CallerName=Ann+%26+Bob+*co.-_%7E&")
        );
    }

    #[test]
    fn a_map_body_keeps_its_order() {
        let map = BTreeMap::from([("b", "2"), ("a", "1 2")]);
        assert_eq!(form(&map).unwrap(), "a=1+2&b=2");
    }

    #[test]
    fn nested_values_are_an_error_not_a_panic() {
        #[derive(Serialize)]
        struct Nested {
            inner: BTreeMap<&'static str, u8>,
        }
        #[derive(Serialize)]
        struct Deep {
            rows: Vec<Vec<u8>>,
        }
        let nested = Nested {
            inner: BTreeMap::from([("a", 1)]),
        };
        assert_eq!(
            form(&nested).unwrap_err(),
            "could not encode the request body: an object in the form field `inner` \
             cannot be form-encoded"
        );
        let deep = Deep {
            rows: vec![vec![1]],
        };
        assert!(
            form(&deep)
                .unwrap_err()
                .ends_with("an array in an array in the form field `rows` cannot be form-encoded"),
        );
        assert!(
            form(&"text")
                .unwrap_err()
                .ends_with("a string body cannot be form-encoded")
        );
    }
}
