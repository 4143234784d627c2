//! No input makes the generator panic: every fixture document and the
//! former 6-operation SignalWire document (`tests/documents/`), each
//! mutated at every node in several ways, one mutation at a time, gives a
//! result (the generated files or located errors), never
//! a panic. The mutations are deterministic; the sweep runs them on every
//! core and says how many it ran.
//!
//! By default it runs a fixed sample of them ([`SAMPLE`] documents, drawn
//! with a fixed seed, so every run tries the same ones), which fits the
//! CI budget; with `CODEGEN_SWEEP=full` (`cargo xtask test --full`) it runs
//! every one, at least [`AT_LEAST`].

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value, json};

use crate::common;

/// The fewest mutated documents the full sweep must run.
const AT_LEAST: usize = 10_000;
/// How many mutated documents the sampled sweep runs.
const SAMPLE: usize = 2_000;
/// The seed of the sample: the same documents every run.
const SEED: u64 = 0x5eed_5a3b_1e5e_ed01;

/// Whether the sweep runs every mutated document (`CODEGEN_SWEEP=full`)
/// rather than the sample; any other value is refused, so that a typo does
/// not quietly run the sample.
fn full() -> bool {
    match std::env::var("CODEGEN_SWEEP") {
        Err(std::env::VarError::NotPresent) => false,
        Ok(value) if value == "full" => true,
        Ok(value) => panic!("CODEGEN_SWEEP is `{value}`; the sweep knows only `full`"),
        Err(error) => panic!("CODEGEN_SWEEP cannot be read: {error}"),
    }
}

/// `work` in an order drawn from [`SEED`] (Fisher-Yates with a xorshift
/// generator): the sample is its first documents that apply.
fn shuffled<T>(mut work: Vec<T>) -> Vec<T> {
    let mut state = SEED;
    for i in (1..work.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        work.swap(i, j);
    }
    work
}

/// Values put in place of a node, taken in turn.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!(1.5),
        json!(""),
        json!("{x}"),
        json!(true),
        json!([]),
        json!({}),
        json!("}"),
        json!(u64::MAX),
        json!(1e300),
        json!("#/components/schemas/"),
        json!([[[]]]),
        json!({"type": "null"}),
        json!("\u{0}é\u{202e}"),
        json!({"$ref": "#"}),
    ]
}

/// Names an object key is renamed to, taken in turn.
const ODD_KEYS: &[&str] = &[
    "", "self", "Self", "r#type", "9", "_", "a b", "é", "{", "/", "$ref", "~", "-", "x-",
];

/// References put in place of a node, taken in turn: to another section, to
/// nothing, to the whole document, to a non-schema part.
const ODD_REFS: &[&str] = &[
    "#/components/schemas/Missing",
    "#/components/responses/Missing",
    "#/components/parameters/Missing",
    "#/components/requestBodies/Missing",
    "#",
    "#/paths",
    "#/components/schemas",
    "other.yaml#/components/schemas/A",
    "#/components/schemas/a~2b",
];

/// One way of changing one node.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    /// Put `odd_values()[n]` in its place.
    Value(usize),
    /// Remove it from its object or array.
    Remove,
    /// Put it inside a one-element array.
    Wrap,
    /// Put `{$ref: ODD_REFS[n]}` in its place.
    Ref(usize),
    /// Rename its key in its object to `ODD_KEYS[n]`.
    Rename(usize),
    /// Put a copy of it beside it: the next element of its array, or under
    /// the key `ODD_KEYS[n]` of its object.
    Duplicate(usize),
    /// Put a copy of the node at another place of the document in its place.
    Transplant(usize),
}

/// A document to mutate.
struct Source {
    name: String,
    value: Value,
    /// The pointer of every node, in document order.
    places: Vec<String>,
}

