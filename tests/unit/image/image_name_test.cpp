#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>

TEST(ImageName, ControlCharacters) {
    for (const char* text :
         {"a\nb", "a\r", "\tb", "a\x01", "a\x1f", "a\x7f", "a\u0085b", "a\u009f"})
        EXPECT_TRUE(qd::contains_control_character(text)) << text;
    for (const char* text : {"", "qemu/debian:latest", "localhost:5000/qemu", "a b", "a\u00a0b",
                             "caf\u00e9", "\u00c2\u00a0"})
        EXPECT_FALSE(qd::contains_control_character(text)) << text;
}

TEST(ImageName, RefusedWithTheNameEscaped) {
    EXPECT_NO_THROW(qd::check_image_name("tag", "registry.gitlab.com/qemu-project/qemu/x:1"));
    EXPECT_NO_THROW(qd::check_image_name("registry", ""));
    try {
        qd::check_image_name("tag", "qemu/x\nRUN id\u0085");
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_STREQ(e.what(), "tag \"qemu/x\\nRUN id\\x85\" contains a control character");
    }
}
