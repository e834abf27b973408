#!/bin/bash
# Runs //examples:constants and checks that it prints the lecture's "Constants, Sequences"
# results, each under its expression with the shape inferred at graph construction.
set -euo pipefail

output="$("$1" 2>&1)"
echo "${output}"

# expect EXPRESSION TENSOR VALUE: the expression's line is followed by the symbolic tensor
# and then by "= VALUE".
expect() {
  local block
  if ! block="$(grep -F -A2 -- "$1" <<<"${output}")"; then
    echo "FAILED: the output lacks the expression: $1" >&2
    exit 1
  fi
  if ! grep -qxF -- "    $2" <<<"${block}" || ! grep -qxF -- "    = $3" <<<"${block}"; then
    echo "FAILED: expected $2 = $3 under $1, got:" >&2
    echo "${block}" >&2
    exit 1
  fi
}

expect 'tf.multiply(a, b)' 'Tensor("mul:0", shape=(2, 2), dtype=int32)' '[[0 2] [4 6]]'
expect 'tf.zeros([2, 3], tf.int32)' 'Tensor("zeros:0", shape=(2, 3), dtype=int32)' \
  '[[0 0 0] [0 0 0]]'
expect 'tf.zeros_like([[0 1] [2 3] [4 5]])' \
  'Tensor("zeros_like:0", shape=(3, 2), dtype=int32)' '[[0 0] [0 0] [0 0]]'
expect 'tf.ones([2, 2], tf.float32)' 'Tensor("ones:0", shape=(2, 2), dtype=float32)' \
  '[[1 1] [1 1]]'
expect 'tf.fill([2, 3], 8)' 'Tensor("fill:0", shape=(2, 3), dtype=int32)' '[[8 8 8] [8 8 8]]'
expect 'tf.lin_space(10.0, 13.0, 4)' 'Tensor("lin_space:0", shape=(4,), dtype=float32)' \
  '[10 11 12 13]'
expect 'tf.range(3, 18, 3)' 'Tensor("range:0", shape=(5,), dtype=int32)' '[3 6 9 12 15]'
expect 'tf.range(5)' 'Tensor("range_5:0", shape=(5,), dtype=int32)' '[0 1 2 3 4]'
echo PASSED
