// Device names as TensorFlow writes them: "/job:localhost/replica:0/task:0/device:CPU:0" and
// the short forms users type ("/cpu:0", "/gpu:1", "/device:GPU:1", "CPU:0"). Used by placement.
#ifndef RILL_CORE_FRAMEWORK_DEVICE_NAME_UTILS_H_
#define RILL_CORE_FRAMEWORK_DEVICE_NAME_UTILS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rill {

// DeviceNameUtils parses, prints, compares and merges device names. All functions are
// stateless and thread-safe.
class DeviceNameUtils {
 public:
  // ParsedName is a device name split into its parts. A part that is absent, or written as
  // the wildcard "*", has its has_* flag false. `type` is uppercased ("CPU", "GPU").
  struct ParsedName {
    bool has_job = false;
    std::string job;
    bool has_replica = false;
    int replica = 0;
    bool has_task = false;
    int task = 0;
    bool has_type = false;
    std::string type;
    bool has_id = false;
    int id = 0;

    bool operator==(const ParsedName& other) const;
    bool operator!=(const ParsedName& other) const { return !(*this == other); }
  };

  // FullName returns "/job:<job>/replica:<replica>/task:<task>/device:<type>:<id>".
  static std::string FullName(absl::string_view job, int replica, int task,
                              absl::string_view type, int id);

  // ParseFullName accepts full, partial and legacy names: "/job:w/replica:0/task:1/device:GPU:0",
  // "/job:w/task:1", "/device:CPU:*", "/cpu:0", "/GPU:2", "CPU:0", and "" (nothing specified).
  // Returns InvalidArgument naming `fullname` when it is none of these.
  static absl::StatusOr<ParsedName> ParseFullName(absl::string_view fullname);

  // ParsedNameToString prints the parts that are set, in the full form
  // ("/job:w/device:GPU:*"); an empty ParsedName prints as "".
  static std::string ParsedNameToString(const ParsedName& name);

  // IsFullySpecified is true when every part of `name` is set.
  static bool IsFullySpecified(const ParsedName& name);

  // HasSomeDetails is true when at least one part of `name` is set.
  static bool HasSomeDetails(const ParsedName& name);

  // IsSpecification is true when every part set in `pattern` is set to the same value in
  // `name` ("/gpu:*" is a specification of "/job:a/replica:0/task:0/device:GPU:3").
  static bool IsSpecification(const ParsedName& pattern, const ParsedName& name);

  // IsCompleteSpecification is IsSpecification for a fully specified `name` (false otherwise).
  static bool IsCompleteSpecification(const ParsedName& pattern, const ParsedName& name);

  // AreCompatibleDevNames is true when no part is set to different values in `a` and `b`.
  static bool AreCompatibleDevNames(const ParsedName& a, const ParsedName& b);

  // MergeDevNames fills the parts unset in `target` from `other`. A part set to different
  // values is InvalidArgument naming both names; with `allow_soft_placement`, a conflicting
  // device type or id instead leaves both type and id unset (any device may then be chosen).
  static absl::Status MergeDevNames(ParsedName* target, const ParsedName& other,
                                    bool allow_soft_placement = false);

  // MergeUnsetDevNames fills only the parts unset in `target` from `other`; never fails.
  static void MergeUnsetDevNames(ParsedName* target, const ParsedName& other);

  // CanonicalizeDeviceName parses `fullname`, fills its unset parts from `basename` (a full
  // name such as the session's host CPU) and prints the result in the full form:
  // ("/gpu:1", "/job:localhost/replica:0/task:0/device:CPU:0") ->
  // "/job:localhost/replica:0/task:0/device:GPU:1". InvalidArgument when either fails to
  // parse or `basename` is not fully specified.
  static absl::StatusOr<std::string> CanonicalizeDeviceName(absl::string_view fullname,
                                                            absl::string_view basename);

  // LocalName returns "/device:<type>:<id>", the name without job, replica and task.
  static std::string LocalName(absl::string_view type, int id);

  // LegacyName returns "/<type lowercased>:<id>", e.g. "/cpu:0".
  static std::string LegacyName(absl::string_view type, int id);
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_DEVICE_NAME_UTILS_H_
