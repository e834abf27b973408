#!/bin/bash
# Checks examples:word2vec end to end on the bundled corpus with a small vocabulary: the loss
# falls, the event files hold the graph and the loss summaries, the checkpoints and the
# projector config are readable, a rerun resumes from the newest checkpoint, and bad input
# (missing or empty corpus, a vocabulary larger than the corpus, an unwritable log
# directory) is a clear error with a non-zero exit that writes nothing.
set -euo pipefail

word2vec="$(pwd)/$1"
events="$(pwd)/$2"
checkpoints="$(pwd)/$3"
export RUNFILES_DIR="${RUNFILES_DIR:-$(pwd)/..}"
work="${TEST_TMPDIR}/word2vec"
mkdir -p "${work}"
cd "${work}"
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() {  # expect OUTPUT TEXT
  grep -qF -- "$2" <<<"$1" || fail "the output lacks: $2"
}
run() { "${word2vec}" --vocab_size=3000 --skip_step=200 --logdir=logs --checkpoint_dir=ckpt "$@"; }

output="$(run --steps=600)"
echo "${output}"
expect "${output}" "1013319 words, vocabulary of 3000"
expect "${output}" "Average loss at step 199:"
expect "${output}" "Average loss at step 599:"
expect "${output}" "words/s"
expect "${output}" "Analogy accuracy:"
expect "${output}" "words seen 5+ times"
first="$(grep 'Average loss at step 199:' <<<"${output}" | sed 's/.*: *\([0-9.]*\) .*/\1/')"
last="$(grep 'Average loss at step 599:' <<<"${output}" | sed 's/.*: *\([0-9.]*\) .*/\1/')"
awk -v a="${first}" -v b="${last}" 'BEGIN { exit !(b < a) }' ||
  fail "the loss did not fall: ${first} then ${last}"

inspected="$("${events}" logs)"
expect "${inspected}" "graph with"
expect "${inspected}" "step 600: scalar summaries/loss ="
expect "${inspected}" "histogram summaries/histogram_loss"
[[ -s logs/vocab.tsv ]] || fail "no vocab.tsv"
[[ "$(head -1 logs/vocab.tsv)" == "UNK" ]] || fail "vocab.tsv does not start with UNK"
expect "$(cat logs/projector_config.pbtxt)" 'tensor_name: "embed_matrix"'
expect "$(cat logs/projector_config.pbtxt)" "ckpt/skip-gram-600\""
inspected="$("${checkpoints}" ckpt/skip-gram-600)"
expect "${inspected}" "embed_matrix (DT_FLOAT) [3000,128]"
expect "${inspected}" "global_step (DT_INT64) []: 600"

output="$(run --steps=200)"
expect "${output}" "Restored "; expect "${output}" "ckpt/skip-gram-600"
expect "${output}" "Average loss at step 799:"
expect "$("${checkpoints}" ckpt/skip-gram-800)" "global_step (DT_INT64) []: 800"

output="$("${word2vec}" --vocab_size=3000 --steps=200 --skip_step=100 --optimizer=adagrad \
  --learning_rate_decay=linear --analogy_min_count=20 --logdir=decay --checkpoint_dir=decay)"
expect "${output}" "Average loss at step 199:"
expect "${output}" "words seen 20+ times"
status=0
output="$(run --learning_rate_decay=cosine 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "an unknown --learning_rate_decay did not fail"
expect "${output}" "bad argument --learning_rate_decay=cosine"

status=0
output="$(run --corpus=/nonexistent/corpus.txt --logdir=bad1 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "a missing corpus did not fail"
expect "${output}" "NOT_FOUND"
expect "${output}" "/nonexistent/corpus.txt"
: >empty.txt
status=0
output="$(run --corpus=empty.txt --logdir=bad2 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "an empty corpus did not fail"
expect "${output}" "holds no words"
status=0
output="$("${word2vec}" --vocab_size=100000000 --logdir=bad3 --checkpoint_dir=bad3 2>&1)" ||
  status=$?
[[ ${status} -ne 0 ]] || fail "a vocabulary larger than the corpus did not fail"
expect "${output}" "is larger than the corpus"
touch not_a_directory
status=0
output="$(run --logdir=not_a_directory/logs 2>&1)" || status=$?
[[ ${status} -ne 0 ]] || fail "an unwritable log directory did not fail"
expect "${output}" "Cannot write to directory"
for dir in bad1 bad2 bad3; do [[ ! -e "${dir}" ]] || fail "a failed run left ${dir} behind"; done
echo PASSED
