// The JSON roster format: {"units": [...], "members": [...], "groups": [...]}, each element an
// object with the same fields as the CSV columns. Unknown keys are errors (a misspelt key would
// otherwise be silently ignored). See docs/formats.md.
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "io/json_tree.h"
#include "io/limits.h"
#include "io/roster_formats.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

class JsonRoster {
 public:
  JsonRoster(RosterBuilder& builder, ErrorList& errors) : builder_(builder), errors_(errors) {}

  void read(const JsonValue& root) {
    if (!expect(root, JsonValue::Kind::kObject, "the roster")) return;
    check_keys(root, {"units", "members", "groups"});
    take_damage();  // a repeated top-level key is reported; the records are still read
    const JsonValue* units = list(root, "units", true);
    const JsonValue* members = list(root, "members", false);
    const JsonValue* groups = list(root, "groups", false);
    if (units != nullptr) {
      for (const JsonValue& u : units->items) {
        if (!expect(u, JsonValue::Kind::kObject, "a unit")) continue;
        check_keys(u, {"id", "parent", "level", "org_type", "display_name", "leadership"});
        UnitRecord r{text(u, "id"),       text(u, "parent"),       text(u, "level"),
                     text(u, "org_type"), text(u, "display_name"), flag(u, "leadership")};
        if (take_damage()) continue;
        builder_.add_unit(std::move(r));
      }
    }
    if (groups != nullptr) {
      for (const JsonValue& g : groups->items) {
        if (!expect(g, JsonValue::Kind::kObject, "a group")) continue;
        check_keys(g, {"id", "display_name", "units"});
        GroupRecord r{text(g, "id"), text(g, "display_name"), strings(g, "units")};
        if (take_damage()) continue;
        builder_.add_group(std::move(r));
      }
    }
    builder_.resolve_units();
    if (members != nullptr) {
      for (const JsonValue& m : members->items) {
        if (errors_.full()) break;
        if (!expect(m, JsonValue::Kind::kObject, "a member")) continue;
        check_keys(m, {"id", "branch", "categories", "display_name", "responsible"});
        MemberRecord r{text(m, "id"), text(m, "branch"), text(m, "display_name"),
                       text(m, "responsible"), strings(m, "categories")};
        if (take_damage()) continue;
        builder_.add_member(r);
      }
    }
  }

 private:
  // Whether a value of the wrong type was found since the last call. A damaged record is not
  // passed on: its fields would only give more errors about the same mistake.
  bool take_damage() {
    const bool d = damaged_;
    damaged_ = false;
    return d;
  }

  bool expect(const JsonValue& v, JsonValue::Kind kind, const char* what) {
    if (v.kind == kind) return true;
    damaged_ = true;
    errors_.error("R008", v.begin, v.end,
                  fmt::format("{} is {}: expected {}", what, kind_name(v.kind), kind_name(kind)));
    return false;
  }

  // Reports every key that is not `allowed`, and every allowed key given twice (find() would
  // quietly take the first; other JSON tools take the last).
  void check_keys(const JsonValue& object, std::initializer_list<std::string_view> allowed) {
    std::vector<std::string_view> names(allowed);
    std::vector<const JsonMember*> first(names.size(), nullptr);
    for (const JsonMember& m : object.members) {
      const auto known = std::find(names.begin(), names.end(), m.key);
      if (known != names.end()) {
        const JsonMember*& seen = first[static_cast<std::size_t>(known - names.begin())];
        if (seen != nullptr) {
          damaged_ = true;
          Diagnostic* d = errors_.error(
              "R008", m.key_begin, m.key_end, fmt::format("the key \"{}\" is given twice", m.key),
              "keep one: JSON tools disagree on which of two values counts");
          errors_.relate(d, seen->key_begin, seen->key_end, "first given here");
        }
        seen = seen != nullptr ? seen : &m;
        continue;
      }
      std::string help = fmt::format("expected one of: {}", fmt::join(names, ", "));
      if (const std::string s = util::did_you_mean(m.key, names); !s.empty())
        help = s + "; " + help;
      errors_.error("R008", m.key_begin, m.key_end,
                    fmt::format("unknown key \"{}\"", util::excerpt(m.key)), help);
    }
  }

  const JsonValue* list(const JsonValue& root, const char* key, bool required) {
    const JsonValue* v = root.find(key);
    if (v == nullptr) {
      if (required)
        errors_.error("R008", root.begin, root.begin + 1,
                      fmt::format("the roster has no \"{}\" array", key));
      return nullptr;
    }
    return expect(*v, JsonValue::Kind::kArray, key) ? v : nullptr;
  }

  // A string field; null or absent is empty (the builder reports a missing id or level). Absent
  // fields point at their object.
  Field text(const JsonValue& object, const char* key) {
    const JsonValue* v = object.find(key);
    if (v == nullptr || v->kind == JsonValue::Kind::kNull)
      return Field{{}, object.begin, object.begin + 1};
    if (v->kind != JsonValue::Kind::kString) {
      damaged_ = true;
      errors_.error("R008", v->begin, v->end,
                    fmt::format("\"{}\" is {}: expected a string", key, kind_name(v->kind)));
      return Field{{}, v->begin, v->end};
    }
    return Field{v->text, v->begin, v->end};
  }

  // A boolean field as the CSV spelling ("yes"/"no") the builder reads.
  Field flag(const JsonValue& object, const char* key) {
    const JsonValue* v = object.find(key);
    if (v == nullptr || v->kind == JsonValue::Kind::kNull)
      return Field{{}, object.begin, object.begin + 1};
    if (v->kind != JsonValue::Kind::kBool) {
      damaged_ = true;
      errors_.error("R024", v->begin, v->end,
                    fmt::format("\"{}\" is {}: expected true or false", key, kind_name(v->kind)));
      return Field{{}, v->begin, v->end};
    }
    return Field{v->boolean ? "yes" : "no", v->begin, v->end};
  }

  std::vector<Field> strings(const JsonValue& object, const char* key) {
    std::vector<Field> out;
    const JsonValue* v = object.find(key);
    if (v == nullptr || v->kind == JsonValue::Kind::kNull) return out;
    if (!expect(*v, JsonValue::Kind::kArray, key)) return out;
    for (const JsonValue& item : v->items) {
      if (!expect(item, JsonValue::Kind::kString, "an element")) continue;
      out.push_back(Field{item.text, item.begin, item.end});
    }
    return out;
  }

  RosterBuilder& builder_;
  ErrorList& errors_;
  bool damaged_ = false;
};

}  // namespace

void read_roster_json(std::string_view text, std::size_t start, RosterBuilder& builder,
                      ErrorList& errors) {
  JsonError error;
  const std::optional<JsonValue> root =
      parse_json(text.substr(start), start, kMaxRosterJsonDepth, error);
  if (!root) {
    errors.error("R007", error.offset, error.offset + 1, error.message);
    return;
  }
  JsonRoster(builder, errors).read(*root);
}

}  // namespace lockstep::io
