//! Marked content: the content of each structure element in `BDC … EMC`
//! sequences with their MCIDs, each artifact in `/Artifact BMC … EMC`
//! (ISO 32000-1, 14.6 and 14.8.2.2). Neighbouring artifacts share one
//! sequence; each piece of content has its own.

use crate::frame::Role;

use super::content::Content;

use super::structure::{type_name, Headings};

/// The marks of one page, numbered as they are written.
pub(super) struct Marks {
    /// Whether to mark anything at all (`--no-tags` says no).
    tags: bool,
    /// What each heading level is called.
    headings: Headings,
    /// The sequence written into now.
    open: Open,
    next_mcid: u32,
    next_link: usize,
}

/// Which kind of sequence is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Artifact,
    /// A piece of the content of the element being drawn.
    Content,
}

impl Marks {
    pub fn new(tags: bool, headings: Headings) -> Marks {
        Marks {
            tags,
            headings,
            open: Open::Nothing,
            next_mcid: 0,
            next_link: 0,
        }
    }

    /// Makes what is drawn next a piece of the content of `owner`, or an
    /// artifact when `None`; returns the MCID when a new sequence of
    /// content starts.
    pub fn piece(&mut self, owner: Option<&Role>, content: &mut Content) -> Option<u32> {
        if !self.tags {
            return None;
        }
        let wanted = if owner.is_some() {
            Open::Content
        } else {
            Open::Artifact
        };
        // Each line of text is a sequence of its own, so that readers
        // that join a sequence's text do not run two lines' words together.
        if self.open == Open::Artifact && wanted == Open::Artifact {
            return None;
        }
        self.close(content);
        self.open = wanted;
        let Some(role) = owner else {
            content.begin_marked("Artifact");
            return None;
        };
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        content.begin_content(type_name(role, self.headings), mcid);
        Some(mcid)
    }

    /// Ends the open sequence, if any.
    pub fn close(&mut self, content: &mut Content) {
        if self.open != Open::Nothing {
            content.end_marked();
            self.open = Open::Nothing;
        }
    }

    /// The index of the next link area on the page, counted in drawing order.
    pub fn link(&mut self) -> usize {
        self.next_link += 1;
        self.next_link - 1
    }

    /// How many MCIDs the page has.
    pub fn mcids(&self) -> u32 {
        self.next_mcid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `content` holds, as text.
    fn text(content: &Content) -> &str {
        std::str::from_utf8(content.as_bytes()).unwrap()
    }

    #[test]
    fn artifacts_share_a_sequence_and_each_piece_of_content_has_its_own() {
        let mut marks = Marks::new(true, Headings::ALL);
        let mut content = Content::new();
        assert_eq!(marks.piece(None, &mut content), None);
        assert_eq!(marks.piece(None, &mut content), None);
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut content), Some(0));
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut content), Some(1));
        marks.close(&mut content);
        marks.close(&mut content);
        assert_eq!(
            text(&content),
            "/Artifact BMC EMC/P<</MCID 0>>BDC EMC/P<</MCID 1>>BDC EMC"
        );
        assert_eq!(marks.mcids(), 2);
        assert_eq!((marks.link(), marks.link()), (0, 1));
    }

    #[test]
    fn without_tags_nothing_is_marked() {
        let mut marks = Marks::new(false, Headings::ALL);
        let mut content = Content::new();
        assert_eq!(marks.piece(Some(&Role::Paragraph), &mut content), None);
        marks.piece(None, &mut content);
        marks.close(&mut content);
        assert!(content.as_bytes().is_empty());
        assert_eq!(marks.mcids(), 0);
    }
}
