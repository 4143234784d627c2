//! [`Nullable`]: a field that may be absent, `null`, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that is both optional and nullable: absent, explicitly `null`,
/// or a value.
///
/// In a request body the three states mean different things to a
/// partial-update endpoint:
///
/// - [`Nullable::Absent`] (the default): the field is not sent, so the
///   server leaves it unchanged;
/// - [`Nullable::Null`]: the field is sent as `null`, which clears it;
/// - [`Nullable::Value`]: the field is sent with the value.
///
/// In a response, a missing field reads as `Absent` and a JSON `null` as
/// `Null`.
///
/// ```
/// use signalwire_rest::Nullable;
///
/// let unchanged: Nullable<String> = Nullable::default();
/// let cleared: Nullable<String> = Nullable::Null;
/// let set = Nullable::Value("alice".to_owned());
///
/// assert!(unchanged.is_absent());
/// assert!(cleared.is_null());
/// assert_eq!(set.as_option().map(String::as_str), Some("alice"));
/// assert_eq!(cleared.into_option(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not present: not sent in a request (the server leaves the field
    /// unchanged), missing from a response.
    #[default]
    Absent,
    /// An explicit JSON `null`: in a request, clears the field.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Whether the field holds a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Self::Value(_))
    }

    /// The value, if there is one; `None` for both `Absent` and `Null`.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// The value, if there is one; `None` for both `Absent` and `Null`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// Borrows the value, keeping the state.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// `Value` as the value itself, `Null` (and `Absent`, which generated
    /// types never serialise because they skip it) as `null`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Null | Self::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// `null` as `Null`, anything else as `Value`; a field missing from
    /// the JSON is `Absent`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Self::Value(value),
            None => Self::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Carries the serde attributes that generated types put on such fields.
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
        resource_id: Nullable<String>,
        #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
        tags: Nullable<Vec<String>>,
    }

    #[test]
    fn absent_is_not_serialised() {
        let body = serde_json::to_value(Update::default()).unwrap();
        assert_eq!(body, json!({}));
    }

    #[test]
    fn null_is_serialised_as_null() {
        let update = Update {
            resource_id: Nullable::Null,
            ..Update::default()
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"resource_id":null}"#
        );
    }

    #[test]
    fn value_is_serialised_as_the_value_and_empty_arrays_are_kept() {
        let update = Update {
            resource_id: Nullable::Value("abc".to_owned()),
            tags: Nullable::Value(Vec::new()),
        };
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"resource_id": "abc", "tags": []})
        );
    }

    #[test]
    fn deserialises_missing_null_and_value() {
        let update: Update = serde_json::from_str(r#"{"tags": null}"#).unwrap();
        assert_eq!(
            update,
            Update {
                resource_id: Nullable::Absent,
                tags: Nullable::Null,
            }
        );
        let update: Update = serde_json::from_str(r#"{"resource_id": "abc"}"#).unwrap();
        assert_eq!(update.resource_id, Nullable::Value("abc".to_owned()));
        assert!(update.tags.is_absent());
    }

    #[test]
    fn wrong_type_is_a_deserialisation_error() {
        let result = serde_json::from_str::<Update>(r#"{"resource_id": 5}"#);
        assert!(result.is_err());
    }

    #[test]
    fn accessors() {
        let value = Nullable::from(7);
        assert!(value.is_value());
        assert_eq!(value.as_option(), Some(&7));
        assert_eq!(value.as_ref(), Nullable::Value(&7));
        assert_eq!(value.into_option(), Some(7));
        assert_eq!(Nullable::<i32>::Null.as_ref(), Nullable::Null);
        assert_eq!(Nullable::<i32>::Absent.as_option(), None);
        assert!(!Nullable::<i32>::Null.is_absent());
        assert!(!Nullable::<i32>::Absent.is_null());
    }
}
