//! Case: the words of a name in the document, Rust case conventions, keyword escaping.

/// Splits a name from the document into words: at every character that is
/// not a letter or digit, between a lowercase letter and an uppercase one,
/// and at the end of an acronym (`HTTPServer` -> `HTTP`, `Server`). Digits
/// stay with the letters around them (`sha1`, `48000H`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&previous) = current.chars().last().as_ref() {
            let next = chars.get(i + 1).copied();
            let lower_to_upper = previous.is_lowercase() && c.is_uppercase();
            let acronym_end = previous.is_uppercase()
                && c.is_uppercase()
                && next.is_some_and(|n| n.is_lowercase());
            if lower_to_upper || acronym_end {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// `UpperCamelCase`, with `_` only between two digits that would otherwise
/// run together (`SHA1_80` -> `Sha1_80`). Empty when the name has no letters
/// or digits.
fn joined_pascal(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let word = capitalized(&word);
        if out.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push('_');
        }
        out.push_str(&word);
    }
    out
}

/// A type name: `UpperCamelCase`, prefixed when it would not start with a
/// letter, escaped when it is a keyword.
/// The name of a parameter as words, with a trailing comparison spelled
/// out: filters such as `DateCreated<` and `DateCreated>=` (before, on or
/// after a value) would otherwise all be `date_created`. `<` reads
/// `before`, `>` `after`, `<=` `on or before` and `>=` `on or after`
/// (`date_created_on_or_after`); any other name is as it is.
pub(crate) fn parameter_words(name: &str) -> std::borrow::Cow<'_, str> {
    const COMPARISONS: [(&str, &str); 4] = [
        ("<=", "on or before"),
        (">=", "on or after"),
        ("<", "before"),
        (">", "after"),
    ];
    for (operator, words) in COMPARISONS {
        if let Some(base) = name.strip_suffix(operator)
            && base.chars().any(|c| c.is_ascii_alphanumeric())
        {
            return format!("{base} {words}").into();
        }
    }
    name.into()
}

pub(crate) fn type_name(name: &str) -> String {
    pascal_with_prefix(name, "Type")
}

/// The name of an inline type held at `key` (a property or parameter name)
/// of `holder` (a type or operation name): `holder` then [`type_name`] of
/// `key`, without the words of the key that only repeat the end of
/// `holder` (`CxmlScript` + `script_type` -> `CxmlScriptType`); when the
/// end of `holder` says the whole key, `Value` stands for it
/// (`SwmlCallingPlay` + `play` -> `SwmlCallingPlayValue`), or, for a `list`
/// (whose items are named after it and `Item`), nothing
/// (`ValidationErrors` + `errors` -> items `ValidationErrorsItem`).
pub(crate) fn inline_name(holder: &str, key: &str, list: bool) -> String {
    let part = type_name(key);
    let holder_words = words(holder);
    let part_words = words(&part);
    let same = |a: &[String], b: &[String]| {
        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    let overlap = (1..=part_words.len().min(holder_words.len()))
        .rev()
        .find(|k| same(&holder_words[holder_words.len() - k..], &part_words[..*k]))
        .unwrap_or(0);
    if overlap == part_words.len() {
        let value = if list { "" } else { "Value" };
        format!("{holder}{value}")
    } else {
        format!("{holder}{}", part_words[overlap..].concat())
    }
}

/// Namespace segments that only say "these are declarations" (TypeSpec and
/// similar tools group a document's schemas under them).
const EMPTY_NAMESPACES: &[&str] = &["common", "models", "schemas", "shared", "types"];

/// The short Rust name of the component schema `key`: [`type_name`] of its
/// segments (split at `.`) without those that add nothing to the name: a
/// namespace segment whose words (a plural last word read as singular)
/// the next segment holds in a row (`Fax.FaxLog` -> `FaxLog`,
/// `Message.Message` -> `Message`, `StatusCodes.StatusCode404` ->
/// `StatusCode404`, `Voice.DialogflowVoiceLog` -> `DialogflowVoiceLog`), and a
/// namespace segment of [`EMPTY_NAMESPACES`] (`Types.`). The last segment
/// always stays. `None` when nothing is dropped (the name is
/// [`type_name`] of the key).
pub(crate) fn short_schema_name(key: &str) -> Option<String> {
    let segments: Vec<&str> = key.split('.').collect();
    // Words in lower case, digits apart (`Code404` is `code`, `404`).
    let lower = |segment: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for word in words(segment) {
            let mut previous_digit = None;
            for c in word.chars() {
                let digit = c.is_ascii_digit();
                match out.last_mut() {
                    Some(current) if previous_digit == Some(digit) => {
                        current.extend(c.to_lowercase())
                    }
                    _ => out.push(c.to_lowercase().collect()),
                }
                previous_digit = Some(digit);
            }
        }
        out
    };
    let mut kept = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        let Some(next) = segments.get(index + 1) else {
            kept.push(*segment);
            break;
        };
        let own = lower(segment);
        let next = lower(next);
        let mut singular = own.clone();
        if let Some(last) = singular.last_mut()
            && last.len() > 1
            && last.ends_with('s')
        {
            last.pop();
        }
        let in_next = |words: &[String]| {
            !words.is_empty() && next.windows(words.len()).any(|window| window == words)
        };
        let empty = own.len() == 1 && EMPTY_NAMESPACES.contains(&own[0].as_str());
        if !(empty || in_next(&own) || in_next(&singular)) {
            kept.push(*segment);
        }
    }
    (kept.len() < segments.len()).then(|| type_name(&kept.join(".")))
}

