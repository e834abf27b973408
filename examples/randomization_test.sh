#!/bin/bash
# Runs //examples:randomization and checks that it prints, under each of the lecture's seed
# programs, the values TensorFlow prints for it.
set -euo pipefail

output="$("$1" 2>&1)"
echo "${output}"

# expect TITLE LINE...: the lines that follow the section TITLE, in order.
expect() {
  local title="$1"
  shift
  local block
  block="$(awk -v title="== ${title} ==" '$0 == title { found = 1; next } /^== / { found = 0 } found && NF' <<<"${output}")"
  local expected
  expected="$(printf '%s\n' "$@")"
  if [[ "${block}" != "${expected}" ]]; then
    echo "FAILED: under '${title}' expected:" >&2
    echo "${expected}" >&2
    echo "got:" >&2
    echo "${block}" >&2
    exit 1
  fi
}

expect 'Op-level seed: c = random_uniform([], -10, 10, seed=2), run twice' \
  'session.run(c) = 3.57493' \
  'session.run(c) = -5.97319'
expect 'Op-level seed, two sessions' \
  'session 1: session.run(c) = 3.57493' \
  'session 2: session.run(c) = 3.57493'
expect 'Two ops with seed=2: c and d' \
  'session.run(c) = 3.57493' \
  'session.run(d) = 3.57493'
expect 'Graph-level seed: set_random_seed(2), c and d without op seeds' \
  'session.run(c) = -4.00752' \
  'session.run(d) = -2.98339'
echo PASSED
