#pragma once

// Image names (tags, registries) as the command line gives them, checked
// before they reach an engine or a generated dockerfile (D8).

#include <string>
#include <string_view>

namespace qd {

// Whether TEXT holds a control character: U+0000 to U+001F, U+007F to U+009F.
bool contains_control_character(std::string_view text);

// Throws Error, naming WHAT ("tag", "registry", ...), when NAME holds a
// control character: in update's FROM line, or in FROM lines --registry
// rewrites, a newline would start instructions of its own.
void check_image_name(std::string_view what, const std::string& name);

} // namespace qd
