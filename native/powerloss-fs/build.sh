#!/bin/sh
# Builds the power-loss helper into dist/native/powerloss-fs when libfuse3's headers (pkg-config
# fuse3) and a C compiler are present. Otherwise, or if the build fails, it prints one line saying
# the power-loss fault will be unavailable, and still exits 0: it runs from `npm install` (prepare),
# which must never fail for it.
cd "$(dirname "$0")" || exit 0
out=../../dist/native
cc=${CC:-cc}
unavailable() {
	echo "powerloss-fs not built ($1); the power-loss fault will be unavailable"
	exit 0
}
pkg-config --exists fuse3 2>/dev/null || unavailable "pkg-config fuse3 failed: apt-get install fuse3 libfuse3-dev pkg-config"
command -v "$cc" >/dev/null 2>&1 || unavailable "no C compiler $cc: apt-get install gcc libc6-dev"
mkdir -p "$out" || unavailable "cannot create $out"
# Build beside the target and rename, so a helper running from the old binary is not disturbed.
# shellcheck disable=SC2046
"$cc" -O2 -Wall -Wextra -std=gnu11 $(pkg-config --cflags fuse3) -o "$out/powerloss-fs.tmp" ./*.c $(pkg-config --libs fuse3) \
	&& mv "$out/powerloss-fs.tmp" "$out/powerloss-fs" \
	|| { rm -f "$out/powerloss-fs.tmp"; unavailable "the C build failed"; }
