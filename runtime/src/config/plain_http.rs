//! The plain-http policy: credentials travel with every request, so a
//! base URL must use `https` unless its host is a loopback address.

use std::net::IpAddr;

use reqwest::Url;

use crate::ConfigError;

/// Refuses a plain `http` base URL unless its host is a loopback address
/// (`127.0.0.0/8`, `::1`, an IPv4-mapped loopback address, or `localhost`),
/// where the credentials do not leave the machine.
pub(super) fn check_transport_security(base_url: &str) -> Result<(), ConfigError> {
    let insecure = || ConfigError::InsecureBaseUrl {
        url: base_url.to_owned(),
    };
    let url = Url::parse(base_url).map_err(|_| insecure())?;
    if url.scheme() == "https" {
        return Ok(());
    }
    // The parser has normalised the host: IPv4 in dotted decimal, IPv6 in
    // brackets, names in lowercase.
    let host = url.host_str().unwrap_or_default();
    let address = host
        .strip_prefix('[')
        .and_then(|host| host.strip_suffix(']'))
        .unwrap_or(host)
        .parse::<IpAddr>();
    let loopback = match address {
        Ok(IpAddr::V4(address)) => address.is_loopback(),
        Ok(IpAddr::V6(address)) => {
            address.is_loopback()
                || address
                    .to_ipv4_mapped()
                    .is_some_and(|address| address.is_loopback())
        }
        Err(_) => host == "localhost",
    };
    if loopback { Ok(()) } else { Err(insecure()) }
}

#[cfg(test)]
mod tests {
    use super::super::message;
    use crate::ConfigError;
    use crate::test_api::Client;

    fn build_for(base_url: &str) -> Result<Client, ConfigError> {
        Client::from_base_url("p", "t", base_url)
    }

    #[test]
    fn plain_http_is_refused_for_hosts_that_are_not_loopback() {
        for url in [
            "http://example.com",
            "http://example.com:8080/prefix",
            "http://10.0.0.1:4010",
            "http://0.0.0.0:4010",
            "http://[::]:4010",
            "http://[2001:db8::1]",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            let error = build_for(url).expect_err(url);
            assert!(
                matches!(&error, ConfigError::InsecureBaseUrl { url: shown } if url.starts_with(shown.as_str())),
                "{url}: {error:?}"
            );
        }
        assert_eq!(
            message(build_for("http://example.com/")),
            "refusing the insecure base url `http://example.com`: over http the api token \
             would travel in clear; use https, or allow plain http explicitly with \
             `ClientBuilder::allow_insecure_http(true)` (loopback hosts such as 127.0.0.1, \
             ::1 and localhost are always allowed)"
        );
    }

    #[test]
    fn plain_http_is_allowed_for_loopback_hosts_and_https_everywhere() {
        for url in [
            "http://127.0.0.1:4010",
            "http://127.1.2.3",
            "http://localhost:4010/x",
            "http://LOCALHOST",
            "http://[::1]:4010",
            "http://[::ffff:127.0.0.1]:4010",
            "https://example.com",
            "https://10.0.0.1:8443",
        ] {
            assert!(build_for(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn plain_http_can_be_allowed_explicitly() {
        let builder = || {
            Client::builder()
                .project_id("p")
                .api_token("t")
                .base_url("http://example.com:4010")
        };
        assert!(builder().allow_insecure_http(false).build().is_err());
        let client = builder().allow_insecure_http(true).build().unwrap();
        assert_eq!(client.base_url(), "http://example.com:4010");
    }
}