/// An enum variant name: `UpperCamelCase`, prefixed with `V` when it would
/// start with a digit; `Empty` for the empty string; for a value of
/// punctuation only, its characters spelled as code points (`+` -> `U002B`).
pub(crate) fn variant_name(value: &str) -> String {
    if value.chars().any(|c| c.is_ascii_alphanumeric()) {
        pascal_with_prefix(value, "V")
    } else if value.is_empty() {
        "Empty".to_owned()
    } else {
        // Punctuation only: spell the characters so distinct values stay distinct.
        value
            .chars()
            .map(|c| format!("U{:04X}", c as u32))
            .collect::<Vec<_>>()
            .join("_")
    }
}

fn pascal_with_prefix(name: &str, prefix: &str) -> String {
    let mut pascal = joined_pascal(name);
    if pascal.is_empty() {
        pascal = prefix.to_owned();
    } else if !pascal.starts_with(|c: char| c.is_ascii_alphabetic()) {
        pascal.insert_str(0, prefix);
    }
    if pascal == "Self" {
        pascal.push('_');
    }
    pascal
}

/// A field, method or parameter name: `snake_case`, with `_` appended to a
/// keyword (`type` -> `type_`). Not a raw identifier (`r#type`): rustdoc
/// shows those without the `r#`, so the docs would show a name that does
/// not compile.
pub(crate) fn snake_name(name: &str) -> String {
    let mut snake = words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if snake.is_empty() {
        snake = "value".to_owned();
    } else if !snake.starts_with(|c: char| c.is_ascii_alphabetic()) {
        snake.insert_str(0, "n_");
    }
    if ["self", "super", "crate", "Self"].contains(&snake.as_str()) || is_keyword(&snake) {
        snake.push('_');
    }
    snake
}

/// Strict and reserved keywords of Rust 2024.
fn is_keyword(word: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do",
        "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in",
        "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
        "return", "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe",
        "unsized", "use", "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&word)
}

