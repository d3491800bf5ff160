#pragma once

// A process runner that runs nothing: it records each request and answers
// with a result set beforehand.

#include "qemu_docker/engine/process.h"

#include <vector>

namespace qd::test {

class ScriptedRunner : public ProcessRunner {
  public:
    explicit ScriptedRunner(ProcessResult answer) : answer_(std::move(answer)) {}

    std::unique_ptr<ChildProcess> start(const SpawnRequest&) override { return nullptr; }
    ProcessResult run(const SpawnRequest& request) override {
        requests.push_back(request);
        return answer_;
    }

    std::vector<SpawnRequest> requests;

  private:
    ProcessResult answer_;
};

// What a program that ran and exited with STATUS gives.
inline ProcessResult exited(int status, std::string output = "", std::string errors = "") {
    ProcessResult r;
    r.started = true;
    r.exit_code = status;
    r.output = std::move(output);
    r.errors = std::move(errors);
    return r;
}

} // namespace qd::test
