// FunctionRunner: FunctionDef -> Graph (args as fed Placeholders, nodes in dependency
// order, function-style input names resolved to graph tensor names) -> kernels -> Executor.
#include "kernels/cpu/data/captured_function.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/graph/prune.h"

namespace rill {
namespace data {
namespace {

const tensorflow::FunctionDef* FindFunction(const tensorflow::FunctionDefLibrary& library,
                                            const std::string& name) {
  for (const tensorflow::FunctionDef& function : library.function()) {
    if (function.signature().name() == name) return &function;
  }
  return nullptr;
}

// InputNodeName is the node (or arg) an input string refers to.
absl::string_view InputNodeName(absl::string_view input) {
  if (absl::StartsWith(input, "^")) input.remove_prefix(1);
  return input.substr(0, input.find(':'));
}

// Instantiation turns one FunctionDef into a Graph.
class Instantiation {
 public:
  Instantiation(const tensorflow::FunctionDef& function, Graph* graph)
      : function_(function), graph_(graph) {}

  absl::Status AddArgs(DataTypeVector* arg_types) {
    for (const tensorflow::OpDef::ArgDef& arg : function_.signature().input_arg()) {
      RETURN_IF_ERROR(CheckConcreteType(arg, "input"));
      tensorflow::NodeDef def;
      def.set_name(arg.name());
      def.set_op("Placeholder");
      AddNodeAttr("dtype", static_cast<DataType>(arg.type()), &def);
      AddNodeAttr("shape", PartialTensorShape(), &def);
      RETURN_IF_ERROR(AddNode(std::move(def)));
      args_.insert(arg.name());
      arg_types->push_back(static_cast<DataType>(arg.type()));
    }
    return absl::OkStatus();
  }

  // AddNodes adds every node_def, each after the nodes it reads.
  absl::Status AddNodes() {
    for (int i = 0; i < function_.node_def_size(); ++i) {
      const std::string& name = function_.node_def(i).name();
      if (args_.contains(name) || !by_name_.emplace(name, i).second) {
        return Error("has two nodes (or a node and an arg) named '", name, "'");
      }
    }
    std::vector<int> state(function_.node_def_size(), 0);  // 0 new, 1 visiting, 2 added
    for (int i = 0; i < function_.node_def_size(); ++i) RETURN_IF_ERROR(Visit(i, &state));
    return absl::OkStatus();
  }

  // ResolveTensor turns a function input string into a graph tensor name ("node:3").
  absl::StatusOr<std::string> ResolveTensor(absl::string_view input) {
    const std::vector<absl::string_view> parts = absl::StrSplit(input, ':');
    const Node* node = graph_->FindNode(parts[0]);
    if (node == nullptr) return Error("reads '", input, "', which names no arg or node");
    int index = 0;
    if (parts.size() == 2 && absl::SimpleAtoi(parts[1], &index)) {
      // The graph form "node:3".
    } else if (parts.size() == 2 || parts.size() == 3) {
      int local = 0;
      if (parts.size() == 3 && !absl::SimpleAtoi(parts[2], &local)) {
        return Error("reads '", input, "', whose index is not a number");
      }
      NameRangeMap outputs;
      RETURN_IF_ERROR(NameRangesForNode(node->def(), node->op_def(), nullptr, &outputs));
      auto range = outputs.find(parts[1]);
      if (range == outputs.end() || local < 0 ||
          range->second.first + local >= range->second.second) {
        return Error("reads '", input, "', but node ", node->DebugString(), " has no such output");
      }
      index = range->second.first + local;
    } else if (parts.size() != 1) {
      return Error("reads '", input, "', which is not a tensor name");
    }
    if (index < 0 || index >= node->num_outputs()) {
      return Error("reads '", input, "', but node ", node->DebugString(), " has ",
                   node->num_outputs(), " outputs");
    }
    return absl::StrCat(node->name(), ":", index);
  }

  template <typename... Args>
  absl::Status Error(Args&&... args) const {
    return errors::InvalidArgument("Function '", function_.signature().name(), "' ",
                                   std::forward<Args>(args)...);
  }

  absl::Status CheckConcreteType(const tensorflow::OpDef::ArgDef& arg, absl::string_view kind) {
    if (arg.type() == tensorflow::DT_INVALID || !arg.type_attr().empty() ||
        !arg.number_attr().empty() || !arg.type_list_attr().empty()) {
      return Error("has ", kind, " arg '", arg.name(),
                   "' without a concrete type; Rill runs monomorphic functions only");
    }
    return absl::OkStatus();
  }

  const absl::flat_hash_set<std::string>& args() const { return args_; }

 private:
  absl::Status Visit(int i, std::vector<int>* state) {
    if ((*state)[i] == 2) return absl::OkStatus();
    const tensorflow::NodeDef& def = function_.node_def(i);
    if ((*state)[i] == 1) return Error("has a cycle through node '", def.name(), "'");
    (*state)[i] = 1;
    for (const std::string& input : def.input()) {
      auto it = by_name_.find(InputNodeName(input));
      if (it != by_name_.end()) RETURN_IF_ERROR(Visit(it->second, state));
    }
    tensorflow::NodeDef node = def;
    for (int j = 0; j < node.input_size(); ++j) {
      const std::string& input = node.input(j);
      if (absl::StartsWith(input, "^")) {
        if (graph_->FindNode(InputNodeName(input)) == nullptr) {
          return Error("node '", def.name(), "' waits for '", input, "', which names no node");
        }
        continue;
      }
      ASSIGN_OR_RETURN(std::string tensor, ResolveTensor(input));
      node.set_input(j, tensor);
    }
    RETURN_IF_ERROR(AddNode(std::move(node)));
    (*state)[i] = 2;
    return absl::OkStatus();
  }

