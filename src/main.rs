#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h): how many milliseconds
/// freed memory waits before it goes back to the system. The crate leaves
/// the experimental options without names.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // mimalloc 3 keeps freed memory for a second by default: longer than a
    // build takes, so every freed picture would stay in the peak. 10 ms
    // keeps the peak near glibc's for nearly the same speed. A delay the
    // user set (`MIMALLOC_PURGE_DELAY`, which mimalloc reads) is kept.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an option before any thread is started, as
        // `mi_option_set` requires.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    }
    deckgen::cli::main()
}
