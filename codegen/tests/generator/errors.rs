//! Bad documents: each gives exactly the errors a user must see, every one
//! with the JSON pointer of the place, all of them at once and in a stable
//! order; and odd documents give errors, not panics (the mutation sweep is
//! `sweep.rs`; more bad documents are in `bad_input.rs`).

use crate::common;
use common::{HEAD, document, errors, pointers, returns};

// ----- not a document the generator can read -----

#[test]
fn text_that_is_not_yaml() {
    assert_eq!(
        errors("openapi: [3.0\n"),
        "1 problem in the OpenAPI document\n  \
         #: the document is not valid YAML or JSON: did not find expected ',' or ']' \
         at line 2 column 1, while parsing a flow sequence at line 1 column 10"
    );
}

#[test]
fn a_document_without_the_openapi_field() {
    let problem = |message: &str| {
        format!("1 problem in the OpenAPI document\n  #: not a valid OpenAPI document: {message}")
    };
    assert_eq!(
        errors("info: {title: Bookshop, version: '1'}\npaths: {}\n"),
        problem("missing the `openapi` version field")
    );
    assert_eq!(
        errors("swagger: '2.0'\ninfo: {title: Bookshop, version: '1'}\npaths: {}\n"),
        problem("a Swagger 2.0 document (only OpenAPI 3.0 and 3.1 documents are supported)")
    );
}

#[test]
fn an_empty_document_or_one_that_is_not_an_object() {
    let problem = |message: &str| {
        format!("1 problem in the OpenAPI document\n  #: not a valid OpenAPI document: {message}")
    };
    let empty = problem("the document is empty (an OpenAPI document is a YAML or JSON object)");
    for text in ["", "\n\n", "# only a comment\n", "---\n"] {
        assert_eq!(errors(text), empty, "for {text:?}");
    }
    assert_eq!(
        errors("- openapi: 3.0.3\n"),
        problem("the document is a list, not an object")
    );
    assert_eq!(
        errors("openapi 3.0.3\n"),
        problem("the document is a single string, not an object")
    );
    assert_eq!(
        errors("3.0\n"),
        problem("the document is a single value, not an object")
    );
}

#[test]
fn an_openapi_version_other_than_3_0_or_3_1() {
    assert_eq!(
        errors("openapi: 2.0.0\ninfo: {title: Bookshop, version: '1'}\npaths: {}\n"),
        "1 problem in the OpenAPI document\n  \
         #/openapi: unsupported: OpenAPI version 2.0.0 (3.0.x and 3.1.x are)"
    );
    assert_eq!(
        errors("openapi: 3\ninfo: {title: Bookshop, version: '1'}\npaths: {}\n"),
        "1 problem in the OpenAPI document\n  \
         #/openapi: not a valid OpenAPI document: must be a string"
    );
}

#[test]
fn model_errors_deep_inside_name_the_innermost_place() {
    let text = document(
        r"paths:
  /books:
    get:
      responses: 5
components:
  schemas:
    Book:
      type: object
      properties:
        title:
          type: 42
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/paths/~1books/get/responses: not a valid OpenAPI document: \
         invalid type: integer `5`, expected struct Responses\n  \
         #/components/schemas/Book/properties/title: not a valid OpenAPI document: \
         invalid type: integer `42`, expected a string"
    );
}

// ----- references -----

#[test]
fn unresolved_references() {
    let text = document(
        r"paths:
  /books/{id}:
    get:
      operationId: getBook
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        $ref: '#/components/requestBodies/Nothing'
      responses:
        '200':
          description: The book.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Bok'
        '404':
          $ref: '#/components/responses/NoSuchResponse'
components:
  schemas:
    Shelf:
      type: object
      properties:
        books:
          type: array
          items:
            $ref: 'https://example.test/book.json'
        parent:
          $ref: '#/components/schemas/Shelf/properties/books'
",
    );
    assert_eq!(
        errors(&text),
        "5 problems in the OpenAPI document\n  \
         #/components/schemas/Shelf/properties/books/items: unsupported: the reference \
         `https://example.test/book.json` (only `#/components/schemas/...` references to schemas are)\n  \
         #/components/schemas/Shelf/properties/parent: unsupported: the reference \
         `#/components/schemas/Shelf/properties/books` (only `#/components/schemas/...` references to schemas are)\n  \
         #/paths/~1books~1{id}/get/requestBody: unresolved reference `#/components/requestBodies/Nothing`\n  \
         #/paths/~1books~1{id}/get/responses/200/content/application~1json/schema: \
         unresolved reference `#/components/schemas/Bok`\n  \
         #/paths/~1books~1{id}/get/responses/404: \
         unresolved reference `#/components/responses/NoSuchResponse`"
    );
}

