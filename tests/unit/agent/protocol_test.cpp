#include "qemu_docker/agent/protocol.h"

#include <gtest/gtest.h>
#include <stdexcept>

using namespace qd;

TEST(AgentProtocol, RequestRoundTrip) {
    CompileRequest request{"/src/build", {"cc", "-c", "", "x y.c", "-DA=\"b\""}, ""};
    std::string bytes = encode_request(request);
    EXPECT_EQ(bytes, std::string("run\0\0/src/build\0cc\0-c\0\0x y.c\0-DA=\"b\"", 36));
    auto back = decode_request(bytes);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->cwd, request.cwd);
    EXPECT_EQ(back->argv, request.argv);
    EXPECT_EQ(back->image, "");
}

TEST(AgentProtocol, RequestNamingTheCurrentImage) {
    CompileRequest request{"/b", {"cc"}, "sha256:0f"};
    std::string bytes = encode_request(request);
    EXPECT_EQ(bytes, std::string("run\0sha256:0f\0/b\0cc", 19));
    auto back = decode_request(bytes);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->image, "sha256:0f");
    EXPECT_EQ(back->cwd, "/b");
    EXPECT_EQ(back->argv, std::vector<std::string>{"cc"});
}

TEST(AgentProtocol, RequestsThatAreNot) {
    EXPECT_FALSE(decode_request(""));
    EXPECT_FALSE(decode_request(std::string("run\0\0/d", 7)));       // no program
    EXPECT_FALSE(decode_request(std::string("run\0\0\0cc", 8)));     // no directory
    EXPECT_FALSE(decode_request(std::string("kill\0\0/d\0cc", 11))); // not a run
    EXPECT_FALSE(decode_request(std::string("run\0\0/d\0", 8)));     // an empty program
    EXPECT_FALSE(decode_request(std::string("run\0/d\0cc", 9)));     // no image word
}

TEST(AgentProtocol, Replies) {
    EXPECT_EQ(encode_reply({AgentReply::Started, 42, ""}), "started 42");
    EXPECT_EQ(encode_reply({AgentReply::Missing, 0, "not found"}), "missing not found");
    EXPECT_EQ(encode_reply({AgentReply::Stale, 0, ""}), "stale");
    EXPECT_EQ(encode_reply({AgentReply::Exited, 3, ""}), "exit 3");
    EXPECT_EQ(encode_reply({AgentReply::Signalled, 9, ""}), "signal 9");
    for (std::string text : {"started 42", "missing not found", "stale", "exit 3", "signal 9"}) {
        auto reply = decode_reply(text);
        ASSERT_TRUE(reply) << text;
        EXPECT_EQ(encode_reply(*reply), text);
    }
    for (std::string text :
         {"", "exit", "exit ", "exit 3x", "started -", "done 1", "signal 9 ", "stale ", "stale 1"})
        EXPECT_FALSE(decode_reply(text)) << text;
}

TEST(AgentProtocol, Kill) {
    EXPECT_EQ(encode_kill(15), "kill 15");
    EXPECT_EQ(decode_kill("kill 2"), 2);
    EXPECT_FALSE(decode_kill("kill 0"));
    EXPECT_FALSE(decode_kill("kill 65"));
    EXPECT_FALSE(decode_kill("kill -9"));
    EXPECT_FALSE(decode_kill("exit 1"));
}

TEST(AgentProtocol, FramesComeWholeWhateverTheReads) {
    std::string stream = frame("exit 3") + frame("") + frame(std::string(300, 'x'));
    EXPECT_EQ(stream.substr(0, 4), std::string("\x06\0\0\0", 4));
    std::string buffer;
    std::vector<std::string> got;
    for (char byte : stream) { // one byte a read
        buffer += byte;
        while (auto payload = take_frame(buffer))
            got.push_back(*payload);
    }
    EXPECT_EQ(got, (std::vector<std::string>{"exit 3", "", std::string(300, 'x')}));
    EXPECT_EQ(buffer, "");
}

TEST(AgentProtocol, OversizedFrameIsRefused) {
    std::string buffer = std::string("\x01\x00\x10\x00", 4); // 1 MiB + 1
    EXPECT_THROW(take_frame(buffer), std::length_error);
}
