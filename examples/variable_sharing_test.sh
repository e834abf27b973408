#!/bin/bash
# Runs //examples:variable_sharing and checks the lecture's variable-sharing results: new
# variables per call with tf.Variable, the "already exists" errors, and four shared
# variables giving identical logits for identical inputs.
set -euo pipefail

output="$("$1" 2>&1)"
echo "${output}"

# expect_in SECTION LINE: LINE appears in the section whose heading contains SECTION.
expect_in() {
  local block
  block="$(awk -v heading="$1" '/^== / { on = index($0, heading) > 0 } on' <<<"${output}")"
  if ! grep -qxF -- "$2" <<<"${block}"; then
    echo "FAILED: the section '$1' lacks the line: $2" >&2
    exit 1
  fi
}

section='two_hidden_layers with tf.Variable, called twice'
expect_in "${section}" '8 variables: h1_weights h1_biases h2_weights h2_biases h1_weights_1 h1_biases_1 h2_weights_1 h2_biases_1'
expect_in "${section}" 'same input: logits1 == logits2: false'

expect_in 'two_hidden_layers with tf.get_variable, called twice' \
  'error: Variable h1_weights already exists, disallowed. Did you mean to set reuse=True or reuse=AUTO_REUSE in VarScope?'
expect_in "with tf.variable_scope('two_layers'), no reuse" \
  'error: Variable two_layers/h1_weights already exists, disallowed. Did you mean to set reuse=True or reuse=AUTO_REUSE in VarScope?'

section='scope.reuse_variables()'
expect_in "${section}" '4 variables: two_layers/h1_weights two_layers/h1_biases two_layers/h2_weights two_layers/h2_biases'
expect_in "${section}" 'logits1 = Tensor("two_layers/Add_1:0", shape=(200, 10), dtype=float32)'
expect_in "${section}" 'same input: logits1 == logits2: true'

section='reuse=tf.AUTO_REUSE'
expect_in "${section}" '4 variables: two_layers/h1/weights two_layers/h1/biases two_layers/h2/weights two_layers/h2/biases'
expect_in "${section}" 'same input: logits1 == logits2: true'
echo PASSED
