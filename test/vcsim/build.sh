#!/bin/sh
# Builds the govmomi simulator main offline from Debian's packages (golang-go, golang-github-vmware-govmomi-dev).
# Usage: build.sh OUTPUT_BINARY
set -eu
out=${1:?usage: build.sh OUTPUT_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="${GOCACHE:-$work/cache}" GOFLAGS= GOPROXY=off \
  go build -o "$out" .
