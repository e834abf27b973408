// The kernel registry: registration, validation, capture for plugins, the lookup that
// picks a node's kernel, and CreateOpKernel.
#include "core/framework/kernel_registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// KernelLabelAttr is the node attr ("_kernel") that must equal a kernel's label.
const std::string& KernelLabelAttr() {
  static const std::string* const name = new std::string("_kernel");
  return *name;
}

std::string DataTypeListString(absl::Span<const DataType> dtypes) {
  return absl::StrJoin(dtypes, ", ", [](std::string* out, DataType dtype) {
    absl::StrAppend(out, tensorflow::DataType_Name(dtype));
  });
}

bool SameConstraints(const KernelDef& a, const KernelDef& b) {
  if (a.constraints.size() != b.constraints.size()) return false;
  for (const KernelDef::TypeConstraint& constraint : a.constraints) {
    auto it = std::find_if(b.constraints.begin(), b.constraints.end(),
                           [&](const KernelDef::TypeConstraint& other) {
                             return other.attr == constraint.attr;
                           });
    if (it == b.constraints.end()) return false;
    for (DataType dtype : constraint.allowed) {
      if (std::find(it->allowed.begin(), it->allowed.end(), dtype) == it->allowed.end()) {
        return false;
      }
    }
    if (it->allowed.size() != constraint.allowed.size()) return false;
  }
  return true;
}

// SameSignature: a and b would apply to exactly the same nodes with the same priority.
bool SameSignature(const KernelDef& a, const KernelDef& b) {
  return a.op == b.op && a.device_type == b.device_type && a.label == b.label &&
         a.priority == b.priority && SameConstraints(a, b);
}

std::string DescribeRegistration(const KernelRegistration& registration) {
  std::string description = registration.def.DebugString();
  if (!registration.provider.empty()) {
    absl::StrAppend(&description, "  (from ", registration.provider, ")");
  }
  return description;
}

// AttrValueOrDefault returns the node's attr `name`, else the op's default for it, else null.
const tensorflow::AttrValue* AttrValueOrDefault(const tensorflow::NodeDef& node_def,
                                                const std::string& name) {
  auto it = node_def.attr().find(name);
  if (it != node_def.attr().end()) return &it->second;
  absl::StatusOr<const OpRegistrationData*> op = OpRegistry::Global()->LookUp(node_def.op());
  if (!op.ok()) return nullptr;
  for (const tensorflow::OpDef::AttrDef& attr : (*op)->op_def.attr()) {
    if (attr.name() == name && attr.has_default_value()) return &attr.default_value();
  }
  return nullptr;
}

// Satisfies: `value` (a type or list(type) attr; null when absent) holds only `allowed`.
bool Satisfies(const tensorflow::AttrValue* value, const KernelDef::TypeConstraint& constraint) {
  if (value == nullptr) return false;
  auto allowed = [&constraint](int dtype) {
    return std::find(constraint.allowed.begin(), constraint.allowed.end(),
                     static_cast<DataType>(dtype)) != constraint.allowed.end();
  };
  switch (value->value_case()) {
    case tensorflow::AttrValue::kType:
      return allowed(value->type());
    case tensorflow::AttrValue::kList:
      return std::all_of(value->list().type().begin(), value->list().type().end(), allowed);
    default:
      return false;
  }
}

