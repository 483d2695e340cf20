#!/bin/sh
# Builds one of the Go peers (test/vcsim, test/govmomi-client, bench/govmomi-peer) offline from Debian's packages: golang-go,
# golang-github-vmware-govmomi-dev, golang-github-google-uuid-dev. GOPATH mode, no module proxy.
# Usage: build.sh SOURCE_DIR OUTPUT_BINARY
set -eu
src=${1:?usage: build.sh SOURCE_DIR OUTPUT_BINARY}
out=${2:?usage: build.sh SOURCE_DIR OUTPUT_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="${GOCACHE:-$work/cache}" GOFLAGS= GOPROXY=off \
  go build -o "$out" .
