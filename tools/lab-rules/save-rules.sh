#!/usr/bin/env bash
# Prints what iptables-save prints after the iptables commands read from standard input (one per
# line, written as in a lab README: `iptables -t nat -A ...`; blank lines and # comments skipped)
# have been run in a throwaway network namespace. This is how the shipped labs' rules files are
# made: real iptables (1.8.9, nf_tables) output, comment lines included.
# Usage (root): tools/lab-rules/save-rules.sh < commands > topologies/LAB/NODE.rules
set -euo pipefail
ns="nflabrules$$"
ip netns add "$ns"
trap 'ip netns delete "$ns"' EXIT
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  eval "ip netns exec $ns $line" >&2
done
ip netns exec "$ns" iptables-save
