//! How soon the allocator hands freed memory back to the system.
//!
//! mimalloc keeps freed pages for a while in case they are wanted again: by default it
//! returns them a second after they fall free. A build frees a disclosure's working memory
//! (its tables, pages, the workbook sheets rendered on threads of their own) dozens of times
//! a second, so at any moment a second's worth of freed pages still counted as the process's
//! memory: about half of a cold build's peak. Returned after 5 ms, a cold build of 2,000
//! disclosures peaked at 38–40 MB instead of 70–83 MB (50 ms: 54–60 MB; 200 ms: 62–68 MB)
//! for about a tenth more wall time, most of it system time spent returning pages.

use libmimalloc_sys as ffi;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (milliseconds).
const PURGE_DELAY: ffi::mi_option_t = 15;

/// What [`tune`] sets it to.
const DELAY_MS: std::ffi::c_long = 5;

/// Sets the allocator's purge delay; called first thing, before any thread starts. A user's
/// own `MIMALLOC_PURGE_DELAY` still wins.
pub fn tune() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores the value; PURGE_DELAY is an option of the linked
        // mimalloc (the test below checks the number against the option's default).
        unsafe { ffi::mi_option_set(PURGE_DELAY, DELAY_MS) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number names the option meant: it reads as purge_delay's documented default (in a
    /// test process, where `tune` has not run), and as what `tune` sets afterwards.
    #[test]
    fn the_option_is_the_one_meant() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reading and setting an option of the linked mimalloc.
        assert_eq!(unsafe { ffi::mi_option_get(PURGE_DELAY) }, 1000);
        tune();
        assert_eq!(unsafe { ffi::mi_option_get(PURGE_DELAY) }, DELAY_MS);
    }
}
