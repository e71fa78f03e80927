# Tries to reach the host over TCP and to resolve a public name (contract: a network attempt fails).
# AGENTML_TEST_TARGETS lists host:port pairs that accept connections from the host itself.
import os
import socket

opened = []
for target in filter(None, os.environ.get("AGENTML_TEST_TARGETS", "").split(",")):
    host, port = target.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
        opened.append(target)
    except OSError as error:
        print("blocked", target, error)
try:
    socket.getaddrinfo("deb.debian.org", 80)
    opened.append("dns")
except OSError as error:
    print("blocked dns", error)
print("NETWORK-OPEN " + " ".join(opened) if opened else "NETWORK-BLOCKED")
raise SystemExit(3 if opened else 0)
