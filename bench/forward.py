#!/usr/bin/python3
"""Port forwarding through Session Manager: `ssmlink forward` against `aws ssm start-session
--document-name AWS-StartPortForwardingSession` + AWS's session-manager-plugin, on the same
emulator (scenario endpoints-present: the instance is Online), to the same TCP server on
loopback.

Measures, never asserts:
  - time from the command to the first byte echoed through the forwarded port;
  - download and upload rate of SIZE MiB through one connection;
  - CONNECTIONS concurrent connections echoing 1 MiB each (mux mode only): total time;
  - peak memory of the client (VmHWM of the client process and its descendants, summed).

Usage: bench/forward.py  (env: BUILD=dir, MODE=mux|basic, SIZE=MiB (16), CONNECTIONS=N (32),
PLUGIN=path, CLIENTS=ssmlink,aws). MODE=basic runs the emulator's agent as version 3.0.196.0, which both sides
take as too old for multiplexing.
"""
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
MODE = os.environ.get("MODE", "mux")
SIZE = int(os.environ.get("SIZE", "16")) << 20
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
CLIENTS = os.environ.get("CLIENTS", "ssmlink,aws").split(",")
PLUGIN = os.environ.get(
    "PLUGIN", os.path.join(ROOT, "../shared/tools/session-manager-plugin/session-manager-plugin"))
INSTANCE = "i-0a1b2c3d4e5f67890"
CHUNK = 1 << 16


# --- the destination: one byte says what a connection wants ----------------------------
# b"e": echo until EOF; b"d" + u64: that many bytes sent, then close; b"u" + u64: that many
# bytes read, then b"k".
def serve(listener):
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=handle, args=(connection,), daemon=True).start()


def read_exact(connection, size):
    data = b""
    while len(data) < size:
        more = connection.recv(size - len(data))
        if not more:
            raise EOFError
        data += more
    return data


def handle(connection):
    with connection:
        try:
            kind = read_exact(connection, 1)
            if kind == b"e":
                while data := connection.recv(CHUNK):
                    connection.sendall(data)
            elif kind == b"d":
                left = struct.unpack(">Q", read_exact(connection, 8))[0]
                block = os.urandom(CHUNK)
                while left:
                    left -= connection.send(block[:min(left, CHUNK)])
            elif kind == b"u":
                left = struct.unpack(">Q", read_exact(connection, 8))[0]
                while left:
                    data = connection.recv(min(left, CHUNK))
                    if not data:
                        return
                    left -= len(data)
                connection.sendall(b"k")
        except (OSError, EOFError):
            pass