std::string AttrValueSummary(const tensorflow::AttrValue* value) {
  if (value == nullptr) return "<missing>";
  switch (value->value_case()) {
    case tensorflow::AttrValue::kType:
      return tensorflow::DataType_Name(value->type());
    case tensorflow::AttrValue::kList: {
      std::vector<DataType> dtypes;
      for (int dtype : value->list().type()) dtypes.push_back(static_cast<DataType>(dtype));
      return absl::StrCat("[", DataTypeListString(dtypes), "]");
    }
    default:
      return "<not a type>";
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// KernelDef and KernelDefBuilder.

std::string KernelDef::DebugString() const {
  std::string out = absl::StrCat("device='", device_type, "'");
  for (const TypeConstraint& constraint : constraints) {
    absl::StrAppend(&out, "; ", constraint.attr, " in [",
                    DataTypeListString(constraint.allowed), "]");
  }
  if (!label.empty()) absl::StrAppend(&out, "; label='", label, "'");
  if (priority != 0) absl::StrAppend(&out, "; priority=", priority);
  if (!host_memory_args.empty()) {
    absl::StrAppend(&out, "; host_memory=[", absl::StrJoin(host_memory_args, ", "), "]");
  }
  return out;
}

KernelDefBuilder::KernelDefBuilder(const char* op_name) { def_.op = op_name; }

KernelDefBuilder& KernelDefBuilder::Device(const char* device_type) {
  def_.device_type = device_type;
  return *this;
}

KernelDefBuilder& KernelDefBuilder::TypeConstraint(const char* attr,
                                                   std::initializer_list<DataType> allowed) {
  return TypeConstraint(attr, DataTypeSlice(allowed.begin(), allowed.size()));
}

KernelDefBuilder& KernelDefBuilder::TypeConstraint(const char* attr, DataTypeSlice allowed) {
  def_.constraints.push_back({attr, {allowed.begin(), allowed.end()}});
  return *this;
}

KernelDefBuilder& KernelDefBuilder::HostMemory(const char* arg_name) {
  def_.host_memory_args.push_back(arg_name);
  return *this;
}

KernelDefBuilder& KernelDefBuilder::Priority(int priority) {
  def_.priority = priority;
  return *this;
}

KernelDefBuilder& KernelDefBuilder::Label(const char* label) {
  def_.label = label;
  return *this;
}

// ---------------------------------------------------------------------------------------
// KernelRegistry.

// OpKernels: the kernels of one op in registration order, grouped by device type. For
// each device type it also keeps the distinct attrs its constraints read, so that a
// lookup reads each attr once.
struct KernelRegistry::OpKernels {
  struct Candidate {
    const KernelRegistration* registration;
    // Constraint i of the registration reads DeviceKernels::constraint_attrs[attr_index[i]].
    absl::InlinedVector<int, 2> attr_index;
  };
  struct DeviceKernels {
    std::string device_type;
    std::vector<std::string> constraint_attrs;
    std::vector<Candidate> candidates;
  };

  std::vector<const KernelRegistration*> registrations;
  std::vector<DeviceKernels> devices;

  void Add(const KernelRegistration* registration) {
    const KernelDef& def = registration->def;
    auto device = std::find_if(devices.begin(), devices.end(), [&](const DeviceKernels& d) {
      return d.device_type == def.device_type;
    });
    if (device == devices.end()) {
      devices.push_back({def.device_type, {}, {}});
      device = devices.end() - 1;
    }
    Candidate candidate{registration, {}};
    for (const KernelDef::TypeConstraint& constraint : def.constraints) {
      auto attr = std::find(device->constraint_attrs.begin(), device->constraint_attrs.end(),
                            constraint.attr);
      candidate.attr_index.push_back(static_cast<int>(attr - device->constraint_attrs.begin()));
      if (attr == device->constraint_attrs.end()) {
        device->constraint_attrs.push_back(constraint.attr);
      }
    }
    device->candidates.push_back(std::move(candidate));
    registrations.push_back(registration);
  }
};

// Index: an immutable snapshot of the registrations, read without locks by FindKernel.
class KernelRegistry::Index {
 public:
  explicit Index(const absl::flat_hash_map<
                 std::string, std::vector<std::unique_ptr<const KernelRegistration>>>& by_op) {
    for (const auto& [op, registrations] : by_op) {
      OpKernels& op_kernels = by_op_[op];
      for (const auto& registration : registrations) op_kernels.Add(registration.get());
    }
  }

  const OpKernels* Find(absl::string_view op) const {
    auto it = by_op_.find(op);
    return it == by_op_.end() ? nullptr : &it->second;
  }

 private:
  absl::flat_hash_map<std::string, OpKernels> by_op_;
};

KernelRegistry::KernelRegistry() = default;
KernelRegistry::~KernelRegistry() = default;

KernelRegistry* KernelRegistry::Global() {
  static KernelRegistry* const registry = new KernelRegistry;
  return registry;
}

const KernelRegistry::Index& KernelRegistry::CurrentIndex() const {
  const Index* index = index_.load(std::memory_order_acquire);
  if (index != nullptr) return *index;
  absl::MutexLock lock(&mu_);
  index = index_.load(std::memory_order_acquire);
  if (index == nullptr) {
    indexes_.push_back(std::make_unique<const Index>(registrations_by_op_));
    index = indexes_.back().get();
    index_.store(index, std::memory_order_release);
  }
  return *index;
}

absl::Status KernelRegistry::ValidateLocked(const KernelRegistration& registration) const {
  const KernelDef& def = registration.def;
  const std::string what =
      absl::StrCat("kernel ", registration.kernel_class_name, " for op '", def.op, "'");
  if (def.op.empty()) {
    return errors::InvalidArgument("kernel ", registration.kernel_class_name,
                                   " is registered for an empty op name");
  }
  if (def.device_type.empty()) {
    return errors::InvalidArgument(what, " names no device type: add .Device(DEVICE_CPU)");
  }
  if (registration.factory == nullptr) {
    return errors::InvalidArgument(what, " has no factory");
  }
  for (size_t i = 0; i < def.constraints.size(); ++i) {
    const KernelDef::TypeConstraint& constraint = def.constraints[i];
    if (constraint.attr.empty() || constraint.allowed.empty()) {
      return errors::InvalidArgument(what, " has a TypeConstraint with no attr name or no type");
    }
    for (size_t j = 0; j < i; ++j) {
      if (def.constraints[j].attr == constraint.attr) {
        return errors::InvalidArgument(what, " constrains attr '", constraint.attr,
                                       "' twice");
      }
    }
  }
  auto check_duplicate = [&](const KernelRegistration& existing) -> absl::Status {
    if (!SameSignature(existing.def, def)) return absl::OkStatus();
    return errors::AlreadyExists(what, " (", def.DebugString(),
                                 ") duplicates the registration of ",
                                 existing.kernel_class_name);
  };
  auto registered = registrations_by_op_.find(def.op);
  if (registered != registrations_by_op_.end()) {
    for (const auto& existing : registered->second) RETURN_IF_ERROR(check_duplicate(*existing));
  }
  for (const KernelRegistration& held : captured_) RETURN_IF_ERROR(check_duplicate(held));
  return absl::OkStatus();
}

void KernelRegistry::AddLocked(KernelRegistration registration) {
  std::vector<std::unique_ptr<const KernelRegistration>>& registrations =
      registrations_by_op_[registration.def.op];
  registrations.push_back(std::make_unique<const KernelRegistration>(std::move(registration)));
  index_.store(nullptr, std::memory_order_release);
}

absl::Status KernelRegistry::Register(KernelRegistration registration) {
  absl::MutexLock lock(&mu_);
  absl::Status status = ValidateLocked(registration);
  if (capturing_ && capture_thread_ == std::this_thread::get_id()) {
    capture_result_.names.push_back(absl::StrCat(registration.def.op, ": ",
                                                 registration.def.DebugString(), " (",
                                                 registration.kernel_class_name, ")"));
    if (status.ok()) {
      captured_.push_back(std::move(registration));
    } else if (capture_result_.status.ok()) {
      capture_result_.status = status;
    }
    return absl::OkStatus();
  }
  if (status.ok()) AddLocked(std::move(registration));
  return status;
}

void KernelRegistry::BeginCapture() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](bool* capturing) { return !*capturing; }, &capturing_));
  capturing_ = true;
  capture_thread_ = std::this_thread::get_id();
  captured_.clear();
  capture_result_ = Captured();
}