#[test]
fn an_unresolved_parameter_reference() {
    let text = document(
        r"paths:
  /books:
    get:
      operationId: listBooks
      parameters:
        - $ref: '#/components/parameters/Missing'
      responses:
        '200': {description: The books.}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books/get/parameters/0: unresolved reference `#/components/parameters/Missing`"
    );
}

// ----- unsupported constructs -----

#[test]
fn compositions_without_a_rust_type_and_real_conflicts() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Book: {type: object, properties: {title: {type: string}, pages: {type: integer}}}
    Magazine: {type: object, properties: {title: {type: integer}}}
    Clash:
      allOf:
        - $ref: '#/components/schemas/Book'
        - $ref: '#/components/schemas/Magazine'
    Narrowed:
      allOf:
        - $ref: '#/components/schemas/Book'
        - {type: object, properties: {title: {type: string, enum: [dune]}}}
    NotAnObject:
      allOf:
        - $ref: '#/components/schemas/Book'
        - {type: string}
    Both:
      oneOf: [{type: string}, {type: integer}]
      anyOf: [{type: boolean}, {type: number}]
    Tagged:
      oneOf:
        - $ref: '#/components/schemas/Book'
        - {type: object, properties: {issue: {type: integer}}}
      discriminator: {propertyName: kind}
    Mixed:
      type: object
      properties: {id: {type: string}}
      oneOf: [{type: string}, {type: integer}]
    NotABook:
      not:
        $ref: '#/components/schemas/Book'
    Ping:
      allOf:
        - $ref: '#/components/schemas/Pong'
        - {type: object, properties: {a: {type: string}}}
    Pong:
      allOf:
        - $ref: '#/components/schemas/Ping'
        - {type: object, properties: {b: {type: string}}}
",
    );
    // `Narrowed` is fine: a string narrowed to an enum is not a conflict.
    assert_eq!(
        errors(&text),
        "8 problems in the OpenAPI document\n  \
         #/components/schemas/Magazine/properties/title: not a valid OpenAPI document: the property \
         `title` is declared differently at #/components/schemas/Book/properties/title, and the \
         `allOf` merges both\n  \
         #/components/schemas/NotAnObject/allOf/1: unsupported: an `allOf` member that is not an \
         object (only objects are merged)\n  \
         #/components/schemas/Both: unsupported: a schema with both `oneOf` and `anyOf`\n  \
         #/components/schemas/Tagged/oneOf/1: unsupported: a member of a union with a \
         `discriminator` that is not a `$ref`\n  \
         #/components/schemas/Mixed/oneOf: unsupported: `oneOf` beside properties whose members \
         are not all objects\n  \
         #/components/schemas/NotABook: unsupported: `not`\n  \
         #/components/schemas/Pong/allOf/0: unsupported: an `allOf` that includes itself through \
         `#/components/schemas/Ping`\n  \
         #/components/schemas/Ping/allOf/0: unsupported: an `allOf` that includes itself through \
         `#/components/schemas/Pong`"
    );
}

#[test]
fn parameters_the_client_cannot_send() {
    let text = document(
        r"paths:
  /books:
    parameters:
      - {name: session, in: cookie, schema: {type: string}}
    get:
      operationId: listBooks
      parameters:
        - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object}}
        - {name: range, in: query, schema: {type: object, properties: {from: {type: integer}}}}
        - {name: pages, in: query, schema: {type: array, items: {type: array, items: {type: integer}}}}
        - {name: 'X Trace', in: header, schema: {type: string}}
        - {name: where, in: query, content: {application/json: {schema: {type: object}}}}
      responses:
        '200': {description: The books.}
