#!/usr/bin/env bash
# (Re)generates the Go wrapper modules tools/cluster (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler) and tools/kwok (kwok) for one
# Kubernetes release.
#
# usage: scripts/cluster/gen-wrapper.sh [1.37.2] [kwok-version]
#
# The list of k8s.io/* "staging" modules is NOT hand-copied: it is derived
# from the `replace k8s.io/x => ./staging/src/k8s.io/x` lines of the
# release's own go.mod as served by the Go module proxy. Every such module is
# pinned to its published tag (v1.37.2 <-> v0.37.2). Commit the resulting
# go.mod/go.sum/staging-modules.txt: a version bump is then a reviewable diff.
set -euo pipefail
export GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod
k8s=${1:-1.37.2}
k8s=${k8s#v}
kwok=${2:-v0.8.0}
[[ $k8s =~ ^1\.[0-9]+\.[0-9]+$ ]] || { echo "usage: $0 1.37.2 [v0.8.0]" >&2; exit 2; }
staging=v0.${k8s#1.}
root=$(cd "$(dirname "$0")/../.." && pwd)

# ---- tools/cluster ---------------------------------------------------------
cd "$root/tools/cluster"
rm -f go.mod go.sum
go mod init kubepath.invalid/cluster-bins >/dev/null 2>&1
go mod edit -go=1.26.0
modfile=$(go mod download -json "k8s.io/kubernetes@v$k8s" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
[[ -f $modfile ]] || { echo "go mod download gave no GoMod path for k8s.io/kubernetes@v$k8s" >&2; exit 1; }
# any replace that is not a staging mapping needs a human decision
if grep '=>' "$modfile" | grep -v '=> \./staging/'; then echo "unexpected replace lines in $modfile" >&2; exit 1; fi
sed -n 's|^[[:space:]]*\(k8s\.io/[^[:space:]]*\) => \./staging/.*|\1|p' "$modfile" > staging-modules.txt
[[ -s staging-modules.txt ]] || { echo "no staging modules found in $modfile" >&2; exit 1; }
while read -r m; do go mod edit -replace="$m=$m@$staging"; done < staging-modules.txt
if [[ -f extra-replaces.txt ]]; then
  grep -v '^[[:space:]]*\(#\|$\)' extra-replaces.txt | while read -r r; do go mod edit -replace="$r"; done
fi
sed -n 's/^godebug[[:space:]]\{1,\}//p' "$modfile" | while read -r kv; do go mod edit -godebug="$kv"; done
go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@v$k8s" \
  "k8s.io/kubernetes/cmd/kube-controller-manager@v$k8s" \
  "k8s.io/kubernetes/cmd/kube-scheduler@v$k8s"
etcd=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)   # the version Kubernetes already selects
go get -tool "go.etcd.io/etcd/server/v3@$etcd"
go mod tidy
echo "tools/cluster: k8s.io/kubernetes v$k8s, etcd $etcd, $(wc -l < staging-modules.txt) staging modules"

# ---- tools/kwok (own module: kwok pins its own k8s.io/* versions) -----------
cd "$root/tools/kwok"
rm -f go.mod go.sum
go mod init kubepath.invalid/kwok-bin >/dev/null 2>&1
go mod edit -go=1.26.0
go get -tool "sigs.k8s.io/kwok/cmd/kwok@$kwok"
go mod tidy
echo "tools/kwok: sigs.k8s.io/kwok $kwok"
