//! Every Rust item lowering names has its own place in the document in
//! `Api::locations` (the diff names it for each change), and each place is
//! one the document has. Checked on every fixture and on the former
//! 6-operation SignalWire document (`tests/documents/`), so that a new kind
//! of item that forgets to record its place fails here.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::ir::{Api, TypeDef};

fn documents() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = fs::read_dir(manifest.join("tests/fixtures"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    paths.sort();
    paths.push(manifest.join("tests/documents/signalwire-fabric.yaml"));
    paths
}

/// Every item path lowering should have recorded.
fn items(api: &Api) -> Vec<String> {
    let mut items = vec!["crate".to_owned()];
    if api.server.is_some() {
        items.push("Client::new".to_owned());
    }
    for def in &api.types {
        items.push(def.name().to_owned());
        match def {
            TypeDef::Struct(s) => {
                items.extend(s.fields.iter().map(|f| format!("{}::{}", s.name, f.name)))
            }
            TypeDef::Enum(e) => {
                items.extend(e.variants.iter().map(|v| format!("{}::{}", e.name, v.name)));
                items.push(format!("{}::{}", e.name, e.unknown));
            }
            TypeDef::Alias(_) => {}
            TypeDef::Union(u) => {
                items.extend(u.variants.iter().map(|v| format!("{}::{}", u.name, v.name)));
                items.extend(u.tag.iter().map(|t| format!("{}::{}", u.name, t.unknown)));
            }
        }
    }
    for op in &api.operations {
        let method = format!("Client::{}", op.method_name);
        items.extend(op.params.iter().map(|p| format!("{method}({})", p.name)));
        items.extend(op.body.iter().map(|b| format!("{method}({})", b.name)));
        items.push(format!("{method} -> Ok"));
        items.push(op.errors.name.clone());
        items.extend(
            op.errors
                .variants
                .iter()
                .map(|v| format!("{}::{}", op.errors.name, v.name)),
        );
        items.push(method);
    }
    // Raw identifiers are named without their `r#`.
    items.iter().map(|item| item.replace("r#", "")).collect()
}

/// Whether the document has something at `pointer`. An OpenAPI 3.1 `const`
/// is loaded as a one-value `enum`, located at `.../enum` and its value at
/// `.../enum/0`: those stand for the `const`.
/// A 3.1 list of several types is loaded as an `anyOf` of one member per
/// type: `.../anyOf/<i>` (and what is below it) stands for the list's type.
fn resolves(document: &serde_json::Value, pointer: &str) -> bool {
    let pointer = pointer.trim_start_matches('#');
    if document.pointer(pointer).is_some() {
        return true;
    }
    if let Some((schema, _)) = pointer.split_once("/anyOf/")
        && document
            .pointer(schema)
            .and_then(|s| s.get("type"))
            .is_some_and(serde_json::Value::is_array)
    {
        return true;
    }
    pointer
        .strip_suffix("/enum/0")
        .or_else(|| pointer.strip_suffix("/enum"))
        .and_then(|schema| document.pointer(schema))
        .is_some_and(|schema| schema.get("const").is_some())
}

#[test]
fn every_item_has_its_own_place_in_the_document() {
    for path in documents() {
        let text = fs::read_to_string(&path).unwrap();
        let api = codegen::lower_text(&text)
            .unwrap_or_else(|errors| panic!("{}: {errors}", path.display()));
        let document: serde_json::Value = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).unwrap()
        } else {
            yaml_serde::from_str(&text).unwrap()
        };
        for item in items(&api) {
            let pointer = api
                .locations
                .get(&item)
                .unwrap_or_else(|| panic!("{}: `{item}` has no location", path.display()));
            assert!(
                resolves(&document, pointer.as_str()),
                "{}: `{item}` is located at {pointer}, which the document does not have",
                path.display()
            );
        }
    }
}

/// The count check: every component schema of every fixture and of the
/// client's spec became a Rust item (it is the place some item is named
/// for), or the document was refused with an error at or inside it.
#[test]
fn every_schema_is_generated_or_reported() {
    for path in documents() {
        let text = fs::read_to_string(&path).unwrap();
        let document: serde_json::Value = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).unwrap()
        } else {
            yaml_serde::from_str(&text).unwrap()
        };
        let keys: Vec<&String> = document
            .pointer("/components/schemas")
            .and_then(serde_json::Value::as_object)
            .map(|schemas| schemas.keys().collect())
            .unwrap_or_default();
        let places: Vec<String> = match codegen::lower_text(&text) {
            Ok(api) => api.locations.values().map(|p| p.to_string()).collect(),
            Err(errors) => errors
                .as_slice()
                .iter()
                .map(|e| e.pointer().to_string())
                .collect(),
        };
        let mut missing = Vec::new();
        for key in &keys {
            let pointer = format!(
                "#/components/schemas/{}",
                key.replace('~', "~0").replace('/', "~1")
            );
            let inside = format!("{pointer}/");
            if !places
                .iter()
                .any(|p| *p == pointer || p.starts_with(&inside))
            {
                missing.push(pointer);
            }
        }
        assert!(
            missing.is_empty(),
            "{}: {} of {} schemas were neither generated nor reported: {missing:?}",
            path.display(),
            missing.len(),
            keys.len()
        );
    }
}
