#!/usr/bin/env bash
# Builds the Edgewise base image offline, with no container engine: a jlink JRE made from the
# local JDK 17 plus the Debian shared libraries it needs (libc6, libgcc-s1, libstdc++6, zlib1g,
# fetched with `apt-get download` and unpacked with `dpkg -x`), a non-root user (uid/gid 10001)
# and a world-writable /tmp. Writes a docker-save tarball that Jib reads as `tar://...`.
#
# Usage: images/base/build.sh [OUT_TAR]      (default: target/images/edgewise-base.tar)
# Env:   JAVA_HOME   the JDK 17 to jlink from (default: the one `javac` belongs to)
#        DEB_CACHE   where downloaded .deb files are kept (default: .cache/debs)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/target/images/edgewise-base.tar}
WORK=$ROOT/target/images/base-build
DEB_CACHE=${DEB_CACHE:-$ROOT/.cache/debs}
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
TAG=edgewise-base:17
UID_GID=10001

# Modules a Quarkus JVM app with fabric8 and DJL loads (java.desktop: java.beans for YAML/JSON
# binding and DJL's image types; jdk.crypto.ec: TLS to the API server; jdk.unsupported: Netty).
MODULES=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming
MODULES=$MODULES,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml
MODULES=$MODULES,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g)

log() { printf '[base-image] %s\n' "$*" >&2; }

# What it needs, said in one line before anything is done: root (chroot, chown to uid 10001) and
# apt-get and dpkg (the Debian packages, downloaded once into DEB_CACHE).
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  log "needs root and apt-get/dpkg (Debian or Ubuntu): run it as root, or build the images on another base: make images IMAGE_BASE=<image>"
  exit 2
fi

rm -rf "$WORK"
mkdir -p "$WORK/rootfs" "$DEB_CACHE" "$(dirname "$OUT")"
ROOTFS=$WORK/rootfs

log "Debian packages: ${PACKAGES[*]}"
for package in "${PACKAGES[@]}"; do
  if ! compgen -G "$DEB_CACHE/${package}_*_amd64.deb" >/dev/null; then
    (cd "$DEB_CACHE" && apt-get -q -o APT::Sandbox::User=root download "$package")
  fi
  deb=$(ls -1 "$DEB_CACHE/${package}"_*_amd64.deb | sort -V | tail -1)
  dpkg -x "$deb" "$ROOTFS"
done
# Documentation, locales and iconv modules: nothing in a JVM image reads them.
rm -rf "$ROOTFS"/usr/share/doc "$ROOTFS"/usr/share/lintian "$ROOTFS"/usr/share/locale \
  "$ROOTFS"/usr/share/gcc "$ROOTFS"/usr/share/gdb "$ROOTFS"/usr/lib/x86_64-linux-gnu/gconv \
  "$ROOTFS"/etc/ld.so.conf.d "$ROOTFS"/usr/share/man

log "jlink from $JAVA_HOME: $MODULES"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$ROOTFS/opt/java/openjdk"
# Debian ships the JDK's native libraries with their symbol tables (libjvm.so: 24 MB, 20 stripped).
find "$ROOTFS/opt/java/openjdk" -name '*.so' -exec strip --strip-unneeded {} +
# Debian's JDK keeps its security files as links into /etc: copy what they point to.
for link in "$ROOTFS"/opt/java/openjdk/lib/security/* "$ROOTFS"/opt/java/openjdk/conf/security/java.security; do
  if [[ -L "$link" ]]; then
    target=$(readlink -f "$link")
    rm "$link"
    if [[ -f "$target" ]]; then cp "$target" "$link"; fi
  fi
done
test -s "$ROOTFS/opt/java/openjdk/lib/security/cacerts" || { log "no cacerts"; exit 1; }

# Debian builds the launcher with an absolute RUNPATH into /usr/lib/jvm: tell the loader where
# the JRE's libraries are instead.
mkdir -p "$ROOTFS/etc"
printf '%s\n' /opt/java/openjdk/lib /opt/java/openjdk/lib/server > "$ROOTFS/etc/ld.so.conf"
ldconfig -r "$ROOTFS"

log "user $UID_GID, /tmp, /etc"
mkdir -p "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/home/edgewise" "$ROOTFS/proc" "$ROOTFS/dev" "$ROOTFS/sys"
chmod 1777 "$ROOTFS/tmp"
cat > "$ROOTFS/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
edgewise:x:$UID_GID:$UID_GID:Edgewise:/home/edgewise:/sbin/nologin
PASSWD
cat > "$ROOTFS/etc/group" <<GROUP
root:x:0:
edgewise:x:$UID_GID:
GROUP
echo 'hosts: files dns' > "$ROOTFS/etc/nsswitch.conf"
chown "$UID_GID:$UID_GID" "$ROOTFS/home/edgewise"

log "checking the JRE runs in the new root"
chroot "$ROOTFS" /opt/java/openjdk/bin/java -version 2>&1 | sed 's/^/  /' >&2

log "writing $OUT"
IMAGE=$WORK/image
mkdir -p "$IMAGE"
tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 \
  --exclude=./home/edgewise -C "$ROOTFS" -cf "$IMAGE/layer.tar" . \
  && tar --numeric-owner --owner=$UID_GID --group=$UID_GID --mtime=@0 -C "$ROOTFS" \
       -rf "$IMAGE/layer.tar" ./home/edgewise
layer_sha=$(sha256sum "$IMAGE/layer.tar" | cut -d' ' -f1)
mkdir -p "$IMAGE/$layer_sha"
mv "$IMAGE/layer.tar" "$IMAGE/$layer_sha/layer.tar"
cat > "$IMAGE/config.json" <<CONFIG
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"$UID_GID:$UID_GID","WorkingDir":"/",
  "Env":["PATH=/opt/java/openjdk/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"edgewise-base","org.opencontainers.image.description":"jlink JRE 17 on Debian libc, uid 10001"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/base/build.sh"}]}
CONFIG
config_sha=$(sha256sum "$IMAGE/config.json" | cut -d' ' -f1)
mv "$IMAGE/config.json" "$IMAGE/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$TAG" "$layer_sha" > "$IMAGE/manifest.json"
# Name the entries (no "./" prefix: Jib refuses to unpack it).
tar --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$IMAGE" -cf "$OUT.tmp" \
  manifest.json "$config_sha.json" "$layer_sha/layer.tar"
mv "$OUT.tmp" "$OUT"
rm -rf "$WORK"
log "done: $OUT ($(du -m "$OUT" | cut -f1) MB, layer sha256:$layer_sha)"
