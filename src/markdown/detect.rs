//! Which conventions a Markdown deck follows, when its front matter does
//! not say: what only Marp or only Pandoc reads decides, and the shape of
//! the slides when nothing does.

use super::blocks::Block;
use super::directives;
use super::front_matter::{FrontMatter, ThemeKey};
use super::marp;
use super::Convention;

/// The conventions of a deck with front matter `front` (and a `%` title
/// block when `title_block`) and body `blocks`.
pub(crate) fn convention(front: &FrontMatter, title_block: bool, blocks: &[Block]) -> Convention {
    if let Some(marp) = front.marp {
        return if marp {
            Convention::Marp
        } else {
            Convention::Pandoc
        };
    }
    let (marp, pandoc) = (
        marp_signs(front, blocks),
        pandoc_signs(front, title_block, blocks),
    );
    if marp != pandoc {
        return if marp > pandoc {
            Convention::Marp
        } else {
            Convention::Pandoc
        };
    }
    // A title with its author or date asks for a title slide, which
    // Pandoc makes and Marp does not.
    let title_page = front.title.is_some() && (front.author.is_some() || front.date.is_some());
    if !title_page && marp::looks_like_marp(blocks) {
        Convention::Marp
    } else {
        Convention::Pandoc
    }
}

/// How many of the things only Marp reads the deck has.
fn marp_signs(front: &FrontMatter, blocks: &[Block]) -> usize {
    let marp_theme = matches!(
        front.theme.as_ref().map(|t| &t.value),
        Some(ThemeKey::Named(name)) if matches!(name.trim(), "default" | "gaia" | "uncover")
    );
    let keys = [
        marp_theme,
        front.paginate.is_some(),
        front.heading_divider.is_some(),
        front.size.is_some(),
        front.class.is_some() || front.first_class.is_some(),
        front.background_color.is_some() || front.background_image.is_some(),
        front.header.is_some() || front.footer.is_some(),
        front.math.is_some(),
        front.ignored_keys.is_some_and(|(marp, _)| marp > 0),
    ];
    let backgrounds = blocks.iter().any(|block| {
        matches!(block, Block::Image(image) if image.alt.split_whitespace().next() == Some("bg"))
    });
    let directives = blocks.iter().any(
        |block| matches!(block, Block::Comment { body, .. } if directives::is_directives(body)),
    );
    keys.into_iter().filter(|sign| *sign).count()
        + usize::from(backgrounds)
        + usize::from(directives)
}

/// How many of the things only Pandoc reads the deck has.
fn pandoc_signs(front: &FrontMatter, title_block: bool, blocks: &[Block]) -> usize {
    let keys = [
        title_block,
        front.institute.is_some(),
        front.aspectratio.is_some(),
        front.slide_level.is_some(),
        front.incremental.is_some(),
        front.subtitle.is_some(),
        front.ignored_keys.is_some_and(|(_, pandoc)| pandoc > 0),
    ];
    let notes = blocks
        .iter()
        .any(|block| matches!(block, Block::Notes { .. }));
    keys.into_iter().filter(|sign| *sign).count() + usize::from(notes)
}
