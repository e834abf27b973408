// ShapeInferenceTestutil: parses TensorFlow's shape-test notation, runs an op's shape
// function and checks output shapes and the identity of passed-through handles.
#include "core/framework/shape_inference_testutil.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

std::vector<std::string> SplitOrEmpty(absl::string_view text, char separator) {
  if (text.empty()) return {};
  return absl::StrSplit(text, separator);
}

// ParseShape appends the shape written as `spec` to `shapes`.
absl::Status ParseShape(absl::string_view spec, std::vector<PartialTensorShape>* shapes) {
  if (spec == "?") {
    shapes->emplace_back();
    return absl::OkStatus();
  }
  absl::string_view inside = spec;
  if (!absl::ConsumePrefix(&inside, "[") || !absl::ConsumeSuffix(&inside, "]")) {
    return errors::InvalidArgument("Shape spec '", spec, "' is neither '?' nor '[...]'");
  }
  std::vector<int64_t> sizes;
  for (const std::string& dim : SplitOrEmpty(inside, ',')) {
    int64_t size = -1;
    if (dim != "?" && (!absl::SimpleAtoi(dim, &size) || size < 0)) {
      return errors::InvalidArgument("Bad dimension '", dim, "' in shape spec '", spec, "'");
    }
    sizes.push_back(size);
  }
  shapes->emplace_back(absl::Span<const int64_t>(sizes));
  return absl::OkStatus();
}

// MatchingInput returns the index of the input whose handle is `s`, or -1.
int MatchingInput(const InferenceContext& c, ShapeHandle s) {
  for (int i = 0; i < c.num_inputs(); ++i) {
    if (c.input(i).SameHandle(s)) return i;
  }
  return -1;
}

// MatchingInputDim returns (input, dim) of the input dimension whose handle is `d`.
std::pair<int, int> MatchingInputDim(const InferenceContext& c, DimensionHandle d) {
  for (int i = 0; i < c.num_inputs(); ++i) {
    const ShapeHandle in = c.input(i);
    for (int j = 0; j < c.Rank(in); ++j) {
      if (c.DimKnownRank(in, j).SameHandle(d)) return {i, j};
    }
  }
  return {-1, -1};
}

bool OneOf(absl::string_view alternatives, const std::string& candidate) {
  for (absl::string_view alternative : absl::StrSplit(alternatives, '|')) {
    if (alternative == candidate) return true;
  }
  return false;
}

absl::Status CheckOutput(InferenceContext& c, int i, absl::string_view expected) {
  const ShapeHandle out = c.output(i);
  const std::string suffix = absl::StrCat(". Output shape was ", c.DebugString(out));
  const int in_index = MatchingInput(c, out);
  if (absl::StartsWith(expected, "in")) {
    if (in_index == -1) {
      return errors::Unknown("Output ", i, " should have matched an input shape by handle (",
                             expected, "), but matched none: the shape function made a new "
                             "shape instead of passing an input's ShapeHandle through",
                             suffix);
    }
    if (!OneOf(expected, absl::StrCat("in", in_index))) {
      return errors::Unknown("Output ", i, " matched input ", in_index,
                             " by handle, but should have matched one of (", expected, ")",
                             suffix);
    }
    return absl::OkStatus();
  }
  if (in_index != -1) {
    return errors::Unknown("Output ", i, " matched input ", in_index,
                           " by handle, but was expected not to (write in", in_index,
                           " if passing the input through is intended)", suffix);
  }
  if (expected == "?") {
    if (c.RankKnown(out)) return errors::Unknown("Output ", i, " expected to be unknown", suffix);
    return absl::OkStatus();
  }
  absl::string_view inside = expected;
  if (!absl::ConsumePrefix(&inside, "[") || !absl::ConsumeSuffix(&inside, "]")) {
    return errors::Unknown("Expected output spec '", expected,
                           "' is none of ?, inN, [dims]");
  }
  const std::vector<std::string> expected_dims = SplitOrEmpty(inside, ',');
  if (!c.RankKnown(out)) {
    return errors::Unknown("Output ", i, " expected rank ", expected_dims.size(),
                           " but was ?", suffix);
  }
  if (c.Rank(out) != static_cast<int32_t>(expected_dims.size())) {
    return errors::Unknown("Output ", i, " expected rank ", expected_dims.size(), " but was ",
                           c.Rank(out), suffix);
  }
  for (int j = 0; j < static_cast<int>(expected_dims.size()); ++j) {
    const std::string& expected_dim = expected_dims[j];
    const DimensionHandle out_dim = c.DimKnownRank(out, j);
    const auto [in, in_dim] = MatchingInputDim(c, out_dim);
    const std::string prefix = absl::StrCat("Output dim ", i, ",", j);
    const std::string matched = absl::StrCat("d", in, "_", in_dim);
    if (expected_dim == "?") {
      if (in != -1) {
        return errors::Unknown(prefix, " expected to be a new unknown dim but is input dim ",
                               matched, suffix);
      }
      if (c.ValueKnown(out_dim)) {
        return errors::Unknown(prefix, " expected to be unknown but was ", c.Value(out_dim),
                               suffix);
      }
    } else if (absl::StartsWith(expected_dim, "d")) {
      if (in == -1) {
        return errors::Unknown(prefix, " expected to be input dim (", expected_dim,
                               ") by handle, but matched no input dim: the shape function "
                               "made a new dimension instead of passing one through",
                               suffix);
      }
      if (!OneOf(expected_dim, matched)) {
        return errors::Unknown(prefix, " matched input dim ", matched,
                               ", but should have matched one of (", expected_dim, ")",
                               suffix);
      }
    } else {
      int64_t value;
      if (!absl::SimpleAtoi(expected_dim, &value)) {
        return errors::Unknown(prefix, ": the expected dimension '", expected_dim,
                               "' is none of ?, dN_M, or an integer");
      }
      if (in != -1) {
        return errors::Unknown(prefix, " expected to be a new dim ", value,
                               " but is input dim ", matched, " by handle (write ", matched,
                               " if passing it through is intended)", suffix);
      }
      if (c.Value(out_dim) != value) {
        return errors::Unknown(prefix, " expected to be ", value, " but was ",
                               c.DebugString(out_dim), suffix);
      }
    }
  }
  return absl::OkStatus();
}