",
    );
    assert_eq!(
        errors(&text),
        "7 problems in the OpenAPI document\n  \
         #/paths/~1books/parameters/0: unsupported: cookie parameter `session` (path, query and header parameters are)\n  \
         #/paths/~1books/get/parameters/0/style: unsupported: the query parameter style `pipeDelimited` (only `form` is)\n  \
         #/paths/~1books/get/parameters/1/style: unsupported: the query parameter style `deepObject` (only `form` is)\n  \
         #/paths/~1books/get/parameters/2/schema: unsupported: a query parameter that is not a string, \
         number, boolean, string enum or an array of them\n  \
         #/paths/~1books/get/parameters/3/schema: unsupported: a query parameter that is not a string, \
         number, boolean, string enum or an array of them\n  \
         #/paths/~1books/get/parameters/4/name: not a valid OpenAPI document: `X Trace` is not a valid HTTP header name\n  \
         #/paths/~1books/get/parameters/5: unsupported: a parameter described by `content`"
    );
}

/// Not an error: parameters whose names differ only in punctuation or case
/// are numbered in the order declared, their wire names kept exact, and a
/// trailing comparison is read as words.
#[test]
fn query_and_header_parameters_that_map_to_one_field_are_numbered() {
    let text = document(
        r"paths:
  /books/{book-id}/{book_id}:
    get:
      operationId: listBooks
      parameters:
        - {name: book-id, in: path, required: true, schema: {type: string}}
        - {name: book_id, in: path, required: true, schema: {type: string}}
        - {name: page-size, in: query, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer}}
        - {name: Page-Size, in: header, schema: {type: integer}}
        - {name: Added<, in: query, schema: {type: string}}
        - {name: Added>=, in: query, schema: {type: string}}
      responses:
        '200': {description: The books.}
",
    );
    let api = codegen::lower_text(&text).expect("a valid document");
    let mut named: Vec<&str> = api
        .locations
        .iter()
        .filter(|(item, _)| item.starts_with("ListBooksParams::") || item.contains("list_books("))
        .map(|(item, _)| item.as_str())
        .collect();
    named.sort_unstable();
    assert_eq!(
        named,
        [
            "Client::list_books(book_id)",
            "Client::list_books(book_id2)",
            "Client::list_books(params)",
            "ListBooksParams::added_before",
            "ListBooksParams::added_on_or_after",
            "ListBooksParams::page_size",
            "ListBooksParams::page_size2",
            "ListBooksParams::page_size3",
        ]
    );
    let operation = &api.operations[0];
    let query = operation.query.as_ref().expect("an `<Op>Params` struct");
    let wires: Vec<(&str, &str)> = query
        .params
        .iter()
        .map(|param| (param.field.as_str(), param.wire.as_str()))
        .collect();
    assert_eq!(
        wires,
        [
            ("page_size", "page-size"),
            ("page_size2", "page_size"),
            ("page_size3", "Page-Size"),
            ("added_before", "Added<"),
            ("added_on_or_after", "Added>="),
        ]
    );
    let path: Vec<(&str, &str)> = operation
        .params
        .iter()
        .map(|param| (param.name.as_str(), param.wire.as_str()))
        .collect();
    assert_eq!(path, [("book_id", "book-id"), ("book_id2", "book_id")]);
}

#[test]
fn a_list_stream_named_like_another_operation() {
    let text = document(
        r"paths:
  /books:
    get:
      operationId: listBooks
      responses:
        '200':
          description: One page.
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  links: {type: object, properties: {next: {type: string}}}
  /books/stream:
    get:
      operationId: listBooksStream
      responses:
        '200': {description: Another operation.}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books/get/operationId: the Rust name `list_books_stream` is already used by \
         #/paths/~1books~1stream/get"
    );
}

#[test]
fn path_parameters_that_do_not_match_the_template() {
    let text = document(
        r"paths:
  /shelves/{shelf}/books/{book}:
    get:
      operationId: getShelfBook
      parameters:
        - {name: shelf, in: path, required: true, schema: {type: string}}
        - {name: isbn, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: The book.}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/paths/~1shelves~1{shelf}~1books~1{book}/get: not a valid OpenAPI document: \
         the path uses `{book}`, which no path parameter declares\n  \
         #/paths/~1shelves~1{shelf}~1books~1{book}/get/parameters: not a valid OpenAPI document: \
         path parameter `isbn` does not appear in the path"
    );
}

