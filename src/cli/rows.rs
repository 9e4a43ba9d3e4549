//! The rows of `deckgen check`'s preflight table: each image with its
//! file's facts, and what is worth knowing about it. Printed as a table by
//! `check` and as JSON by `check_json`.

use crate::preflight::{
    ImagePreflight, RasterResolution, Resolution, LOW_PRINT_PPI, LOW_SCREEN_PPI, OVERSIZE_FACTOR,
};

use super::human_size;

/// One row of the table: an image, and its file as it is on disk.
pub(super) struct Row {
    pub image: ImagePreflight,
    /// The file's size in bytes.
    pub bytes: Option<u64>,
}

impl Row {
    /// The bytes scaling the image down to what its page needs would save,
    /// when it has far more than that.
    pub fn bytes_saved(&self) -> Option<u64> {
        let image = self.raster()?;
        let bytes = self.bytes.filter(|_| image.oversized())?;
        Some(image.bytes_saved_at(image.needed_ppi, bytes))
    }

    /// The resolution of a raster image; `None` for a vector figure.
    pub fn raster(&self) -> Option<&RasterResolution> {
        match &self.image.resolution {
            Resolution::Raster(raster) => Some(raster),
            Resolution::Vector { .. } => None,
        }
    }

    /// What is worth knowing about a raster image, if anything (a vector
    /// figure is sharp at any size).
    pub fn remark(&self) -> String {
        let Some(image) = self.raster() else {
            return String::new();
        };
        let mut remarks = Vec::new();
        if image.low_on_screen() {
            remarks.push(format!("under {LOW_SCREEN_PPI} ppi on screen"));
        }
        if image.low_in_print() {
            remarks.push(format!("under {LOW_PRINT_PPI} ppi in print"));
        }
        if image.oversized() {
            let mut remark = format!(
                "over {OVERSIZE_FACTOR}x the {:.0} ppi its page needs",
                image.needed_ppi
            );
            if let Some(saved) = self.bytes_saved() {
                remark += &format!("; ~{} to save", human_size(saved));
            }
            remarks.push(remark);
        }
        remarks.join("; ")
    }
}

/// The image's row, with its file's size read from disk.
pub(super) fn with_file_facts(image: ImagePreflight) -> Row {
    let path = &image.file.path;
    let bytes = std::fs::metadata(path).ok().map(|meta| meta.len());
    Row { bytes, image }
}
