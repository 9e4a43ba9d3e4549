//! Work spread over every core, results kept in input order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, TrySendError};
use std::sync::Mutex;

/// How many threads work at once: one a core. Asked once: on Linux each
/// answer reads the process's cgroup files, and a build asks several times.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `work` applied to every item, on as many threads as there are cores (at
/// most one per item), this one among them. Each thread takes the next
/// unclaimed item, so a slow item does not hold up the others; the results
/// come back in the order of `items` whatever order they finish in, so
/// output stays deterministic. This thread working too also keeps what the
/// work allocates partly in its own memory arena, where what it does next
/// can reuse it once freed (the allocator gives each thread a heap of its
/// own).
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    let take_items = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(index) else { break };
        let result = work(item);
        results.lock().expect("no worker panics holding the lock")[index] = Some(result);
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(take_items);
        }
        take_items();
    });
    results
        .into_inner()
        .expect("no worker panics holding the lock")
        .into_iter()
        .map(|result| result.expect("every item was worked on"))
        .collect()
}

/// `work` applied to every item in place, the items cut into one run a
/// core, each run on a thread of its own (this one among them).
pub fn each_mut<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let per_thread = items.len().div_ceil(cores()).max(1);
    let mut runs = items.chunks_mut(per_thread);
    let Some(first) = runs.next() else { return };
    std::thread::scope(|scope| {
        for run in runs {
            scope.spawn(|| run.iter_mut().for_each(&work));
        }
        first.iter_mut().for_each(&work);
    });
}

/// The most threads [`alongside`] starts: one producer keeps no more busy,
/// and each holds its own state and two waiting items.
const HELPERS: usize = 3;

/// Runs `produce` on this thread while other threads (one a core besides
/// this one, at most [`HELPERS`]) `work` on the items it hands over
/// (through the function it is given), each with a state of its own, made
/// by `new_state` when it first works. When they are behind, this thread
/// works on the item itself (with a state of its own), so few items wait
/// and every core stays busy; once `produce` returns, it works on what is
/// left (with the same state). Gives what `produce` returned, and the
/// results in the order the items were handed over.
pub fn alongside<T: Send, R: Send, S, P>(
    new_state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
    produce: impl FnOnce(&mut dyn FnMut(T)) -> P,
) -> (P, Vec<R>) {
    let helpers = (cores() - 1).min(HELPERS);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::new());
    let keep = |index: usize, result: R| {
        results
            .lock()
            .expect("no worker panics holding the lock")
            .push((index, result));
    };
    // This thread's state.
    let mut own: Option<S> = None;
    let work_with = |state: &mut Option<S>, index: usize, item: T| {
        keep(index, work(state.get_or_insert_with(&new_state), item));
    };
    let produced = if helpers == 0 {
        let mut handed = 0;
        produce(&mut |item| {
            work_with(&mut own, handed, item);
            handed += 1;
        })
    } else {
        // A short queue: an item waits for a worker only while the others
        // are busy, so what waits stays small.
        let (sender, receiver) = mpsc::sync_channel::<(usize, T)>(2 * helpers);
        let receiver = Mutex::new(receiver);
        // Works on the items handed over until the sender is gone, with
        // `state` (made at the first item if there is none yet).
        let drain = |state: &mut Option<S>| loop {
            let next = receiver
                .lock()
                .expect("no worker panics holding the lock")
                .recv();
            let Ok((index, item)) = next else { break };
            work_with(state, index, item);
        };
        std::thread::scope(|scope| {
            for _ in 0..helpers {
                scope.spawn(move || drain(&mut None));
            }
            let mut handed = 0;
            let produced = produce(&mut |item| {
                match sender.try_send((handed, item)) {
                    Ok(()) => {}
                    Err(TrySendError::Full((index, item))) => work_with(&mut own, index, item),
                    Err(TrySendError::Disconnected(_)) => {
                        unreachable!("the workers outlive the sender")
                    }
                }
                handed += 1;
            });
            drop(sender);
            drain(&mut own);
            produced
        })
    };
    let mut results = results
        .into_inner()
        .expect("no worker panics holding the lock");
    results.sort_unstable_by_key(|(index, _)| *index);
    (
        produced,
        results.into_iter().map(|(_, result)| result).collect(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u64> = (0..100).collect();
        let squares = super::map(&items, |n| {
            // Uneven work, so items finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((100 - n) * 10));
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |b| *b).is_empty());
    }

    #[test]
    fn what_is_handed_over_comes_back_in_order_whoever_works_on_it() {
        let ((), results) = super::alongside(
            || 0u32,
            |worked: &mut u32, n: u64| {
                *worked += 1;
                // Uneven work, so the queue fills and this thread helps.
                std::thread::sleep(std::time::Duration::from_micros((n % 7) * 200));
                (n * n, *worked)
            },
            |hand_over| (0..200).for_each(hand_over),
        );
        let squares: Vec<u64> = results.iter().map(|(square, _)| *square).collect();
        assert_eq!(squares, (0..200).map(|n| n * n).collect::<Vec<_>>());
        // Each worker's own state counted its items, one by one.
        assert!(results.iter().all(|(_, worked)| *worked >= 1));
        let (produced, nothing) =
            super::alongside(|| (), |(), n: u8| n, |_hand_over| "nothing handed over");
        assert_eq!(produced, "nothing handed over");
        assert!(nothing.is_empty());
    }

    #[test]
    fn every_item_is_worked_on_in_place_once() {
        for length in [0, 1, 2, 3, 1001] {
            let mut items: Vec<u64> = (0..length).collect();
            super::each_mut(&mut items, |n| *n = *n * 3 + 1);
            assert_eq!(items, (0..length).map(|n| n * 3 + 1).collect::<Vec<_>>());
        }
    }
}
