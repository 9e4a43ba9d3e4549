//! Pictures named by `https://` addresses: downloaded once into the user's
//! cache folder, under a hash of the address, and read from there ever
//! after, also with `--offline`.
//!
//! Only `https://` is downloaded: a slide deck is often built on a
//! conference's network, and a picture fetched in the clear could be
//! swapped on the way. Certificates are checked against the system's roots
//! (so `SSL_CERT_FILE` and `SSL_CERT_DIR` work as they do for curl), or
//! Mozilla's when the system has none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use sha2::{Digest, Sha256};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use super::figure::MAX_REFERENCED;
use super::ImageError;

/// Whether a build may download pictures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Network {
    /// Pictures not in the cache are downloaded.
    #[default]
    Online,
    /// Only pictures already in the cache are used (`--offline`).
    Offline,
}

/// The most bytes a download may have: the limit on an image an SVG
/// names beside it, so no picture is refused for its size in one place and
/// taken in another.
pub const MAX_DOWNLOAD: u64 = MAX_REFERENCED;

/// How long a server may take to accept the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a whole download may take, unless `DECKGEN_DOWNLOAD_TIMEOUT`
/// says otherwise (in seconds).
const TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// How many redirects are followed, each to an `https://` address.
const MAX_REDIRECTS: u32 = 5;

/// The bytes of the picture at `url` (an `https://` address): from the
/// cache when it was downloaded before, else downloaded into the cache
/// unless `network` forbids it.
pub fn bytes(url: &str, network: Network) -> Result<Vec<u8>, ImageError> {
    let failed = |reason: String| ImageError::Download {
        url: url.to_string(),
        reason,
    };
    let folder = cache_folder().ok_or_else(|| {
        failed("no cache folder to keep it in: set DECKGEN_CACHE_DIR or HOME".into())
    })?;
    let cached = folder.join(cache_name(url));
    match crate::files::read(&cached, crate::files::FileKind::Picture) {
        Ok(bytes) => return Ok(bytes),
        Err(err) if !err.is_not_found() => {
            return Err(failed(format!(
                "cannot read the cache file `{}`: {err}",
                cached.display()
            )));
        }
        Err(_) => {}
    }
    if network == Network::Offline {
        return Err(ImageError::NotDownloaded {
            url: url.to_string(),
        });
    }
    let bytes = download(url).map_err(failed)?;
    keep(&folder, &cached, &bytes).map_err(|err| {
        failed(format!(
            "cannot write it to the cache folder `{}`: {}",
            folder.display(),
            crate::diag::io_reason(&err)
        ))
    })?;
    Ok(bytes)
}

/// The folder downloaded pictures are kept in: `DECKGEN_CACHE_DIR`, else
/// `deckgen/pictures` in the platform's cache folder (`XDG_CACHE_HOME` or
/// `~/.cache` on Linux and other Unix systems, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows).
pub fn cache_folder() -> Option<PathBuf> {
    if let Some(folder) = std::env::var_os("DECKGEN_CACHE_DIR").filter(|f| !f.is_empty()) {
        return Some(PathBuf::from(folder).join("pictures"));
    }
    let base = if cfg!(windows) {
        absolute_env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        absolute_env("HOME").map(|home| home.join("Library/Caches"))
    } else {
        absolute_env("XDG_CACHE_HOME").or_else(|| absolute_env("HOME").map(|h| h.join(".cache")))
    };
    base.map(|base| base.join("deckgen").join("pictures"))
}

