#!/usr/bin/env bash
# Prints the size of each image tarball `make images` wrote: compressed (what a registry stores
# and a node downloads: the sum of the gzip layer blobs) and uncompressed (what the node's disk
# holds once the layers are unpacked), per layer and in total, as Markdown table rows.
set -euo pipefail
IMAGES=${IMAGES_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target/images}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }
printf '| image | layers | compressed (MB) | uncompressed (MB) |\n|---|---|---|---|\n'
for tarball in "$IMAGES"/edgewise-operator.tar "$IMAGES"/edgewise-edge-runtime.tar; do
  [[ -f $tarball ]] || continue
  work=$(mktemp -d)
  tar -xf "$tarball" -C "$work"
  manifest=$work/blobs/sha256/$(jq -r '.manifests[0].digest' "$work/index.json" | sed 's/^sha256://')
  compressed=0 uncompressed=0 layers=()
  for digest in $(jq -r '.layers[].digest' "$manifest" | sed 's/^sha256://'); do
    c=$(stat -c %s "$work/blobs/sha256/$digest")
    u=$(gzip -dc "$work/blobs/sha256/$digest" | wc -c)
    compressed=$((compressed + c)) uncompressed=$((uncompressed + u))
    layers+=("$(mb "$c")/$(mb "$u")")
  done
  printf '| %s | %s | %s | %s |\n' "$(basename "$tarball" .tar)" "${layers[*]}" "$(mb $compressed)" "$(mb $uncompressed)"
  rm -rf "$work"
done
