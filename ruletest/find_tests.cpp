// Finding test files (lockstep/ruletest.h, find_test_files). Directory links are not followed,
// so a link cycle cannot make the walk endless; unreadable and hidden directories are skipped; at
// most kMaxTestFiles are taken. The list is sorted by path so that runs are the same on every
// machine, whatever order the file system lists a directory in.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "lockstep/ruletest.h"
#include "ruletest/limits.h"

namespace lockstep::ruletest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kExtension = ".locktest";

// A problem of `path` as a whole: the diagnostic names the path, with no line.
void not_found(Problems& problems, const std::string& path, std::string message, std::string help) {
  Diagnostic d;
  d.span.file = static_cast<std::uint32_t>(problems.files.size());
  problems.files.push_back({path, {}});
  d.code = "T001";
  d.message = std::move(message);
  d.help = std::move(help);
  problems.diagnostics.push_back(std::move(d));
}

}  // namespace

std::vector<std::string> find_test_files(const std::vector<std::string>& roots,
                                         Problems& problems) {
  std::vector<std::string> out;
  for (const std::string& root : roots) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      not_found(problems, root, "no such file or directory",
                "name a .locktest file or a directory holding some");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back(fs::path(root).lexically_normal().generic_string());
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& p = it->path();
      // Hidden directories (.git, editors' caches) hold no tests of anyone's.
      if (p.filename().string().starts_with('.') && it->is_directory(ec)) {
        it.disable_recursion_pending();
        continue;
      }
      if (p.extension() != kExtension || !it->is_regular_file(ec)) continue;
      if (out.size() == kMaxTestFiles) {
        not_found(problems, root, fmt::format("more than {} test files under it", kMaxTestFiles),
                  "name fewer or smaller directories");
        break;
      }
      out.push_back(p.lexically_normal().generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lockstep::ruletest
