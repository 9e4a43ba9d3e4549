//! Counts the bytes the current thread asks the allocator for: a measure of
//! work that, unlike time, does not depend on how loaded the machine is.
//! Tests compare it across inputs of size n and 2n to pin how work grows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // `const` and `Copy`: reading it never allocates, so the allocator may use it.
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to `System` unchanged; only a count is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn count(size: usize) {
    // `try_with`: a thread being torn down has no count left to keep.
    let _ = BYTES.try_with(|bytes| bytes.set(bytes.get() + size as u64));
}

/// The bytes the current thread allocates while running `work`
/// (work on other threads is not counted).
pub fn bytes_allocated_by(work: impl FnOnce()) -> u64 {
    let before = BYTES.with(Cell::get);
    work();
    BYTES.with(Cell::get) - before
}
