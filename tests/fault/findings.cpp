#include "findings.h"

namespace fault {

namespace {

// What must never reach the user: C++ exception texts, sanitizer reports,
// the runtime's last words.
constexpr const char* kCrashMarks[] = {
    "terminate called", "what():",        "Sanitizer", "runtime error:", "std::",
    "basic_string",     "json.exception", "Aborted",   "core dumped",    "Traceback",
};

constexpr const char* kErrorPrefix = "qemu-docker: error: ";

void check_error_lines(const Observed& o, const Expected& e, std::vector<Finding>& out) {
    std::vector<std::string> errors;
    for (const auto& line : o.outcome.err_lines())
        if (line.starts_with(kErrorPrefix))
            errors.push_back(line);
    if (e.any_error && errors.size() <= 1)
        return;
    if (e.error.empty() && !e.any_error) {
        for (const auto& line : errors)
            out.push_back({kErrorLine, "unexpected: " + line});
        return;
    }
    if (errors.size() != 1) {
        out.push_back({kErrorLine, std::to_string(errors.size()) + " error lines, expected one " +
                                       "naming \"" + e.error + "\""});
        return;
    }
    if (errors[0].find(e.error) == std::string::npos)
        out.push_back({kErrorLine, "\"" + errors[0] + "\" does not name \"" + e.error + "\""});
}

void check_crash_text(const Observed& o, std::vector<Finding>& out) {
    for (const std::string* text : {&o.outcome.err, &o.outcome.out})
        for (const char* mark : kCrashMarks)
            if (text->find(mark) != std::string::npos)
                out.push_back({kCrashText, std::string("\"") + mark + "\" in: " + *text});
}

void check_garbage_used(const Observed& o, const Expected& e, std::vector<Finding>& out) {
    for (const auto& call : o.outcome.calls)
        for (const auto& arg : call.argv)
            for (const auto& word : e.garbage_options)
                if (arg == word)
                    out.push_back({kGarbageUsed, "given \"" + word + "\": " + call.line()});
}

void check_left_behind(const Observed& o, const Expected& e, std::vector<Finding>& out) {
    for (const auto& name : o.tmp_entries)
        out.push_back({kTempLeft, "TMPDIR holds " + name});
    for (const auto& entry : o.running) {
        if (entry.contains("pid") && entry["uuid"].is_null())
            out.push_back({kClientLeft, "the hung call is still running: " + entry.dump()});
        else if (!e.container_may_stay)
            out.push_back({kContainerLeft, "container left: " + entry.dump()});
    }
}

} // namespace

std::string problem_names(unsigned problems) {
    static const std::pair<Problem, const char*> names[] = {
        {kHung, "hung"},
        {kStatus, "status"},
        {kErrorLine, "error-line"},
        {kCrashText, "crash-text"},
        {kTempLeft, "temp-left"},
        {kContainerLeft, "container-left"},
        {kClientLeft, "client-left"},
        {kMessageLost, "message-lost"},
        {kGarbageUsed, "garbage-used"},
    };
    std::string out;
    for (const auto& [bit, name] : names)
        if (problems & bit)
            out += (out.empty() ? "" : "+") + std::string(name);
    return out.empty() ? "none" : out;
}

std::vector<Finding> findings(const Observed& o, const Expected& e) {
    std::vector<Finding> out;
    if (o.outcome.timed_out)
        out.push_back({kHung, "still running after " + std::to_string(o.outcome.elapsed.count()) +
                                  " ms; killed"});
    else if (o.outcome.status != e.status)
        out.push_back({kStatus, "exit status " + std::to_string(o.outcome.status) + ", expected " +
                                    std::to_string(e.status)});
    check_error_lines(o, e, out);
    check_crash_text(o, out);
    if (!e.engine_message.empty() && o.outcome.err.find(e.engine_message) == std::string::npos)
        out.push_back({kMessageLost, "stderr lacks \"" + e.engine_message + "\""});
    check_garbage_used(o, e, out);
    check_left_behind(o, e, out);
    return out;
}

unsigned problems(const std::vector<Finding>& found) {
    unsigned bits = 0;
    for (const auto& f : found)
        bits |= f.problem;
    return bits;
}

} // namespace fault
