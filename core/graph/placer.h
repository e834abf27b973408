// PlaceGraph: assigns each node a device of a DeviceMgr, honouring device requests,
// colocation, kernel availability and soft placement, and logs placements TF-style.
#ifndef RILL_CORE_GRAPH_PLACER_H_
#define RILL_CORE_GRAPH_PLACER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/framework/device.h"
#include "core/graph/graph.h"

namespace rill {

// PlacementOptions: TensorFlow's ConfigProto placement switches.
struct PlacementOptions {
  // allow_soft_placement lets a node whose requested device does not exist, or has no
  // kernel for it, run on another device that has one.
  bool allow_soft_placement = false;
  // log_device_placement prints one line per placed node to stderr, as TensorFlow does:
  //   "add: (Add): /job:localhost/replica:0/task:0/device:CPU:0"
  bool log_device_placement = false;
  // placement_log, when set, receives the same lines (whether or not they are printed).
  std::vector<std::string>* placement_log = nullptr;
};

// PlaceGraph sets the assigned device of `nodes_to_place` (nodes of `graph`) and of the
// nodes colocated with them:
// - Colocation groups: a node consuming a DT_RESOURCE or reference output goes with that
//   output's producer (a variable's readers and updaters with the variable), and a node
//   with attr `_class: ["loc:@other"]` goes with `other`. A group's requests are merged.
// - A node (group) goes to the first device, in the DeviceMgr's order (CPU:0 first), that
//   matches its request ("/job:localhost/replica:0/task:0/device:GPU:0", "/gpu:0",
//   "/device:CPU:0", "/job:localhost", "" for any) and has a kernel for every member.
// - A node already assigned a device keeps it, and so does its group.
// Without soft placement, a request no device satisfies is InvalidArgument naming the node,
// its request and the devices that exist (or the device types that have a kernel).
// A node whose op has a kernel on no device is InvalidArgument naming the node, its op and
// the kernels that are registered, even with soft placement. On error no node's device
// changes.
absl::Status PlaceGraph(Graph* graph, const DeviceMgr& device_mgr,
                        const PlacementOptions& options,
                        absl::Span<const Node* const> nodes_to_place);

// PlaceGraph places every node of `graph`, as above.
absl::Status PlaceGraph(Graph* graph, const DeviceMgr& device_mgr,
                        const PlacementOptions& options);

}  // namespace rill

#endif  // RILL_CORE_GRAPH_PLACER_H_
