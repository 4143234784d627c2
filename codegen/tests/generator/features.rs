//! Where a type is compiled: in the module of the one area that uses it,
//! under the features of the areas (or namespaces) that share it, or always
//! (`codegen/src/lower/areas.rs` states the rule).

use std::collections::BTreeMap;

use crate::common::document;

/// Three areas (`ships`, `ports`, `crews`) and the types they share, and
/// schemas no operation uses: one of a namespace of their own
/// (`Webhooks.Arrival`), one of an area's namespace (`Ships.Refit`), one
/// of none (`Loose`).
fn harbour() -> String {
    let get = |path: &str, id: &str, schema: &str| {
        format!(
            "  {path}:\n    get:\n      operationId: {id}\n      responses:\n        '200':\n          \
             description: OK.\n          content:\n            application/json:\n              \
             schema: {{$ref: '#/components/schemas/{schema}'}}\n"
        )
    };
    let object = |name: &str, fields: &[(&str, &str)]| {
        let mut text = format!("    {name}:\n      type: object\n      properties:\n");
        for (field, target) in fields {
            text.push_str(&format!(
                "        {field}: {{$ref: '#/components/schemas/{target}'}}\n"
            ));
        }
        text
    };
    let mut text = String::from("paths:\n");
    text.push_str(&get("/api/ships", "list_ships", "Ship"));
    text.push_str(&get("/api/ports", "list_ports", "Port"));
    text.push_str(&get("/api/crews", "list_crews", "Crew"));
    text.push_str("components:\n  schemas:\n");
    text.push_str(&object("Ship", &[("hull", "Hull"), ("cabin", "Cabin")]));
    text.push_str(&object("Port", &[("hull", "Hull"), ("dock", "Dock")]));
    text.push_str(&object("Crew", &[("hull", "Hull"), ("cabin", "Cabin")]));
    // Each with a property of its own: identical types of one module would
    // be one type under two names (`lower::twins`).
    for name in ["Hull", "Cabin", "Dock", "Loose"] {
        let property = name.to_lowercase();
        text.push_str(&format!(
            "    {name}:\n      type: object\n      properties:\n        {property}_size: {{type: integer}}\n"
        ));
    }
    text.push_str(&object("Webhooks.Arrival", &[("dock", "Dock")]));
    text.push_str(&object("Ships.Refit", &[("hull", "Hull")]));
    document(&text)
}