# --- the client side -------------------------------------------------------------------
def connect(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=60)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def first_echo(port, timeout=30.0):
    """Connects (retrying until the listener is there) and echoes one byte."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with connect(port, deadline - time.monotonic()) as connection:
                connection.sendall(b"ex")
                if connection.recv(1) == b"x":
                    return
        except OSError:
            pass
        time.sleep(0.005)
    raise TimeoutError("no echo through the forwarded port")


def download(port, size):
    with connect(port) as connection:
        started = time.monotonic()
        connection.sendall(b"d" + struct.pack(">Q", size))
        got = 0
        while got < size:
            data = connection.recv(CHUNK)
            if not data:
                raise EOFError(f"download: {got} of {size} bytes")
            got += len(data)
        return time.monotonic() - started


def upload(port, size):
    with connect(port) as connection:
        started = time.monotonic()
        connection.sendall(b"u" + struct.pack(">Q", size))
        block = os.urandom(CHUNK)
        left = size
        while left:
            left -= connection.send(block[:min(left, CHUNK)])
        if connection.recv(1) != b"k":
            raise EOFError("upload: no acknowledgement")
        return time.monotonic() - started


def concurrent_echoes(port, count, size=1 << 20):
    failures = []

    def one(index):
        try:
            payload = os.urandom(size)
            with connect(port) as connection:
                connection.sendall(b"e")
                sender = threading.Thread(target=connection.sendall, args=(payload,))
                sender.start()
                back = read_exact(connection, size)
                sender.join()
                if back != payload:
                    failures.append(f"connection {index}: bytes differ")
        except Exception as error:  # noqa: BLE001 - reported, not raised in a thread
            failures.append(f"connection {index}: {error}")

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError("; ".join(failures[:3]))
    return time.monotonic() - started


def peak_kib(pid):
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending += [int(c) for c in children.read().split()]
        except (OSError, StopIteration):
            pass
    return total


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(name, argv, env, local_port):
    started = time.monotonic()
    client = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        first_echo(local_port)
        result = {"name": name, "first": time.monotonic() - started}
        result["down"] = SIZE / download(local_port, SIZE) / (1 << 20)
        result["up"] = SIZE / upload(local_port, SIZE) / (1 << 20)
        result["many"] = concurrent_echoes(local_port, CONNECTIONS) if MODE == "mux" else None
        result["peak"] = peak_kib(client.pid)
        return result
    finally:
        os.killpg(client.pid, signal.SIGINT)
        try:
            client.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(client.pid, signal.SIGKILL)
            client.wait()


def main():
    for tool in (f"{BUILD}/ssmlink", f"{BUILD}/emulator/ssmlink-emulator", "/usr/bin/aws", PLUGIN):
        if not os.access(tool, os.X_OK):
            sys.exit(f"forward bench: {tool} is missing")
    listener = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    remote_port = listener.getsockname()[1]
    with tempfile.TemporaryDirectory() as work:
        scenario = json.load(open(f"{ROOT}/emulator/scenarios/endpoints-present.json"))
        if MODE == "basic":
            for instance in scenario["regions"]["us-east-1"]["instances"]:
                instance["ssmAgent"]["version"] = "3.0.196.0"
        json.dump(scenario, open(f"{work}/scenario.json", "w"))
        log = open(f"{work}/emulator.out", "w+")
        emulator = subprocess.Popen(
            [f"{BUILD}/emulator/ssmlink-emulator", "--port", "0", "--scenario",
             f"{work}/scenario.json", "--online-delay-ms", "0"],
            stdout=log, stderr=subprocess.STDOUT)
        try:
            url = None
            for _ in range(100):
                log.seek(0)
                if found := re.search(r"^listening on (\S+)", log.read(), re.M):
                    url = found.group(1)
                    break
                time.sleep(0.05)
            if not url:
                sys.exit("forward bench: the emulator did not start")
            time.sleep(1)  # the agent registers
            os.makedirs(f"{work}/bin")
            os.symlink(os.path.realpath(PLUGIN), f"{work}/bin/session-manager-plugin")
            env = {"HOME": work, "TMPDIR": work, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                   "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
                   "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                   "AWS_ENDPOINT_URL": url, "AWS_PAGER": "", "PATH": f"{work}/bin:/usr/bin:/bin"}
            ours_port, theirs_port = free_port(), free_port()
            parameters = json.dumps({"portNumber": [str(remote_port)],
                                     "localPortNumber": [str(theirs_port)]})
            results = []
            if "ssmlink" in CLIENTS:
                results.append(measure("ssmlink forward",
                        [f"{BUILD}/ssmlink", "forward", "--instance", INSTANCE, "--no-up",
                         "--quiet", "--remote-port", str(remote_port), "--local-port",
                         str(ours_port)], env, ours_port))
            if "aws" in CLIENTS:
                results.append(measure("aws + plugin",
                        ["/usr/bin/aws", "--endpoint-url", url, "ssm", "start-session",
                         "--target", INSTANCE, "--document-name",
                         "AWS-StartPortForwardingSession", "--parameters", parameters],
                        env, theirs_port))
        finally:
            emulator.send_signal(signal.SIGINT)
            emulator.wait(timeout=10)
            log.close()
            listener.close()
    mib = SIZE >> 20
    print(f"{MODE + ' mode':36}" + "".join(f" {r['name']:>16}" for r in results))
    rows = [("first byte echoed, s", "first", "{:.3f}"),
            (f"download {mib} MiB, MiB/s", "down", "{:.1f}"),
            (f"upload {mib} MiB, MiB/s", "up", "{:.1f}")]
    if MODE == "mux":
        rows.append((f"{CONNECTIONS} x 1 MiB echoed at once, s", "many", "{:.2f}"))
    rows.append(("peak RSS of the client, KiB", "peak", "{:d}"))
    for label, key, form in rows:
        print(f"{label:36}" + "".join(f" {form.format(r[key]):>16}" for r in results))


if __name__ == "__main__":
    main()