absl::Status KernelRegistry::PendingCaptureStatus() const {
  absl::MutexLock lock(&mu_);
  return capture_result_.status;
}

KernelRegistry::Captured KernelRegistry::EndCapture(bool commit) {
  absl::MutexLock lock(&mu_);
  Captured result = std::move(capture_result_);
  if (result.status.ok() && commit) {
    for (KernelRegistration& registration : captured_) AddLocked(std::move(registration));
  }
  captured_.clear();
  capture_result_ = Captured();
  capturing_ = false;
  return result;
}

std::vector<std::string> KernelRegistry::KernelsRegisteredForOp(absl::string_view op) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> descriptions;
  auto registered = registrations_by_op_.find(op);
  if (registered != registrations_by_op_.end()) {
    for (const auto& registration : registered->second) {
      descriptions.push_back(DescribeRegistration(*registration));
    }
  }
  return descriptions;
}

namespace {

// NodeSummary: "node a (op: 'Add', T=DT_STRING)", showing the attrs `attrs` and the
// kernel label when the node has one.
std::string NodeSummary(const tensorflow::NodeDef& node_def,
                        const std::vector<std::string>& attrs) {
  std::string out =
      absl::StrCat(FormatNodeForError(node_def.name()), " (op: '", node_def.op(), "'");
  for (const std::string& attr : attrs) {
    absl::StrAppend(&out, ", ", attr, "=", AttrValueSummary(AttrValueOrDefault(node_def, attr)));
  }
  auto label = node_def.attr().find(KernelLabelAttr());
  if (label != node_def.attr().end()) {
    absl::StrAppend(&out, ", ", KernelLabelAttr(), "='", label->second.s(), "'");
  }
  absl::StrAppend(&out, ")");
  return out;
}

}  // namespace

