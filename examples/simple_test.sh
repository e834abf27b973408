#!/bin/bash
# Runs //examples:simple and checks that it prints the lecture's answers; then runs it with
# --logdir and checks, with //tools/events (the second argument), that every program's graph
# went into its own run of the log directory.
set -euo pipefail

output="$("$1" 2>&1)"
echo "${output}"

expect() {
  if ! grep -qF -- "$1" <<<"${output}"; then
    echo "FAILED: the output lacks the line: $1" >&2
    exit 1
  fi
}

expect 'a = Tensor("Add:0", shape=(), dtype=int32)'
expect 'session.run(a) = 8'
expect 'session.run(op3) = 7776'
expect 'session.run(pow_op) = 15625'
expect 'session.run([pow_op, useless]) = 15625, 10'
expect 'c = Tensor("Add:0", shape=(3,), dtype=float32)'
expect 'session.run(c, {a: [1, 2, 3]}) = [6 7 8]'
expect "You must feed a value for placeholder tensor 'a' with dtype float and shape [3]"
expect 'session.run(b) = 21'
expect 'session.run(b, {a: 15}) = 45'
expect 'session.run(mul) = [[0 2] [4 6]]'

# The step stats list pow_op's subgraph and nothing else.
executed="$(grep -F 'executed nodes:' <<<"${output}")"
for node in x y add_op mul_op pow_op; do
  grep -qw -- "${node}" <<<"${executed}" || { echo "FAILED: ${node} did not run" >&2; exit 1; }
done
if grep -qw useless <<<"${executed}"; then
  echo "FAILED: the useless node ran: ${executed}" >&2
  exit 1
fi

# Placement logging names every node of that graph with its device.
for node in a b mul; do
  grep -qE "^${node}: \(\w+\): /job:localhost/replica:0/task:0/device:CPU:0$" <<<"${output}" \
    || { echo "FAILED: no placement line for ${node}" >&2; exit 1; }
done

if grep -qF 'graph written' <<<"${output}"; then
  echo "FAILED: a graph was written without --logdir" >&2
  exit 1
fi

# A relative --logdir resolves against the directory `bazel run` was started from.
simple="$(realpath "$1")"
logged="$(cd / && BUILD_WORKING_DIRECTORY="${TEST_TMPDIR}" "${simple}" --logdir=graphs 2>&1)"
for run_nodes in add:3 pow:5 subgraphs:6 placeholders:3 feeding:5 placement:3; do
  run="${run_nodes%%:*}"
  nodes="${run_nodes##*:}"
  grep -qF "graph written to ${TEST_TMPDIR}/graphs/${run}/events.out.tfevents." <<<"${logged}" \
    || { echo "FAILED: no graph written for ${run}: ${logged}" >&2; exit 1; }
  inspected="$("$2" "${TEST_TMPDIR}/graphs/${run}")"
  grep -qxF "  step 0: graph with ${nodes} nodes" <<<"${inspected}" \
    || { echo "FAILED: run ${run} lacks its ${nodes}-node graph: ${inspected}" >&2; exit 1; }
  grep -qxF "  graph: yes" <<<"${inspected}" \
    || { echo "FAILED: run ${run} has no graph: ${inspected}" >&2; exit 1; }
done

if "$1" --logdir 2>/dev/null >/dev/null; then
  echo "FAILED: --logdir without a directory was accepted" >&2
  exit 1
fi
echo PASSED
