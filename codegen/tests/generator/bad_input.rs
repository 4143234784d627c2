//! More bad documents, each with the exact errors a user sees and the JSON
//! pointer of each place: references into the wrong place, malformed
//! templates, enums whose values do not fit, names without letters, form
//! fields without a form spelling, and text the model would otherwise read
//! with parts silently dropped.

use crate::common;
use common::{document, errors};

// ----- references -----

#[test]
fn a_schema_reference_to_a_parameter() {
    let text = document(
        r"paths: {}
components:
  parameters:
    Page: {name: page, in: query, schema: {type: integer}}
  schemas:
    Book:
      type: object
      properties:
        page: {$ref: '#/components/parameters/Page'}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Book/properties/page: unsupported: the reference \
         `#/components/parameters/Page` (only `#/components/schemas/...` references to schemas are)"
    );
}

#[test]
fn references_to_components_of_another_section_than_their_place_needs() {
    // Each target exists, so none of them is reported as unresolved.
    let text = document(
        r"paths:
  /books:
    post:
      operationId: addBook
      parameters:
        - $ref: '#/components/schemas/Book'
      requestBody:
        $ref: '#/components/responses/Added'
      responses:
        '200':
          $ref: '#/components/schemas/Book'
components:
  schemas:
    Book: {type: string}
  responses:
    Added: {description: Added.}
",
    );
    assert_eq!(
        errors(&text),
        "3 problems in the OpenAPI document\n  \
         #/paths/~1books/post/parameters/0: unsupported: the reference `#/components/schemas/Book` \
         (only `#/components/parameters/...` references are, here)\n  \
         #/paths/~1books/post/requestBody: unsupported: the reference `#/components/responses/Added` \
         (only `#/components/requestBodies/...` references are, here)\n  \
         #/paths/~1books/post/responses/200: unsupported: the reference `#/components/schemas/Book` \
         (only `#/components/responses/...` references are, here)"
    );
}

#[test]
fn a_reference_cycle_through_all_of_wrappers() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Author:
      description: Who wrote it.
      allOf: [{$ref: '#/components/schemas/Writer'}]
    Writer:
      allOf: [{$ref: '#/components/schemas/Author'}]
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/components/schemas/Author: unsupported: an alias that refers to itself\n  \
         #/components/schemas/Writer: unsupported: an alias that refers to itself"
    );
}

#[test]
fn a_path_item_given_by_reference() {
    let text = document(
        r"paths:
  /books:
    $ref: '#/components/pathItems/Books'
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books: unsupported: a `$ref` path item"
    );
}

// ----- templates -----

#[test]
fn a_server_url_with_an_unclosed_brace() {
    let text = document("servers:\n  - url: 'https://{shop.example.test/v1'\npaths: {}\n");
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/servers/0/url: not a valid OpenAPI document: the URL template has an unclosed `{`"
    );
}

#[test]
fn path_templates_with_unbalanced_braces() {
    let text = document(
        r"paths:
  /books/{id:
    get:
      operationId: getBook
      responses:
        '200': {description: The book.}
  /shelves/id}:
    get:
      operationId: getShelf
      responses:
        '200': {description: The shelf.}
  /authors/{}:
    get:
      operationId: getAuthor
      responses:
        '200': {description: The author.}
",
    );
    assert_eq!(
        errors(&text),
        "3 problems in the OpenAPI document\n  \
         #/paths/~1books~1{id/get: not a valid OpenAPI document: the path template has an unclosed `{`\n  \
         #/paths/~1shelves~1id}/get: not a valid OpenAPI document: the path template has a `}` without a `{`\n  \
         #/paths/~1authors~1{}/get: not a valid OpenAPI document: the path uses `{}`, which no path parameter declares"
    );
}

#[test]
fn paths_without_a_leading_slash_and_misspelt_methods_are_not_dropped() {
    // The OpenAPI model would skip both without a word: each is an operation lost.
    let text = document(
        r"paths:
  books:
    get:
      operationId: listBooks
      responses:
        '200': {description: The books.}
  /shelves:
    gett:
      operationId: listShelves
      responses:
        '200': {description: The shelves.}
    x-internal: true
  x-extension: {}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/paths/books: not a valid OpenAPI document: a path must start with `/`\n  \
         #/paths/~1shelves/gett: not a valid OpenAPI document: `gett` is not a field of a path item \
         (a misspelt method?)"
    );
}

// ----- enums and types -----

#[test]
fn a_string_enum_with_a_value_of_another_type() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Size: {type: string, enum: [small, 2, true]}
    Pages: {type: integer, enum: [100, 200, many]}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/components/schemas/Size/enum/1: not a valid OpenAPI document: the value `2` is not of \
         the schema's type `string`\n  \
         #/components/schemas/Pages/enum/2: not a valid OpenAPI document: the value `\"many\"` is \
         not of the schema's type `integer`"
    );
}

#[test]
fn an_enum_without_a_type_whose_values_are_of_several_types() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Size: {enum: [small, 2, true, null]}
    Ratio: {enum: [1, 1.5, null]}
",
    );
    // `Ratio` is fine: integers and other numbers are all numbers.
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Size/enum: unsupported: an `enum` without a `type` whose values are \
         of several types (boolean, number, string)"
    );
}