absl::StatusOr<const KernelRegistration*> KernelRegistry::FindKernel(
    absl::string_view device_type, const tensorflow::NodeDef& node_def) const {
  const OpKernels* op_kernels = CurrentIndex().Find(node_def.op());
  const OpKernels::DeviceKernels* device = nullptr;
  if (op_kernels != nullptr) {
    for (const OpKernels::DeviceKernels& candidate : op_kernels->devices) {
      if (candidate.device_type == device_type) device = &candidate;
    }
  }
  const KernelRegistration* best = nullptr;
  const KernelRegistration* tie = nullptr;
  if (device != nullptr) {
    absl::InlinedVector<const tensorflow::AttrValue*, 4> values;
    for (const std::string& attr : device->constraint_attrs) {
      values.push_back(AttrValueOrDefault(node_def, attr));
    }
    auto label_it = node_def.attr().find(KernelLabelAttr());
    const std::string* label =
        label_it == node_def.attr().end() ? nullptr : &label_it->second.s();
    for (const OpKernels::Candidate& candidate : device->candidates) {
      const KernelDef& def = candidate.registration->def;
      if (label == nullptr ? !def.label.empty() : def.label != *label) continue;
      bool applies = true;
      for (size_t i = 0; i < def.constraints.size() && applies; ++i) {
        applies = Satisfies(values[candidate.attr_index[i]], def.constraints[i]);
      }
      if (!applies) continue;
      if (best == nullptr || def.priority > best->def.priority) {
        best = candidate.registration;
        tie = nullptr;
      } else if (def.priority == best->def.priority) {
        tie = candidate.registration;
      }
    }
  }
  if (best != nullptr && tie == nullptr) return best;

  // Slow path: explain.
  std::vector<std::string> shown_attrs;
  if (op_kernels != nullptr) {
    for (const OpKernels::DeviceKernels& each : op_kernels->devices) {
      for (const std::string& attr : each.constraint_attrs) {
        if (std::find(shown_attrs.begin(), shown_attrs.end(), attr) == shown_attrs.end()) {
          shown_attrs.push_back(attr);
        }
      }
    }
  }
  const std::string node = NodeSummary(node_def, shown_attrs);
  if (best != nullptr) {
    return errors::InvalidArgument(
        "Multiple OpKernel registrations match node ", node, " on '", device_type,
        "' devices with priority ", best->def.priority, ": ", best->kernel_class_name, " (",
        DescribeRegistration(*best), ") and ", tie->kernel_class_name, " (",
        DescribeRegistration(*tie), "). Give one of them a higher Priority().");
  }
  std::string message = absl::StrCat("No registered '", node_def.op(), "' OpKernel for '",
                                     device_type, "' devices compatible with node ", node,
                                     ". ");
  if (op_kernels == nullptr) {
    absl::StrAppend(&message, "Op '", node_def.op(),
                    "' has no registered kernels on any device: link the (alwayslink) "
                    "library that provides them, or load its plugin with LoadLibrary.");
  } else {
    absl::StrAppend(&message, "Registered kernels:");
    for (const KernelRegistration* registration : op_kernels->registrations) {
      absl::StrAppend(&message, "\n  ", DescribeRegistration(*registration));
    }
  }
  return errors::NotFound(message);
}

// ---------------------------------------------------------------------------------------
// Global lookups and kernel creation.

absl::StatusOr<const KernelRegistration*> FindKernel(absl::string_view device_type,
                                                     const tensorflow::NodeDef& node_def) {
  return KernelRegistry::Global()->FindKernel(device_type, node_def);
}

std::vector<std::string> KernelsRegisteredForOp(absl::string_view op) {
  return KernelRegistry::Global()->KernelsRegisteredForOp(op);
}