// RunAndCheck runs `op`'s shape function on `ins`; with `expected_outs` it also checks the
// outputs.
absl::Status RunAndCheck(const ShapeInferenceTestOp& op, absl::string_view ins,
                         const absl::string_view* expected_outs,
                         const OpRegistryInterface* registry) {
  ASSIGN_OR_RETURN(const OpRegistrationData* op_reg_data, registry->LookUp(op.name));
  if (!op_reg_data->shape_inference_fn) {
    return errors::InvalidArgument("No shape inference function exists for op '", op.name,
                                   "'");
  }
  std::vector<PartialTensorShape> input_shapes;
  for (const std::string& spec : SplitOrEmpty(ins, ';')) {
    RETURN_IF_ERROR(ParseShape(spec, &input_shapes));
  }
  tensorflow::NodeDef node_def = op.node_def;
  AddDefaultsToNodeDef(op_reg_data->op_def, &node_def);
  InferenceContext c(node_def, op_reg_data->op_def, input_shapes, op.input_tensors);
  RETURN_IF_ERROR(c.Run(op_reg_data->shape_inference_fn));
  if (expected_outs == nullptr) return absl::OkStatus();

  const std::vector<std::string> expected = SplitOrEmpty(*expected_outs, ';');
  if (static_cast<int>(expected.size()) != c.num_outputs()) {
    return errors::Unknown("The expected output string lists ", expected.size(),
                           " outputs, but the op has ", c.num_outputs());
  }
  for (int i = 0; i < c.num_outputs(); ++i) RETURN_IF_ERROR(CheckOutput(c, i, expected[i]));
  return absl::OkStatus();
}

}  // namespace

ShapeInferenceTestOp::ShapeInferenceTestOp(absl::string_view op_name) : name(op_name) {
  node_def.set_name("test");
  node_def.set_op(name);
}

absl::Status ShapeInferenceTestutil::InferShapes(const ShapeInferenceTestOp& op,
                                                 absl::string_view ins,
                                                 absl::string_view expected_outs,
                                                 const OpRegistryInterface* registry) {
  return RunAndCheck(op, ins, &expected_outs, registry);
}

absl::Status ShapeInferenceTestutil::RunShapeFn(const ShapeInferenceTestOp& op,
                                                absl::string_view ins,
                                                const OpRegistryInterface* registry) {
  return RunAndCheck(op, ins, nullptr, registry);
}

}  // namespace rill
