"""TLS contexts for the pools a client makes for itself: at most one verifying context per process.

Building an ``ssl.SSLContext`` loads the CA bundle (tens of milliseconds; httpx builds one per
client, even for ``http://``), so every client of the process shares one verifying context, and
none is built while the process only talks to ``http://`` endpoints.

The CA bundle is chosen by httpx's rules, so that the SDK's own pools trust exactly what an
``httpx.Client`` would: ``SSL_CERT_FILE``, else ``SSL_CERT_DIR``, else certifi's bundle
(``tests/drivers/test_http_pools.py`` compares the two contexts). httpx is not imported for it:
the default sync pool (urllib3) does not need httpx at all.
"""

from __future__ import annotations

import os
import ssl
import threading
from urllib.parse import urlsplit

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")
_contexts: dict[str, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()


def _verifying_context() -> ssl.SSLContext:
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _context(kind: str) -> ssl.SSLContext:
    context = _contexts.get(kind)
    if context is None:
        with _contexts_lock:
            context = _contexts.get(kind)
            if context is None:
                # httpx wants a context even for http://; that one loads no CA at all (it costs
                # nothing), yet still requires a verified certificate, so TLS with it would fail.
                context = _contexts[kind] = (
                    _verifying_context()
                    if kind == "verifying"
                    else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                )
    return context


def shared_ssl_context() -> ssl.SSLContext:
    """The process's one verifying context (certifi, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``)."""
    return _context("verifying")


def proxies_configured() -> bool:
    """Whether the environment names an HTTP proxy (which httpx would use)."""
    return any(os.environ.get(name) or os.environ.get(name.upper()) for name in _PROXY_VARIABLES)


def ssl_context_for(endpoint_url: str) -> ssl.SSLContext:
    """The context an httpx pool for ``endpoint_url`` needs: the verifying one unless TLS is
    never used.

    An ``http://`` endpoint never uses TLS unless a proxy from the environment might (an
    ``https://`` proxy), so only then does it get the verifying context.
    """
    if urlsplit(endpoint_url).scheme == "https" or proxies_configured():
        return shared_ssl_context()
    return _context("plain-http")
