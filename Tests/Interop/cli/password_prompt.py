"""Runs `charter registry sign-in` on a pseudo-terminal twice: once answering the password
prompt, once pressing Ctrl-C at it, and checks that the password is not echoed and that the
terminal echoes again afterwards both times.

Usage: password_prompt.py CHARTER_EXECUTABLE
Prints one line per case (`answered: exit=1 echo=on`); exits 0 only when both hold.
"""
import os
import pty
import select
import sys
import termios
import time

EMAIL = "head@example.org"
SECRET = b"correct horse battery staple"


def read_until(fd, needle, timeout, seen=b""):
    end = time.monotonic() + timeout
    while needle not in seen:
        left = end - time.monotonic()
        if left <= 0:
            raise SystemExit(f"no {needle!r} within {timeout} s; saw {seen!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                raise SystemExit(f"terminal closed before {needle!r}; saw {seen!r}")
            seen += chunk
    return seen


def drain(fd):
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            return out
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            return out
        if not chunk:
            return out
        out += chunk


def echoes(fd):
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


def run(charter, keys):
    """Starts sign-in, waits for the silent prompt, types `keys`; returns (exit, echo, output)."""
    pid, master = pty.fork()
    if pid == 0:
        # Port 1 on loopback refuses at once, so an answered prompt ends quickly.
        os.execv(charter, [charter, "registry", "sign-in", "--email", EMAIL, "--address", "127.0.0.1:1"])
    seen = read_until(master, f"Password for {EMAIL}: ".encode(), 30)
    end = time.monotonic() + 10  # the prompt is written just before echo goes off
    while echoes(master) and time.monotonic() < end:
        time.sleep(0.01)
    if echoes(master):
        raise SystemExit("echo was never turned off for the password")
    os.write(master, keys)
    seen += drain(master)
    _, status = os.waitpid(pid, 0)
    seen += drain(master)
    # Our end of the terminal stays open, so its settings outlive the child.
    return os.waitstatus_to_exitcode(status), echoes(master), seen


def main():
    charter = sys.argv[1]
    ok = True
    code, echo, seen = run(charter, SECRET + b"\r")
    print(f"answered: exit={code} echo={'on' if echo else 'off'}")
    if SECRET in seen:
        print("the password was echoed")
        ok = False
    ok = ok and echo and code == 1
    code, echo, _ = run(charter, b"\x03")
    print(f"interrupted: exit={code} echo={'on' if echo else 'off'}")
    ok = ok and echo and code == 130
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
