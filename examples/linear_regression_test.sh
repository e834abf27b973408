#!/bin/bash
# Checks the linear-regression example: the per-sample run ends at TensorFlow's numbers
# (w = -6.0702, b = 84.9295 within 1e-3), the vectorized run trains too, and a missing,
# malformed or empty data file is a clear error with a non-zero exit.
set -euo pipefail

program="$1"
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # expect OUTPUT TEXT
  grep -qF -- "$2" <<<"$1" || fail "the output lacks: $2"
}
# near ACTUAL EXPECTED: |actual - expected| <= 1e-3
near() {
  awk -v a="$1" -v e="$2" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(d <= 1e-3) }' ||
    fail "$1 is not within 1e-3 of $2"
}

output="$("${program}")"
echo "${output}" | head -3
echo "${output}" | tail -3
expect "${output}" "Epoch 0: "
expect "${output}" "Epoch 99: "
line="$(grep '^w = ' <<<"${output}")"
w="$(sed 's/^w = \([-0-9.]*\), b = .*/\1/' <<<"${line}")"
b="$(sed 's/.*, b = \([-0-9.]*\)$/\1/' <<<"${line}")"
near "${w}" -6.0702
near "${b}" 84.9295
expect "${output}" "(19000 steps,"

output="$("${program}" --mode=vectorized --epochs=3)"
expect "${output}" "Epoch 2: "
expect "${output}" "(3 steps,"

status=0
output="$("${program}" --data=/nonexistent/birth_life.txt 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "a missing file did not fail"
expect "${output}" "NOT_FOUND: Cannot open data file /nonexistent/birth_life.txt"

bad="${TEST_TMPDIR}/bad.txt"
printf 'Country\tBirth rate\tLife expectancy\nVietnam\t1.822\t74.8\nNowhere\tmany\t70\n' >"${bad}"
status=0
output="$("${program}" --data="${bad}" 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "a malformed line did not fail"
expect "${output}" "${bad}:3: expected"

empty="${TEST_TMPDIR}/empty.txt"
: >"${empty}"
status=0
output="$("${program}" --data="${empty}" 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "an empty file did not fail"
expect "${output}" "holds no samples (it is empty)"
echo PASSED
