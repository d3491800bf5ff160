#include "qemu_docker/util/temporary_directory.h"
#include "qemu_docker/util/unique_fd.h"
#include "qemu_docker/warm/docker_api.h"

#include <atomic>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>

namespace {

TEST(DockerApi, RequestClosesTheConnection) {
    EXPECT_EQ(qd::http_get_request("/images/x/json"),
              "GET /images/x/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
}

TEST(DockerApi, PathsEscapeWhatAPathCannotHold) {
    EXPECT_EQ(qd::docker_image_path("qemu/debian-arm64:latest"),
              "/images/qemu/debian-arm64:latest/json");
    EXPECT_EQ(qd::docker_image_path("a b?c#%"), "/images/a%20b%3Fc%23%25/json");
    EXPECT_EQ(qd::docker_container_path("qemu-docker-cc-0123"),
              "/containers/qemu-docker-cc-0123/json");
}

TEST(DockerApi, ResponseWithContentLength) {
    auto r = qd::parse_http_response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 4\r\n\r\n{}\r\nextra");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "{}\r\n");
    EXPECT_FALSE(qd::parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}"));
}

TEST(DockerApi, ChunkedResponse) {
    auto r = qd::parse_http_response("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                                     "3\r\n{\"m\r\nA\r\n\": \"gone\"}\r\n0\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->body, "{\"m\": \"gone\"}");
    EXPECT_FALSE(qd::parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                         "5\r\nab"));
    EXPECT_FALSE(qd::parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                         "zz\r\nab\r\n0\r\n\r\n"));
}

TEST(DockerApi, ResponseToTheEndAndGarbage) {
    auto r = qd::parse_http_response("HTTP/1.0 500 Oops\r\n\r\nwhatever");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 500);
    EXPECT_EQ(r->body, "whatever");
    EXPECT_FALSE(qd::parse_http_response(""));
    EXPECT_FALSE(qd::parse_http_response("SSH-2.0-OpenSSH\r\n\r\n"));
    EXPECT_FALSE(qd::parse_http_response("HTTP/1.1 2\r\n\r\n"));
    EXPECT_FALSE(qd::parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: 2"));
}

const char* kImage = R"({"Id": "sha256:aaa", "RepoTags": ["qemu/x:latest"]})";
std::string container(const std::string& state, const std::string& label) {
    return R"({"State": )" + state + R"(, "Config": {"Labels": {"com.qemu.cc-image": ")" + label +
           R"("}}})";
}

TEST(DockerApi, OnlyARunningContainerOfTheCurrentImageIsAYes) {
    std::string running = R"({"Running": true, "Paused": false, "Restarting": false})";
    EXPECT_EQ(qd::runs_current_image(kImage, container(running, "sha256:aaa")), "sha256:aaa");
    EXPECT_EQ(qd::runs_current_image(kImage, container(running, "sha256:old")), std::nullopt);
    EXPECT_EQ(qd::runs_current_image(kImage, container(R"({"Running": false})", "sha256:aaa")),
              std::nullopt);
    EXPECT_EQ(qd::runs_current_image(
                  kImage, container(R"({"Running": true, "Paused": true})", "sha256:aaa")),
              std::nullopt);
    EXPECT_EQ(qd::runs_current_image(R"({"Id": ""})", container(running, "")), std::nullopt);
    EXPECT_EQ(qd::runs_current_image(kImage, R"({"State": {"Running": true}})"), std::nullopt);
    EXPECT_EQ(qd::runs_current_image(kImage, R"({"State": 1, "Config": []})"), std::nullopt);
    EXPECT_EQ(qd::runs_current_image("[]", "not json"), std::nullopt);
}

