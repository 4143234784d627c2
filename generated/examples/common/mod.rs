//! What the SIP endpoint examples share: the command-line parser, the
//! endpoint's field flags and their values, the exit codes, the error
//! printer and the JSON printer. Each example includes it with `mod common;`; files in a
//! subfolder without `main.rs` are not examples themselves.

#![allow(
    dead_code,
    unused_imports,
    unused_macros,
    reason = "each example uses a part of this module, none uses all of it"
)]

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::process::ExitCode;

use serde::Serialize;
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    CallHandlerType, Ciphers, Client, Codecs, CreateSipCredentialError, DeleteSipCredentialError,
    Encryption, Error, ListSipCredentialsError, StatusCodesRestApiErrorItem,
    UpdateSipCredentialError,
};

/// Exit code of a failed request or a bad configuration.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a wrong command line.
pub const EXIT_USAGE: u8 = 2;

/// Writes a line on stderr. Unlike `eprintln!`, it does not panic when
/// stderr is closed: there is nowhere left to report that anyway.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = $crate::common::write_line(&mut ::std::io::stderr().lock(), format_args!($($arg)*));
    }};
}
pub(crate) use say;

/// Writes one line and flushes, returning (not panicking on) I/O errors.
pub fn write_line(out: &mut impl io::Write, line: fmt::Arguments<'_>) -> io::Result<()> {
    writeln!(out, "{line}")?;
    out.flush()
}

/// One argument of the command line, in the order given.
pub enum Arg {
    /// An argument that does not start with `-`.
    Positional(String),
    /// A flag of the example's list, with its value.
    Flag(&'static str, String),
}

/// Parses the arguments after the program name. Each flag of `flags` takes
/// its value either as the next argument or after `=`; a value that starts
/// with `--` must use the `=` form; each flag may be given once. Every
/// argument is handed to `on` in order.
///
/// Returns `Ok(false)` when help was asked for (`-h` or `--help`), and
/// `Ok(true)` when every argument was handed over.
///
/// # Errors
///
/// A message saying what is wrong with the command line, or the first
/// error `on` returns.
pub fn parse_args(
    args: impl IntoIterator<Item = OsString>,
    flags: &[&'static str],
    mut on: impl FnMut(Arg) -> Result<(), String>,
) -> Result<bool, String> {
    let mut args = args.into_iter();
    let mut seen: Vec<&'static str> = Vec::new();

    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|arg| format!("argument {arg:?} is not valid unicode"))?;
        if arg == "-h" || arg == "--help" {
            return Ok(false);
        }
        if !arg.starts_with('-') {
            on(Arg::Positional(arg))?;
            continue;
        }

        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let Some(&flag) = flags.iter().find(|&&flag| flag == name) else {
            return Err(format!("unknown option `{name}`"));
        };
        if seen.contains(&flag) {
            return Err(format!("{flag} is given more than once"));
        }
        seen.push(flag);
        let value = match inline_value {
            Some(value) => value,
            None => match args.next() {
                None => return Err(format!("{flag} needs a value")),
                Some(value) => {
                    let value = value.into_string().map_err(|value| {
                        format!("value {value:?} of {flag} is not valid unicode")
                    })?;
                    if value.starts_with("--") {
                        return Err(format!(
                            "{flag} needs a value (write {flag}=VALUE for one that starts with `--`)"
                        ));
                    }
                    value
                }
            },
        };
        on(Arg::Flag(flag, value))?;
    }
    Ok(true)
}

/// Takes the one `ID` argument into `id`.
///
/// # Errors
///
/// When `arg` is not a UUID, or an ID was already given.
pub fn take_id(id: &mut Option<Uuid>, arg: &str) -> Result<(), String> {
    if id.is_some() {
        return Err(format!("unexpected argument `{arg}`: only one ID is taken"));
    }
    let parsed =
        Uuid::parse_str(arg).map_err(|error| format!("ID `{arg}` is not a UUID: {error}"))?;
    *id = Some(parsed);
    Ok(())
}

