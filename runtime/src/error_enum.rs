//! Every generated operation's error enum, written out here from its list
//! of declared error statuses and stamped on each by [`error_enum!`],
//! rather than generated out in full for each operation: the enum with its
//! derives, `status()`, `Display` and the mock's `ErrorReply`.
//!
//! The generated code gives only what differs from one operation to the
//! next: the enum's docs and name, and each variant's docs, name, body
//! type, status and summary.

/// Defines the generated error enum given as
///
/// ```text
/// /// Docs.
/// pub enum NameError {
///     /// The response's description.
///     #[doc(alias = "404")]
///     NotFound(BodyType) = (404, "The response's description"),
///     /// A status without a body.
///     Gone = (410, "..."),
///     /// A body sent as text rather than JSON.
///     Teapot(String) = (418, "...", text),
///     /// A range (`4XX`) or `default`, with the status it came with.
///     ClientError { body: BodyType } = (_, "..."),
///     Other {} = (_, "..."),
/// }
/// ```
///
/// with its derives, each status code's docs (`Status 404.`), the status
/// field of a range's or `default`'s variant, `status()`, `Display` (the
/// summary) and, with the feature `mock`, the mock's `ErrorReply` (the
/// reply the client reads back as the variant).
#[doc(hidden)]
#[macro_export]
macro_rules! error_enum {
    (@status_doc _) => {
        ""
    };
    (@status_doc $code:literal) => {
        ::std::concat!("Status `", ::std::stringify!($code), "`.")
    };
    (@write) => {
        $crate::mock::Reply::json
    };
    (@write text) => {
        $crate::mock::Reply::text
    };
    // `status()`'s and the mock's arms, one variant at a time (each shape
    // binds differently), then the impls that hold them.
    (@arms $name:ident [$($status:tt)*] [$($reply:tt)*]) => {
        impl $name {
            /// The HTTP status this error was returned with.
            pub fn status(&self) -> u16 {
                match *self {
                    $($status)*
                }
            }
        }

        #[cfg(feature = "mock")]
        impl $crate::mock::ErrorReply for $name {
            fn reply(&self) -> $crate::mock::Reply {
                match *self {
                    $($reply)*
                }
            }
        }
    };
    (@arms $name:ident [$($status:tt)*] [$($reply:tt)*]
        $variant:ident ($body:ty) = ($code:literal, $summary:literal $(, $format:ident)?),
        $($rest:tt)*
    ) => {
        $crate::error_enum!(@arms $name
            [$($status)* Self::$variant(_) => $code,]
            [$($reply)* Self::$variant(ref body) =>
                $crate::error_enum!(@write $($format)?)($code, body),]
            $($rest)*);
    };
    (@arms $name:ident [$($status:tt)*] [$($reply:tt)*]
        $variant:ident = ($code:literal, $summary:literal $(, $format:ident)?),
        $($rest:tt)*
    ) => {
        $crate::error_enum!(@arms $name
            [$($status)* Self::$variant => $code,]
            [$($reply)* Self::$variant => $crate::mock::Reply::empty($code),]
            $($rest)*);
    };
    (@arms $name:ident [$($status:tt)*] [$($reply:tt)*]
        $variant:ident { body: $body:ty } = (_, $summary:literal $(, $format:ident)?),
        $($rest:tt)*
    ) => {
        $crate::error_enum!(@arms $name
            [$($status)* Self::$variant { status, .. } => status,]
            [$($reply)* Self::$variant { status, ref body } =>
                $crate::error_enum!(@write $($format)?)(status, body),]
            $($rest)*);
    };
    (@arms $name:ident [$($status:tt)*] [$($reply:tt)*]
        $variant:ident {} = (_, $summary:literal $(, $format:ident)?),
        $($rest:tt)*
    ) => {
        $crate::error_enum!(@arms $name
            [$($status)* Self::$variant { status } => status,]
            [$($reply)* Self::$variant { status } => $crate::mock::Reply::empty(status),]
            $($rest)*);
    };
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_attr:meta])*
                // A trailing comma where the renderer breaks a long line.
                $variant:ident $(($body:ty $(,)?))? $({ $(body: $field_body:ty $(,)?)? })?
                    = ($status:tt, $summary:literal $(, $format:ident)? $(,)?),
            )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$variant_attr])*
                #[doc = ""]
                #[doc = $crate::error_enum!(@status_doc $status)]
                $variant $(($body))? $({
                    /// The HTTP status the response came with.
                    status: u16,
                    $(
                        /// The decoded body.
                        body: $field_body,
                    )?
                })?,
            )*
        }

        impl ::std::fmt::Display for $name {
            #[allow(unused_variables)] // by an enum without variants
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self {
                    $(Self::$variant { .. } => f.write_str($summary),)*
                }
            }
        }

        $crate::error_enum!(@arms $name [] []
            $($variant $(($body))? $({ $(body: $field_body)? })?
                = ($status, $summary $(, $format)?),)*);
    };
}
