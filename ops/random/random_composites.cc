// TensorFlow Python's random functions (see random_composites.h): name scopes as Python's
// `with ops.name_scope(name, default) as name:`, constants converted as convert_to_tensor
// converts them, seeds chosen where Python chooses them.
#include "ops/random/random_composites.h"

#include <initializer_list>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/random/random_ops.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace ops {
namespace {

bool IsFloating(DataType dtype) {
  return dtype == DT_HALF || dtype == DT_BFLOAT16 || dtype == DT_FLOAT || dtype == DT_DOUBLE;
}

bool IsInteger(DataType dtype) { return dtype == DT_INT32 || dtype == DT_INT64; }

// NameScope is Python's `with ops.name_scope(name, default_name) as name:` inside one
// composite. name() is the scope's op name, or `default_name`, made unique (and reserved)
// in the scope's name scope. Inner(op) names an op "<name>/<op>"; Finish adds the last op
// named exactly name(), as Python's `name=name` does.
class NameScope {
 public:
  NameScope(const Scope& scope, absl::string_view default_name)
      : scope_(scope), name_(scope.GetUniqueNameForOp(default_name)) {
    const std::string& parent = scope.name_scope();
    relative_name_ = parent.empty() ? name_ : name_.substr(parent.size() + 1);
  }

  const Scope& scope() const { return scope_; }
  const std::string& name() const { return name_; }

  // Inner is the scope for the helper op `op_name` (uniquified like any op name).
  Scope Inner(absl::string_view op_name) const {
    return scope_.WithOpName(absl::StrCat(relative_name_, "/", op_name));
  }

  // Finish adds op `op` named name() with `inputs` (and the seed attrs when given), the
  // scope's device and control dependencies, and returns its output 0.
  Output Finish(absl::string_view op, std::initializer_list<Output> inputs,
                std::optional<std::pair<int64_t, int64_t>> seeds = std::nullopt) const {
    if (!scope_.ok()) return Output();
    NodeDefBuilder builder(name_, op, scope_.graph()->op_registry());
    for (const Output& input : inputs) {
      if (scope_.graph()->FindNode(input.node()->name()) != input.node()) {
        scope_.UpdateStatus(errors::InvalidArgument(name_, ": input '", input.name(),
                                                    "' belongs to another graph"));
        return Output();
      }
      builder.Input(input.node()->name(), input.index(), input.type());
    }
    if (seeds.has_value()) builder.Attr("seed", seeds->first).Attr("seed2", seeds->second);
    for (const Operation& control_dep : scope_.control_deps()) {
      builder.ControlInput(control_dep.name());
    }
    if (!scope_.device().empty()) builder.Device(scope_.device());
    tensorflow::NodeDef node_def;
    absl::Status status = builder.Finalize(&node_def);
    if (!status.ok()) {
      scope_.UpdateStatus(status);
      return Output();
    }
    absl::StatusOr<Node*> node = scope_.graph()->AddNode(std::move(node_def));
    if (!node.ok()) {
      scope_.UpdateStatus(node.status());
      return Output();
    }
    return Output(*node, 0);
  }

