//! Errors: every problem the generator finds, each with the JSON pointer of the place in the document.

use std::fmt;

/// A JSON pointer into the OpenAPI document, written as a URI fragment
/// (`#/paths/~1things~1{id}/put`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// This pointer extended by one reference token, escaped as RFC 6901 requires.
    pub fn push(&self, token: &str) -> Self {
        let escaped = token.replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, escaped))
    }

    /// Parses a local `$ref` (`#/components/schemas/Thing`) into a pointer.
    pub fn from_ref(reference: &str) -> Option<Self> {
        reference
            .starts_with("#/")
            .then(|| Pointer(reference.to_owned()))
    }

    /// The unescaped reference tokens of this pointer.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer as written in messages.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One problem in the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not YAML or JSON.
    #[error("{pointer}: the document is not valid YAML or JSON: {message}")]
    Syntax {
        /// Where (the root: the parser reports the line and column in `message`).
        pointer: Pointer,
        /// What the parser said.
        message: String,
    },
    /// The text is YAML/JSON but not an OpenAPI document of a supported shape.
    #[error("{pointer}: not a valid OpenAPI document: {message}")]
    Invalid {
        /// Where.
        pointer: Pointer,
        /// What is wrong.
        message: String,
    },
    /// The document uses a construct the generator does not turn into Rust (yet).
    #[error("{pointer}: unsupported: {what}")]
    Unsupported {
        /// Where.
        pointer: Pointer,
        /// What construct.
        what: String,
    },
    /// A `$ref` that does not point at anything in the document.
    #[error("{pointer}: unresolved reference `{reference}`")]
    UnresolvedReference {
        /// Where the `$ref` is.
        pointer: Pointer,
        /// The reference as written.
        reference: String,
    },
    /// Two things in the document would get the same Rust name.
    #[error("{pointer}: the Rust name `{name}` is already used by {first}")]
    NameCollision {
        /// The second place.
        pointer: Pointer,
        /// The Rust name both would get.
        name: String,
        /// The first place.
        first: Pointer,
    },
    /// A problem of an overlay (`crate::overlay`): of the overlay document
    /// itself, or of one of its actions against the OpenAPI document.
    #[error(
        "overlay {pointer}{}: {message}",
        overlay_context(description.as_deref(), target.as_deref())
    )]
    Overlay {
        /// Where in the overlay document, not the OpenAPI document: the
        /// action (`#/actions/3`), one of its fields, or a top-level field.
        pointer: Pointer,
        /// The action's `target` JSONPath as written, if it has one.
        target: Option<String>,
        /// The first line of the action's `description`, if it has one.
        description: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A defect of the generator itself, not of the document.
    #[error("{pointer}: internal error of the generator, please report it: {message}")]
    Internal {
        /// Where the generator was when it failed.
        pointer: Pointer,
        /// What failed.
        message: String,
    },
}

impl Error {
    /// The place in the document this error is about.
    pub fn pointer(&self) -> &Pointer {
        match self {
            Error::Syntax { pointer, .. }
            | Error::Invalid { pointer, .. }
            | Error::Unsupported { pointer, .. }
            | Error::UnresolvedReference { pointer, .. }
            | Error::NameCollision { pointer, .. }
            | Error::Overlay { pointer, .. }
            | Error::Internal { pointer, .. } => pointer,
        }
    }
}

/// ` ("description", target `$.x`)`, the part of an overlay error that says
/// which action; empty when the error is not about an action.
fn overlay_context(description: Option<&str>, target: Option<&str>) -> String {
    // One line whatever was written: JSONPath allows line breaks only as
    // blank space between the parts of a query, where a space means the same.
    let target = target.map(|target| target.replace(['\n', '\r', '\t'], " "));
    match (description, target) {
        (Some(description), Some(target)) => format!(" ({description:?}, target `{target}`)"),
        (Some(description), None) => format!(" ({description:?})"),
        (None, Some(target)) => format!(" (target `{target}`)"),
        (None, None) => String::new(),
    }
}

/// Every problem found in a document, in the order the stages find them
/// (server, security, component schemas, then operations, each in document
/// order), which is the same on every run; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(Vec<Error>);

impl Errors {
    /// The problems, one per place.
    pub fn as_slice(&self) -> &[Error] {
        &self.0
    }
}

impl Errors {
    pub(crate) fn from_vec(errors: Vec<Error>) -> Self {
        Errors(errors)
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "{count} problem{} in the OpenAPI document",
            if count == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Collects problems while a stage runs; a stage that found any fails as a whole.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    errors: Vec<Error>,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, error: Error) {
        self.errors.push(error);
    }

    pub(crate) fn unsupported(&mut self, pointer: &Pointer, what: impl Into<String>) {
        self.push(Error::Unsupported {
            pointer: pointer.clone(),
            what: what.into(),
        });
    }

    pub(crate) fn invalid(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.push(Error::Invalid {
            pointer: pointer.clone(),
            message: message.into(),
        });
    }

    /// `Ok(value)` if nothing was found, otherwise every problem in the order
    /// it was found, with a problem reported twice in a row kept once.
    pub(crate) fn finish<T>(mut self, value: T) -> Result<T, Errors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.errors.dedup();
            Err(Errors(self.errors))
        }
    }
}
