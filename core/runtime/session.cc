// SessionOptions::FromConfig: TensorFlow's ConfigProto switches as SessionOptions.
#include "core/runtime/session.h"

namespace rill {

SessionOptions SessionOptions::FromConfig(const tensorflow::ConfigProto& config) {
  SessionOptions options;
  options.inter_op_threads = config.inter_op_parallelism_threads();
  options.intra_op_threads = config.intra_op_parallelism_threads();
  options.allow_soft_placement = config.allow_soft_placement();
  options.log_device_placement = config.log_device_placement();
  options.device_count.insert(config.device_count().begin(), config.device_count().end());
  options.operation_timeout_in_ms = config.operation_timeout_in_ms();
  const tensorflow::OptimizerOptions& optimizer = config.graph_options().optimizer_options();
  options.do_constant_folding = optimizer.opt_level() != tensorflow::OptimizerOptions::L0 ||
                                optimizer.do_constant_folding();
  if (optimizer.max_folded_constant_in_bytes() > 0) {
    options.max_folded_constant_bytes = optimizer.max_folded_constant_in_bytes();
  }
  return options;
}

}  // namespace rill
