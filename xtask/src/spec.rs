//! `cargo xtask spec`: the document the client is generated from.
//!
//! - `cargo xtask spec applied` writes the document the overlay makes of
//!   the spec (what the generator and the lint read, and Prism with the
//!   cuts of [`served_file`]) to this checkout's folder of the target
//!   directory and prints its path;
//! - `cargo xtask spec update FILE` puts a newly downloaded upstream
//!   document in place of [`CLIENT_SPEC`], byte for byte: it applies the
//!   overlay and generates the client in memory first, and stops with every
//!   problem (an overlay action that no longer applies, a document the
//!   generator refuses) before anything is written; then it writes the
//!   spec and the generated files and returns the `cargo xtask diff`
//!   report of the change. With the document already in place it changes
//!   nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diff::{Format, Report, Snapshot, package_version};
use crate::{CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, Mode, Plan, Target, applied, sync};

/// How to call the command.
pub const USAGE: &str =
    "cargo xtask spec applied | cargo xtask spec served | cargo xtask spec update FILE";

/// What `cargo xtask spec update` did.
#[derive(Debug)]
pub struct Updated {
    /// What changed on disk, one line each (empty for a no-op).
    pub changed: Vec<String>,
    /// The `cargo xtask diff` report of the change, in Markdown.
    pub report: String,
}

/// Replaces [`CLIENT_SPEC`] of the checkout at `root` with the document in
/// `file` and regenerates the client; nothing is written unless the
/// overlay applies to it and the client generates.
pub fn update(root: &Path, file: &Path) -> Result<Updated> {
    let bytes = fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes.clone())
        .with_context(|| format!("{} is not UTF-8 text", file.display()))?;
    let overlay_path = root.join(CLIENT_OVERLAY);
    let overlay = fs::read_to_string(&overlay_path)
        .with_context(|| format!("cannot read {}", overlay_path.display()))?;
    let name = file.display().to_string();
    let document = applied(&name, &text, CLIENT_OVERLAY, &overlay).with_context(|| {
        format!(
            "nothing was changed: fix or remove the overlay actions below in {CLIENT_OVERLAY}, \
             then run `cargo xtask spec update {name}` again"
        )
    })?;
    let target = Target {
        spec: name.clone(),
        ..Target::client()
    };
    let outputs = target
        .outputs_from(root, &document)
        .context("nothing was changed: the client does not generate from the new document")?;

    // Before: what the checked-in client was generated from, the spec and
    // overlay at HEAD (the overlay may have been edited for the new
    // document since); the working tree outside git.
    let old = Snapshot::at_revision(root, "HEAD").or_else(|_| Snapshot::working_tree(root))?;
    let manifest = fs::read_to_string(root.join(CLIENT_CRATE).join("Cargo.toml")).ok();
    let new = Snapshot::text(
        &name,
        &document,
        manifest.as_deref().and_then(package_version),
    )
    .with_overlay(&overlay)?;
    let report = Report::new(old, new)?.render(Format::Markdown);

    let spec_path = root.join(CLIENT_SPEC);
    let mut changed = Vec::new();
    if fs::read(&spec_path).ok().as_deref() != Some(bytes.as_slice()) {
        crate::write_atomically_bytes(&spec_path, &bytes)?;
        changed.push(format!("updated: {CLIENT_SPEC}"));
    }
    let plan = Plan {
        outputs,
        orphans: Vec::new(),
    };
    changed.extend(
        sync(root, &plan, Mode::Write)?
            .into_iter()
            .map(|file| format!("updated: {file}")),
    );
    Ok(Updated { changed, report })
}

/// How many nodes (objects, arrays and scalars) a schema of
/// `components/schemas` may inline to before [`served_file`] cuts the
/// references to it.
///
/// Prism dereferences the whole document inline when it loads it, and
/// the SWML schemas are recursive (`SWML.Calling.SWMLMethod` and its
/// `Execute`/`Switch` methods, `SWML.Calling.SchemaType` and
/// `ArrayProperty`, 18 cycles in all): inlined, one path reached about
/// 5.4 million nodes, and Prism had not started listening after seven
/// minutes. Measured with 20,000 on the applied document: 31 references
/// cut (26 recursive, 5 over the limit) to 7 distinct schemas, and Prism
/// listens after 8.5 to 10 seconds serving every path (2 cores).
pub const INLINE_LIMIT: u64 = 20_000;

/// The prefix of a reference to a schema of `components/schemas`.
const SCHEMA_REF: &str = "#/components/schemas/";

/// What [`served_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The document Prism serves.
    pub path: PathBuf,
    /// Every reference it cut, in the order it met them.
    pub cuts: Vec<Cut>,
}

