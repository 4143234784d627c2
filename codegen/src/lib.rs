//! Turns an OpenAPI 3.0/3.1 document into the Rust sources of a typed API client.
//!
//! The generator is a pipeline of typed stages, each a module:
//! [`load`] (text -> `openapiv3::OpenAPI`), [`lower`] (-> [`ir::Api`], with
//! every problem collected and located by JSON pointer), `emit` (-> tokens) and
//! `render` (-> formatted text). [`generate`] runs them all; it is pure: no file
//! system, clock or environment, and the same input always gives the same
//! bytes. [`lower_text`] stops after lowering, and [`diff`] compares the IR
//! of two documents in the generated crate's terms.
//!
//! The generated modules call into the hand-written runtime of the client crate
//! (`crate::runtime`, the crate `signalwire-rest-runtime`: `Error`,
//! `Nullable`, `UnknownValue`, ..., and `client!`, which defines `Client`).

use std::collections::BTreeMap;

pub mod diff;
mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod overlay;
mod render;
pub mod reserved;
pub mod sample;
mod template;

pub use error::{Error, Errors, Pointer};

/// Generated files: path relative to the client crate's root -> file contents.
pub type Output = BTreeMap<String, String>;

/// The folder of the client crate the generated modules are written to.
pub const API_DIR: &str = "src/api";

/// Which sources this build of the generator was made from
/// (`source_fingerprint::of_package` of this package, recorded by
/// `build.rs`): `cargo xtask` compares it with its checkout's, since a
/// checkout sharing the target directory with another can be handed the
/// other's build.
#[doc(hidden)]
pub const SOURCES: &str = env!("CODEGEN_SOURCES");

/// Generates the client modules from the text of an OpenAPI document.
/// `source` is the document's path as the generated headers name it
/// (e.g. `spec/signalwire-rest.openapi.yaml`).
///
/// The output always holds `src/api/areas.md`, the part of the crate's
/// front page on its API areas (a sentence, and a table when there are
/// areas), which the client crate's hand-written root includes.
///
/// On failure, returns every problem found, each with the JSON pointer of the
/// offending place; nothing is generated then.
pub fn generate(source: &str, text: &str) -> Result<Output, Errors> {
    generate_api(source, &lower_text(text)?)
}

/// As [`generate`], from a document already lowered ([`lower_text`]).
pub fn generate_api(source: &str, api: &ir::Api) -> Result<Output, Errors> {
    let modules = emit::emit(api);
    let mut output = Output::new();
    let fixed = FIXED_MODULES
        .iter()
        .map(|module| format!("{module}.rs"))
        .zip([Some(modules.root), Some(modules.types), modules.operations])
        .filter_map(|(file, tokens)| Some((file, tokens?)));
    let areas = modules
        .areas
        .into_iter()
        .chain(modules.namespaces)
        .map(|(name, tokens)| (format!("{name}.rs"), tokens));
    for (file, tokens) in fixed.into_iter().chain(areas) {
        output.insert(format!("{API_DIR}/{file}"), render::render(tokens, source)?);
    }
    // Always written: the client crate's hand-written root includes it.
    output.insert(
        format!("{API_DIR}/{}", emit::areas::FRONT_PAGE_FILE),
        emit::areas::front_page(api, source),
    );
    Ok(output)
}

/// The contract sweep of a lowered document: a test module with one test
/// per operation, which calls the operation's method with a request built
/// from the document and checks the answer. It is included into a harness
/// that defines what it uses (`Sample`, `client`, `check`; see
/// `tests/tests/contract_sweep.rs` of the client's workspace).
pub fn sweep(source: &str, api: &ir::Api) -> Result<String, Errors> {
    Ok(render::render(emit::sweep::sweep(api), source)?)
}

/// The modules of [`API_DIR`] that every client has, beside its areas.
pub(crate) const FIXED_MODULES: &[&str] = &["mod", "types", "operations"];

/// The document an overlay makes of the text of an OpenAPI document: the
/// [`overlay::Overlay`] in `overlay` (its text) applied to `text`, as JSON
/// text, which [`generate`] and every other reader of a document take.
/// Every problem of the overlay, or of applying it, on failure; each names
/// its action.
pub fn apply_overlay(text: &str, overlay: &str) -> Result<String, Errors> {
    let overlay = overlay::Overlay::parse(overlay)?;
    let mut document = load::strict_value(text).map_err(|error| Error::Syntax {
        pointer: Pointer::root(),
        message: error.to_string(),
    })?;
    overlay.apply(&mut document)?;
    serde_json::to_string_pretty(&document).map_err(|error| {
        Errors::from(Error::Internal {
            pointer: Pointer::root(),
            message: format!("the applied document cannot be written as JSON: {error}"),
        })
    })
}

/// Loads and lowers the text of an OpenAPI document: the IR that
/// [`generate`] emits, and that [`diff`] compares. Every problem found, each
/// located, on failure.
pub fn lower_text(text: &str) -> Result<ir::Api, Errors> {
    let document = load::load(text)?;
    lower::lower(&document)
}