 private:
  Scope scope_;
  std::string name_;
  // name_ without the enclosing name scope: what WithOpName takes.
  std::string relative_name_;
};

template <typename T>
inline constexpr bool kIsFloatingElement =
    std::is_floating_point_v<T> || std::is_same_v<T, Eigen::half> ||
    std::is_same_v<T, Eigen::bfloat16>;

template <typename T>
inline constexpr bool kIsIntegerElement = std::is_integral_v<T> && !std::is_same_v<T, bool>;

// ConvertElement converts `value` to To as convert_to_tensor does: integers to any numeric
// type, floating values to floating types only, integers only when they fit.
template <typename To, typename From>
absl::StatusOr<To> ConvertElement(const From& value, DataType dtype) {
  if constexpr (kIsFloatingElement<To>) {
    return static_cast<To>(value);
  } else if constexpr (kIsFloatingElement<From>) {
    return errors::InvalidArgument("Cannot convert ", static_cast<double>(value), " to ",
                                   DataTypeString(dtype), ": it is a floating value");
  } else {
    const To converted = static_cast<To>(value);
    if (static_cast<From>(converted) != value || (converted < To{0}) != (value < From{0})) {
      return errors::InvalidArgument("Cannot convert ", value, " to ", DataTypeString(dtype),
                                     ": out of range");
    }
    return converted;
  }
}

// ConvertConstant returns `value` as a tensor of `dtype` (real numeric types only).
absl::StatusOr<Tensor> ConvertConstant(const Tensor& value, DataType dtype) {
  if (value.dtype() == dtype) return value;
  Tensor converted(dtype, value.shape());
  absl::Status status =
      errors::InvalidArgument("Cannot convert a constant of dtype ", DataTypeString(value.dtype()),
                              " to ", DataTypeString(dtype));
  VisitDataType(value.dtype(), [&](auto from_tag) {
    using From = typename decltype(from_tag)::type;
    if constexpr (kIsFloatingElement<From> || kIsIntegerElement<From>) {
      VisitDataType(dtype, [&](auto to_tag) {
        using To = typename decltype(to_tag)::type;
        if constexpr (kIsFloatingElement<To> || kIsIntegerElement<To>) {
          const auto in = value.flat<From>();
          auto out = converted.flat<To>();
          for (int64_t i = 0; i < in.size(); ++i) {
            absl::StatusOr<To> element = ConvertElement<To>(in(i), dtype);
            if (!element.ok()) {
              status = element.status();
              return;
            }
            out(i) = *element;
          }
          status = absl::OkStatus();
        }
      });
    }
  });
  if (!status.ok()) return status;
  return converted;
}

// AsTensor is convert_to_tensor(value, name=name): a constant becomes the Const
// "<scope>/<name>" of its own dtype; an Output is used as is.
Output AsTensor(const NameScope& ns, const Input& value, absl::string_view name) {
  const Scope& scope = ns.scope();
  if (!scope.ok()) return Output();
  if (!value.status().ok()) {
    scope.UpdateStatus(
        errors::InvalidArgument(ns.name(), ": ", name, ": ", value.status().message()));
    return Output();
  }
  if (value.is_constant()) return Const(ns.Inner(name), value.tensor());
  if (value.node() == nullptr) {
    scope.UpdateStatus(
        errors::InvalidArgument(ns.name(), ": ", name, " is an empty Output (no node)"));
  }
  return value.output();
}

// ToTensor is convert_to_tensor(value, dtype, name): a constant is converted to `dtype`
// first; an Output must already have `dtype`.
Output ToTensor(const NameScope& ns, const Input& value, DataType dtype, absl::string_view name) {
  const Scope& scope = ns.scope();
  if (!scope.ok() || !value.status().ok()) return AsTensor(ns, value, name);
  if (!value.is_constant()) {
    const Output output = AsTensor(ns, value, name);
    if (scope.ok() && output.type() != dtype) {
      scope.UpdateStatus(errors::InvalidArgument(ns.name(), ": ", name, " '", output.name(),
                                                 "' has dtype ", DataTypeString(output.type()),
                                                 ", expected ", DataTypeString(dtype)));
      return Output();
    }
    return output;
  }
  absl::StatusOr<Tensor> converted = ConvertConstant(value.tensor(), dtype);
  if (!converted.ok()) {
    scope.UpdateStatus(
        errors::InvalidArgument(ns.name(), ": ", name, ": ", converted.status().message()));
    return Output();
  }
  return Const(ns.Inner(name), *converted);
}

// ShapeTensor is tensor_util.shape_tensor(shape): a constant becomes the int32 (or int64)
// Const "<scope>/shape", the empty list {} an empty int32 vector; an Output is used as is.
Output ShapeTensor(const NameScope& ns, const Input& shape) {
  if (!shape.is_constant() || !shape.status().ok()) return AsTensor(ns, shape, "shape");
  const Tensor& dims = shape.tensor();
  if (dims.dtype() == DT_INT64) return AsTensor(ns, shape, "shape");
  if (dims.dtype() == DT_FLOAT && dims.NumElements() == 0) {
    return Const(ns.Inner("shape"), Tensor(DT_INT32, TensorShape({0})));
  }
  return ToTensor(ns, shape, DT_INT32, "shape");
}

// CheckDtype puts InvalidArgument in `scope` unless `dtype` is one `function` supports.
bool CheckDtype(const Scope& scope, absl::string_view function, DataType dtype,
                bool integers_allowed) {
  if (IsFloating(dtype) || (integers_allowed && IsInteger(dtype))) return true;
  scope.UpdateStatus(errors::InvalidArgument(
      function, " does not support dtype ", DataTypeString(dtype), ": use half, bfloat16, ",
      integers_allowed ? "float, double, int32 or int64" : "float or double"));
  return false;
}

// NormalComposite is random_normal and truncated_normal: Op * stddev + mean.
template <typename Op>
Output NormalComposite(const Scope& scope, absl::string_view name, absl::string_view op_name,
                       const Input& shape, const Input& mean, const Input& stddev, DataType dtype,
                       std::optional<int64_t> seed) {
  if (!scope.ok() || !CheckDtype(scope, name, dtype, /*integers_allowed=*/false)) {
    return Output();
  }
  const NameScope ns(scope, name);
  const Output shape_tensor = ShapeTensor(ns, shape);
  const Output mean_tensor = ToTensor(ns, mean, dtype, "mean");
  const Output stddev_tensor = ToTensor(ns, stddev, dtype, "stddev");
  if (!scope.ok()) return Output();
  const auto [seed1, seed2] = get_seed(scope, seed);
  const Output rnd = Op(ns.Inner(op_name), shape_tensor, dtype, Op::Seed(seed1).Seed2(seed2));
  const Output mul = Mul(ns.Inner("mul"), rnd, stddev_tensor);
  return ns.Finish("Add", {mul, mean_tensor});
}

// CheckCropFits puts InvalidArgument in the scope when a constant `size` exceeds a fully
// known shape of `value`, the check TensorFlow's Assert makes when the graph runs.
void CheckCropFits(const NameScope& ns, const Output& value, const Output& size) {
  const PartialTensorShape shape = value.shape();
  const Tensor* sizes = size.node()->constant_value();
  if (sizes == nullptr || !shape.IsFullyDefined()) return;
  const auto flat = sizes->flat<int32_t>();
  bool fits = flat.size() == shape.dims();
  for (int i = 0; fits && i < shape.dims(); ++i) fits = flat(i) <= shape.dim_size(i);
  if (!fits) {
    ns.scope().UpdateStatus(errors::InvalidArgument(ns.name(), ": Need value.shape >= size, got ",
                                                    shape.DebugString(), " ",
                                                    sizes->DebugString()));
  }
}

}  // namespace

