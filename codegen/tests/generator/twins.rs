//! Twin types (`codegen/src/lower/twins.rs`): a type identical to another
//! of its module but for its name and docs is an alias of it, with its own
//! docs and its struct of required fields an alias too; a difference in
//! anything else, or another module, keeps both; and the diff of two
//! documents sees a twin as the type it stands for.

use codegen::diff::{Classification, diff};
use codegen::ir::{Api, TypeDef};

use crate::common::document;

/// A log object, inline in `path`'s answer, with a `direction` enum of its
/// own and two required fields; `note` is described as `note`.
fn log_operation(path: &str, id: &str, note: &str) -> String {
    format!(
        "  {path}:\n    get:\n      operationId: {id}\n      responses:\n        '200':\n          \
         description: OK.\n          content:\n            application/json:\n              \
         schema:\n                type: object\n                description: The log of {id}.\n                \
         required: [id, at]\n                properties:\n                  \
         id: {{type: string, description: The ID.}}\n                  \
         at: {{type: string, description: When.}}\n                  \
         note: {{type: string, description: {note}}}\n                  \
         direction: {{type: string, description: Which way., enum: [in, out]}}\n"
    )
}

fn lower(text: &str) -> Api {
    codegen::lower_text(text).unwrap_or_else(|errors| panic!("{errors}"))
}

/// Each type of `api` as `name: struct`, `name: enum` or `name = target`.
fn kinds(api: &Api) -> Vec<String> {
    api.types
        .iter()
        .map(|def| match def {
            TypeDef::Struct(s) => format!("{}: struct", s.name),
            TypeDef::Enum(e) => format!("{}: enum", e.name),
            TypeDef::Union(u) => format!("{}: union", u.name),
            TypeDef::Alias(a) => format!("{} = {}", a.name, codegen::ir::rust_type(&a.ty)),
        })
        .collect()
}

fn two_logs(first: &str, second: &str, second_note: &str) -> String {
    document(&format!(
        "paths:\n{}{}",
        log_operation(first, "get_log", "A note."),
        log_operation(second, "get_old_log", second_note)
    ))
}

#[test]
fn an_identical_type_of_one_module_is_an_alias_with_its_own_docs() {
    let text = two_logs("/api/logs/a", "/api/logs/b", "A note.");
    let api = lower(&text);
    assert_eq!(
        kinds(&api),
        [
            "GetLogResponse: struct",
            "GetLogResponseDirection: enum",
            // The enums are twins first, which makes the structs twins.
            "GetOldLogResponse = GetLogResponse",
            "GetOldLogResponseDirection = GetLogResponseDirection",
        ]
    );
    let files = codegen::generate("spec/logs.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let logs = &files["src/api/logs.rs"];
    for alias in [
        "/// The log of get_old_log.\npub type GetOldLogResponse = GetLogResponse;\n",
        "/// The fields of [`GetOldLogResponse`] the API requires, named, for \
         [`GetOldLogResponse::new`].\npub type GetOldLogResponseRequired = GetLogResponseRequired;\n",
        "pub type GetOldLogResponseDirection = GetLogResponseDirection;\n",
    ] {
        assert!(logs.contains(alias), "no `{alias}` in:\n{logs}");
    }
}

#[test]
fn a_field_described_otherwise_keeps_two_types() {
    let api = lower(&two_logs("/api/logs/a", "/api/logs/b", "Another note."));
    assert_eq!(
        kinds(&api),
        [
            "GetLogResponse: struct",
            "GetLogResponseDirection: enum",
            "GetOldLogResponse: struct",
            // The enums alone are the same.
            "GetOldLogResponseDirection = GetLogResponseDirection",
        ]
    );
}

#[test]
fn identical_types_of_two_modules_stay_two_types() {
    // `/api/logs` and `/api/archive` are two areas: an alias in one of a
    // type in the other would move that type to the shared module.
    let api = lower(&two_logs("/api/logs/a", "/api/archive/b", "A note."));
    assert_eq!(
        kinds(&api),
        [
            "GetLogResponse: struct",
            "GetLogResponseDirection: enum",
            "GetOldLogResponse: struct",
            "GetOldLogResponseDirection: enum",
        ]
    );
}

#[test]
fn a_twin_that_stops_being_one_changes_as_the_type_it_was() {
    let old = lower(&two_logs("/api/logs/a", "/api/logs/b", "A note."));
    let new = lower(&two_logs("/api/logs/a", "/api/logs/b", "Another note."));
    let changes = diff(&old, &new);
    let found: Vec<(&str, Classification, &str)> = changes
        .iter()
        .map(|c| (c.rule.id(), c.classification(), c.item.as_str()))
        .collect();
    // Not `type-changed` from an alias to a struct: the field's docs.
    assert_eq!(
        found,
        [(
            "docs-changed",
            Classification::DocsOnly,
            "GetOldLogResponse::note"
        )]
    );
}
