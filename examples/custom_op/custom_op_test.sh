#!/bin/bash
# Checks the custom-op walkthrough end to end: zero_out_main runs ZeroOut through its
# generated builder and writes its graph; load_and_run fails on that graph (and on the
# checked-in one) until it loads libzero_out.so, then computes the same values.
set -euo pipefail

zero_out_main="$1"
load_and_run="$2"
library="$3"
checked_in_graph="$4"

fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # expect OUTPUT LINE
  grep -qF -- "$2" <<<"$1" || fail "the output lacks: $2"
}

written_graph="${TEST_TMPDIR}/zero_out_graph.pbtxt"
output="$("${zero_out_main}" "${written_graph}")"
echo "${output}"
expect "${output}" 'zeroed = Tensor("zeroed:0", shape=(2, 2), dtype=int32)'
expect "${output}" 'session.run(zeroed) = [[5 0] [0 0]]'
expect "${output}" 'session.run(zeroed_floats) = [1.5 0 0]'
[[ -s "${written_graph}" ]] || fail "zero_out_main wrote no graph"

for graph in "${checked_in_graph}" "${written_graph}"; do
  output="$("${load_and_run}" "${library}" "${graph}")"
  echo "${output}"
  expect "${output}" "Op type not registered 'ZeroOut'"
  expect "${output}" '//examples/custom_op:zero_out (libzero_out.so)'
  expect "${output}" 'which registered: ZeroOut, and gradients for: ZeroOut'
  expect "${output}" 'zeroed:0 = [[5 0] [0 0]]'
done
expect "${output}" 'zeroed_floats:0 = [1.5 0 0]'
echo PASSED