/// The reason phrase of an HTTP status as a variant name (`422` ->
/// `UnprocessableEntity`); `Status599` for codes without a registered phrase.
pub(crate) fn status_variant(status: u16) -> String {
    let phrase = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{status}"),
    };
    phrase.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_comparisons_become_words() {
        let snake = |name: &str| snake_name(&parameter_words(name));
        assert_eq!(snake("DateCreated"), "date_created");
        assert_eq!(snake("DateCreated<"), "date_created_before");
        assert_eq!(snake("DateCreated>"), "date_created_after");
        assert_eq!(snake("DateCreated<="), "date_created_on_or_before");
        assert_eq!(snake("DateCreated>="), "date_created_on_or_after");
        assert_eq!(type_name(&parameter_words("StartTime<")), "StartTimeBefore");
        // Only a trailing comparison after a name is read.
        assert_eq!(parameter_words("<"), "<");
        assert_eq!(snake("a<b"), "a_b");
    }

    #[test]
    fn words_split_at_case_and_punctuation_and_keep_digits() {
        assert_eq!(
            words("AES_256_CM_HMAC_SHA1_80"),
            ["AES", "256", "CM", "HMAC", "SHA1", "80"]
        );
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("bookShelf-id"), ["book", "Shelf", "id"]);
        assert_eq!(words("FLAC@96000H@24B"), ["FLAC", "96000H", "24B"]);
    }

    #[test]
    fn variant_names_keep_digit_groups_apart() {
        assert_eq!(
            variant_name("AES_256_CM_HMAC_SHA1_80"),
            "Aes256CmHmacSha1_80"
        );
        assert_eq!(variant_name("AEAD_AES_256_GCM_8"), "AeadAes256Gcm8");
        assert_eq!(variant_name("read-only"), "ReadOnly");
        assert_eq!(variant_name("FLAC@96000H@24B"), "Flac96000h24b");
        assert_eq!(variant_name("1080p"), "V1080p");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("+"), "U002B");
        assert_eq!(variant_name("self"), "Self_");
    }

    #[test]
    fn snake_names_escape_keywords() {
        assert_eq!(snake_name("type"), "type_");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(
            snake_name("callingHandlerResourceId"),
            "calling_handler_resource_id"
        );
        assert_eq!(snake_name("2fa"), "n_2fa");
        assert_eq!(snake_name("update_book_shelf"), "update_book_shelf");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("BookShelfResponse"), "BookShelfResponse");
        assert_eq!(
            type_name("Types.StatusCodes.StatusCode404"),
            "TypesStatusCodesStatusCode404"
        );
        assert_eq!(type_name("3d"), "Type3d");
    }

    #[test]
    fn inline_names_do_not_repeat_the_end_of_their_holder() {
        use super::inline_name;
        assert_eq!(
            inline_name("CxmlScript", "script_type", false),
            "CxmlScriptType"
        );
        assert_eq!(
            inline_name("CallingCallCreateParamsUrl", "UrlMethod", false),
            "CallingCallCreateParamsUrlMethod"
        );
        assert_eq!(
            inline_name("SwmlCallingPlay", "play", false),
            "SwmlCallingPlayValue"
        );
        assert_eq!(
            inline_name("SwmlCallingDetectMachine", "detect_machine", false),
            "SwmlCallingDetectMachineValue"
        );
        // Only the words the end of the holder says are left out.
        assert_eq!(
            inline_name("SendFax", "fax_send_mode", false),
            "SendFaxSendMode"
        );
        assert_eq!(inline_name("Room", "layout", false), "RoomLayout");
        assert_eq!(inline_name("Thing", "3d", false), "ThingType3d");
        // A list's items are named after it and `Item`.
        assert_eq!(
            inline_name("ValidationErrors", "errors", true),
            "ValidationErrors"
        );
        assert_eq!(inline_name("Book", "book_tags", true), "BookTags");
    }

    #[test]
    fn schema_names_drop_the_namespaces_that_repeat_or_say_nothing() {
        for (key, short) in [
            ("Fax.FaxLog", Some("FaxLog")),
            ("Message.Message", Some("Message")),
            ("AI.AIAgent", Some("AiAgent")),
            ("PubSub.PubSubToken", Some("PubSubToken")),
            ("Types.StatusCodes.StatusCode404", Some("StatusCode404")),
            (
                "Types.StatusCodes.RestApiErrorItem",
                Some("StatusCodesRestApiErrorItem"),
            ),
            ("SWML.Calling.AI", None),
            ("Video.RoomSession", None),
            ("Fax.Faxes", None),
            ("BookShelfResponse", None),
            ("Types", None),
            // Anywhere in the next segment, in a row.
            ("Voice.DialogflowVoiceLog", Some("DialogflowVoiceLog")),
            (
                "Message.WhatsAppAudioMessageRequest",
                Some("WhatsAppAudioMessageRequest"),
            ),
            ("Chat.NewChatToken", Some("NewChatToken")),
            ("Video.LogVideo", Some("LogVideo")),
            ("PubSub.PubLogSub", None),
        ] {
            assert_eq!(short_schema_name(key).as_deref(), short, "{key}");
        }
    }
}