/// Every node of `value`, as JSON pointers, in document order.
fn each_node(value: &Value, pointer: &str, out: &mut Vec<String>) {
    out.push(pointer.to_owned());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                each_node(child, &format!("{pointer}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                each_node(child, &format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// The fixture documents and the former 6-operation document, by file name.
fn sources() -> Vec<Source> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = fs::read_dir(manifest.join("tests/fixtures"))
        .expect("the fixtures folder")
        .map(|entry| entry.expect("a directory entry").path())
        // The synthetic document repeats the other fixtures' constructs
        // at size: mutating it would add time, not cases.
        .filter(|path| !path.ends_with("synthetic.json"))
        .collect();
    files.sort();
    files.push(manifest.join("tests/documents/signalwire-fabric.yaml"));
    files
        .into_iter()
        .map(|file| {
            let text = fs::read_to_string(&file).expect("a document");
            let value: Value = if file.extension().is_some_and(|e| e == "json") {
                serde_json::from_str(&text).expect("a JSON document")
            } else {
                yaml_serde::from_str(&text).expect("a YAML document")
            };
            let mut places = Vec::new();
            each_node(&value, "", &mut places);
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Source {
                name,
                value,
                places,
            }
        })
        .collect()
}

/// The mutations of the node at `index` of a document: three odd values,
/// removal, wrapping, a reference and a copy from elsewhere, and, below the
/// root, two renames and a duplicate; each kind takes its odd values in turn
/// from one node to the next, so that every one is tried at many places.
fn mutations(index: usize, is_root: bool) -> Vec<Mutation> {
    let values = odd_values().len();
    let mut list = vec![
        Mutation::Value(index % values),
        Mutation::Value((index + 5) % values),
        Mutation::Value((index + 11) % values),
        Mutation::Wrap,
        Mutation::Ref(index % ODD_REFS.len()),
        Mutation::Transplant(index.wrapping_mul(7919)),
    ];
    if !is_root {
        list.extend([
            Mutation::Remove,
            Mutation::Rename(index % ODD_KEYS.len()),
            Mutation::Rename((index + 7) % ODD_KEYS.len()),
            Mutation::Duplicate(index % ODD_KEYS.len()),
        ]);
    }
    list
}

/// `source` with `mutation` applied at its node `place`; `None` when the
/// mutation does not apply there (a rename in an array, say).
fn mutate(source: &Source, place: &str, mutation: Mutation) -> Option<Value> {
    let mut document = source.value.clone();
    let parent_and_key = place.rsplit_once('/').map(|(parent, last)| {
        (
            parent.to_owned(),
            last.replace("~1", "/").replace("~0", "~"),
        )
    });
    match mutation {
        Mutation::Value(n) => *document.pointer_mut(place)? = odd_values()[n].clone(),
        Mutation::Wrap => {
            let node = document.pointer_mut(place)?;
            *node = Value::Array(vec![node.take()]);
        }
        Mutation::Ref(n) => *document.pointer_mut(place)? = json!({"$ref": ODD_REFS[n]}),
        Mutation::Transplant(n) => {
            let from = &source.places[n % source.places.len()];
            let copy = source.value.pointer(from)?.clone();
            *document.pointer_mut(place)? = copy;
        }
        Mutation::Remove => {
            let (parent, key) = parent_and_key?;
            match document.pointer_mut(&parent)? {
                Value::Object(map) => {
                    map.remove(&key)?;
                }
                Value::Array(items) => {
                    items.remove(key.parse::<usize>().ok()?);
                }
                _ => return None,
            }
        }
        Mutation::Rename(n) => {
            let (parent, key) = parent_and_key?;
            let Value::Object(map) = document.pointer_mut(&parent)? else {
                return None;
            };
            let child = map.remove(&key)?;
            map.insert(ODD_KEYS[n].to_owned(), child);
        }
        Mutation::Duplicate(n) => {
            let (parent, key) = parent_and_key?;
            match document.pointer_mut(&parent)? {
                Value::Object(map) => {
                    let copy = map.get(&key)?.clone();
                    insert_fresh(map, ODD_KEYS[n], copy);
                }
                Value::Array(items) => {
                    let index = key.parse::<usize>().ok()?;
                    let copy = items.get(index)?.clone();
                    items.insert(index + 1, copy);
                }
                _ => return None,
            }
        }
    }
    Some(document)
}

/// Inserts `value` under `key`, or under `key` with `2`, `3`, ... appended
/// when `key` is taken, so that the duplicate never replaces a sibling.
fn insert_fresh(map: &mut Map<String, Value>, key: &str, value: Value) {
    let mut candidate = key.to_owned();
    let mut n = 2;
    while map.contains_key(&candidate) {
        candidate = format!("{key}{n}");
        n += 1;
    }
    map.insert(candidate, value);
}

#[test]
fn every_one_node_mutation_of_the_fixtures_gives_a_result_not_a_panic() {
    let sources = sources();
    let mut work = Vec::new();
    for (document, source) in sources.iter().enumerate() {
        for (index, place) in source.places.iter().enumerate() {
            for mutation in mutations(index, place.is_empty()) {
                work.push((document, place.as_str(), mutation));
            }
        }
    }
    let full = full();
    let (work, wanted) = if full {
        (work, usize::MAX)
    } else {
        (shuffled(work), SAMPLE)
    };
    let next = AtomicUsize::new(0);
    let ran = AtomicUsize::new(0);
    let panics = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(document, place, mutation)) = work.get(at) else {
                        break;
                    };
                    let source = &sources[document];
                    let Some(mutated) = mutate(source, place, mutation) else {
                        continue;
                    };
                    if ran.fetch_add(1, Ordering::Relaxed) >= wanted {
                        break;
                    }
                    let panicked = common::panics(&mutated.to_string());
                    if panicked {
                        let what = format!("{} with {mutation:?} at {place:?}", source.name);
                        panics.lock().expect("the list of panics").push(what);
                    }
                }
            });
        }
    });
    let ran = ran.into_inner().min(wanted);
    let panics = panics.into_inner().expect("the list of panics");
    let nodes: usize = sources.iter().map(|s| s.places.len()).sum();
    println!(
        "ran {ran} mutated documents ({}; {} documents, {nodes} nodes, {threads} threads)",
        if full {
            "every one".to_owned()
        } else {
            format!("the sample of {SAMPLE} drawn with seed {SEED:#x}; CODEGEN_SWEEP=full runs all")
        },
        sources.len()
    );
    assert!(
        panics.is_empty(),
        "`generate` panicked on {} mutated documents, first:\n  {}",
        panics.len(),
        panics[..panics.len().min(20)].join("\n  ")
    );
    let least = if full { AT_LEAST } else { SAMPLE };
    assert!(
        ran >= least,
        "only {ran} mutated documents were tried, fewer than {least}"
    );
}
