#!/usr/bin/env python3
"""Adds a Content-Security-Policy to the built index.html.

Trunk injects an inline module script that loads the wasm; a CSP without
'unsafe-inline' must name it by hash. This computes the hash of every inline
script in the built page and writes the policy as a <meta> tag: scripts,
styles, connections and images only from the page itself; nothing remote.
"""
import base64
import hashlib
import re
import sys

path = sys.argv[1]
html = open(path, encoding="utf-8").read()
hashes = []
for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
    digest = hashlib.sha256(m.group(1).encode("utf-8")).digest()
    hashes.append("'sha256-%s'" % base64.b64encode(digest).decode())
policy = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % policy
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)
open(path, "w", encoding="utf-8").write(html)
print(f"[csp] {len(hashes)} inline script(s) hashed into the policy")