/// A `$ref` to a schema that [`served_file`] replaced by a schema that
/// accepts any value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The name of the referenced schema in `components/schemas`.
    pub schema: String,
    /// Why the reference was cut.
    pub why: Why,
}

/// Why a reference was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// It closes a cycle: the schema it names contains it.
    Recursive,
    /// The schema it names inlines to this many nodes, over [`INLINE_LIMIT`].
    Inlined(u64),
}

/// The document Prism serves in `cargo xtask test`: the whole applied
/// document ([`Target::document`]) with the references that would make it
/// too large to inline cut ([`INLINE_LIMIT`] says why), written beside the
/// applied file as `prism.json`; its path and the cuts.
///
/// The schemas of `components/schemas` are visited depth first, in sorted
/// order of their names, each schema's inlined size computed after those
/// it references. A `$ref` of a schema to exactly
/// `#/components/schemas/<name>` (the name JSON-pointer-escaped) is
/// replaced by `{"description": "cut: recursive <name>", "examples": [..]}`
/// when that schema is being visited (the reference closes a cycle), and by
/// `{"description": "cut: <name>", "examples": [..]}` when that schema
/// inlines to more than [`INLINE_LIMIT`] nodes; a cut reference counts as
/// one node. The example is a value of the schema the reference named
/// ([`codegen::sample::schema`], on the uncut document), so that Prism
/// answers with a value of that schema where it builds an answer from
/// the schemas (without it, Prism answers `null` there). Other
/// references, and references to a name that is not a schema, are left
/// alone and count as one node. References outside `components/schemas`
/// (in `paths`, other components) are left alone: what they reach is
/// already cut.
///
/// For Prism alone: the generator and the spec lint read the uncut
/// applied document. Below a cut Prism accepts any value, in requests and
/// in the responses it validates; the generated types still check those
/// subtrees when they decode (the wire and snapshot tests).
pub fn served_file(root: &Path) -> Result<Served> {
    let text = Target::client().document(root)?;
    let mut document: serde_json::Value =
        serde_json::from_str(&text).context("the applied document is not JSON")?;
    let cuts = cut(&mut document, INLINE_LIMIT);
    let path = crate::checkout_dir(root)?.join("prism.json");
    let text = serde_json::to_string_pretty(&document).context("cannot write the document")?;
    crate::write_atomically_bytes(&path, text.as_bytes())?;
    Ok(Served { path, cuts })
}

/// Cuts the schema references of `document` as [`served_file`] describes,
/// with `limit` for [`INLINE_LIMIT`]; the cuts.
fn cut(document: &mut serde_json::Value, limit: u64) -> Vec<Cut> {
    // The cut schemas' examples are built from the document as it was.
    let original = &document.clone();
    // OpenAPI 3.1 schemas hold a list of examples, 3.0 schemas one.
    let examples_key = match document.get("openapi").and_then(serde_json::Value::as_str) {
        Some(version) if version.starts_with("3.0") => "example",
        _ => "examples",
    };
    let Some(serde_json::Value::Object(schemas)) = document.pointer_mut("/components/schemas")
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = schemas.keys().cloned().collect();
    names.sort();
    let mut cutter = Cutter {
        original,
        examples_key,
        schemas,
        limit,
        visiting: BTreeSet::new(),
        sizes: BTreeMap::new(),
        cuts: Vec::new(),
    };
    for name in &names {
        if !cutter.sizes.contains_key(name) {
            cutter.visit(name);
        }
    }
    cutter.cuts
}

/// The state of [`cut`]'s depth-first visit of the schemas.
struct Cutter<'a> {
    /// The document before any cut, which the examples are built from.
    original: &'a serde_json::Value,
    /// `examples` or `example`, as the document's version spells it.
    examples_key: &'static str,
    schemas: &'a mut serde_json::Map<String, serde_json::Value>,
    limit: u64,
    /// The schemas being visited (on the visit's stack).
    visiting: BTreeSet<String>,
    /// The inlined size of each schema visited.
    sizes: BTreeMap<String, u64>,
    cuts: Vec<Cut>,
}

