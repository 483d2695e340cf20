#!/bin/sh
# Builds one of the Go peers (test/vcsim, test/govmomi-client, bench/govmomi-peer) offline from Debian's packages: golang-go,
# golang-github-vmware-govmomi-dev, golang-github-google-uuid-dev. GOPATH mode, no module proxy. The peers' shared
# package test/go/vimlogin is copied onto the GOPATH as hvscan/test/go/vimlogin.
# Usage: build.sh SOURCE_DIR OUTPUT_BINARY
set -eu
src=${1:?usage: build.sh SOURCE_DIR OUTPUT_BINARY}
out=${2:?usage: build.sh SOURCE_DIR OUTPUT_BINARY}
shared=$(cd "$(dirname "$0")" && pwd)/vimlogin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/hvscan/test/go"
cp -R "$shared" "$work/src/hvscan/test/go/vimlogin"
cd "$src"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="${GOCACHE:-$work/cache}" GOFLAGS= GOPROXY=off \
  go build -o "$out" .
