// The third-party headers nearly every Rill source includes, precompiled once (see pch.bzl):
// every C++ compilation of the workspace starts from them instead of parsing them again.
#ifndef RILL_TOOLS_PCH_PRECOMPILED_H_
#define RILL_TOOLS_PCH_PRECOMPILED_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "google/protobuf/generated_message_reflection.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_field.h"
#include "unsupported/Eigen/CXX11/Tensor"

#endif  // RILL_TOOLS_PCH_PRECOMPILED_H_
