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
    if (static_cast<std::size_t>(n) == target.size())
        fail(path, name, ENAMETOOLONG);
    target.resize(static_cast<std::size_t>(n));
    return target;
}

// Where a walk is: the directories entered below the tree (outermost
// first), the names still to walk, the symlinks followed.
class Walk {
  public:
    Walk(int tree, const std::string& path) : tree_(tree), path_(path), todo_(steps(path, true)) {}

    std::optional<PlaceInTree> run() {
        while (!todo_.empty()) {
            const Step step = std::move(todo_.front());
            todo_.pop_front();
            if (step.name == "..") {
                if (!walked_.empty())
                    walked_.pop_back();
                continue;
            }
            struct stat st;
            const bool exists =
                ::fstatat(current(), step.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
            if (!exists && errno != ENOENT)
                fail(path_, step.name, errno);
            if (exists && S_ISLNK(st.st_mode))
                follow(step.name);
            else if (todo_.empty())
                return place(step.name);
            else if (!exists && !step.makeable)
                return std::nullopt; // as mkdir -p, nothing is made through a symlink
            else
                enter(step.name, exists);
        }
        fail(path_, path_, EISDIR);
    }

  private:
    int current() const { return walked_.empty() ? tree_ : walked_.back().get(); }

    // Walks the symlink's target next: an absolute one from the tree's top.
    void follow(const std::string& name) {
        if (++links_ > kMaxSymlinks)
            fail(path_, name, ELOOP);
        const std::string target = read_link(current(), name, path_);
        if (target.starts_with('/'))
            walked_.clear();
        auto names = steps(target, false);
        todo_.insert(todo_.begin(), names.begin(), names.end());
    }

    // Enters the directory NAME, made first if it does not exist.
    void enter(const std::string& name, bool exists) {
        if (!exists && ::mkdirat(current(), name.c_str(), 0755) != 0 && errno != EEXIST)
            fail(path_, name, errno);
        UniqueFd next(
            ::openat(current(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid())
            fail(path_, name, errno);
        walked_.push_back(std::move(next));
    }

    PlaceInTree place(const std::string& name) const {
        UniqueFd directory(::fcntl(current(), F_DUPFD_CLOEXEC, 0));
        if (!directory.valid())
            fail(path_, name, errno);
        return {std::move(directory), name};
    }

    int tree_;
    const std::string& path_;
    std::deque<Step> todo_;
    std::vector<UniqueFd> walked_;
    int links_ = 0;
};

} // namespace

std::optional<PlaceInTree> place_in_tree(int tree, const std::string& path) {
    return Walk(tree, path).run();
}

} // namespace qd