namespace {

// MemoryTypesFor marks host-memory arguments: those the kernel names with HostMemory, and
// every string, resource and variant tensor (which only the host can address).
absl::Status MemoryTypesFor(const KernelRegistration& registration,
                            OpKernelConstruction::Params* params) {
  auto init = [](const DataTypeVector& dtypes, MemoryTypeVector* memory_types) {
    memory_types->assign(dtypes.size(), DEVICE_MEMORY);
    for (size_t i = 0; i < dtypes.size(); ++i) {
      const DataType base = BaseType(dtypes[i]);
      if (base == DT_STRING || base == DT_RESOURCE || base == DT_VARIANT) {
        (*memory_types)[i] = HOST_MEMORY;
      }
    }
  };
  init(params->input_types, &params->input_memory_types);
  init(params->output_types, &params->output_memory_types);
  for (const std::string& arg : registration.def.host_memory_args) {
    bool found = false;
    auto mark = [&](const NameRangeMap& names, MemoryTypeVector* memory_types) {
      auto it = names.find(arg);
      if (it == names.end()) return;
      found = true;
      for (int i = it->second.first; i < it->second.second; ++i) {
        (*memory_types)[i] = HOST_MEMORY;
      }
    };
    mark(params->input_name_map, &params->input_memory_types);
    mark(params->output_name_map, &params->output_memory_types);
    if (!found) {
      return errors::InvalidArgument("kernel ", registration.kernel_class_name,
                                     " declares HostMemory('", arg, "') but op '",
                                     registration.def.op, "' has no argument named '", arg,
                                     "'");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<OpKernel>> CreateOpKernel(
    absl::string_view device_type, Device* device, const tensorflow::NodeDef& node_def,
    const tensorflow::FunctionDefLibrary* function_library) {
  const std::string node = NodeErrorContext(node_def.name(), node_def.op());
  auto with_node = [&node](const absl::Status& status) {
    return errors::AppendToMessage(status, node);
  };
  absl::StatusOr<const OpRegistrationData*> op = OpRegistry::Global()->LookUp(node_def.op());
  if (!op.ok()) return with_node(op.status());
  const tensorflow::OpDef& op_def = (*op)->op_def;

  tensorflow::NodeDef def = node_def;
  AddDefaultsToNodeDef(op_def, &def);
  RETURN_IF_ERROR(with_node(ValidateNodeDef(def, op_def)));
  ASSIGN_OR_RETURN(const KernelRegistration* registration,
                   KernelRegistry::Global()->FindKernel(device_type, def));

  OpKernelConstruction::Params params;
  params.device_type = std::string(device_type);
  params.device = device;
  params.node_def = &def;
  params.op_def = &op_def;
  params.function_library = function_library;
  RETURN_IF_ERROR(
      with_node(InOutTypesForNode(def, op_def, &params.input_types, &params.output_types)));
  RETURN_IF_ERROR(with_node(
      NameRangesForNode(def, op_def, &params.input_name_map, &params.output_name_map)));
  RETURN_IF_ERROR(with_node(MemoryTypesFor(*registration, &params)));

  OpKernelConstruction construction(std::move(params));
  std::unique_ptr<OpKernel> kernel(registration->factory(&construction));
  RETURN_IF_ERROR(kernel->AddNodeContext(kernel->Initialize(&construction)));
  return kernel;
}

absl::StatusOr<std::vector<std::string>> SupportedDeviceTypesForNode(
    absl::Span<const std::string> device_types, const tensorflow::NodeDef& node_def) {
  absl::StatusOr<const OpRegistrationData*> op = OpRegistry::Global()->LookUp(node_def.op());
  if (!op.ok()) {
    return errors::AppendToMessage(op.status(), NodeErrorContext(node_def.name(), node_def.op()));
  }
  std::vector<std::string> supported;
  for (const std::string& device_type : device_types) {
    if (KernelRegistry::Global()->FindKernel(device_type, node_def).ok()) {
      supported.push_back(device_type);
    }
  }
  return supported;
}

namespace kernel_registration {

bool Register(const KernelDefBuilder& builder, const char* kernel_class_name,
              const char* provider, KernelFactory factory) {
  absl::Status status = KernelRegistry::Global()->Register(
      KernelRegistration{builder.def(), kernel_class_name, provider, factory});
  if (!status.ok()) {
    std::fprintf(stderr, "REGISTER_KERNEL_BUILDER failed: %s\n", status.ToString().c_str());
    std::abort();
  }
  return true;
}

}  // namespace kernel_registration
}  // namespace rill
