#include "qemu_docker/util/path_in_tree.h"

#include "qemu_docker/util/error.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <vector>

namespace qd {

namespace {

constexpr int kMaxSymlinks = 40; // the kernel's limit (ELOOP)

// A name still to walk, and whether it may be made when missing (PATH's own
// names may, a symlink target's may not).
struct Step {
    std::string name;
    bool makeable;
};

// The names of PATH, without the empty ones and ".".
std::deque<Step> steps(const std::string& path, bool makeable) {
    std::deque<Step> names;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        std::string name = path.substr(start, end - start);
        if (!name.empty() && name != ".")
            names.push_back({std::move(name), makeable});
        start = end + 1;
    }
    return names;
}

[[noreturn]] void fail(const std::string& path, const std::string& step, int error) {
    throw Error(fmt::format("{} (at {}): {}", path, step, std::strerror(error)));
}

std::string read_link(int dir, const std::string& name, const std::string& path) {
    std::string target(PATH_MAX, '\0');
    const ssize_t n = ::readlinkat(dir, name.c_str(), target.data(), target.size());
    if (n < 0)
        fail(path, name, errno);
    target.resize(static_cast<std::size_t>(n));
    return target;
}

} // namespace

std::optional<PlaceInTree> place_in_tree(int tree, const std::string& path) {
    std::deque<Step> todo = steps(path, true);
    std::vector<UniqueFd> walked; // the directories below TREE, outermost first
    auto current = [&] { return walked.empty() ? tree : walked.back().get(); };
    int links = 0;
    while (!todo.empty()) {
        const Step step = std::move(todo.front());
        const std::string& name = step.name;
        todo.pop_front();
        if (name == "..") {
            if (!walked.empty())
                walked.pop_back();
            continue;
        }
        struct stat st;
        const bool exists = ::fstatat(current(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
        if (!exists && errno != ENOENT)
            fail(path, name, errno);
        if (exists && S_ISLNK(st.st_mode)) {
            if (++links > kMaxSymlinks)
                fail(path, name, ELOOP);
            const std::string target = read_link(current(), name, path);
            if (target.starts_with('/'))
                walked.clear();
            auto names = steps(target, false);
            todo.insert(todo.begin(), names.begin(), names.end());
            continue;
        }
        if (todo.empty())
            return PlaceInTree{UniqueFd(::fcntl(current(), F_DUPFD_CLOEXEC, 0)), name};
        if (!exists && !step.makeable)
            return std::nullopt;
        if (!exists && ::mkdirat(current(), name.c_str(), 0755) != 0 && errno != EEXIST)
            fail(path, name, errno);
        UniqueFd next(
            ::openat(current(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid())
            fail(path, name, errno);
        walked.push_back(std::move(next));
    }
    fail(path, path, EISDIR);
}

} // namespace qd
