#!/usr/bin/env bash
# Builds (or reuses) the control-plane binaries for kubepath's test cluster:
#   etcd, kube-apiserver, kube-controller-manager (tools/cluster) and kwok (tools/kwok)
# from the Go module proxy, with the machine's Go toolchain. No Docker, no downloads
# of prebuilt binaries.
#
# usage: scripts/cluster/build.sh [--force] [--print-dir]
#
# Output: ${XDG_CACHE_HOME:-~/.cache}/kubepath/k8s/<k8s version>/{etcd,kube-apiserver,
#         kube-controller-manager,kwok,build-info.json}
#
# Env:
#   KUBEPATH_CLUSTER_BIN_DIR  directory with prebuilt etcd + kube-apiserver (+ kube-controller-manager,
#                             kwok): nothing is built.
#   KUBEBUILDER_ASSETS        envtest's directory (etcd + kube-apiserver): nothing is built.
#   KUBEPATH_K8S_VERSION      Kubernetes version to build (default: the one pinned in
#                             tools/cluster/go.mod). A different one regenerates the wrapper
#                             with gen-wrapper.sh (replace list derived from the release's go.mod).
#   KUBEPATH_BUILD_TIMING=1   wrap each `go build` in /usr/bin/time -v (reports in the cache dir).
#   KUBEPATH_BUILD_JOBS       `go build -p` (default: GOMAXPROCS, default: number of cores).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
force=0; print_dir=0
for a in "$@"; do
  case $a in
    --force) force=1 ;;
    --print-dir) print_dir=1 ;;
    -h|--help) sed -n '2,/^set -euo pipefail/{/^set /!p}' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done

log() { [[ $print_dir == 1 ]] && echo "$*" >&2 || echo "$*"; }

have_bins() { [[ -n ${1:-} && -x $1/etcd && -x $1/kube-apiserver ]]; }
for var in KUBEPATH_CLUSTER_BIN_DIR KUBEBUILDER_ASSETS; do
  dir=${!var:-}
  if [[ -n $dir ]]; then
    if have_bins "$dir"; then
      log "cluster:build: using prebuilt binaries from $var=$dir (nothing to build)"
      [[ $print_dir == 1 ]] && echo "$dir"
      exit 0
    fi
    echo "cluster:build: $var=$dir does not contain executable etcd and kube-apiserver; ignoring it" >&2
  fi
done