/// Turns a parsed command line into what to run: `None` after printing
/// the help on stdout (exit `0`), an exit code of `2` after printing the
/// error and the usage on stderr.
pub fn command_line<T>(parsed: Result<Option<T>, String>, usage: &str) -> Result<T, ExitCode> {
    match parsed {
        Ok(Some(command)) => Ok(command),
        Ok(None) => {
            // Nothing useful is left to do if stdout is closed (`| head`).
            let _ = write_line(&mut io::stdout().lock(), format_args!("{usage}"));
            Err(ExitCode::SUCCESS)
        }
        Err(message) => {
            say!("error: {message}\n\n{usage}");
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// The client configured from the environment; on failure, the error is
/// printed and the exit code is `1`.
pub fn client() -> Result<Client, ExitCode> {
    Client::from_env().map_err(|error| {
        say!("error: {error}");
        ExitCode::from(EXIT_FAILURE)
    })
}

/// Prints `value` as pretty JSON on stdout; `done` says what happened
/// before, for the message when it cannot be shown.
pub fn print_pretty(value: &impl Serialize, done: &str) -> ExitCode {
    let shown = serde_json::to_string_pretty(value)
        .map_err(|error| error.to_string())
        .and_then(|json| {
            write_line(&mut io::stdout().lock(), format_args!("{json}"))
                .map_err(|error| error.to_string())
        });
    match shown {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            say!("error: {done}, but could not be shown: {error}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// What the body of an error response says, for [`report`].
pub enum Details<'a> {
    /// A `422`: each problem.
    Problems(&'a [StatusCodesRestApiErrorItem]),
    /// An error with a message: the body's `error`, as the server wrote it.
    Message(&'a dyn fmt::Display),
    /// An error status that a newer version of the API declares.
    Nothing,
}

/// The error responses of an operation, as [`report`] prints them.
pub trait ErrorBody: fmt::Display + fmt::Debug {
    /// What the body says.
    fn details(&self) -> Details<'_>;
}

impl ErrorBody for UpdateSipCredentialError {
    fn details(&self) -> Details<'_> {
        match self {
            Self::UnprocessableEntity(body) => Details::Problems(&body.errors),
            Self::Unauthorized(body) => Details::Message(&body.error),
            Self::NotFound(body) => Details::Message(&body.error),
            Self::InternalServerError(body) => Details::Message(&body.error),
            _ => Details::Nothing,
        }
    }
}

impl ErrorBody for CreateSipCredentialError {
    fn details(&self) -> Details<'_> {
        match self {
            Self::UnprocessableEntity(body) => Details::Problems(&body.errors),
            Self::Unauthorized(body) => Details::Message(&body.error),
            Self::NotFound(body) => Details::Message(&body.error),
            Self::InternalServerError(body) => Details::Message(&body.error),
            _ => Details::Nothing,
        }
    }
}

impl ErrorBody for DeleteSipCredentialError {
    fn details(&self) -> Details<'_> {
        match self {
            Self::Unauthorized(body) => Details::Message(&body.error),
            Self::NotFound(body) => Details::Message(&body.error),
            Self::InternalServerError(body) => Details::Message(&body.error),
            _ => Details::Nothing,
        }
    }
}

impl ErrorBody for ListSipCredentialsError {
    fn details(&self) -> Details<'_> {
        match self {
            Self::Unauthorized(body) => Details::Message(&body.error),
            Self::NotFound(body) => Details::Message(&body.error),
            Self::InternalServerError(body) => Details::Message(&body.error),
            _ => Details::Nothing,
        }
    }
}

/// Prints a failed request on stderr: for an API error its status and the
/// body's details (a `422` lists each problem as
/// `attribute: message (code)`, with `-` for a problem not tied to an
/// attribute), otherwise the error and its causes.
pub fn report<E: ErrorBody>(error: &Error<E>) {
    // Also the last answer when the client gave up after retries (`500`).
    if let Error::Api(api) = error {
        match api.attempts() {
            1 => say!("error: the API answered {api}"),
            attempts => say!("error: the API answered {api} (gave up after {attempts} attempts)"),
        }
        match api.body().details() {
            Details::Problems(items) => {
                for item in items {
                    let attribute = item.attribute.as_option().map_or("-", String::as_str);
                    say!("  {attribute}: {} ({})", item.message, item.code);
                }
            }
            Details::Message(error) => say!("  {error}"),
            Details::Nothing => {}
        }
        return;
    }
    say!("error: {error}");
    // `Display` of the error already shows its direct source.
    let mut cause = std::error::Error::source(error).and_then(std::error::Error::source);
    while let Some(source) = cause {
        say!("  caused by: {source}");
        cause = source.source();
    }
}

/// Parses one enum value; unknown values are kept as written.
pub fn one<T>(flag: &str, value: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{flag} needs a non-empty value"));
    }
    let Ok(parsed) = value.parse::<T>();
    Ok(parsed)
}

/// Parses a comma-separated list of enum values; `""` is the empty list.
pub fn list<T>(flag: &str, value: &str) -> Result<Vec<T>, String>
where
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    if value.trim().is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(|item| one(flag, item).map_err(|_| format!("{flag} has an empty item in `{value}`")))
        .collect()
}

/// Parses a whole number of at least 1.
pub fn positive<T: std::str::FromStr + PartialOrd + From<u8>>(
    flag: &str,
    value: &str,
) -> Result<T, String> {
    match value.trim().parse::<T>() {
        Ok(number) if number >= T::from(1) => Ok(number),
        _ => Err(format!(
            "{flag} takes a whole number of at least 1, not `{value}`"
        )),
    }
}

/// The flags of the SIP endpoint's fields, which take a value, as the
/// create and update examples write them on the command line.
pub const ENDPOINT_FLAGS: &[&str] = &[
    "--username",
    "--caller-id",
    "--send-as",
    "--ciphers",
    "--codecs",
    "--encryption",
    "--call-handler",
    "--calling-handler-resource-id",
];

/// The value of one of [`ENDPOINT_FLAGS`], parsed.
pub enum EndpointField {
    /// `--username`.
    Username(String),
    /// `--caller-id`.
    CallerId(String),
    /// One of the other flags: a field that the create and update requests
    /// both set with a setter of the same name.
    Setting(Setting),
}

/// A field that the create and update requests both set the same way
/// (see [`apply_setting!`]).
pub enum Setting {
    /// `--send-as`.
    SendAs(String),
    /// `--ciphers`.
    Ciphers(Vec<Ciphers>),
    /// `--codecs`.
    Codecs(Vec<Codecs>),
    /// `--encryption`.
    Encryption(Encryption),
    /// `--call-handler`.
    CallHandler(CallHandlerType),
    /// `--calling-handler-resource-id`: `None` clears it (`null`).
    CallingHandlerResourceId(Option<Uuid>),
}

/// Whether `--calling-handler-resource-id null` is accepted (and clears
/// the resource).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Null {
    /// `null` clears the resource ID.
    Clears,
    /// Only a UUID is taken.
    Refused,
}