#[test]
fn a_schema_of_an_unknown_type() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Price: {type: decimal}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Price: unsupported: a schema of type `decimal` with these keywords"
    );
}

// ----- parameters -----

#[test]
fn a_parameter_described_by_content() {
    let text = document(
        r"paths:
  /books/{id}:
    get:
      operationId: getBook
      parameters:
        - name: id
          in: path
          required: true
          content: {application/json: {schema: {type: string}}}
      responses:
        '200': {description: The book.}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books~1{id}/get/parameters/0: unsupported: a parameter described by `content`"
    );
}

// ----- form bodies -----

#[test]
fn form_fields_that_are_neither_a_scalar_nor_a_list_of_one() {
    // One value or an array of it is a list (`Vec<T>`); a value of one of
    // two scalar types, an array of another type than the value's, or an
    // object has no form spelling, and each is reported where declared.
    let text = document(
        r"paths:
  /books:
    post:
      operationId: addBook
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {$ref: '#/components/schemas/NewBook'}
      responses:
        '204': {description: Added.}
components:
  schemas:
    NewBook:
      type: object
      properties:
        Tag:
          anyOf: [{type: string}, {type: array, items: {type: string}}]
        Isbn:
          anyOf: [{type: string}, {type: integer}]
        Page:
          anyOf: [{type: integer}, {type: array, items: {type: string}}]
        Author:
          type: object
          properties:
            name: {type: string}
",
    );
    assert_eq!(
        errors(&text),
        "3 problems in the OpenAPI document\n  \
         #/components/schemas/NewBook/properties/Isbn: unsupported: the form field `Isbn`: \
         a form field is a string, number, boolean or string enum, an array of those, or one of \
         those or an array of it (`anyOf` or `oneOf` of `T` and `array of T`)\n  \
         #/components/schemas/NewBook/properties/Page: unsupported: the form field `Page`: \
         a form field is a string, number, boolean or string enum, an array of those, or one of \
         those or an array of it (`anyOf` or `oneOf` of `T` and `array of T`)\n  \
         #/components/schemas/NewBook/properties/Author: unsupported: the form field `Author`: \
         a form field is a string, number, boolean or string enum, an array of those, or one of \
         those or an array of it (`anyOf` or `oneOf` of `T` and `array of T`)"
    );
}

// ----- text the model would read with parts dropped -----

#[test]
fn a_key_listed_twice_in_yaml_or_json() {
    // A parser that keeps the last of two `Book`s would drop the first.
    let yaml = document(
        r"paths: {}
components:
  schemas:
    Book: {type: string}
    Book: {type: integer}
",
    );
    assert_eq!(
        errors(&yaml),
        "1 problem in the OpenAPI document\n  \
         #: the document is not valid YAML or JSON: components.schemas: the key `Book` appears \
         twice in one mapping at line 6 column 5"
    );
    let json = r#"{"openapi": "3.0.3", "info": {"title": "Bookshop", "version": "1"},
"paths": {}, "paths": {"/books": {}}}"#;
    // The root mapping: the pointer `#` is the place.
    assert_eq!(
        errors(json),
        "1 problem in the OpenAPI document\n  \
         #: the document is not valid YAML or JSON: the key `paths` appears twice in one mapping"
    );
}

// ----- limits -----

#[test]
fn nesting_deeper_than_the_reader_allows_is_refused_with_the_limit() {
    let depth = 5_000;
    let mut schema = String::from("{type: string}");
    for _ in 0..depth {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = document(&format!(
        "paths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n"
    ));
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #: the document is not valid YAML or JSON: it nests mappings and sequences more than \
         128 levels deep, the YAML reader's limit at line 6 column 2636 (the generator reads \
         documents nested up to 48 levels)"
    );
}

#[test]
fn nesting_deeper_than_the_generator_reads_is_refused_at_its_place() {
    // The root, `components`, `schemas` and `Deep` are four levels; each
    // array one more.
    let mut schema = String::from("{type: string}");
    for _ in 0..50 {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = document(&format!(
        "paths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n"
    ));
    let items = "/items".repeat(45);
    assert_eq!(
        errors(&text),
        format!(
            "1 problem in the OpenAPI document\n  \
             #/components/schemas/Deep{items}: unsupported: mappings and sequences nested more \
             than 48 levels deep (the most the generator reads; this is the first place past it)"
        )
    );
}

#[test]
fn nesting_within_the_limit_is_read() {
    // The document's own levels (the root, `components`, `schemas`, the
    // schema) and 44 nested arrays: 48 levels, the most the generator reads.
    let mut schema = String::from("{type: string}");
    for _ in 0..44 {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = document(&format!(
        "paths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n"
    ));
    codegen::generate("spec/deep.yaml", &text).unwrap_or_else(|errors| panic!("{errors}"));
}

#[test]
fn a_document_over_the_size_limit_is_refused_unread() {
    let limit = codegen::load::MAX_DOCUMENT_BYTES;
    // Valid YAML of a comment, one byte over the limit.
    let mut text = document("paths: {}\n");
    text.push('#');
    text.push_str(&" ".repeat(limit + 1 - text.len()));
    assert_eq!(
        errors(&text),
        format!(
            "1 problem in the OpenAPI document\n  \
             #: unsupported: a document of {} bytes (the generator reads documents of up to \
             67108864 bytes, 64 MiB)",
            limit + 1
        )
    );
}
