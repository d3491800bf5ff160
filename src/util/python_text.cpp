#include "qemu_docker/util/python_text.h"

#include <algorithm>

namespace qd {

namespace {

unsigned char byte_at(std::string_view s, std::size_t pos) {
    return pos < s.size() ? static_cast<unsigned char>(s[pos]) : 0;
}

bool starts_with_at(std::string_view s, std::size_t pos, std::string_view what) {
    return pos <= s.size() && s.substr(pos).starts_with(what);
}

} // namespace

std::size_t find_invalid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const unsigned char b = byte_at(bytes, i);
        std::size_t len = 0;
        unsigned char lo = 0x80; // range allowed for the second byte
        unsigned char hi = 0xBF;
        if (b < 0x80) {
            len = 1;
        } else if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            if (b == 0xE0)
                lo = 0xA0; // overlong
            if (b == 0xED)
                hi = 0x9F; // surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            if (b == 0xF0)
                lo = 0x90; // overlong
            if (b == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char c = byte_at(bytes, i + k);
            const bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
            if (i + k >= bytes.size() || !ok)
                return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

std::string universal_newlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            out += text[i];
            continue;
        }
        out += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n')
            ++i;
    }
    return out;
}

std::size_t python_space_at(std::string_view text, std::size_t pos) {
    const unsigned char b = byte_at(text, pos);
    if ((b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20))
        return pos < text.size() ? 1 : 0;
    if (b == 0xC2) {
        const unsigned char c = byte_at(text, pos + 1);
        return c == 0x85 || c == 0xA0 ? 2 : 0; // U+0085, U+00A0
    }
    if (starts_with_at(text, pos, "\u1680") || starts_with_at(text, pos, "\u202f") ||
        starts_with_at(text, pos, "\u205f") || starts_with_at(text, pos, "\u3000") ||
        starts_with_at(text, pos, "\u2028") || starts_with_at(text, pos, "\u2029"))
        return 3;
    if (starts_with_at(text, pos, "\xE2\x80")) {
        const unsigned char c = byte_at(text, pos + 2);
        return c >= 0x80 && c <= 0x8A ? 3 : 0; // U+2000 to U+200A
    }
    return 0;
}

std::size_t python_line_break_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size())
        return 0;
    switch (text[pos]) {
    case '\r':
        return starts_with_at(text, pos, "\r\n") ? 2 : 1;
    case '\n':
    case '\v':
    case '\f':
    case '\x1c':
    case '\x1d':
    case '\x1e':
        return 1;
    default:
        break;
    }
    if (starts_with_at(text, pos, "\xC2\x85"))
        return 2;
    if (starts_with_at(text, pos, "\u2028") || starts_with_at(text, pos, "\u2029"))
        return 3;
    return 0;
}

std::optional<std::string> python_int_decimal(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (std::size_t n = python_space_at(text, begin))
        begin += n;
    for (std::size_t n = 0; end > begin;) {
        // the last code point starts at the last byte that is not 10xxxxxx
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start;
        n = python_space_at(text, start);
        if (n != end - start)
            break;
        end = start;
    }
    std::string_view body = text.substr(begin, end - begin);
    bool negative = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        negative = body[0] == '-';
        body.remove_prefix(1);
    }
    std::string digits;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        bool between_digits = c == '_' && i > 0 && i + 1 < body.size() && body[i - 1] != '_';
        if (c >= '0' && c <= '9')
            digits += c;
        else if (!between_digits)
            return std::nullopt;
    }
    if (digits.empty() || digits.size() > 4300) // Python 3.11's int_max_str_digits
        return std::nullopt;
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
    return negative && digits != "0" ? "-" + digits : digits;
}

} // namespace qd
