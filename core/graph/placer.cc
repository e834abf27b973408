// PlaceGraph: colocation groups by union-find, then one device per group from its merged
// request and the device types that have kernels for all its members.
#include "core/graph/placer.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/device_name_utils.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"
#include "core/framework/types.h"

namespace rill {
namespace {

constexpr char kColocationAttr[] = "_class";
constexpr char kColocationPrefix[] = "loc:@";

// UnionFind partitions node ids into colocation groups.
class UnionFind {
 public:
  explicit UnionFind(int size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  int Find(int x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);  // The oldest node is the root.
  }

 private:
  std::vector<int> parent_;
};

// BuildColocationGroups joins each node with the producers of its resource and reference
// inputs, and with the nodes its `_class` attr names.
absl::Status BuildColocationGroups(const Graph& graph, UnionFind* groups) {
  for (const Node* node : graph.nodes()) {
    for (const Edge* edge : node->in_edges()) {
      if (edge->IsControlEdge()) continue;
      const DataType type = node->input_type(edge->dst_input);
      if (type == DT_RESOURCE || IsRefType(type)) groups->Union(edge->src->id(), node->id());
    }
    if (!HasNodeAttr(node->def(), kColocationAttr)) continue;
    std::vector<std::string> classes;
    absl::Status status = GetNodeAttr(node->def(), kColocationAttr, &classes);
    if (!status.ok()) {
      return errors::InvalidArgument("Node '", node->name(), "' (", node->type_string(),
                                     ") has a malformed colocation attr: ", status.message());
    }
    for (const std::string& entry : classes) {
      if (!absl::StartsWith(entry, kColocationPrefix)) continue;
      const std::string other_name = entry.substr(sizeof(kColocationPrefix) - 1);
      const Node* other = graph.FindNode(other_name);
      if (other == nullptr) {
        return errors::InvalidArgument("Node '", node->name(), "' (", node->type_string(),
                                       ") asks to be colocated with '", other_name,
                                       "' (", kColocationAttr, ": \"", entry,
                                       "\"), but the graph has no such node");
      }
      groups->Union(other->id(), node->id());
    }
  }
  return absl::OkStatus();
}

std::string DescribeGroup(const std::vector<Node*>& members) {
  if (members.size() == 1) return absl::StrCat("'", members[0]->name(), "' (",
                                               members[0]->type_string(), ")");
  return absl::StrCat(
      "'", members[0]->name(), "' (", members[0]->type_string(), ") and its colocated nodes ",
      absl::StrJoin(members.begin() + 1, members.end(), ", ",
                    [](std::string* out, const Node* n) {
                      absl::StrAppend(out, "'", n->name(), "' (", n->type_string(), ")");
                    }));
}

// GroupRequest merges the device requests of a group's members.
absl::StatusOr<DeviceNameUtils::ParsedName> GroupRequest(const std::vector<Node*>& members,
                                                         bool allow_soft_placement) {
  DeviceNameUtils::ParsedName request;
  const Node* requester = nullptr;
  for (const Node* member : members) {
    if (member->requested_device().empty()) continue;
    absl::StatusOr<DeviceNameUtils::ParsedName> parsed =
        DeviceNameUtils::ParseFullName(member->requested_device());
    if (!parsed.ok()) {
      return errors::InvalidArgument("Node '", member->name(), "' (", member->type_string(),
                                     ") requests device '", member->requested_device(),
                                     "', which is not a device name: ",
                                     parsed.status().message());
    }
    const absl::Status merged =
        DeviceNameUtils::MergeDevNames(&request, *parsed, allow_soft_placement);
    if (!merged.ok()) {
      return errors::InvalidArgument(
          "Cannot colocate node '", member->name(), "' (", member->type_string(),
          ") requesting '", member->requested_device(), "' with node '", requester->name(),
          "' (", requester->type_string(), ") requesting '", requester->requested_device(),
          "': ", merged.message());
    }
    if (requester == nullptr) requester = member;
  }
  return request;
}

// SupportedTypes returns the device types (of `device_types`, in order) with kernels for
// every member; InvalidArgument naming the members and their kernels when there is none.
absl::StatusOr<std::vector<std::string>> SupportedTypes(
    const std::vector<Node*>& members, const std::vector<std::string>& device_types) {
  std::vector<std::string> supported = device_types;
  std::vector<std::string> per_member;
  for (const Node* member : members) {
    absl::StatusOr<std::vector<std::string>> types =
        SupportedDeviceTypesForNode(device_types, member->def());
    if (!types.ok()) {
      return errors::InvalidArgument("Cannot place node '", member->name(), "' (",
                                     member->type_string(), "): ", types.status().message());
    }
    if (types->empty()) {
      const std::vector<std::string> kernels = KernelsRegisteredForOp(member->type_string());
      return errors::InvalidArgument(
          "Cannot assign a device for node '", member->name(), "' (", member->type_string(),
          "): no kernel for op '", member->type_string(), "' on any device type of this "
          "session [", absl::StrJoin(device_types, ", "), "]. Registered kernels:\n  ",
          kernels.empty() ? "<no registered kernels>" : absl::StrJoin(kernels, "\n  "));
    }
    per_member.push_back(absl::StrCat("'", member->name(), "' on [", absl::StrJoin(*types, ", "),
                                      "]"));
    supported.erase(std::remove_if(supported.begin(), supported.end(),
                                   [&](const std::string& type) {
                                     return std::find(types->begin(), types->end(), type) ==
                                            types->end();
                                   }),
                    supported.end());
  }
  if (supported.empty()) {
    return errors::InvalidArgument("Cannot colocate ", DescribeGroup(members),
                                   ": no device type has kernels for all of them (",
                                   absl::StrJoin(per_member, ", "), ")");
  }
  return supported;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Candidates lists the devices that match `request` and have a supported type.
std::vector<Device*> Candidates(const DeviceMgr& device_mgr,
                                const DeviceNameUtils::ParsedName& request,
                                const std::vector<std::string>& supported_types) {
  std::vector<Device*> candidates;
  for (Device* device : device_mgr.FindMatchingDevices(request)) {
    if (Contains(supported_types, device->device_type())) candidates.push_back(device);
  }
  return candidates;
}

// PlaceGroup assigns one device to every member of a colocation group.
absl::Status PlaceGroup(const std::vector<Node*>& members, const DeviceMgr& device_mgr,
                        const PlacementOptions& options,
                        const std::vector<std::string>& device_types) {
  const auto assigned = std::find_if(members.begin(), members.end(), [](const Node* node) {
    return !node->assigned_device_name().empty();
  });
  if (assigned != members.end()) {
    const std::string device = (*assigned)->assigned_device_name();
    for (Node* member : members) {
      if (member->assigned_device_name().empty()) member->set_assigned_device_name(device);
    }
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const DeviceNameUtils::ParsedName request,
                   GroupRequest(members, options.allow_soft_placement));
  ASSIGN_OR_RETURN(const std::vector<std::string> supported,
                   SupportedTypes(members, device_types));
  std::vector<Device*> candidates = Candidates(device_mgr, request, supported);
  if (candidates.empty() && options.allow_soft_placement) {
    candidates = Candidates(device_mgr, DeviceNameUtils::ParsedName(), supported);
  }
  if (candidates.empty()) {
    const std::string requested = DeviceNameUtils::ParsedNameToString(request);
    const std::vector<Device*> matching = device_mgr.FindMatchingDevices(request);
    const std::string reason =
        matching.empty()
            ? absl::StrCat("the requested device '", requested, "' does not exist")
            : absl::StrCat("no kernel for it on the requested device '", requested,
                           "'; device types with kernels for it: [",
                           absl::StrJoin(supported, ", "), "]");
    return errors::InvalidArgument("Cannot assign a device for node ", DescribeGroup(members),
                                   ": ", reason, ". Devices in this session: ",
                                   device_mgr.DeviceNamesDebugString(),
                                   ". (Set allow_soft_placement to place it elsewhere.)");
  }
  for (Node* member : members) member->set_assigned_device_name(candidates.front()->name());
  return absl::OkStatus();
}

}  // namespace

absl::Status PlaceGraph(Graph* graph, const DeviceMgr& device_mgr,
                        const PlacementOptions& options,
                        absl::Span<const Node* const> nodes_to_place) {
  UnionFind groups(graph->num_nodes());
  RETURN_IF_ERROR(BuildColocationGroups(*graph, &groups));

  std::vector<std::vector<Node*>> members(graph->num_nodes());
  for (Node* node : graph->nodes()) members[groups.Find(node->id())].push_back(node);
  std::vector<bool> selected(graph->num_nodes(), false);
  for (const Node* node : nodes_to_place) selected[groups.Find(node->id())] = true;

  std::vector<std::string> device_types;
  for (const Device* device : device_mgr.ListDevices()) {
    if (!Contains(device_types, device->device_type())) {
      device_types.push_back(device->device_type());
    }
  }

  std::vector<bool> was_placed(graph->num_nodes());
  for (const Node* node : graph->nodes()) {
    was_placed[node->id()] = !node->assigned_device_name().empty();
  }
  for (int root = 0; root < graph->num_nodes(); ++root) {
    if (!selected[root]) continue;
    const absl::Status status = PlaceGroup(members[root], device_mgr, options, device_types);
    if (!status.ok()) {  // Leave the graph as it was.
      for (Node* node : graph->nodes()) {
        if (!was_placed[node->id()]) node->set_assigned_device_name("");
      }
      return status;
    }
  }

  for (const Node* node : graph->nodes()) {
    if (was_placed[node->id()] || node->assigned_device_name().empty()) continue;
    const std::string line = absl::StrCat(node->name(), ": (", node->type_string(),
                                          "): ", node->assigned_device_name());
    if (options.log_device_placement) std::fprintf(stderr, "%s\n", line.c_str());
    if (options.placement_log != nullptr) options.placement_log->push_back(line);
  }
  return absl::OkStatus();
}

absl::Status PlaceGraph(Graph* graph, const DeviceMgr& device_mgr,
                        const PlacementOptions& options) {
  const std::vector<Node*>& nodes = graph->nodes();
  return PlaceGraph(graph, device_mgr, options,
                    absl::Span<const Node* const>(nodes.data(), nodes.size()));
}

}  // namespace rill
