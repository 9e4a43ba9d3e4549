//! Content keys: sixteen bytes that tell apart the fonts, pictures and
//! PDFs whose bytes differ, so a file named twice is embedded once and the
//! same deck always gets the same `/ID`.
//!
//! The hash is XXH3-128, not a cryptographic one: a key only merges two
//! files of one deck, and a file's `/ID` only tells it apart from other
//! files, so what matters is that different bytes never meet by chance
//! (one chance in 2^128) and that hashing megabytes of pictures costs
//! little: XXH3 reads them about ten times as fast as SHA-256.

/// The key of `bytes` as the `variant`th thing they hold (the page of a
/// PDF, the face of a font collection; 0 for the whole file), hashed in one
/// pass over the bytes as they lie.
pub fn of(bytes: &[u8], variant: u32) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128_with_seed(bytes, u64::from(variant)).to_be_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_follow_every_byte_and_the_variant() {
        let key = super::of(b"picture", 1);
        assert_eq!(key, super::of(b"picture", 1));
        assert_ne!(key, super::of(b"picture", 2));
        assert_ne!(super::of(b"picture", 0), super::of(b"picturf", 0));
    }
}