// A daemon stand-in on a real unix socket: each connection gets the next
// canned answer (or none: it hangs up, or holds the line).
class FakeDaemon {
  public:
    explicit FakeDaemon(std::vector<std::string> answers) : answers_(std::move(answers)) {
        path_ = dir_.path() / "docker.sock";
        listener_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        path_.native().copy(address.sun_path, sizeof address.sun_path - 1);
        EXPECT_EQ(::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address),
                  0);
        EXPECT_EQ(::listen(listener_.get(), 4), 0);
        thread_ = std::thread([this] { serve(); });
    }
    ~FakeDaemon() {
        stop_ = true;
        ::shutdown(listener_.get(), SHUT_RDWR);
        thread_.join();
    }
    const std::filesystem::path& path() const { return path_; }
    std::vector<std::string> requests;

  private:
    void serve() {
        for (const auto& answer : answers_) {
            qd::UniqueFd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (!client.valid())
                return;
            char buffer[4096];
            ssize_t n = ::recv(client.get(), buffer, sizeof buffer, 0);
            requests.emplace_back(buffer, static_cast<size_t>(std::max<ssize_t>(n, 0)));
            while (answer == "hold" && !stop_) // until the test ends
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            if (answer != "hold")
                ::send(client.get(), answer.data(), answer.size(), MSG_NOSIGNAL);
        }
    }
    qd::TemporaryDirectory dir_{"docker-api-test"};
    std::filesystem::path path_;
    qd::UniqueFd listener_;
    std::vector<std::string> answers_;
    std::atomic<bool> stop_ = false;
    std::thread thread_;
};

std::string ok(const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(DockerApi, AsksForTheImageThenTheContainer) {
    std::string running = R"({"Running": true})";
    FakeDaemon daemon({ok(kImage), ok(container(running, "sha256:aaa"))});
    EXPECT_TRUE(qd::docker_api_confirms(daemon.path(), "qemu/x", "qemu-docker-cc-1",
                                        std::chrono::seconds(2)));
    ASSERT_EQ(daemon.requests.size(), 2u);
    EXPECT_EQ(daemon.requests[0], qd::http_get_request("/images/qemu/x/json"));
    EXPECT_EQ(daemon.requests[1], qd::http_get_request("/containers/qemu-docker-cc-1/json"));
}

TEST(DockerApi, TheImagesIdInOneRequest) {
    FakeDaemon daemon({ok(kImage)});
    EXPECT_EQ(qd::docker_api_image_id(daemon.path(), "qemu/x", std::chrono::seconds(2)),
              "sha256:aaa");
    ASSERT_EQ(daemon.requests.size(), 1u);
    EXPECT_EQ(daemon.requests[0], qd::http_get_request("/images/qemu/x/json"));
}

TEST(DockerApi, NoImageIdButFromAnAnswerWithOne) {
    for (std::string answer :
         {std::string("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"), ok(R"({"Id": ""})"),
          ok(R"({"Id": 7})"), ok("[]"), ok("not json"), std::string("hold")}) {
        FakeDaemon daemon({answer});
        EXPECT_EQ(qd::docker_api_image_id(daemon.path(), "qemu/x", std::chrono::milliseconds(200)),
                  std::nullopt)
            << answer;
    }
    qd::TemporaryDirectory dir("docker-api-test");
    EXPECT_EQ(qd::docker_api_image_id(dir.path() / "none.sock", "qemu/x", std::chrono::seconds(2)),
              std::nullopt);
}

TEST(DockerApi, NoImageNoContainerQuestion) {
    FakeDaemon daemon({"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"});
    EXPECT_FALSE(qd::docker_api_confirms(daemon.path(), "qemu/x", "qemu-docker-cc-1",
                                         std::chrono::seconds(2)));
    EXPECT_EQ(daemon.requests.size(), 1u);
}

TEST(DockerApi, ASilentDaemonIsANoInTime) {
    FakeDaemon daemon({"hold"});
    EXPECT_FALSE(qd::docker_api_confirms(daemon.path(), "qemu/x", "qemu-docker-cc-1",
                                         std::chrono::milliseconds(100)));
}

TEST(DockerApi, NoDaemonIsANo) {
    qd::TemporaryDirectory dir("docker-api-test");
    EXPECT_FALSE(qd::docker_api_confirms(dir.path() / "none.sock", "qemu/x", "qemu-docker-cc-1",
                                         std::chrono::seconds(2)));
}

} // namespace
