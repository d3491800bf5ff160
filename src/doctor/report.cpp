#include "qemu_docker/doctor/report.h"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qd {

namespace {

std::string_view colour_of(Level level) {
    switch (level) {
    case Level::Ok:
        return "\033[32m";
    case Level::Warn:
        return "\033[33m";
    case Level::Fail:
        return "\033[31m";
    }
    return "";
}

} // namespace

std::string report_table(const Report& report, bool colour) {
    std::size_t width = 0;
    for (const auto& f : report.findings)
        width = std::max(width, f.check.size());
    std::string out;
    for (const auto& f : report.findings) {
        std::string level = fmt::format("{:<4}", level_name(f.level));
        if (colour)
            level = fmt::format("{}{}\033[0m", colour_of(f.level), level);
        out += fmt::format("{}  {:<{}}  {}\n", level, f.check, width, f.detail);
        if (!f.fix.empty())
            out += fmt::format("{:<{}}  fix: {}\n", "", 4 + 2 + width, f.fix);
    }
    return out;
}

std::string report_json(const Report& report) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& f : report.findings)
        checks.push_back({{"level", level_name(f.level)},
                          {"check", f.check},
                          {"detail", f.detail},
                          {"fix", f.fix}});
    nlohmann::ordered_json out = {
        {"engine", report.engine ? nlohmann::ordered_json(*report.engine) : nullptr},
        {"checks", checks}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace qd
