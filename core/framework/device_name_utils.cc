// Parsing, printing and merging of device names (see device_name_utils.h for the forms).
#include "core/framework/device_name_utils.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"

namespace rill {
namespace {

// ConsumePrefix removes `prefix` from the front of `text` (case-insensitively) if present.
bool ConsumePrefix(absl::string_view* text, absl::string_view prefix) {
  if (!absl::StartsWithIgnoreCase(*text, prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

// ConsumeUntilSlash removes and returns the text up to (not including) the next '/'.
absl::string_view ConsumeUntilSlash(absl::string_view* text) {
  const size_t end = std::min(text->find('/'), text->size());
  absl::string_view part = text->substr(0, end);
  text->remove_prefix(end);
  return part;
}

// ParseNumberOrWildcard reads a non-negative decimal or "*" (has = false).
bool ParseNumberOrWildcard(absl::string_view text, bool* has, int* value) {
  if (text == "*") {
    *has = false;
    return true;
  }
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  *has = absl::SimpleAtoi(text, value);
  return *has;
}

// IsIdentifier: a letter, then letters, digits and underscores (job names, device types).
bool IsIdentifier(absl::string_view text) {
  if (text.empty() || !absl::ascii_isalpha(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// ParseTypeAndId reads "TYPE:ID", "TYPE:*", "TYPE", "*:ID" or "*" into `name`.
bool ParseTypeAndId(absl::string_view text, DeviceNameUtils::ParsedName* name) {
  const size_t colon = text.find(':');
  absl::string_view type = text.substr(0, colon);
  if (type == "*") {
    name->has_type = false;
  } else if (IsIdentifier(type)) {
    name->has_type = true;
    name->type = absl::AsciiStrToUpper(type);
  } else {
    return false;
  }
  if (colon == absl::string_view::npos) {
    name->has_id = false;
    return true;
  }
  return ParseNumberOrWildcard(text.substr(colon + 1), &name->has_id, &name->id);
}

// ParseComponent reads one "/key:value" component from the front of `text`. `seen_*`
// reject a part given twice.
bool ParseComponent(absl::string_view* text, DeviceNameUtils::ParsedName* name,
                    bool* seen_job, bool* seen_replica, bool* seen_task, bool* seen_device) {
  if (ConsumePrefix(text, "/job:")) {
    if (*seen_job) return false;
    *seen_job = true;
    absl::string_view job = ConsumeUntilSlash(text);
    if (job == "*") {
      name->has_job = false;
      return true;
    }
    if (!IsIdentifier(job)) return false;
    name->has_job = true;
    name->job = std::string(job);
    return true;
  }
  if (ConsumePrefix(text, "/replica:")) {
    if (*seen_replica) return false;
    *seen_replica = true;
    return ParseNumberOrWildcard(ConsumeUntilSlash(text), &name->has_replica, &name->replica);
  }
  if (ConsumePrefix(text, "/task:")) {
    if (*seen_task) return false;
    *seen_task = true;
    return ParseNumberOrWildcard(ConsumeUntilSlash(text), &name->has_task, &name->task);
  }
  if (*seen_device || text->empty() || (*text)[0] != '/') return false;
  *seen_device = true;
  if (ConsumePrefix(text, "/device:")) return ParseTypeAndId(ConsumeUntilSlash(text), name);
  // Legacy "/cpu:0", "/GPU:1": a bare type and id.
  text->remove_prefix(1);
  absl::string_view legacy = ConsumeUntilSlash(text);
  return legacy.find(':') != absl::string_view::npos && ParseTypeAndId(legacy, name);
}

}  // namespace

bool DeviceNameUtils::ParsedName::operator==(const ParsedName& other) const {
  return has_job == other.has_job && (!has_job || job == other.job) &&
         has_replica == other.has_replica && (!has_replica || replica == other.replica) &&
         has_task == other.has_task && (!has_task || task == other.task) &&
         has_type == other.has_type && (!has_type || type == other.type) &&
         has_id == other.has_id && (!has_id || id == other.id);
}

std::string DeviceNameUtils::FullName(absl::string_view job, int replica, int task,
                                      absl::string_view type, int id) {
  return absl::StrCat("/job:", job, "/replica:", replica, "/task:", task, "/device:", type,
                      ":", id);
}

absl::StatusOr<DeviceNameUtils::ParsedName> DeviceNameUtils::ParseFullName(
    absl::string_view fullname) {
  ParsedName name;
  if (fullname.empty()) return name;
  if (fullname[0] != '/') {
    // A local name without the leading "/device:": "CPU:0", "GPU:*".
    if (ParseTypeAndId(fullname, &name) && fullname.find(':') != absl::string_view::npos) {
      return name;
    }
    return errors::InvalidArgument("Malformed device name '", fullname,
                                   "'; expected e.g. '/job:localhost/replica:0/task:0/",
                                   "device:CPU:0', '/device:GPU:1', '/cpu:0' or 'CPU:0'");
  }
  absl::string_view rest = fullname;
  bool seen_job = false, seen_replica = false, seen_task = false, seen_device = false;
  while (!rest.empty()) {
    if (!ParseComponent(&rest, &name, &seen_job, &seen_replica, &seen_task, &seen_device)) {
      return errors::InvalidArgument("Malformed device name '", fullname,
                                     "'; expected e.g. '/job:localhost/replica:0/task:0/",
                                     "device:CPU:0', '/device:GPU:1', '/cpu:0' or 'CPU:0'");
    }
  }
  return name;
}

std::string DeviceNameUtils::ParsedNameToString(const ParsedName& name) {
  std::string out;
  if (name.has_job) absl::StrAppend(&out, "/job:", name.job);
  if (name.has_replica) absl::StrAppend(&out, "/replica:", name.replica);
  if (name.has_task) absl::StrAppend(&out, "/task:", name.task);
  if (name.has_type || name.has_id) {
    absl::StrAppend(&out, "/device:", name.has_type ? name.type : "*", ":",
                    name.has_id ? absl::StrCat(name.id) : "*");
  }
  return out;
}

bool DeviceNameUtils::IsFullySpecified(const ParsedName& name) {
  return name.has_job && name.has_replica && name.has_task && name.has_type && name.has_id;
}

bool DeviceNameUtils::HasSomeDetails(const ParsedName& name) {
  return name.has_job || name.has_replica || name.has_task || name.has_type || name.has_id;
}

bool DeviceNameUtils::IsSpecification(const ParsedName& pattern, const ParsedName& name) {
  if (pattern.has_job && (!name.has_job || pattern.job != name.job)) return false;
  if (pattern.has_replica && (!name.has_replica || pattern.replica != name.replica)) {
    return false;
  }
  if (pattern.has_task && (!name.has_task || pattern.task != name.task)) return false;
  if (pattern.has_type && (!name.has_type || pattern.type != name.type)) return false;
  if (pattern.has_id && (!name.has_id || pattern.id != name.id)) return false;
  return true;
}

bool DeviceNameUtils::IsCompleteSpecification(const ParsedName& pattern,
                                              const ParsedName& name) {
  return IsFullySpecified(name) && IsSpecification(pattern, name);
}

bool DeviceNameUtils::AreCompatibleDevNames(const ParsedName& a, const ParsedName& b) {
  if (a.has_job && b.has_job && a.job != b.job) return false;
  if (a.has_replica && b.has_replica && a.replica != b.replica) return false;
  if (a.has_task && b.has_task && a.task != b.task) return false;
  if (a.has_type && b.has_type && a.type != b.type) return false;
  if (a.has_id && b.has_id && a.id != b.id) return false;
  return true;
}

absl::Status DeviceNameUtils::MergeDevNames(ParsedName* target, const ParsedName& other,
                                            bool allow_soft_placement) {
  const auto conflict = [&](absl::string_view part) {
    return errors::InvalidArgument("Cannot merge devices with incompatible ", part, ": '",
                                   ParsedNameToString(*target), "' and '",
                                   ParsedNameToString(other), "'");
  };
  if (target->has_job && other.has_job && target->job != other.job) return conflict("jobs");
  if (target->has_replica && other.has_replica && target->replica != other.replica) {
    return conflict("replicas");
  }
  if (target->has_task && other.has_task && target->task != other.task) {
    return conflict("tasks");
  }
  const bool types_conflict = target->has_type && other.has_type && target->type != other.type;
  const bool ids_conflict = target->has_id && other.has_id && target->id != other.id;
  if ((types_conflict || ids_conflict) && !allow_soft_placement) {
    return conflict(types_conflict ? "types" : "ids");
  }
  MergeUnsetDevNames(target, other);
  if (types_conflict || ids_conflict) {
    target->has_type = false;
    target->has_id = false;
  }
  return absl::OkStatus();
}

void DeviceNameUtils::MergeUnsetDevNames(ParsedName* target, const ParsedName& other) {
  if (!target->has_job && other.has_job) {
    target->has_job = true;
    target->job = other.job;
  }
  if (!target->has_replica && other.has_replica) {
    target->has_replica = true;
    target->replica = other.replica;
  }
  if (!target->has_task && other.has_task) {
    target->has_task = true;
    target->task = other.task;
  }
  if (!target->has_type && other.has_type) {
    target->has_type = true;
    target->type = other.type;
  }
  if (!target->has_id && other.has_id) {
    target->has_id = true;
    target->id = other.id;
  }
}

absl::StatusOr<std::string> DeviceNameUtils::CanonicalizeDeviceName(
    absl::string_view fullname, absl::string_view basename) {
  absl::StatusOr<ParsedName> name = ParseFullName(fullname);
  if (!name.ok()) return name.status();
  absl::StatusOr<ParsedName> base = ParseFullName(basename);
  if (!base.ok()) return base.status();
  if (!IsFullySpecified(*base)) {
    return errors::InvalidArgument("Basename '", basename, "' of device name '", fullname,
                                   "' must be a full device name");
  }
  MergeUnsetDevNames(&*name, *base);
  return ParsedNameToString(*name);
}

std::string DeviceNameUtils::LocalName(absl::string_view type, int id) {
  return absl::StrCat("/device:", type, ":", id);
}

std::string DeviceNameUtils::LegacyName(absl::string_view type, int id) {
  return absl::StrCat("/", absl::AsciiStrToLower(type), ":", id);
}

}  // namespace rill
