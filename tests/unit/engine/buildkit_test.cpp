#include "qemu_docker/engine/buildkit.h"

#include <gtest/gtest.h>

// Captured from the two docker clients on these machines.
static const char* kDocker20 = R"(Client:
 Version:           20.10.24+dfsg1
 API version:       1.41
 Go version:        go1.19.8
 Context:           default
 Experimental:      true

Server:
 Engine:
  Version:          20.10.24+dfsg1
)";

static const char* kDocker28 = R"(Client:
 Version:           28.2.2
 API version:       1.41 (downgraded from 1.50)
 Go version:        go1.24.3
 Context:           default

Server:
 Engine:
  Version:          20.10.24+dfsg1
)";

TEST(Buildkit, ClientMajorVersion) {
    EXPECT_EQ(qd::docker_client_major_version(kDocker20), 20);
    EXPECT_EQ(qd::docker_client_major_version(kDocker28), 28);
    EXPECT_EQ(qd::docker_client_major_version("Client: Docker Engine - Community\n Version:    "
                                              "24.0.7\n"),
              24);
    EXPECT_EQ(qd::docker_client_major_version("Server:\n Version: 27.0\n"), std::nullopt);
    EXPECT_EQ(qd::docker_client_major_version(""), std::nullopt);
}

// Found by tests/fuzz/docker_version_fuzz.cpp: atoi() made 4294967319 into 23.
TEST(Buildkit, ClientMajorVersionTooLarge) {
    EXPECT_EQ(qd::docker_client_major_version("Client:\n Version: 4294967319.0.1\n"), std::nullopt);
    EXPECT_EQ(qd::docker_client_major_version("Client:\n Version: 4444444444\n"), std::nullopt);
    EXPECT_EQ(qd::docker_client_major_version("Client:\n Version: 2147483647\n"), 2147483647);
}