#[test]
fn shared_types_are_compiled_under_the_features_of_what_uses_them() {
    let api = codegen::lower_text(&harbour()).unwrap_or_else(|errors| panic!("{errors}"));
    let owned: BTreeMap<&str, Vec<&str>> = api
        .areas
        .iter()
        .map(|area| {
            let types = area.types.iter().map(String::as_str).collect();
            (area.name.as_str(), types)
        })
        .collect();
    assert_eq!(
        owned,
        BTreeMap::from([
            ("crews", vec!["Crew"]),
            ("ports", vec!["Port"]),
            // A namespace named like an area counts as that area.
            ("ships", vec!["Ship", "ShipsRefit"]),
        ])
    );
    let gates: Vec<(&str, Vec<&str>)> = api
        .gates
        .iter()
        .map(|(name, features)| (name.as_str(), features.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        gates,
        [
            ("Cabin", vec!["crews", "ships"]),
            ("Dock", vec!["ports", "webhooks"]),
            ("WebhooksArrival", vec!["webhooks"]),
        ],
        "`Hull` (every area) and `Loose` (no area, no namespace) are always compiled"
    );
    let features: Vec<(&str, &str, usize, Vec<&str>)> = api
        .type_features
        .iter()
        .map(|feature| {
            (
                feature.name.as_str(),
                feature.namespace.as_str(),
                feature.types,
                feature.module.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        features,
        [("webhooks", "Webhooks", 2, vec!["WebhooksArrival"])],
        "the feature compiles `WebhooksArrival` and the `Dock` it holds; its module holds \
         the one type of its namespace"
    );
}

#[test]
fn a_namespace_takes_no_name_the_crate_or_cargo_has() {
    let mut text = harbour();
    for namespace in ["Types", "Default", "Operations"] {
        text.push_str(&format!(
            "    {namespace}.Extra:\n      type: object\n      properties:\n        \
             size: {{type: integer}}\n"
        ));
    }
    let output =
        codegen::generate("spec/harbour.yaml", &text).unwrap_or_else(|errors| panic!("{errors}"));
    let modules: Vec<&str> = output
        .keys()
        .filter_map(|file| file.strip_prefix("src/api/"))
        .collect();
    assert_eq!(
        modules,
        [
            "areas.md",
            "crews.rs",
            "default_types.rs",
            "mod.rs",
            "operations_types.rs",
            "ports.rs",
            "ships.rs",
            "types.rs",
            "types_types.rs",
            "webhooks.rs",
        ]
    );
    assert!(
        // `Types.` says nothing: the short name rule drops it.
        output["src/api/types_types.rs"].contains("pub struct Extra {"),
        "{}",
        output["src/api/types_types.rs"]
    );
    assert!(output["src/api/mod.rs"].contains("pub mod types_types;\n"));
}

#[test]
fn each_item_of_a_gated_type_carries_its_cfg() {
    let output = codegen::generate("spec/harbour.yaml", &harbour())
        .unwrap_or_else(|errors| panic!("{errors}"));
    let mut cfgs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for module in ["types", "webhooks"] {
        let file: syn::File = syn::parse_str(&output[&format!("src/api/{module}.rs")])
            .unwrap_or_else(|error| panic!("{module}.rs parses: {error}"));
        collect_cfgs(module, &file, &mut cfgs);
    }
    let expected = [
        (
            "types::Cabin",
            r#"cfg (any (feature = "crews" , feature = "ships"))"#,
        ),
        (
            "types::Dock",
            r#"cfg (any (feature = "ports" , feature = "webhooks"))"#,
        ),
        ("types::Hull", ""),
        ("types::Loose", ""),
        ("webhooks::WebhooksArrival", r#"cfg (feature = "webhooks")"#),
    ];
    assert_eq!(
        cfgs.keys().map(String::as_str).collect::<Vec<_>>(),
        expected.map(|(name, _)| name),
        "the types of no area, by module"
    );
    for (name, cfg) in expected {
        let items = &cfgs[name];
        assert!(
            items.len() >= 2,
            "{name} has a definition and its impls: {items:?}"
        );
        assert!(
            items.iter().all(|item| item == cfg),
            "every item of {name} is under `{cfg}`: {items:?}"
        );
    }
}

/// The `cfg` attributes of each item of `file`, by `module::Type` of the
/// type it defines or implements (a `...Required` companion counts as its
/// type); `use` items are left out.
fn collect_cfgs(module: &str, file: &syn::File, cfgs: &mut BTreeMap<String, Vec<String>>) {
    for item in &file.items {
        let (subject, attrs) = match item {
            syn::Item::Use(_) => continue,
            syn::Item::Struct(item) => (item.ident.to_string(), &item.attrs),
            syn::Item::Enum(item) => (item.ident.to_string(), &item.attrs),
            syn::Item::Impl(item) => (
                quote::ToTokens::to_token_stream(&item.self_ty).to_string(),
                &item.attrs,
            ),
            // `wire_struct!(Name { .. })`
            syn::Item::Macro(item) => {
                let tokens = item.mac.tokens.to_string();
                let name = tokens
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                (name, &item.attrs)
            }
            other => panic!(
                "an unexpected item in {module}.rs: {}",
                quote::ToTokens::to_token_stream(other)
            ),
        };
        let cfg: Vec<String> = attrs
            .iter()
            .filter(|attr| attr.path().is_ident("cfg"))
            .map(|attr| quote::ToTokens::to_token_stream(&attr.meta).to_string())
            .collect();
        let subject = subject.trim_end_matches("Required");
        cfgs.entry(format!("{module}::{subject}"))
            .or_default()
            .push(cfg.join(" "));
    }
}

/// The first doc line of each type of `api` the names list.
fn first_lines<'a>(api: &'a codegen::ir::Api, names: &[&str]) -> Vec<(&'a str, &'a str)> {
    api.types
        .iter()
        .filter(|def| names.contains(&def.name()))
        .map(|def| {
            let first = def.docs().first().map(String::as_str);
            (def.name(), first.unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_type_the_document_says_nothing_about_is_described_by_its_uses() {
    let api = codegen::lower_text(&harbour()).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(
        first_lines(&api, &["Ship", "Hull", "Dock", "Loose"]),
        [
            // A link only where the item is compiled whenever the type
            // is: `Dock` (with ports or webhooks) links neither `Port`
            // (ports) nor `WebhooksArrival` (webhooks); `Hull` is always
            // compiled, the types that hold it are not.
            (
                "Dock",
                "The field `Port::dock` and `WebhooksArrival::dock`."
            ),
            (
                "Hull",
                "The field `Crew::hull`, `Port::hull`, `Ship::hull` and `ShipsRefit::hull`."
            ),
            (
                "Loose",
                "A schema of the document that no operation sends or returns, nor any type \
                 holds."
            ),
            (
                "Ship",
                "The answer of [`Client::list_ships`](crate::Client::list_ships)."
            ),
        ]
    );
}
