#!/bin/bash
# Checks the tf.data linear-regression example: the dataset prints the lecture's structure,
# both the tf.data run and the feed_dict run end at TensorFlow's numbers (w = -6.0702,
# b = 84.9295 within 1e-3) after 100 epochs of 190 steps, both timings are printed, and a
# missing data file is a clear error with a non-zero exit.
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
# check_line OUTPUT PREFIX: the line starting with PREFIX has TensorFlow's w and b.
check_line() {
  local line w b
  line="$(grep -- "^$2" <<<"$1")" || fail "no line starts with $2"
  w="$(sed 's/.*w = \([-0-9.]*\), b = .*/\1/' <<<"${line}")"
  b="$(sed 's/.*, b = \([-0-9.]*\).*/\1/' <<<"${line}")"
  near "${w}" -6.0702
  near "${b}" 84.9295
  expect "${line}" "(19000 steps,"
}

output="$("${program}")"
sed -n 1,4p <<<"${output}"
tail -n 3 <<<"${output}"
expect "${output}" "output_types: (float32, float32)"
expect "${output}" "output_shapes: ([], [])"
expect "${output}" "Epoch 0: "
expect "${output}" "Epoch 99: "
check_line "${output}" "tf.data "
check_line "${output}" "feed_dict "

output="$("${program}" --mode=dataset --epochs=2)"
expect "${output}" "Epoch 1: "
expect "${output}" "(380 steps,"
if grep -q "^feed_dict" <<<"${output}"; then fail "--mode=dataset ran the feed variant"; fi

status=0
output="$("${program}" --data=/nonexistent/birth_life.txt 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "a missing file did not fail"
expect "${output}" "NOT_FOUND: Cannot open data file /nonexistent/birth_life.txt"
echo PASSED
