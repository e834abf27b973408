// What every fused optimizer kernel (ResourceApply*, ResourceSparseApply*) shares: the
// variables of one update found and locked together, and the checks of its inputs with
// TensorFlow's messages. Header-only so that the kernel plugin compiles it in.
#ifndef RILL_KERNELS_CPU_TRAINING_TRAINING_VARS_H_
#define RILL_KERNELS_CPU_TRAINING_TRAINING_VARS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/index_errors.h"
#include "kernels/cpu/state/var.h"

namespace rill {

// TrainingVariables holds the variables one update reads and writes (the variable and its
// slots, from the kernel's resource inputs) locked for the whole update, and releases them
// when destroyed. Each distinct variable is locked once, in address order, so two updates
// sharing variables never deadlock.
//
// Locks are exclusive, or shared for a sparse update without use_locking (TensorFlow's
// rule for resource variables): concurrent shared-lock updates of one variable then write
// its rows at the same time (Hogwild), and a read taken meanwhile may see a partial update.
// Elements are written in place, so a buffer a reader still holds is first copied
// (copy-on-write, see PrepareToUpdateVariable); that copy is made under exclusive locks.
// One update per object; not thread-safe.
class TrainingVariables {
 public:
  TrainingVariables() = default;
  TrainingVariables(const TrainingVariables&) = delete;
  TrainingVariables& operator=(const TrainingVariables&) = delete;
  ~TrainingVariables() {
    Unlock();
    for (Var* var : vars_) var->Unref();
  }

  // Acquire finds the variables of resource inputs `inputs`, locks them (see the class
  // comment), checks that each is initialized with dtype `dtype`, and makes each buffer the
  // variable's own. Errors are the uninitialized-value and wrong-dtype ones naming the
  // variable. REQUIRES: called once.
  absl::Status Acquire(OpKernelContext* ctx, std::initializer_list<int> inputs, DataType dtype,
                       bool exclusive) {
    for (int input : inputs) {
      const ResourceHandle* handle = nullptr;
      Var* var = nullptr;
      RETURN_IF_ERROR(LookupVariable(ctx, input, &handle, &var));
      handles_.push_back(handle);
      vars_.push_back(var);
    }
    distinct_ = vars_;
    std::sort(distinct_.begin(), distinct_.end());
    distinct_.erase(std::unique(distinct_.begin(), distinct_.end()), distinct_.end());
    exclusive_ = exclusive;
    RETURN_IF_ERROR(LockAndCheck(dtype));
    if (!exclusive_) {
      if (std::all_of(distinct_.begin(), distinct_.end(), [](Var* var) {
            return var->tensor()->NumElements() == 0 || var->tensor()->RefCountIsOne();
          })) {
        return absl::OkStatus();
      }
      Unlock();
      exclusive_ = true;
      RETURN_IF_ERROR(LockAndCheck(dtype));
    }
    for (size_t i = 0; i < vars_.size(); ++i) {
      RETURN_IF_ERROR(PrepareToUpdateVariable(*handles_[i], vars_[i]));
    }
    return absl::OkStatus();
  }

  // tensor is the value of the i-th variable of Acquire's `inputs`; name its name.
  Tensor& tensor(int i) { return *vars_[i]->tensor(); }
  const std::string& name(int i) const { return handles_[i]->name(); }

 private:
  absl::Status LockAndCheck(DataType dtype) {
    for (Var* var : distinct_) {
      if (exclusive_) {
        var->mu()->Lock();
      } else {
        var->mu()->ReaderLock();
      }
    }
    locked_ = true;
    for (size_t i = 0; i < vars_.size(); ++i) {
      RETURN_IF_ERROR(CheckVariableReadable(*handles_[i], vars_[i], dtype));
    }
    return absl::OkStatus();
  }

  void Unlock() {
    if (!locked_) return;
    for (auto it = distinct_.rbegin(); it != distinct_.rend(); ++it) {
      if (exclusive_) {
        (*it)->mu()->Unlock();
      } else {
        (*it)->mu()->ReaderUnlock();
      }
    }
    locked_ = false;
  }

