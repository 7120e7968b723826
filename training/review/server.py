"""Start the review server: check the address, bind, print the address with its token, serve until stopped.

Binds 127.0.0.1 by default. Any other address needs ``allow_remote`` (and the caller warns): the
token then travels over plain HTTP on the network. Uvicorn's access log is off, so neither the token
nor anything a reviewer filters by is written to a log; log text is never logged.
"""

import ipaddress
import socket
import warnings

from classifier import ClassifierError
from training.audit.labels import open_label_store
from training.audit.reviews import ensure_reviews_table
from training.review.app import ReviewSettings, build_review_app

__all__ = ["DEFAULT_PORT", "is_loopback", "review_address", "serve_review"]

DEFAULT_PORT = 8765


def is_loopback(host):
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def review_address(host, port, token):
    """The address to open: ``http://HOST:PORT/?token=...`` (IPv6 hosts in brackets)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def serve_review(queue, *, store, reviewer, host="127.0.0.1", port=DEFAULT_PORT, allow_remote=False,
                 second_reviewer=False, announce=print):
    """Serve the review app for ``queue`` until interrupted.

    Parameters
    ----------
    queue : ReviewQueue
    store : str or Path
        Label store directory (created if missing).
    reviewer : str
    host : str, default='127.0.0.1'
    port : int, default=8765
        0 picks a free port (the address printed says which).
    allow_remote : bool, default=False
        Needed for a non-loopback ``host``; a warning is issued.
    second_reviewer : bool, default=False
    announce : callable, default=print
        Called once with the address to open (it holds the access token).

    Raises
    ------
    ClassifierError
        A non-loopback host without ``allow_remote``, or the port cannot be bound.
    """
    if not is_loopback(host):
        if not allow_remote:
            raise ClassifierError(f"--host {host} is not a loopback address: the review page would be reachable from "
                                  "other machines over plain HTTP. Use 127.0.0.1, or add --allow-remote if you "
                                  "really mean it.")
        warnings.warn(f"Serving on {host}: anyone who can reach this machine and has the address (token) can read "
                      "the logs and record decisions. The connection is not encrypted.", stacklevel=2)
    with open_label_store(store) as label_store:
        ensure_reviews_table(label_store)
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    hosts = set() if allow_remote else {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]", host)}
    settings = ReviewSettings(queue=queue, store=store, reviewer=reviewer, second_reviewer=second_reviewer,
                              allowed_hosts=hosts)
    announce(review_address(host, port, settings.token))
    _run(build_review_app(settings), sock)


def _bind(host, port):
    """A listening socket on (host, port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ClassifierError(f"Cannot listen on {host}:{port}: {error}. Choose another --port.") from error
    sock.listen(64)
    return sock


def _run(app, sock):
    """Run uvicorn on an already bound socket, without its access log."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=False)
    uvicorn.Server(config).run(sockets=[sock])