#[test]
fn a_path_parameter_of_a_type_a_path_cannot_hold() {
    let text = document(
        r"paths:
  /books/{ids}:
    get:
      operationId: getBooks
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: string}}}
      responses:
        '200': {description: The books.}
",
    );
    // Reported once: the path check does not also say that `{ids}` is undeclared.
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books~1{ids}/get/parameters/0/schema: unsupported: \
         a path parameter that is not a string, number, boolean or string enum"
    );
}

#[test]
fn media_types_other_than_json() {
    let text = document(
        r"paths:
  /books:
    post:
      operationId: addBook
      requestBody:
        required: true
        content:
          text/plain:
            schema: {type: string}
      responses:
        '201':
          description: Added.
          content:
            application/xml:
              schema: {type: string}
            text/html:
              schema: {type: string}
        '400':
          description: Refused.
          content:
            application/jsonx: {}
",
    );
    assert_eq!(
        errors(&text),
        "3 problems in the OpenAPI document\n  \
         #/paths/~1books/post/requestBody/content: unsupported: media type(s) text/plain (only JSON and application/x-www-form-urlencoded are)\n  \
         #/paths/~1books/post/responses/201/content: unsupported: \
         media type(s) application/xml, text/html (only JSON and text/plain are)\n  \
         #/paths/~1books/post/responses/400/content: unsupported: \
         media type(s) application/jsonx (only JSON and text/plain are)"
    );
}

#[test]
fn operations_need_exactly_one_2xx_response() {
    let text = document(
        r"paths:
  /books:
    post:
      operationId: addBook
      responses:
        '200': {description: Already there.}
        '201': {description: Added.}
    get:
      operationId: listBooks
      responses:
        '404': {description: No books.}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/paths/~1books/get/responses: unsupported: an operation without a 2XX response\n  \
         #/paths/~1books/post/responses/201: unsupported: more than one 2XX response"
    );
}

#[test]
fn a_status_range_for_the_success() {
    // `4XX`, `5XX` and `default` are error variants; a `2XX` range would
    // leave the success status unknown.
    let text = document(
        r"paths:
  /books:
    get:
      operationId: listBooks
      responses:
        '2XX': {description: The books.}
        '5XX': {description: Broken.}
        default: {description: Anything else.}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/paths/~1books/get/responses/2XX: unsupported: the status range `2XX` for the success (declare the status)\n  \
         #/paths/~1books/get/responses: unsupported: an operation without a 2XX response"
    );
}

#[test]
fn security_schemes_other_than_http_basic_or_bearer_that_are_used() {
    let text = document(
        r"security:
  - shopKey: []
paths:
  /books:
    get:
      operationId: listBooks
      security:
        - basic: []
        - bearer: []
        - nowhere: []
        - {basic: [], bearer: []}
      responses:
        '200': {description: The books.}
components:
  securitySchemes:
    shopKey: {type: apiKey, in: header, name: X-Shop-Key}
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: bearer}
    unused: {type: apiKey, in: query, name: key}
",
    );
    assert_eq!(
        errors(&text),
        "3 problems in the OpenAPI document\n  \
         #/components/securitySchemes/basic: unsupported: a security requirement that needs \
         several schemes at once (basic, bearer)\n  \
         #/components/securitySchemes/nowhere: not a valid OpenAPI document: \
         security requirement `nowhere` names no declared security scheme\n  \
         #/components/securitySchemes/shopKey: unsupported: a security scheme other than HTTP Basic \
         or HTTP Bearer"
    );
}

#[test]
fn declared_but_unused_security_schemes_are_fine() {
    let text = document(
        r"paths: {}
components:
  securitySchemes:
    shopKey: {type: apiKey, in: header, name: X-Shop-Key}
",
    );
    assert!(codegen::generate("spec/bookshop.yaml", &text).is_ok());
}

