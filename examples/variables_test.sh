#!/bin/bash
# Runs //examples:variables and checks that it prints the lecture's results for variables.
set -euo pipefail

output="$("$1" 2>&1)"
echo "${output}"

expect() {
  if ! grep -qxF -- "$1" <<<"${output}"; then
    echo "FAILED: the output lacks the line: $1" >&2
    exit 1
  fi
}

expect 's = Tensor("scalar/Read/ReadVariableOp:0", shape=(), dtype=int32)'
expect 'm = Tensor("matrix/Read/ReadVariableOp:0", shape=(2, 2), dtype=int32)'
expect 'W = Tensor("big_matrix/Read/ReadVariableOp:0", shape=(784, 10), dtype=float32)'
expect 'after global_variables_initializer: s = 2, m = [[0 1] [2 3]]'

# The lesson: an assign is an op that does nothing until run.
expect 'assign op not run: W.eval() = 10'
expect 'assign op run: W.eval() = 100'
expect 'assign op run without the initializer: W.eval() = 100'

expect 'run my_var_times_two: my_var = 4'
expect 'run my_var_times_two: my_var = 8'
expect 'run my_var_times_two: my_var = 16'
expect 'assign_add(10): my_var = 20'
expect 'assign_sub(2): my_var = 18'

# Each session holds its own value of W.
expect 'sess1: W.assign_add(10) -> 20'
expect 'sess2: W.assign_sub(2) -> 8'
expect 'sess1: W.assign_add(100) -> 120'
expect 'sess2: W.assign_sub(50) -> -42'

expect 'report_uninitialized_variables() = ["a" "b" "c"]'
expect 'after variables_initializer([a, b]): report_uninitialized_variables() = ["c"]'
expect 'a = 1, b = 2'
grep -qF 'c.eval(): FAILED_PRECONDITION: Attempting to use uninitialized value c' <<<"${output}" \
  || { echo "FAILED: reading c did not report it uninitialized" >&2; exit 1; }
echo PASSED
