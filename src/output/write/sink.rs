//! Streaming one file of the site, hashed as it is written (see [`Output::write_with`]).

use super::{BuildError, fail};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// A file of the site being streamed: see [`super::Output::write_with`].
pub struct Sink<'a> {
    pub(super) to: &'a Path,
    pub(super) file: std::io::BufWriter<std::fs::File>,
    pub(super) hash: Sha256,
    pub(super) len: u64,
}

impl Sink<'_> {
    /// Writes `bytes`, naming the file if that fails.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), BuildError> {
        self.write_all(bytes)
            .map_err(|e| fail("cannot write", self.to, e))
    }

    /// A failure while filling this file, naming the file.
    pub fn failed(&self, e: std::io::Error) -> BuildError {
        fail("cannot write", self.to, e)
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}