#[test]
fn aliases_that_contain_themselves() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
    Author:
      type: object
      properties:
        best_book: {allOf: [{$ref: '#/components/schemas/Book'}], nullable: true}
    Book:
      type: object
      required: [author]
      properties:
        author: {$ref: '#/components/schemas/Author'}
    Loop: {$ref: '#/components/schemas/Loops'}
    Loops: {type: array, items: {$ref: '#/components/schemas/Loop'}}
    Tree:
      type: object
      properties:
        subtrees: {$ref: '#/components/schemas/Forest'}
    Forest: {type: array, items: {$ref: '#/components/schemas/Tree'}}
",
    );
    // `Node`, `Author` and `Book` are boxed where they hold themselves (the
    // `recursive` fixture shows how); `Tree` and `Forest` need nothing, the
    // recursion goes through a `Vec`. An alias of itself has no type at all.
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/components/schemas/Loop: unsupported: an alias that refers to itself\n  \
         #/components/schemas/Loops: unsupported: an alias that refers to itself"
    );
}

// ----- names -----

#[test]
fn two_schemas_with_the_same_rust_name_are_numbered_in_document_order() {
    let text = document(
        r"paths: {}
components:
  schemas:
    foo_bar: {type: string}
    FooBar: {type: integer}
    Book:
      type: object
      properties:
        fooBar: {type: string}
        foo_bar: {type: integer}
        format: {type: string, enum: [paperback]}
    BookFormat: {type: string}
",
    );
    let api = codegen::lower_text(&text).expect("numbered names are no error");
    let names: Vec<&str> = api.types.iter().map(|t| t.name()).collect();
    // Components first, in document order; then the inline enum of
    // `Book.format`, whose name `BookFormat` a component already has.
    assert_eq!(
        names,
        ["Book", "BookFormat", "BookFormat2", "FooBar", "FooBar2"]
    );
    let Some(codegen::ir::TypeDef::Alias(second)) =
        api.types.iter().find(|t| t.name() == "FooBar2")
    else {
        panic!("FooBar2 is an alias")
    };
    assert_eq!(second.ty, codegen::ir::Ty::I64);
    let Some(codegen::ir::TypeDef::Struct(book)) = api.types.iter().find(|t| t.name() == "Book")
    else {
        panic!("Book is a struct")
    };
    let fields: Vec<(&str, &str)> = book
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.wire.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("foo_bar", "fooBar"),
            ("foo_bar2", "foo_bar"),
            ("format", "format")
        ]
    );
}

#[test]
fn schemas_named_like_the_runtime_types() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Client: {type: object, properties: {name: {type: string}}}
    nullable: {type: string}
",
    );
    assert_eq!(
        errors(&text),
        "2 problems in the OpenAPI document\n  \
         #/components/schemas/Client: unsupported: the Rust name `Client` is reserved by the client runtime; rename the schema\n  \
         #/components/schemas/nullable: unsupported: the Rust name `Nullable` is reserved by the client runtime; rename the schema"
    );
}

#[test]
fn names_that_collide_inside_an_operation_or_with_its_types() {
    let text = document(
        r"paths:
  /books/{book_id}:
    get:
      operationId: getBook
      parameters:
        - {name: book_id, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: The book.}
  /shelves:
    get:
      operationId: shelf
      responses:
        '200':
          description: An inline type named like a component.
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
components:
  schemas:
    Book:
      type: object
      properties:
        fooBar: {type: string}
        foo_bar: {type: string}
        format: {type: string, enum: [paperback]}
    BookFormat: {type: string}
    ShelfResponse: {type: string}
    GetBookError: {type: string}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/paths/~1books~1{book_id}/get/responses: the Rust name `GetBookError` is already used by \
         #/components/schemas/GetBookError"
    );
}

/// An enum narrowed to some of its values through `allOf` (a
/// `discriminator` child pinning its tag) is the narrower enum; one that
/// lists a value the other does not is a conflict, located where the
/// merged schema declares it.
#[test]
fn an_enum_merged_with_one_that_is_not_a_narrowing() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Kind: {type: string, enum: [fax, digit]}
    Detect:
      type: object
      properties:
        type: {allOf: [{$ref: '#/components/schemas/Kind'}]}
      discriminator: {propertyName: type}
    Narrowed:
      type: object
      properties:
        type: {type: string, enum: [digit]}
      allOf: [{$ref: '#/components/schemas/Detect'}]
    Widened:
      type: object
      properties:
        type: {type: string, enum: [digit, voice]}
      allOf: [{$ref: '#/components/schemas/Detect'}]
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Detect/properties/type: not a valid OpenAPI document: the property \
         `type` is declared differently at #/components/schemas/Widened/properties/type, and the \
         `allOf` merges both"
    );
}

