//! List the SIP endpoints of a project from the command line.
//!
//! ```text
//! cargo run -p signalwire-rest --example list_sip_credentials -- [--page-size N] [--limit N]
//! ```
//!
//! Prints each SIP endpoint as one line of compact JSON, following every
//! page (`links.next`) until the last, or stopping after `--limit` items
//! (no further page is fetched then). `--page-size` is sent as the query
//! parameter `page_size` (the API takes 1 to 1000; its default is 50).
//!
//! The client is configured from the environment as in the
//! `update_sip_credential` example (see [`Client::from_env`]).
//!
//! `-h` or `--help` prints the usage on stdout.
//!
//! Exit codes: `0` success (or help); `1` the configuration is missing or
//! invalid, or a request failed (the error is printed on stderr, after the
//! endpoints of the pages read before); `2` the command line is wrong (the
//! message and the usage are printed on stderr, and nothing is sent).
//!
//! [`Client::from_env`]: signalwire_rest::Client::from_env

mod common;

use std::ffi::OsString;
use std::io;
use std::process::ExitCode;

use futures_util::StreamExt;
use signalwire_rest::ListSipCredentialsParams;

use common::{Arg, EXIT_FAILURE, say};

const USAGE: &str = "\
usage: list_sip_credentials [--page-size N] [--limit N]

  --page-size N     the number of endpoints asked for per page (1 to 1000)
  --limit N         stop after N endpoints
  -h, --help        show this help

Prints one endpoint per line as JSON. Flags take their value as the next
argument or after '='. Configuration comes from SIGNALWIRE_PROJECT_ID,
SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL.";

/// What the command line asks for.
struct Listing {
    params: ListSipCredentialsParams,
    limit: Option<usize>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Listing { params, limit } =
        match common::command_line(parse_args(std::env::args_os().skip(1)), USAGE) {
            Ok(listing) => listing,
            Err(code) => return code,
        };
    let client = match common::client() {
        Ok(client) => client,
        Err(code) => return code,
    };
    let endpoints = client
        .list_sip_credentials_stream(&params)
        .take(limit.unwrap_or(usize::MAX));
    let mut endpoints = std::pin::pin!(endpoints);
    while let Some(endpoint) = endpoints.next().await {
        let endpoint = match endpoint {
            Ok(endpoint) => endpoint,
            Err(error) => {
                common::report(&error);
                return ExitCode::from(EXIT_FAILURE);
            }
        };
        let shown = serde_json::to_string(&endpoint)
            .map_err(|error| error.to_string())
            .and_then(|json| {
                common::write_line(&mut io::stdout().lock(), format_args!("{json}"))
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = shown {
            say!("error: an endpoint could not be shown: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    }
    ExitCode::SUCCESS
}

/// Parses the arguments after the program name: `None` asks for help.
///
/// # Errors
///
/// A message saying what is wrong with the command line.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Listing>, String> {
    let mut listing = Listing {
        params: ListSipCredentialsParams::new(),
        limit: None,
    };
    let complete = common::parse_args(args, &["--page-size", "--limit"], |arg| {
        match arg {
            Arg::Positional(arg) => return Err(format!("unexpected argument `{arg}`")),
            Arg::Flag("--page-size", value) => {
                let params =
                    std::mem::replace(&mut listing.params, ListSipCredentialsParams::new());
                listing.params = params.page_size(common::positive("--page-size", &value)?);
            }
            Arg::Flag(flag, value) => listing.limit = Some(common::positive(flag, &value)?),
        }
        Ok(())
    })?;
    Ok(complete.then_some(listing))
}