Output random_normal(const Scope& scope, const Input& shape, const Input& mean, const Input& stddev,
                     DataType dtype, std::optional<int64_t> seed) {
  return NormalComposite<RandomStandardNormal>(scope, "random_normal", "RandomStandardNormal",
                                               shape, mean, stddev, dtype, seed);
}

Output truncated_normal(const Scope& scope, const Input& shape, const Input& mean,
                        const Input& stddev, DataType dtype, std::optional<int64_t> seed) {
  return NormalComposite<TruncatedNormal>(scope, "truncated_normal", "TruncatedNormal", shape, mean,
                                          stddev, dtype, seed);
}

Output random_uniform(const Scope& scope, const Input& shape, const Input& minval,
                      const Input& maxval, DataType dtype, std::optional<int64_t> seed) {
  if (!scope.ok() || !CheckDtype(scope, "random_uniform", dtype, /*integers_allowed=*/true)) {
    return Output();
  }
  const NameScope ns(scope, "random_uniform");
  const Output shape_tensor = ShapeTensor(ns, shape);
  const Output min_tensor = ToTensor(ns, minval, dtype, "min");
  const Output max_tensor = ToTensor(ns, maxval, dtype, "max");
  if (!scope.ok()) return Output();
  const std::pair<int64_t, int64_t> seeds = get_seed(scope, seed);
  if (IsInteger(dtype)) {
    return ns.Finish("RandomUniformInt", {shape_tensor, min_tensor, max_tensor}, seeds);
  }
  const Output rnd = RandomUniform(ns.Inner("RandomUniform"), shape_tensor, dtype,
                                   RandomUniform::Seed(seeds.first).Seed2(seeds.second));
  const Output range = Sub(ns.Inner("sub"), max_tensor, min_tensor);
  const Output mul = Mul(ns.Inner("mul"), rnd, range);
  return ns.Finish("Add", {mul, min_tensor});
}