#[test]
fn an_enum_that_lists_a_value_twice() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Binding:
      type: string
      enum: [hardcover, paperback, hardcover]
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Binding/enum/2: not a valid OpenAPI document: the value `hardcover` is listed twice"
    );
}

#[test]
fn required_names_a_property_that_does_not_exist() {
    let text = document(
        r"paths: {}
components:
  schemas:
    Book:
      type: object
      required: [title, isbn]
      properties:
        title: {type: string}
",
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/components/schemas/Book/required: not a valid OpenAPI document: `isbn` is required but is not a property"
    );
}

#[test]
fn a_server_url_with_an_undeclared_variable() {
    let text = format!(
        "{HEAD}servers:\n  - url: https://{{shop}}.example.test/{{version}}\n    \
         variables:\n      version: {{default: v1}}\npaths: {{}}\n"
    );
    assert_eq!(
        errors(&text),
        "1 problem in the OpenAPI document\n  \
         #/servers/0/url: not a valid OpenAPI document: the URL uses `{shop}`, which `variables` does not declare"
    );
}

/// The names the client runtime takes, as the generator keeps them (the
/// client crate does not compile unless they are its runtime's surface).
use codegen::reserved;

#[test]
fn operations_named_like_a_method_of_the_runtime_client() {
    assert!(reserved::CLIENT_METHODS.contains(&"new"));
    for method in reserved::CLIENT_METHODS {
        let text = document(&format!(
            "paths:\n  /books:\n    get:\n      operationId: {method}\n      \
             responses:\n        '200': {{description: The books.}}\n"
        ));
        assert_eq!(
            errors(&text),
            format!(
                "1 problem in the OpenAPI document\n  \
                 #/paths/~1books/get/operationId: unsupported: the Rust name `{method}` is \
                 reserved by the client runtime's `Client`; change the operationId"
            )
        );
    }
}

#[test]
fn schemas_named_like_a_type_the_client_crate_exports_from_the_runtime() {
    assert!(reserved::TYPE_NAMES.contains(&"Client"));
    for name in reserved::TYPE_NAMES {
        let text = document(&format!(
            "paths: {{}}\ncomponents:\n  schemas:\n    {name}: {{type: string}}\n"
        ));
        assert_eq!(
            errors(&text),
            format!(
                "1 problem in the OpenAPI document\n  \
                 #/components/schemas/{name}: unsupported: the Rust name `{name}` is reserved \
                 by the client runtime; rename the schema"
            )
        );
    }
}

#[test]
fn the_runtime_helpers_are_free_names_for_operations() {
    // Helpers of the runtime are not methods of `Client`: operations may
    // take their names.
    for method in ["execute", "send", "attempt", "url"] {
        assert!(!reserved::CLIENT_METHODS.contains(&method), "{method}");
        let text = document(&format!(
            "paths:\n  /books:\n    get:\n      operationId: {method}\n      \
             responses:\n        '200': {{description: The books.}}\n"
        ));
        assert!(
            codegen::generate("spec/bookshop.yaml", &text).is_ok(),
            "{method}"
        );
    }
}

// ----- all problems at once -----

const MANY_PROBLEMS: &str = r"openapi: 3.0.3
info: {title: Bookshop, version: '1'}
servers:
  - url: https://{shop}.example.test
paths:
  /shelves/{shelf}:
    put:
      operationId: putShelf
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      requestBody:
        content:
          application/xml: {schema: {type: string}}
      responses:
        '200':
          description: The shelf.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Shelf'}
        '404':
          $ref: '#/components/responses/Gone'
        '2XX': {description: Anything else.}
components:
  schemas:
    Shelf:
      type: object
      required: [name, size]
      properties:
        name: {type: string}
        kind: {not: {type: string}}
        books: {type: array, items: {$ref: '#/components/schemas/Book'}}
    Client: {type: string}
    Binding: {type: string, enum: [a, b, a]}
