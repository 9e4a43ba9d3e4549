#!/bin/sh
# Builds the gallery under every preset and writes docs/gallery.png: one row
# per preset (light, dark, contrast, ink), one column per layout.
# Needs pdftoppm (poppler-utils) and montage (ImageMagick). Run from anywhere.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/target/gallery"
rm -rf "$work" && mkdir -p "$work"
cargo build --quiet --manifest-path "$root/Cargo.toml"
for preset in light dark contrast ink; do
    sed "s/^  preset: light$/  preset: $preset/" "$root/examples/gallery/deck.yaml" \
        > "$root/examples/gallery/.$preset.yaml"
    "$root/target/debug/deckgen" "$root/examples/gallery/.$preset.yaml" \
        -o "$work/$preset.pdf" --no-pdfpc
    rm "$root/examples/gallery/.$preset.yaml"
    # Pages 3 to 10: the eight layout slides.
    pdftoppm -png -r 14 -f 3 -l 10 "$work/$preset.pdf" "$work/$preset"
done
montage "$work"/light-*.png "$work"/dark-*.png "$work"/contrast-*.png "$work"/ink-*.png \
    -tile 8x -geometry +4+4 -background '#d0d0d4' "$root/docs/gallery.png"
echo "wrote docs/gallery.png"
