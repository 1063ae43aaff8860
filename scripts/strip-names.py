#!/usr/bin/env python3
"""Removes the function-name section from the built wasm (dist/*.wasm).

The `name` custom section only gives browser stack traces Rust function names;
it is about 230 KB raw and 40 KB of the page's brotli download. (Stripping it
at link time, `-C strip=symbols`, also drops the `target_features` section that
wasm-bindgen reads, so it is removed here, after wasm-bindgen.)
"""
import sys


def leb(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


for path in sys.argv[1:]:
    data = open(path, "rb").read()
    if data[:4] != b"\0asm":
        sys.exit(f"{path}: not a wasm module")
    out, i, removed = bytearray(data[:8]), 8, 0
    while i < len(data):
        start = i
        section = data[i]
        size, body = leb(data, i + 1)
        i = body + size
        if section == 0:
            name_len, name_at = leb(data, body)
            if data[name_at:name_at + name_len] == b"name":
                removed += i - start
                continue
        out += data[start:i]
    open(path, "wb").write(out)
    print(f"[strip-names] {path}: {removed} bytes of function names removed")