";

#[test]
fn a_document_with_many_problems_reports_all_of_them_in_a_stable_order() {
    assert_eq!(
        errors(MANY_PROBLEMS),
        "11 problems in the OpenAPI document\n  \
         #/servers/0/url: not a valid OpenAPI document: the URL uses `{shop}`, which `variables` does not declare\n  \
         #/components/schemas/Client: unsupported: the Rust name `Client` is reserved by the client runtime; rename the schema\n  \
         #/components/schemas/Shelf/required: not a valid OpenAPI document: `size` is required but is not a property\n  \
         #/components/schemas/Shelf/properties/kind: unsupported: `not`\n  \
         #/components/schemas/Shelf/properties/books/items: unresolved reference `#/components/schemas/Book`\n  \
         #/components/schemas/Binding/enum/2: not a valid OpenAPI document: the value `a` is listed twice\n  \
         #/paths/~1shelves~1{shelf}/put/parameters/0: unsupported: cookie parameter `session` (path, query and header parameters are)\n  \
         #/paths/~1shelves~1{shelf}/put: not a valid OpenAPI document: the path uses `{shelf}`, which no path parameter declares\n  \
         #/paths/~1shelves~1{shelf}/put/requestBody/content: unsupported: media type(s) application/xml (only JSON and application/x-www-form-urlencoded are)\n  \
         #/paths/~1shelves~1{shelf}/put/responses/404: unresolved reference `#/components/responses/Gone`\n  \
         #/paths/~1shelves~1{shelf}/put/responses/2XX: unsupported: the status range `2XX` for the success (declare the status)"
    );
    // Each error names its place through `pointer()` as well.
    assert_eq!(
        pointers(MANY_PROBLEMS),
        [
            "#/servers/0/url",
            "#/components/schemas/Client",
            "#/components/schemas/Shelf/required",
            "#/components/schemas/Shelf/properties/kind",
            "#/components/schemas/Shelf/properties/books/items",
            "#/components/schemas/Binding/enum/2",
            "#/paths/~1shelves~1{shelf}/put/parameters/0",
            "#/paths/~1shelves~1{shelf}/put",
            "#/paths/~1shelves~1{shelf}/put/requestBody/content",
            "#/paths/~1shelves~1{shelf}/put/responses/404",
            "#/paths/~1shelves~1{shelf}/put/responses/2XX",
        ]
    );
    // The same document gives the same errors every time.
    for _ in 0..3 {
        assert_eq!(
            codegen::generate("spec/bookshop.yaml", MANY_PROBLEMS).unwrap_err(),
            codegen::generate("spec/bookshop.yaml", MANY_PROBLEMS).unwrap_err()
        );
    }
}

// ----- no input panics -----

#[test]
fn odd_documents_give_errors_not_panics() {
    let odd = [
        "",
        "null",
        "~",
        "[]",
        "42",
        "'just a string'",
        "{}",
        "openapi: 3.0.0",
        "openapi: 3.1.0",
        "openapi: 3.1.0\ninfo: 5\npaths: 5\ncomponents: []\n",
        "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {/a: 5, /b: [], /c: {get: 5}, /d: {parameters: 5}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {/a: 5, /b: [], /c: {get: 5}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {'': {}, '{': {get: {responses: {'200': {description: x}}}}}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {'/{}/{a': {get: {responses: {'200': {description: x}}}}}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\nservers: [{url: 'https://{a'}]\npaths: {}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents: {schemas: {'': {}, ' ': {type: string, enum: ['']}, '9': {type: object, properties: {'': {type: string}, '_': {type: string}}}}}\n",
        "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents: {schemas: {A: {type: [], anyOf: [], oneOf: [{type: 'null'}], const: null, examples: []}}}\n",
        "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents: {schemas: {A: {type: ['null'], enum: [null]}, B: {anyOf: [{type: 'null'}, {type: 'null'}]}}}\n",
        "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/A'}, B: {$ref: '#'}, C: {$ref: ''}, D: {$ref: '#/components/schemas/'}}}\n",
        "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"v\"}, \"paths\": {\"/a\": null}}",
    ];
    for text in odd {
        returns("an odd document", text);
    }
}