  std::vector<const ResourceHandle*> handles_;
  std::vector<Var*> vars_;      // One reference each, in input order.
  std::vector<Var*> distinct_;  // vars_ without repeats, in address order.
  bool exclusive_ = true;
  bool locked_ = false;
};

// The element functions of the updates, as Eigen computes them: in T for float and double,
// in float rounded once to T for half and bfloat16.
template <typename T>
using ComputeType = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <typename T>
T Sqrt(T x) {
  return T(std::sqrt(static_cast<ComputeType<T>>(x)));
}

// Rsqrt is 1 / sqrt(x) (the rsqrt TensorFlow's kernels write), a division by the rounded
// square root.
template <typename T>
T Rsqrt(T x) {
  return T(ComputeType<T>(1) / std::sqrt(static_cast<ComputeType<T>>(x)));
}

template <typename T>
T Pow(T x, T y) {
  return T(std::pow(static_cast<ComputeType<T>>(x), static_cast<ComputeType<T>>(y)));
}

// Sign is -1, 0 or 1.
template <typename T>
T Sign(T x) {
  return x > T(0) ? T(1) : (x < T(0) ? T(-1) : T(0));
}

// CheckScalar is TensorFlow's error for a hyperparameter that is not a scalar:
// "lr is not a scalar: [2]".
inline absl::Status CheckScalar(const Tensor& value, const char* name) {
  if (value.dims() == 0) return absl::OkStatus();
  return errors::InvalidArgument(name, " is not a scalar: ", value.shape().DebugString());
}

// CheckSlotShape: slot `what` (variable i of `vars`) must have the shape of the variable
// (variable 0): "var and accum do not have the same shape: var w has shape [2,3], accum
// w/Momentum has [3]".
inline absl::Status CheckSlotShape(TrainingVariables& vars, int i, const char* what) {
  if (vars.tensor(i).shape() == vars.tensor(0).shape()) return absl::OkStatus();
  return errors::InvalidArgument("var and ", what, " do not have the same shape: var ",
                                 vars.name(0), " has shape ",
                                 vars.tensor(0).shape().DebugString(), ", ", what, " ",
                                 vars.name(i), " has ", vars.tensor(i).shape().DebugString());
}

// CheckGradShape: a dense gradient must have the variable's shape.
inline absl::Status CheckGradShape(TrainingVariables& vars, const Tensor& grad) {
  if (grad.shape() == vars.tensor(0).shape()) return absl::OkStatus();
  return errors::InvalidArgument("var and grad do not have the same shape: var ", vars.name(0),
                                 " has shape ", vars.tensor(0).shape().DebugString(),
                                 ", grad has ", grad.shape().DebugString());
}

// CheckSparseGrad checks a sparse update's rows: the variable at least a vector, indices a
// vector, grad indices' length followed by the variable's trailing dimensions, and every
// index a row of the variable ("indices[3] = 50001 is not in [0, 50000)"). Sets
// `*row_elements` to the number of elements in one row.
template <typename Index>
absl::Status CheckSparseGrad(TrainingVariables& vars, const Tensor& grad, const Tensor& indices,
                             int64_t* row_elements) {
  const Tensor& var = vars.tensor(0);
  if (var.dims() < 1) {
    return errors::InvalidArgument("var must be at least 1 dimensional, but variable ",
                                   vars.name(0), " has shape ", var.shape().DebugString());
  }
  if (indices.dims() != 1) {
    return errors::InvalidArgument("indices must be one-dimensional, got shape ",
                                   indices.shape().DebugString());
  }
  if (grad.dims() != var.dims()) {
    return errors::InvalidArgument("var and grad must have the same rank: var ", vars.name(0),
                                   " has shape ", var.shape().DebugString(), ", grad has ",
                                   grad.shape().DebugString());
  }
  *row_elements = 1;
  for (int d = 1; d < var.dims(); ++d) {
    if (var.dim_size(d) != grad.dim_size(d)) {
      return errors::InvalidArgument("var and grad must match in dimension ", d, ": var ",
                                     vars.name(0), " has shape ", var.shape().DebugString(),
                                     ", grad has ", grad.shape().DebugString());
    }
    *row_elements *= var.dim_size(d);
  }
  const int64_t num_indices = indices.dim_size(0);
  if (grad.dim_size(0) != num_indices) {
    return errors::InvalidArgument(
        "grad must be the same size as indices in the first dimension: grad has shape ",
        grad.shape().DebugString(), ", indices has ", num_indices, " elements");
  }
  const int64_t rows = var.dim_size(0);
  const Index* index = static_cast<const Index*>(indices.data());
  for (int64_t i = 0; i < num_indices; ++i) {
    if (index[i] < 0 || static_cast<int64_t>(index[i]) >= rows) {
      return IndexNotInRange(indices.shape(), i, index[i], rows);
    }
  }
  return absl::OkStatus();
}

// ForEachSparseRow calls fn(var_row, grad_row) for each index in order: the offsets of row
// indices[i] of the variable and of row i of the gradient. A repeated index is visited once
// per occurrence. REQUIRES: CheckSparseGrad passed.
template <typename Index, typename Fn>
void ForEachSparseRow(const Tensor& indices, int64_t row_elements, Fn fn) {
  const Index* index = static_cast<const Index*>(indices.data());
  const int64_t num_indices = indices.NumElements();
  for (int64_t i = 0; i < num_indices; ++i) {
    fn(static_cast<int64_t>(index[i]) * row_elements, i * row_elements);
  }
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_TRAINING_TRAINING_VARS_H_