  absl::Status AddNode(tensorflow::NodeDef def) {
    absl::StatusOr<Node*> node = graph_->AddNode(std::move(def));
    if (!node.ok()) {
      return errors::AppendToMessage(node.status(), " (in function '", function_.signature().name(),
                                     "')");
    }
    return absl::OkStatus();
  }

  const tensorflow::FunctionDef& function_;
  Graph* const graph_;
  absl::flat_hash_set<std::string> args_;
  absl::flat_hash_map<std::string, int> by_name_;
};

}  // namespace

FunctionRunner::~FunctionRunner() = default;

absl::StatusOr<std::unique_ptr<FunctionRunner>> FunctionRunner::Create(
    const std::string& name, const tensorflow::FunctionDefLibrary& library, Device* device) {
  const tensorflow::FunctionDef* function = FindFunction(library, name);
  if (function == nullptr) {
    return errors::NotFound("Function '", name, "' is not in the graph's function library");
  }
  std::unique_ptr<FunctionRunner> runner(new FunctionRunner());
  runner->name_ = name;
  runner->graph_ = std::make_unique<Graph>(OpRegistry::Global());
  Instantiation instantiation(*function, runner->graph_.get());
  RETURN_IF_ERROR(instantiation.AddArgs(&runner->arg_types_));
  RETURN_IF_ERROR(instantiation.AddNodes());

  std::vector<std::string> feeds;
  for (const auto& arg : function->signature().input_arg()) {
    feeds.push_back(absl::StrCat(arg.name(), ":0"));
  }
  std::vector<std::string> fetches;
  for (const auto& arg : function->signature().output_arg()) {
    RETURN_IF_ERROR(instantiation.CheckConcreteType(arg, "output"));
    auto ret = function->ret().find(arg.name());
    if (ret == function->ret().end()) {
      return instantiation.Error("returns nothing for output '", arg.name(), "'");
    }
    ASSIGN_OR_RETURN(std::string tensor, instantiation.ResolveTensor(ret->second));
    fetches.push_back(std::move(tensor));
    runner->ret_types_.push_back(static_cast<DataType>(arg.type()));
  }
  // Every node of the function runs, as TensorFlow runs a function's stateful nodes.
  std::vector<std::string> targets;
  for (const Node* node : runner->graph_->nodes()) {
    if (!instantiation.args().contains(node->name())) targets.push_back(node->name());
  }
  ASSIGN_OR_RETURN(PrunedGraph pruned, PruneGraphForStep(*runner->graph_, feeds, fetches, targets));
  for (size_t i = 0; i < fetches.size(); ++i) {
    ASSIGN_OR_RETURN(TensorId id, ParseTensorName(fetches[i]));
    const DataType produced = runner->graph_->FindNode(id.node)->output_type(id.index);
    if (produced != runner->ret_types_[i]) {
      return instantiation.Error("returns a ", DataTypeString(produced), " for output '",
                                 function->signature().output_arg(i).name(), "', declared ",
                                 DataTypeString(runner->ret_types_[i]));
    }
  }

  absl::flat_hash_map<const Node*, OpKernel*> kernels;
  for (const Node* node : pruned.nodes) {
    ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> kernel,
                     CreateOpKernel(device->device_type(), device, node->def(), &library));
    kernels[node] = kernel.get();
    runner->kernels_.push_back(std::move(kernel));
  }
  Executor::Options options;  // No pool: a call runs on the caller's thread.
  ASSIGN_OR_RETURN(
      runner->executor_,
      Executor::Create(
          *runner->graph_, pruned.nodes, feeds, fetches,
          [&kernels, device](const Node& node) -> absl::StatusOr<Executor::KernelAndDevice> {
            return Executor::KernelAndDevice{kernels.at(&node), device};
          },
          options));
  return runner;
}

absl::Status FunctionRunner::Run(absl::Span<const Tensor> args, std::vector<Tensor>* rets) const {
  if (args.size() != arg_types_.size()) {
    return errors::InvalidArgument("Function '", name_, "' takes ", arg_types_.size(),
                                   " arguments, got ", args.size());
  }
  std::vector<const Tensor*> feeds(args.size());
  for (size_t i = 0; i < args.size(); ++i) feeds[i] = &args[i];
  rets->assign(ret_types_.size(), Tensor());
  std::vector<Tensor*> fetches(rets->size());
  for (size_t i = 0; i < rets->size(); ++i) fetches[i] = &(*rets)[i];
  return executor_->Run(Executor::StepOptions(), feeds, fetches);
}

absl::StatusOr<std::shared_ptr<const FunctionRunner>> InstantiateFunctionAttr(
    OpKernelConstruction* ctx, absl::string_view attr) {
  tensorflow::NameAttrList func;
  RETURN_IF_ERROR(ctx->GetAttr(attr, &func));
  if (ctx->function_library() == nullptr) {
    return ctx->AddNodeContext(errors::FailedPrecondition(
        "Attr '", attr, "' names function '", func.name(),
        "', but the kernel was built without the graph's function library"));
  }
  absl::StatusOr<std::unique_ptr<FunctionRunner>> runner =
      FunctionRunner::Create(func.name(), *ctx->function_library(), ctx->device());
  if (!runner.ok()) return ctx->AddNodeContext(runner.status());
  return std::shared_ptr<const FunctionRunner>(std::move(*runner));
}

absl::Status CapturedFunction::Run(const std::vector<Tensor>& element,
                                   std::vector<Tensor>* rets) const {
  if (captured_inputs.empty()) return runner->Run(element, rets);
  std::vector<Tensor> args = element;
  args.insert(args.end(), captured_inputs.begin(), captured_inputs.end());
  return runner->Run(args, rets);
}

}  // namespace data
}  // namespace rill
