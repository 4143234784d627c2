//! The crypto provider of reqwest's TLS (rustls).
//!
//! rustls needs a crypto provider. This crate uses `ring` by default: its
//! clean build is about 24 s shorter than that of `aws-lc-rs`, reqwest's
//! own default, whose build script compiles a C library (BENCHMARKS.md,
//! "The TLS crypto provider"). With the feature `aws-lc-rs`, reqwest's own
//! default is used instead, and nothing is installed here.

/// Makes sure rustls has a process-wide crypto provider before this crate
/// builds a reqwest client: the application's own if it installed one,
/// otherwise `ring` (without the feature `aws-lc-rs`). A provider another
/// thread installs at the same moment wins; either serves.
pub(crate) fn ensure_crypto_provider() {
    #[cfg(not(feature = "aws-lc-rs"))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // `Err` only when another provider was installed since the check.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provider_is_installed_and_a_client_can_be_built() {
        super::ensure_crypto_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        reqwest::Client::builder()
            .build()
            .expect("a reqwest client with TLS");
    }
}
