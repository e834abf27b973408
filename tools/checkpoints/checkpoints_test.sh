#!/usr/bin/env bash
# Runs the `checkpoints` inspector on the hand-built checkpoint in testdata (w = 1.0f, s =
# ["ab", ""]; bytes derived in core/io/tensor_bundle/tensor_bundle_test.cc) and on
# corrupted, truncated and missing copies, checking output and exit status.
set -uo pipefail

readonly TOOL=tools/checkpoints/checkpoints
readonly REF=tools/checkpoints/testdata/ref
readonly TMP="${TEST_TMPDIR}/checkpoints_test"
mkdir -p "${TMP}"
failures=0

# expect NAME WANT_STATUS WANT_OUTPUT_SUBSTRING -- COMMAND...
expect() {
  local name=$1 want_status=$2 want=$3
  shift 4
  local output status
  output=$("$@" 2>&1)
  status=$?
  if [[ ${status} -ne ${want_status} ]]; then
    echo "FAIL ${name}: exit status ${status}, wanted ${want_status}; output:"$'\n'"${output}"
    failures=$((failures + 1))
  elif [[ "${output}" != *"${want}"* ]]; then
    echo "FAIL ${name}: output lacks '${want}'; output:"$'\n'"${output}"
    failures=$((failures + 1))
  else
    echo "ok   ${name}"
  fi
}

readonly LISTING='s (DT_STRING) [2]: ["ab" ""]
w (DT_FLOAT) []: 1
2 tensors, checksums verified'

expect "lists every tensor" 0 "${LISTING}" -- "${TOOL}" "${REF}"
expect "accepts the .index file" 0 "${LISTING}" -- "${TOOL}" "${REF}.index"
expect "prints one tensor" 0 's (DT_STRING) [2]: ["ab" ""]' -- "${TOOL}" "${REF}" --tensor=s
expect "a missing tensor" 1 "Key v not found in checkpoint ${REF}" -- "${TOOL}" "${REF}" --tensor=v
expect "a missing checkpoint" 1 "Checkpoint ${TMP}/none not found" -- "${TOOL}" "${TMP}/none"
expect "usage" 2 "usage: checkpoints PREFIX" -- "${TOOL}"
expect "unknown flag" 2 "unknown flag --verbose" -- "${TOOL}" "${REF}" --verbose

# One bit flipped in w's bytes: w is reported corrupted, s still reads.
cp "${REF}.index" "${TMP}/flipped.index"
cp "${REF}.data-00000-of-00001" "${TMP}/flipped.data-00000-of-00001"
chmod u+w "${TMP}"/flipped.*
printf '\x01' | dd of="${TMP}/flipped.data-00000-of-00001" bs=1 seek=0 conv=notrunc 2>/dev/null
expect "a flipped data byte" 1 \
  "w (DT_FLOAT): Checksum mismatch for tensor w in ${TMP}/flipped.data-00000-of-00001" \
  -- "${TOOL}" "${TMP}/flipped"
expect "the other tensor still reads" 1 's (DT_STRING) [2]: ["ab" ""]' -- "${TOOL}" "${TMP}/flipped"
expect "the summary counts it" 1 "1 of 2 tensors are corrupted" -- "${TOOL}" "${TMP}/flipped"

# The index cut short.
head -c 100 "${REF}.index" > "${TMP}/cut.index"
cp "${REF}.data-00000-of-00001" "${TMP}/cut.data-00000-of-00001"
expect "a truncated index" 1 "${TMP}/cut.index is not a table (bad magic number)" \
  -- "${TOOL}" "${TMP}/cut"

# The data file cut short.
cp "${REF}.index" "${TMP}/short.index"
head -c 6 "${REF}.data-00000-of-00001" > "${TMP}/short.data-00000-of-00001"
expect "a truncated data file" 1 "the file is truncated" -- "${TOOL}" "${TMP}/short"

if [[ ${failures} -ne 0 ]]; then
  echo "${failures} checks failed"
  exit 1
fi