Output random_uniform(const Scope& scope, const Input& shape, DataType dtype,
                      std::optional<int64_t> seed) {
  if (IsInteger(dtype)) {
    scope.UpdateStatus(
        errors::InvalidArgument("random_uniform: must specify maxval for "
                                "integer dtype ",
                                DataTypeString(dtype)));
    return Output();
  }
  return random_uniform(scope, shape, 0, 1, dtype, seed);
}

Output random_shuffle(const Scope& scope, const Input& value, std::optional<int64_t> seed) {
  if (!scope.ok()) return Output();
  const auto [seed1, seed2] = get_seed(scope, seed);
  return RandomShuffle(scope, value, RandomShuffle::Seed(seed1).Seed2(seed2));
}

Output multinomial(const Scope& scope, const Input& logits, const Input& num_samples,
                   std::optional<int64_t> seed, DataType output_dtype) {
  if (!scope.ok()) return Output();
  const NameScope ns(scope, "multinomial");
  const Output logits_tensor = AsTensor(ns, logits, "logits");
  if (!scope.ok()) return Output();
  const auto [seed1, seed2] = get_seed(scope, seed);
  const Output num_samples_tensor = ToTensor(ns, num_samples, DT_INT32, "Multinomial/num_samples");
  return Multinomial(ns.Inner("Multinomial"), logits_tensor, num_samples_tensor,
                     Multinomial::Seed(seed1).Seed2(seed2).OutputDtype(output_dtype));
}

Output random_crop(const Scope& scope, const Input& value, const Input& size,
                   std::optional<int64_t> seed) {
  if (!scope.ok()) return Output();
  const NameScope ns(scope, "random_crop");
  const Output value_tensor = AsTensor(ns, value, "value");
  const Output size_tensor = ToTensor(ns, size, DT_INT32, "size");
  if (!scope.ok()) return Output();
  CheckCropFits(ns, value_tensor, size_tensor);
  const Output shape = Shape(ns.Inner("Shape"), value_tensor);
  const Output sub = Sub(ns.Inner("sub"), shape, size_tensor);
  const Output one = Const(ns.Inner("add/y"), 1);
  const Output limit = Add(ns.Inner("add"), sub, one);
  const Output offset_shape = Shape(ns.Inner("Shape"), shape);
  const Output rnd = random_uniform(ns.Inner("random_uniform"), offset_shape, 0,
                                    std::numeric_limits<int32_t>::max(), DT_INT32, seed);
  const Output offset = FloorMod(ns.Inner("mod"), rnd, limit);
  return ns.Finish("Slice", {value_tensor, offset, size_tensor});
}

}  // namespace ops
}  // namespace rill
