"""Test-only network guard, loaded by every Python process started with this folder on PYTHONPATH.

Any attempt to connect a Python socket to an address outside the loopback range is refused and
written to the file named by REFRACT_NET_LOG, so a test can assert that a whole build (driver,
kernels, Jupyter Book) made no network connection. Kernels talk to papermill over loopback ZMQ,
which is allowed (and does not use Python sockets anyway).
"""

import ipaddress
import os
import socket

_LOG = os.environ.get("REFRACT_NET_LOG")
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _allowed(address) -> bool:
    if isinstance(address, (str, bytes)):  # Unix domain socket
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guard(method):
    def wrapper(self, address, *args):
        if not _allowed(address):
            if _LOG:
                with open(_LOG, "a", encoding="utf-8") as fh:
                    fh.write(f"{os.getpid()} blocked connection to {address!r}\n")
            raise OSError(f"network access blocked by the offline test: {address!r}")
        return method(self, address, *args)

    return wrapper


if _LOG:
    socket.socket.connect = _guard(_connect)
    socket.socket.connect_ex = _guard(_connect_ex)
