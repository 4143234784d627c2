//! How the generator's time grows with the document: each construct at a
//! size and at twice (and four times) that size, so that the ratio of the
//! times is the growth (2.0 per doubling is linear). `cargo bench -p
//! benchmarks --bench growth`; BENCHMARKS.md has the figures.
//!
//! - `chain/N`: `N` schemas, each an `allOf` of one `$ref` to the next,
//!   with a description, ending in an object;
//! - `union/N`: a `oneOf` of `N` object members;
//! - `collisions/N`: `N` schemas whose keys all map to the Rust name `Item`;
//! - `operations/N`: `N` operations, each with a path parameter, a body
//!   and a response of its own.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::{Map, Value, json};

/// A document with `schemas` and `paths`, as JSON text.
fn document(schemas: Map<String, Value>, paths: Map<String, Value>) -> String {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "growth", "version": "1"},
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
        "components": {"schemas": schemas},
    })
    .to_string()
}

/// One `GET` of `path` answering `schema`.
fn get(path: &str, id: &str, schema: Value) -> Map<String, Value> {
    let mut paths = Map::new();
    paths.insert(
        path.to_owned(),
        json!({"get": {"operationId": id, "responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": schema}}
        }}}}),
    );
    paths
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn object() -> Value {
    json!({"type": "object", "properties": {"a": {"type": "string"}}})
}

fn chain(links: usize) -> String {
    let mut schemas = Map::new();
    for link in 0..links {
        schemas.insert(
            format!("S{link}"),
            json!({"description": format!("Link {link}."), "allOf": [reference(&format!("S{}", link + 1))]}),
        );
    }
    schemas.insert(format!("S{links}"), object());
    document(schemas, get("/s", "get_s", reference("S0")))
}

fn union(members: usize) -> String {
    let mut schemas = Map::new();
    for member in 0..members {
        schemas.insert(
            format!("M{member}"),
            json!({"type": "object", "required": [format!("m{member}")], "properties": {
                format!("m{member}"): {"type": "string"}
            }}),
        );
    }
    let one_of: Vec<Value> = (0..members)
        .map(|member| reference(&format!("M{member}")))
        .collect();
    schemas.insert("U".to_owned(), json!({"oneOf": one_of}));
    document(schemas, get("/u", "get_u", reference("U")))
}

fn collisions(count: usize) -> String {
    let mut schemas = Map::new();
    for index in 0..count {
        // `item`, then separators spelling the index in binary: every key
        // is distinct and every one becomes `Item`.
        let suffix: String = format!("{index:b}")
            .chars()
            .map(|bit| if bit == '0' { '_' } else { '-' })
            .collect();
        schemas.insert(format!("item{suffix}"), object());
    }
    let all_of: Vec<Value> = schemas.keys().map(|key| reference(key)).collect();
    schemas.insert(
        "All".to_owned(),
        json!({"type": "object", "properties": {"items": {"type": "array", "items": {"anyOf": all_of}}}}),
    );
    document(schemas, get("/all", "get_all", reference("All")))
}

fn operations(count: usize) -> String {
    let mut schemas = Map::new();
    let mut paths = Map::new();
    for index in 0..count {
        schemas.insert(format!("Thing{index}"), object());
        paths.insert(
            format!("/things{index}/{{id}}"),
            json!({"put": {
                "operationId": format!("update_thing_{index}"),
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": reference(&format!("Thing{index}"))}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": reference(&format!("Thing{index}"))}}}}
            }}),
        );
    }
    document(schemas, paths)
}

/// A construct's name, how to build a document of a size, and the sizes.
type Case = (&'static str, fn(usize) -> String, &'static [usize]);

fn growth(c: &mut Criterion) {
    // The chain goes to 20,000 links: ten times 2,000, the growth issue's
    // measure of linearity.
    let cases: [Case; 4] = [
        ("chain", chain, &[2_000, 4_000, 8_000, 20_000]),
        ("union", union, &[250, 500, 1_000]),
        ("collisions", collisions, &[250, 500, 1_000]),
        ("operations", operations, &[250, 500, 1_000]),
    ];
    for (name, build, sizes) in cases {
        let mut group = c.benchmark_group(format!("growth/{name}"));
        group.sample_size(10);
        for &size in sizes {
            let text = build(size);
            codegen::generate("growth.json", &text)
                .unwrap_or_else(|errors| panic!("{name}/{size} does not generate: {errors}"));
            group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
                b.iter(|| codegen::generate("growth.json", black_box(text)).expect("generates"));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, growth);
criterion_main!(benches);
