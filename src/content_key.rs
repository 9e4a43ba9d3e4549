//! Content keys: sixteen bytes that tell apart the fonts, pictures and
//! PDFs whose bytes differ, so a file named twice is embedded once and the
//! same deck always gets the same `/ID`.
//!
//! The hash is XXH3-128, not a cryptographic one: a key only merges two
//! files of one deck, and a file's `/ID` only tells it apart from other
//! files, so what matters is that different bytes never meet by chance
//! (one chance in 2^128) and that hashing megabytes of pictures costs
//! little: XXH3 reads them about ten times as fast as SHA-256.

use xxhash_rust::xxh3::Xxh3Default;

/// The key of `parts`, read one after another.
pub fn of(parts: &[&[u8]]) -> [u8; 16] {
    let mut hasher = Xxh3Default::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.digest128().to_be_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_follow_every_byte() {
        let key = super::of(&[b"picture", &1u32.to_be_bytes()]);
        assert_eq!(key, super::of(&[b"picture", &1u32.to_be_bytes()]));
        assert_ne!(key, super::of(&[b"picture", &2u32.to_be_bytes()]));
        assert_ne!(super::of(&[b"picture"]), super::of(&[b"picturf"]));
        // The parts are one stream: where they are cut does not matter.
        assert_eq!(super::of(&[b"pic", b"ture"]), super::of(&[b"picture"]));
    }
}
