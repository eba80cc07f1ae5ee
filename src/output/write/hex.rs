//! SHA-256 hashes as the hex text manifests print, and back.

/// The 32 bytes of a SHA-256 given as 64 hex digits; none when it is not one.
pub fn parse_sha256(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(digits.chunks(2)) {
        *o = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

/// The bytes of a hash this build wrote as hex itself (zeros if it somehow is not one).
pub(super) fn unhex(text: &str) -> [u8; 32] {
    parse_sha256(text).unwrap_or_default()
}

/// Lower-case hex digits of `bytes`, as `sha256sum` prints a hash: once per file written,
/// so without a small string per byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    s
}
