#!/usr/bin/python3
"""An interactive session as a person at a terminal sees it: `ssmlink connect` against
`aws ssm start-session` + AWS's session-manager-plugin, both in a pseudo-terminal, on the
same emulator (scenario endpoints-present: the instance is Online).

Measures, never asserts:
  - time from the command to the remote shell's first prompt (median of RUNS runs);
  - keystroke round trip: one key typed, its echo read back (median and p99 of KEYS keys);
  - peak memory of the client (VmHWM of the client process and its descendants, summed).

Usage: bench/interactive.py  (env: BUILD=dir, RUNS=N, KEYS=N, PLUGIN=path)
"""
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
RUNS = int(os.environ.get("RUNS", "5"))
KEYS = int(os.environ.get("KEYS", "200"))
PLUGIN = os.environ.get(
    "PLUGIN", os.path.join(ROOT, "../shared/tools/session-manager-plugin/session-manager-plugin"))
INSTANCE = "i-0a1b2c3d4e5f67890"
PROMPT = b"bench$ "  # PS1 of the emulator's shells (they inherit the emulator's environment)


class Terminal:
    """A command on the slave side of a new pseudo-terminal, read and typed into."""

    def __init__(self, argv, env):
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.seen = b""

    def wait_for(self, needle, start=0, timeout=30.0):
        """Reads until `needle` appears after offset `start`; the time it appeared."""
        deadline = time.monotonic() + timeout
        while self.seen.find(needle, start) < 0:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError(f"no {needle!r} within {timeout} s; saw {self.seen[-200:]!r}")
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError as error:
                raise EOFError(f"terminal closed waiting for {needle!r}") from error
        return time.monotonic()

    def wait_for_count(self, needle, count, start):
        """Reads until `needle` has appeared `count` times after `start`; the time it did."""
        while self.seen.count(needle, start) < count:
            self.wait_for(needle, len(self.seen))
        return time.monotonic()

    def drain(self):
        while select.select([self.fd], [], [], 0.05)[0]:
            self.seen += os.read(self.fd, 65536)

    def type(self, data):
        os.write(self.fd, data)

    def peak_kib(self):
        """VmHWM of the client and every process below it, summed."""
        total, pending = 0, [self.pid]
        while pending:
            pid = pending.pop()
            try:
                with open(f"/proc/{pid}/status") as status:
                    total += next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
                with open(f"/proc/{pid}/task/{pid}/children") as children:
                    pending += [int(c) for c in children.read().split()]
            except (OSError, StopIteration):
                pass
        return total

    def finish(self):
        self.type(b"exit\r")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    pass
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def session(argv, env, keys):
    """One session: the first prompt's time, `keys` keystroke round trips, peak memory."""
    terminal = Terminal(argv, env)
    try:
        first_prompt = terminal.wait_for(PROMPT) - terminal.started
        round_trips = []
        if keys:
            # AWS's plugin turns the local echo off a moment after the prompt appears: a key
            # typed before that is echoed twice, so one key first, and a pause.
            terminal.type(b"w")
            terminal.wait_for(b"w", len(PROMPT))
            time.sleep(0.5)
            terminal.drain()
        start = len(terminal.seen)
        for typed in range(1, keys + 1):
            # Typed at the prompt, echoed by the remote terminal: one byte there and back.
            sent = time.monotonic()
            terminal.type(b"a")
            round_trips.append(terminal.wait_for_count(b"a", typed, start) - sent)
        if terminal.seen.count(b"a", start) != keys:
            raise RuntimeError(f"{keys} keys typed, {terminal.seen.count(b'a', start)} echoed")
        terminal.type(b"\x15")  # Ctrl-U: the line typed so far is dropped
        time.sleep(0.05)
        return first_prompt, round_trips, terminal.peak_kib()
    finally:
        terminal.finish()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(name, argv, env):
    prompts, trips, peaks = [], [], []
    for run in range(RUNS):
        prompt, round_trips, peak = session(argv, env, KEYS if run == RUNS - 1 else 0)
        prompts.append(prompt)
        trips += round_trips
        peaks.append(peak)
    return {
        "name": name,
        "prompt": statistics.median(prompts),
        "rtt_median": statistics.median(trips) * 1000,
        "rtt_p99": percentile(trips, 0.99) * 1000,
        "peak": max(peaks),
    }


def main():
    for tool in (f"{BUILD}/ssmlink", f"{BUILD}/emulator/ssmlink-emulator", "/usr/bin/aws", PLUGIN):
        if not os.access(tool, os.X_OK):
            sys.exit(f"interactive bench: {tool} is missing")
    with tempfile.TemporaryDirectory() as work:
        emulator_env = dict(os.environ, PS1=PROMPT.decode())
        log = open(os.path.join(work, "emulator.out"), "w+")
        emulator = subprocess.Popen(
            [f"{BUILD}/emulator/ssmlink-emulator", "--port", "0", "--scenario",
             "builtin:endpoints-present", "--online-delay-ms", "0"],
            stdout=log, stderr=subprocess.STDOUT, env=emulator_env)
        try:
            url = None
            for _ in range(100):
                log.seek(0)
                found = re.search(r"^listening on (\S+)", log.read(), re.M)
                if found:
                    url = found.group(1)
                    break
                time.sleep(0.05)
            if not url:
                sys.exit("interactive bench: the emulator did not start")
            time.sleep(1)  # the agent registers
            os.makedirs(f"{work}/bin")
            os.symlink(os.path.realpath(PLUGIN), f"{work}/bin/session-manager-plugin")
            env = {"HOME": work, "TERM": "xterm", "AWS_ACCESS_KEY_ID": "test",
                   "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null",
                   "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_ENDPOINT_URL": url,
                   "AWS_PAGER": "", "PATH": f"{work}/bin:/usr/bin:/bin"}
            results = [
                measure("ssmlink connect",
                        [f"{BUILD}/ssmlink", "connect", "--instance", INSTANCE, "--no-up"], env),
                measure("aws + plugin",
                        ["/usr/bin/aws", "--endpoint-url", url, "ssm", "start-session",
                         "--target", INSTANCE], env),
            ]
        finally:
            emulator.send_signal(signal.SIGINT)
            emulator.wait(timeout=10)
            log.close()
    ours, theirs = results
    print(f"{'':36} {ours['name']:>16} {theirs['name']:>16}")
    rows = [("first prompt, median s (%d runs)" % RUNS, "prompt", "{:.3f}"),
            ("keystroke round trip, median ms", "rtt_median", "{:.2f}"),
            ("keystroke round trip, p99 ms", "rtt_p99", "{:.2f}"),
            ("peak RSS of the client, KiB", "peak", "{:d}")]
    for label, key, form in rows:
        print(f"{label:36} {form.format(ours[key]):>16} {form.format(theirs[key]):>16}")
    print(f"({KEYS} keys, typed one at a time, each waited for)")


if __name__ == "__main__":
    main()