pinned=$(sed -n 's/^[[:space:]]*k8s\.io\/kubernetes[[:space:]]\{1,\}\(v[0-9.]*\).*/\1/p' "$root/tools/cluster/go.mod" 2>/dev/null | head -1 || true)
want=${KUBEPATH_K8S_VERSION:-$pinned}
want=v${want#v}
[[ $want != v ]] || { echo "cluster:build: tools/cluster/go.mod pins no k8s.io/kubernetes and KUBEPATH_K8S_VERSION is unset" >&2; exit 1; }

cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/kubepath/k8s
out=$cache_root/$want

if ! command -v go >/dev/null 2>&1; then
  if [[ -x $out/etcd && -x $out/kube-apiserver && -f $out/build-info.json ]]; then
    log "cluster:build: no Go toolchain, but cached binaries exist in $out; using them"
    [[ $print_dir == 1 ]] && echo "$out"
    exit 0
  fi
  cat >&2 <<EOF
cluster:build: cannot get a Kubernetes control plane: no Go toolchain and no binaries.
  Either install Go >= 1.26 (https://go.dev/doc/install, or your package manager) so the binaries
  can be built from the Go module proxy into $out,
  or point KUBEPATH_CLUSTER_BIN_DIR (or KUBEBUILDER_ASSETS) at a directory containing
  etcd and kube-apiserver (plus kube-controller-manager and kwok for the full tier).
EOF
  exit 1
fi

export CGO_ENABLED=0 GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=mod
export GOMAXPROCS=${GOMAXPROCS:-$(nproc 2>/dev/null || echo 2)}
jobs=${KUBEPATH_BUILD_JOBS:-$GOMAXPROCS}

if [[ $want != "$pinned" ]]; then
  log "cluster:build: tools/cluster pins ${pinned:-nothing}, $want requested: regenerating the wrappers"
  "$root/scripts/cluster/gen-wrapper.sh" "$want" >&2
fi

hash_inputs() {
  cat "$root/tools/cluster/go.mod" "$root/tools/cluster/go.sum" \
      "$root/tools/kwok/go.mod" "$root/tools/kwok/go.sum" "$root/scripts/cluster/build.sh"
  go version
}
hash=$(hash_inputs | sha256sum | cut -d' ' -f1)

if [[ $force == 0 && -f $out/build-info.json ]] && grep -q "\"hash\": \"$hash\"" "$out/build-info.json" &&
   [[ -x $out/etcd && -x $out/kube-apiserver && -x $out/kube-controller-manager ]]; then
  log "cluster:build: binaries for $want are up to date in $out"
  [[ $print_dir == 1 ]] && echo "$out"
  exit 0
fi

minor=$(echo "$want" | cut -d. -f2)
ld="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld+=" -X $p.gitVersion=$want -X $p.gitMajor=1 -X $p.gitMinor=$minor"
  ld+=" -X $p.gitTreeState=clean -X $p.buildDate=2000-01-01T00:00:00Z"   # fixed date keeps links cacheable
done

mkdir -p "$cache_root"
stage=$(mktemp -d "$cache_root/.build-${want}-XXXXXX")
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT
timings=()

timed() { # name cmd...
  local name=$1; shift
  local t0=$SECONDS
  log "cluster:build: building $name ..."
  if [[ ${KUBEPATH_BUILD_TIMING:-0} == 1 && -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$stage/time-$name.txt" "$@" || return $?
  else
    "$@" || return $?
  fi
  timings+=("\"$name\": $((SECONDS - t0))")
  log "cluster:build: $name built in $((SECONDS - t0)) s"
}

kflags=(-p "$jobs" -trimpath -pgo=off -tags selinux,notest,grpcnotrace -ldflags "$ld")
cd "$root/tools/cluster"
timed kube-apiserver go build "${kflags[@]}" -o "$stage/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
timed kube-controller-manager go build "${kflags[@]}" -o "$stage/kube-controller-manager" k8s.io/kubernetes/cmd/kube-controller-manager
# explicit -o: otherwise Go names it "server"
timed etcd go build -p "$jobs" -trimpath -ldflags "-s -w" -o "$stage/etcd" go.etcd.io/etcd/server/v3
etcd_version=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)

cd "$root/tools/kwok"
kwok_version=$(go list -m -f '{{.Version}}' sigs.k8s.io/kwok)
if timed kwok go build -p "$jobs" -trimpath -ldflags "-s -w" -o "$stage/kwok" sigs.k8s.io/kwok/cmd/kwok; then
  kwok_dir=$(go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
  # kwok's stage files ship in its module; keep a copy beside the binary (outside the repo) so
  # the harness does not depend on the module cache or on Go at run time
  for s in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    mkdir -p "$stage/kwok-stages/$(dirname "$s")"
    cp "$kwok_dir/kustomize/stage/$s" "$stage/kwok-stages/$s"
  done
  chmod -R u+w "$stage/kwok-stages"
else
  echo "cluster:build: kwok did not build; the harness will fall back to its TypeScript fake kubelet (tier B)" >&2
  kwok_version=""; kwok_dir=""
fi

# sanity: the binaries run and report the right versions (set -e stops on failure)
apiv=$("$stage/kube-apiserver" --version)
[[ $apiv == "Kubernetes $want" ]] || { echo "cluster:build: kube-apiserver --version printed '$apiv', expected 'Kubernetes $want'" >&2; exit 1; }
"$stage/etcd" --version >/dev/null

bins=$(cd "$stage" && ls | grep -v -e '^time-' -e '^kwok-stages$' | sed 's/.*/"&"/' | paste -sd, -)
cat > "$stage/build-info.json" <<EOF
{
  "kubernetes": "$want",
  "etcd": "$etcd_version",
  "kwok": "$kwok_version",
  "kwokModuleDir": "$kwok_dir",
  "go": "$(go env GOVERSION)",
  "hash": "$hash",
  "builtAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "buildSeconds": { $(IFS=,; echo "${timings[*]}") },
  "binaries": [ $bins ]
}
EOF

# swap the finished build into place (never leave a half-built cache dir)
rm -rf "$out.old"
[[ -d $out ]] && mv "$out" "$out.old"
mv "$stage" "$out"
trap - EXIT
rm -rf "$out.old"
log "cluster:build: $apiv, etcd $etcd_version, kwok ${kwok_version:-none} -> $out"
[[ $print_dir == 1 ]] && echo "$out"
exit 0
