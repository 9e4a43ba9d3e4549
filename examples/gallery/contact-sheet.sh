#!/bin/sh
# Builds the gallery and its slide bodies under every preset and writes
# docs/gallery.png: one row per preset (light, dark, contrast, ink), one
# column per layout, then one per body (lists, code, table, columns).
# Needs pdftoppm (poppler-utils) and montage (ImageMagick). Run from anywhere.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/target/gallery"
rm -rf "$work" && mkdir -p "$work"
cargo build --quiet --manifest-path "$root/Cargo.toml"
for preset in light dark contrast ink; do
    for deck in deck bodies; do
        sed "s/^  preset: light$/  preset: $preset/" "$root/examples/gallery/$deck.yaml" \
            > "$root/examples/gallery/.$preset.yaml"
        "$root/target/debug/deckgen" "$root/examples/gallery/.$preset.yaml" \
            -o "$work/$preset-$deck.pdf" --no-pdfpc
        rm "$root/examples/gallery/.$preset.yaml"
    done
    # Pages 3 to 10 of the gallery: the eight layout slides; pages 3 to 6
    # of the bodies: the four body slides.
    pdftoppm -png -r 14 -f 3 -l 10 "$work/$preset-deck.pdf" "$work/$preset-a"
    pdftoppm -png -r 14 -f 3 -l 6 "$work/$preset-bodies.pdf" "$work/$preset-b"
done
montage "$work"/light-*.png "$work"/dark-*.png "$work"/contrast-*.png "$work"/ink-*.png \
    -tile 12x -geometry +4+4 -background '#d0d0d4' "$root/docs/gallery.png"
echo "wrote docs/gallery.png"
