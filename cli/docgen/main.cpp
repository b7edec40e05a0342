// ssmlink-docgen MAN_DIR COMPLETIONS_DIR: writes the man pages and the completion scripts
// from the command-line definitions, at build time (not installed). A file is rewritten
// only when its text changes.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/command_docs.hpp"
#include "cli/completion.hpp"
#include "cli/manual.hpp"
#include "emulator/options.hpp"
#include "util/build_info.hpp"

namespace {

void write_if_changed(const std::filesystem::path& path, const std::string& text) {
  std::ifstream old(path, std::ios::binary);
  std::stringstream current;
  current << old.rdbuf();
  if (old && current.str() == text) return;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: ssmlink-docgen MAN_DIR COMPLETIONS_DIR\n";
    return 2;
  }
  try {
    ssmlink::ProcessEnvironment env;
    ssmlink::cli::Context context{std::cout, std::cerr, env, false, {}};
    auto command_line = ssmlink::cli::build_command_line(context);
    auto doc = ssmlink::cli::describe(*command_line.app);

    std::filesystem::path man_dir = argv[1], completions_dir = argv[2];
    std::filesystem::create_directories(man_dir);
    std::filesystem::create_directories(completions_dir);
    for (const auto& page : ssmlink::cli::man_pages(doc, ssmlink::kCommitDate))
      write_if_changed(man_dir / page.file_name, page.text);
    auto emulator_page =
        ssmlink::cli::emulator_man_page(ssmlink::emulator::usage(), ssmlink::kCommitDate);
    write_if_changed(man_dir / emulator_page.file_name, emulator_page.text);
    using ssmlink::cli::Shell;
    write_if_changed(completions_dir / "ssmlink.bash", completion_script(doc, Shell::Bash));
    write_if_changed(completions_dir / "_ssmlink", completion_script(doc, Shell::Zsh));
    write_if_changed(completions_dir / "ssmlink.fish", completion_script(doc, Shell::Fish));
  } catch (const std::exception& e) {
    std::cerr << "ssmlink-docgen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
