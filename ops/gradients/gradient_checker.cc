// Numeric gradient checking: one symbolic Jacobian column per y element, one numeric row
// pair per x element, compared in double precision.
#include "ops/gradients/gradient_checker.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/client/client_session.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradients.h"

namespace rill {
namespace {

absl::Status CheckDtype(const Output& t, const char* what) {
  if (t.type() == DT_FLOAT || t.type() == DT_DOUBLE) return absl::OkStatus();
  return errors::InvalidArgument("ComputeGradientError: ", what, " ", t.name(), " has dtype ",
                                 DataTypeString(t.type()), "; only float and double are checked");
}

double Get(const Tensor& t, int64_t i) {
  return t.dtype() == DT_FLOAT ? static_cast<double>(t.flat<float>()(i)) : t.flat<double>()(i);
}

void Set(Tensor* t, int64_t i, double value) {
  if (t->dtype() == DT_FLOAT) {
    t->flat<float>()(i) = static_cast<float>(value);
  } else {
    t->flat<double>()(i) = value;
  }
}

Tensor Zeros(DataType dtype, const TensorShape& shape) {
  Tensor t(dtype, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) Set(&t, i, 0);
  return t;
}

Tensor Copy(const Tensor& t) {
  Tensor copy(t.dtype(), t.shape());
  for (int64_t i = 0; i < t.NumElements(); ++i) Set(&copy, i, Get(t, i));
  return copy;
}

}  // namespace

absl::StatusOr<double> ComputeGradientError(const Scope& scope, const std::vector<Output>& xs,
                                            const std::vector<Tensor>& x_values,
                                            const std::vector<Output>& ys, double delta) {
  RETURN_IF_ERROR(scope.status());
  if (xs.size() != x_values.size()) {
    return errors::InvalidArgument("ComputeGradientError: ", xs.size(), " xs but ",
                                   x_values.size(), " values");
  }
  for (const Output& x : xs) RETURN_IF_ERROR(CheckDtype(x, "x"));
  for (const Output& y : ys) RETURN_IF_ERROR(CheckDtype(y, "y"));

  const Scope check = scope.NewSubScope("gradient_check");
  std::vector<Output> dys;
  for (const Output& y : ys) dys.push_back(ops::Placeholder(check, y.type()));
  std::vector<Gradient> sparse_grads;
  RETURN_IF_ERROR(AddSymbolicGradients(scope, ys, xs, dys, &sparse_grads,
                                       {UnconnectedGradients::kZero}));
  std::vector<Output> grads;
  for (const Gradient& g : sparse_grads) grads.push_back(Densify(check, g));
  RETURN_IF_ERROR(scope.status());

  ClientSession session(scope);
  ClientSession::FeedType feeds;
  for (size_t k = 0; k < xs.size(); ++k) feeds.emplace(xs[k], x_values[k]);
  std::vector<Tensor> y_values;
  RETURN_IF_ERROR(session.Run(feeds, ys, &y_values));

  // jacobian[k][e][i][j]: d ys[i](j) / d xs[k](e).
  std::vector<std::vector<std::vector<std::vector<double>>>> symbolic(xs.size());
  for (size_t k = 0; k < xs.size(); ++k) {
    symbolic[k].assign(x_values[k].NumElements(), std::vector<std::vector<double>>(ys.size()));
    for (auto& row : symbolic[k]) {
      for (size_t i = 0; i < ys.size(); ++i) row[i].assign(y_values[i].NumElements(), 0);
    }
  }
  for (size_t i = 0; i < ys.size(); ++i) {
    for (int64_t j = 0; j < y_values[i].NumElements(); ++j) {
      ClientSession::FeedType grad_feeds = feeds;
      for (size_t m = 0; m < ys.size(); ++m) {
        Tensor dy = Zeros(ys[m].type(), y_values[m].shape());
        if (m == i) Set(&dy, j, 1);
        grad_feeds.emplace(dys[m], dy);
      }
      std::vector<Tensor> grad_values;
      RETURN_IF_ERROR(session.Run(grad_feeds, grads, &grad_values));
      for (size_t k = 0; k < xs.size(); ++k) {
        if (grad_values[k].NumElements() != x_values[k].NumElements()) {
          return errors::InvalidArgument("ComputeGradientError: the gradient of ", xs[k].name(),
                                         " has shape ", grad_values[k].shape().DebugString(),
                                         " but the x has shape ",
                                         x_values[k].shape().DebugString());
        }
        for (int64_t e = 0; e < x_values[k].NumElements(); ++e) {
          symbolic[k][e][i][j] = Get(grad_values[k], e);
        }
      }
    }
  }

  double max_error = 0;
  for (size_t k = 0; k < xs.size(); ++k) {
    for (int64_t e = 0; e < x_values[k].NumElements(); ++e) {
      std::vector<Tensor> plus, minus;
      for (const double sign : {1.0, -1.0}) {
        Tensor moved = Copy(x_values[k]);
        Set(&moved, e, Get(x_values[k], e) + sign * delta);
        ClientSession::FeedType moved_feeds = feeds;
        moved_feeds.erase(xs[k]);
        moved_feeds.emplace(xs[k], moved);
        RETURN_IF_ERROR(session.Run(moved_feeds, ys, sign > 0 ? &plus : &minus));
      }
      for (size_t i = 0; i < ys.size(); ++i) {
        for (int64_t j = 0; j < y_values[i].NumElements(); ++j) {
          const double numeric = (Get(plus[i], j) - Get(minus[i], j)) / (2 * delta);
          const double error = std::abs(numeric - symbolic[k][e][i][j]);
          // NaN on either side is as wrong as it gets.
          max_error = std::isnan(error) ? error : std::max(max_error, error);
          if (std::isnan(max_error)) return max_error;
        }
      }
    }
  }
  return max_error;
}

absl::StatusOr<double> ComputeGradientError(const Scope& scope, const Output& x,
                                            const Tensor& x_value, const Output& y,
                                            double delta) {
  return ComputeGradientError(scope, std::vector<Output>{x}, std::vector<Tensor>{x_value},
                              std::vector<Output>{y}, delta);
}

}  // namespace rill
