//! The contract sweep: one test per operation that calls its method with a
//! request built from the document (see the harness the tests include this
//! module into) and checks what comes back.
//!
//! The generated part is only what the IR knows and the harness cannot:
//! which method an operation is, and how each of its arguments is passed.
//! What goes into the arguments (the spec's examples and required fields)
//! is read from the document by the harness at run time, so that the
//! values are the document's, not the generator's.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, inner_docs};
use crate::ir::{Api, Operation, Ty};

/// The module of sweep tests of `api`, one per operation in the order of
/// the IR. It expects its parent module to define `Sample` (with `of`,
/// `path`, `params` and `body`), `client` and `check`.
pub fn sweep(api: &Api) -> TokenStream {
    let docs = inner_docs(&vec![
        "One test per operation of the document: the client's method called with a request"
            .to_owned(),
        "built from the document's examples and required fields (`Sample`), against Prism"
            .to_owned(),
        "serving the document, and the answer decoded into the generated types (`check`)."
            .to_owned(),
    ]);
    let tests = api.operations.iter().map(test);
    quote! {
        #docs
        use super::{Sample, check, client};
        #(#tests)*
    }
}

fn test(op: &Operation) -> TokenStream {
    let name = ident(&op.method_name);
    let method = op.method.as_str();
    let template = &op.path_template;
    let paths = op.params.iter().map(|param| {
        let wire = &param.wire;
        match &param.ty {
            Ty::String => quote!(&sample.path::<String>(#wire)),
            _ => quote!(sample.path(#wire)),
        }
    });
    let query = op.query.as_ref().map(|query| {
        let pairs = query
            .params
            .iter()
            .filter(|param| param.required)
            .map(|param| {
                let field = &param.field;
                let wire = &param.wire;
                quote!((#field, #wire))
            });
        quote!(&sample.params(&[#(#pairs),*]))
    });
    let body = op.body.as_ref().map(|body| {
        if body.required {
            quote!(&sample.body())
        } else {
            quote!(Some(&sample.body()))
        }
    });
    let arguments = paths.chain(query).chain(body);
    quote! {
        #[tokio::test]
        #[ignore = "needs Prism: run `cargo xtask test`"]
        async fn #name() {
            let sample = Sample::of(#method, #template);
            let result = client().#name(#(#arguments),*).await;
            check(&sample, result);
        }
    }
}
