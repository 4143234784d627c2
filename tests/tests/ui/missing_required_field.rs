//! A struct with several required fields takes them as a struct that names
//! each one: leaving one out does not compile, and two values of one type
//! cannot trade places when the API document reorders its properties.

use signalwire_rest::{StatusCodesRestApiErrorItem, StatusCodesRestApiErrorItemRequired};

fn main() {
    let _item = StatusCodesRestApiErrorItem::new(StatusCodesRestApiErrorItemRequired {
        type_: "validation_error".to_owned(),
        code: "invalid_parameter_value".to_owned(),
        message: "Encryption must be one of required, optional, default.".to_owned(),
    });
}
