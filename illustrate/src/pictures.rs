//! Every picture of the sample deck, in the deck's order, one module per group of sections.

mod basics;
mod performance;
mod practice;
mod research;
mod world;

use crate::canvas::Picture;

/// The pictures, in the order of the slides they illustrate.
pub fn all() -> Vec<Picture> {
    [
        &basics::PICTURES[..],
        &performance::PICTURES,
        &research::PICTURES,
        &practice::PICTURES,
        &world::PICTURES,
    ]
    .concat()
}
