// The documentation's runnable commands: `sh` blocks marked in markdown,
// turned into bash scripts (see docs/development.md).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hot::test {

/// One command block of a markdown file, with what the test does with it.
struct doc_block {
  std::string file;
  int line = 0;     // of the opening fence
  std::string info; // the fence's language, e.g. "sh"
  std::string text;
  /// "test" (`<!-- test: NAME [wait] -->`), "untested"
  /// (`<!-- untested: REASON -->`), or empty: unmarked.
  std::string marker;
  std::string script; // the NAME of a "test" marker
  bool wait = false;
  /// The block right after it, when it is marked "test": its output.
  bool has_expected = false;
  std::string expected;
};

/// The fenced blocks of `markdown`, read from `file`.
std::vector<doc_block> read_doc_blocks(const std::string& file,
                                       const std::string& markdown);

/// The scripts of one file, by name in order of first appearance: bash
/// text that runs each block and checks its output.
std::vector<std::pair<std::string, std::string>>
doc_scripts(const std::vector<doc_block>& blocks,
            const std::vector<std::pair<std::string, std::string>>& replace);

/// A bash glob matching `expected`, where "..." stands for any text.
std::string glob_of(const std::string& expected);

} // namespace hot::test