/// Parses the value of `flag`, one of [`ENDPOINT_FLAGS`].
///
/// # Errors
///
/// A message saying what is wrong with the value.
pub fn endpoint_field(flag: &str, value: String, null: Null) -> Result<EndpointField, String> {
    Ok(EndpointField::Setting(match flag {
        "--username" => return Ok(EndpointField::Username(value)),
        "--caller-id" => return Ok(EndpointField::CallerId(value)),
        "--send-as" => Setting::SendAs(value),
        "--ciphers" => Setting::Ciphers(list(flag, &value)?),
        "--codecs" => Setting::Codecs(list(flag, &value)?),
        "--encryption" => Setting::Encryption(one(flag, &value)?),
        "--call-handler" => Setting::CallHandler(one(flag, &value)?),
        "--calling-handler-resource-id" if null == Null::Clears && value == "null" => {
            Setting::CallingHandlerResourceId(None)
        }
        "--calling-handler-resource-id" => {
            let id = Uuid::parse_str(&value).map_err(|error| match null {
                Null::Clears => format!("{flag} takes a UUID or `null`, not `{value}`: {error}"),
                Null::Refused => format!("{flag} takes a UUID, not `{value}`: {error}"),
            })?;
            Setting::CallingHandlerResourceId(Some(id))
        }
        _ => return Err(format!("unknown option `{flag}`")),
    }))
}

/// Sets a [`Setting`] on a create or an update request, whose setters for
/// these fields have the same names: the one mapping of flags to setters.
macro_rules! apply_setting {
    ($request:expr, $setting:expr) => {
        match $setting {
            $crate::common::Setting::SendAs(value) => $request.send_as(value),
            $crate::common::Setting::Ciphers(value) => $request.ciphers(value),
            $crate::common::Setting::Codecs(value) => $request.codecs(value),
            $crate::common::Setting::Encryption(value) => $request.encryption(value),
            $crate::common::Setting::CallHandler(value) => $request.call_handler(value),
            $crate::common::Setting::CallingHandlerResourceId(Some(id)) => {
                $request.calling_handler_resource_id(id)
            }
            $crate::common::Setting::CallingHandlerResourceId(None) => {
                $request.clear_calling_handler_resource_id()
            }
        }
    };
}
pub(crate) use apply_setting;
