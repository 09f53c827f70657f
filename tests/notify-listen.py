#!/usr/bin/python3
"""notify-listen.py SOCKET LOG — a stand-in for systemd's end of sd_notify:
binds a datagram socket at SOCKET and appends every message it gets to LOG,
one line each ("<seconds since start> KEY=VALUE|KEY=VALUE"), until killed."""
import os
import socket
import sys
import time


def main():
    path, log = sys.argv[1], sys.argv[2]
    if os.path.exists(path):
        os.unlink(path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    start = time.monotonic()
    with open(log, "a", buffering=1) as out:
        out.write("listening\n")
        while True:
            data = s.recv(4096).decode("utf-8", "replace")
            out.write(f"{time.monotonic() - start:.3f} {data.replace(chr(10), '|')}\n")


if __name__ == "__main__":
    main()
