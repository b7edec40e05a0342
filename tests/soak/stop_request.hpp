// SIGINT, SIGTERM and SIGHUP ask the harness to stop: the command running is killed, the
// emulator stopped, the temporary files removed and the report printed as far as it got.
#pragma once

namespace ssmlink::soak {

void catch_stop_signals();
bool stop_requested();

}  // namespace ssmlink::soak
