# Writes emulator/builtin_scenarios.cpp: the shipped scenario files as raw string literals
# (tests/emulator/scenario_test.cpp checks they match the files byte for byte).
import os
D=os.path.dirname(os.path.abspath(__file__))
names=sorted(f[:-5] for f in os.listdir(D) if f.endswith('.json'))
out=['// The shipped scenarios (emulator/scenarios/*.json), compiled in so the emulator works',
     '// wherever it is copied. Regenerate after editing a scenario file:',
     '//   python3 emulator/scenarios/embed.py',
     '// scenario_test checks that these texts and the files are identical.',
     '#include <map>',
     '#include <string>',
     '#include <string_view>',
     '',
     '#include "emulator/scenario.hpp"',
     '',
     'namespace ssmlink::emulator {',
     '',
     'namespace {',
     '',
     '// clang-format off',
     'const std::map<std::string, std::string_view, std::less<>> kScenarioTexts = {']
for n in names:
    text=open(os.path.join(D,n+'.json')).read()
    assert ')ssmlink_scenario"' not in text
    out.append('{"%s", R"ssmlink_scenario(%s)ssmlink_scenario"},' % (n, text))
out += ['};',
        '// clang-format on',
        '',
        '}  // namespace',
        '',
        'std::vector<std::string> builtin_scenario_names() {',
        '  std::vector<std::string> names;',
        '  for (const auto& [name, text] : kScenarioTexts)',
        '    names.push_back(name);',
        '  return names;',
        '}',
        '',
        'std::string_view builtin_scenario_text(const std::string& name) {',
        '  auto it = kScenarioTexts.find(name);',
        '  if (it == kScenarioTexts.end()) {',
        '    std::string known;',
        '    for (const auto& [known_name, text] : kScenarioTexts)',
        '      known += " " + known_name;',
        '    throw ScenarioError("no built-in scenario \\"" + name + "\\" (built in:" + known + ")");',
        '  }',
        '  return it->second;',
        '}',
        '',
        'const nlohmann::json& builtin_scenario(const std::string& name) {',
        '  static const std::map<std::string, nlohmann::json, std::less<>> parsed = [] {',
        '    std::map<std::string, nlohmann::json, std::less<>> out;',
        '    for (const auto& [known, text] : kScenarioTexts)',
        '      out[known] = nlohmann::json::parse(text);',
        '    return out;',
        '  }();',
        '  builtin_scenario_text(name);  // throws for an unknown name',
        '  return parsed.at(name);',
        '}',
        '',
        '}  // namespace ssmlink::emulator',
        '']
open(os.path.join(D, '..', 'builtin_scenarios.cpp'), 'w').write('\n'.join(out))
print(names)