impl Cutter<'_> {
    /// Computes the inlined size of the schema `name`, cutting inside it.
    fn visit(&mut self, name: &str) {
        // Taken out while it is walked; a reference back to it is a cycle,
        // cut without reading it.
        let Some(mut schema) = self.schemas.get_mut(name).map(std::mem::take) else {
            return;
        };
        self.visiting.insert(name.to_owned());
        let size = self.walk(&mut schema);
        self.visiting.remove(name);
        self.sizes.insert(name.to_owned(), size);
        if let Some(slot) = self.schemas.get_mut(name) {
            *slot = schema;
        }
    }

    /// The inlined size of `value`, cutting inside it.
    fn walk(&mut self, value: &mut serde_json::Value) -> u64 {
        use serde_json::Value;
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get("$ref") {
                    // (A schema being visited keeps its key, its value taken out.)
                    let Some(name) =
                        schema_name(reference).filter(|name| self.schemas.contains_key(name))
                    else {
                        return 1;
                    };
                    let why = if self.visiting.contains(&name) {
                        Why::Recursive
                    } else {
                        if !self.sizes.contains_key(&name) {
                            self.visit(&name);
                        }
                        match self.sizes[&name] {
                            size if size > self.limit => Why::Inlined(size),
                            size => {
                                // Siblings of `$ref` (OpenAPI 3.1) are walked too.
                                let siblings: u64 = object
                                    .iter_mut()
                                    .filter(|(key, _)| *key != "$ref")
                                    .map(|(_, value)| self.walk(value))
                                    .fold(0, u64::saturating_add);
                                return size.saturating_add(siblings);
                            }
                        }
                    };
                    let description = match why {
                        Why::Recursive => format!("cut: recursive {name}"),
                        Why::Inlined(_) => format!("cut: {name}"),
                    };
                    let example = codegen::sample::schema(self.original, value);
                    let example = match self.examples_key {
                        "example" => example,
                        _ => Value::Array(vec![example]),
                    };
                    *value = serde_json::json!({
                        "description": description,
                        self.examples_key: example,
                    });
                    self.cuts.push(Cut { schema: name, why });
                    return 1;
                }
                object
                    .values_mut()
                    .map(|value| self.walk(value))
                    .fold(1, u64::saturating_add)
            }
            Value::Array(items) => items
                .iter_mut()
                .map(|value| self.walk(value))
                .fold(1, u64::saturating_add),
            _ => 1,
        }
    }
}

/// The schema name `reference` names if it is exactly
/// `#/components/schemas/<name>`, unescaped (`~1` is `/`, `~0` is `~`).
fn schema_name(reference: &str) -> Option<String> {
    let escaped = reference.strip_prefix(SCHEMA_REF)?;
    if escaped.is_empty() || escaped.contains('/') {
        return None;
    }
    Some(escaped.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use super::{Cut, INLINE_LIMIT, Why, cut};
    use serde_json::json;

    #[test]
    fn cuts_cycles_and_large_schemas_and_nothing_else() {
        let big: Vec<u32> = (1..=12).collect();
        let before = json!({
            "paths": {"/c": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/C"}
            }}}}}}},
            "components": {
                "parameters": {"P": {"name": "p", "in": "query"}},
                "schemas": {
                    "C": {"anyOf": [
                        {"$ref": "#/components/schemas/Big"},
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/x~1y"},
                        {"$ref": "#/components/schemas/Missing"},
                        {"$ref": "#/components/schemas/A/properties/b"},
                        {"$ref": "#/components/parameters/P"}
                    ]},
                    "B": {"type": "array", "items": {"$ref": "#/components/schemas/A"}},
                    "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
                    "Big": {"enum": big},
                    "x/y": {"type": "string"}
                }
            }
        });
        let mut after = before.clone();
        // Sizes: B 3 (its cut reference 1), A 6, Big 14, x/y 2, C 14 (over
        // the limit, but only a path references it).
        let cuts = cut(&mut after, 10);
        assert_eq!(
            cuts,
            [
                Cut {
                    schema: "A".to_owned(),
                    why: Why::Recursive
                },
                Cut {
                    schema: "Big".to_owned(),
                    why: Why::Inlined(14)
                },
            ]
        );
        let mut expected = before;
        // Each with a value of the schema it named, for Prism's answers.
        expected["components"]["schemas"]["B"]["items"] =
            json!({"description": "cut: recursive A", "examples": [{}]});
        expected["components"]["schemas"]["C"]["anyOf"][0] =
            json!({"description": "cut: Big", "examples": [1]});
        assert_eq!(after, expected);
    }

    #[test]
    fn a_document_without_cycles_or_large_schemas_is_unchanged() {
        let before = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/A"}
            }}}}}}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {
                    "b": {"$ref": "#/components/schemas/B"},
                    "c": {"type": "array", "items": {"$ref": "#/components/schemas/B"}}
                }},
                "B": {"type": "string"}
            }}
        });
        let mut after = before.clone();
        assert_eq!(cut(&mut after, INLINE_LIMIT), []);
        assert_eq!(after, before);
    }
}