/// The file name the picture at `url` is cached under: a hash of the
/// address as written, so any address makes a safe name.
pub fn cache_name(url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// An environment variable naming an absolute path; the XDG rules ignore
/// relative ones.
fn absolute_env(name: &str) -> Option<PathBuf> {
    let value = PathBuf::from(std::env::var_os(name)?);
    value.is_absolute().then_some(value)
}

/// Writes `bytes` to `cached` whole or not at all: into a temporary file
/// beside it, renamed over it once complete, so an interrupted download
/// never leaves half a picture behind.
fn keep(folder: &Path, cached: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(cached).map_err(|err| err.error)?;
    Ok(())
}

/// Downloads `url`, or says why it could not.
fn download(url: &str) -> Result<Vec<u8>, String> {
    let mut response = agent().get(url).call().map_err(|err| reason(&err, url))?;
    let status = response.status();
    if !status.is_success() {
        let words = status.canonical_reason().unwrap_or("");
        return Err(format!("the server answered {} {words}", status.as_u16())
            .trim_end()
            .to_string());
    }
    let too_large = || {
        format!(
            "it is larger than {} MiB, the most deckgen downloads",
            MAX_DOWNLOAD >> 20
        )
    };
    if response
        .body()
        .content_length()
        .is_some_and(|declared| declared > MAX_DOWNLOAD)
    {
        return Err(too_large());
    }
    let content_type = response.body().mime_type().unwrap_or("").to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_DOWNLOAD)
        .read_to_vec()
        .map_err(|err| match err {
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            other => reason(&other, url),
        })?;
    // The bytes say what a picture is; the server's word only explains why
    // something else came (a login or error page, typically).
    if content_type == "text/html" && !super::store::is_picture(&bytes) {
        return Err("the server sent a web page, not a picture".into());
    }
    Ok(bytes)
}

/// One agent for every download of the run: its roots are read once.
fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        let tls = TlsConfig::builder().root_certs(roots()).build();
        ureq::Agent::config_builder()
            .https_only(true)
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .timeout_connect(Some(CONNECT_TIMEOUT.min(total_timeout())))
            .timeout_global(Some(total_timeout()))
            .user_agent(concat!("deckgen/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build()
            .new_agent()
    })
}

/// How long a whole download may take: `DECKGEN_DOWNLOAD_TIMEOUT` seconds,
/// else [`TOTAL_TIMEOUT`].
fn total_timeout() -> Duration {
    std::env::var("DECKGEN_DOWNLOAD_TIMEOUT")
        .ok()
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0 && *seconds < 1e6)
        .map_or(TOTAL_TIMEOUT, Duration::from_secs_f64)
}

/// The system's root certificates, or Mozilla's when it has none.
fn roots() -> RootCerts {
    let found = rustls_native_certs::load_native_certs();
    if found.certs.is_empty() {
        return RootCerts::WebPki;
    }
    found
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .into()
}

/// Why a download failed, in a user's words.
fn reason(err: &ureq::Error, url: &str) -> String {
    use ureq::Error;
    match err {
        Error::Timeout(ureq::Timeout::Connect) => format!(
            "the server did not answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ),
        Error::Timeout(_) => format!(
            "it did not arrive within {} s (DECKGEN_DOWNLOAD_TIMEOUT allows more)",
            total_timeout().as_secs_f64()
        ),
        Error::HostNotFound => format!("no such host `{}`", host(url)),
        Error::ConnectionFailed => format!("cannot connect to `{}`", host(url)),
        Error::Rustls(cause) => format!("TLS failure: {cause}"),
        Error::Tls(cause) => format!("TLS failure: {cause}"),
        Error::RequireHttpsOnly(to) => {
            format!("it redirects to `{to}`, and deckgen downloads only `https://` addresses")
        }
        Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        // rustls's refusals reach ureq as invalid data.
        Error::Io(cause) if cause.kind() == std::io::ErrorKind::InvalidData => {
            format!("TLS failure: {cause}")
        }
        // The standard library's words when the name resolver finds no
        // address; its error kind is not one a program can match.
        Error::Io(cause) if cause.to_string().starts_with("failed to lookup address") => {
            format!("no such host `{}`", host(url))
        }
        Error::Io(cause) => crate::diag::io_reason(cause),
        other => other.to_string(),
    }
}

/// The host of an `https://` address, for messages.
fn host(url: &str) -> &str {
    let rest = url.get("https://".len()..).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_name_is_a_hash_of_the_whole_address() {
        let name = cache_name("https://example.com/photo?q=80&w=870");
        assert_eq!(name.len(), 64);
        assert!(name.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(name, cache_name("https://example.com/photo?q=80&w=871"));
    }

    #[test]
    fn the_host_is_named_without_path_port_or_user() {
        assert_eq!(host("https://a.example/b/c.png"), "a.example");
        assert_eq!(host("https://a.example:8443?x"), "a.example:8443");
        assert_eq!(host("https://me@a.example/"), "a.example");
    }
}
