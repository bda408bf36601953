#!/usr/bin/env python3
"""Writes Sources/Serve/OpenAPIDocument.swift from schemas/openapi.yaml (the document the
server serves at /openapi.yaml and prints with `iatix serve --openapi`). Run it after editing
the YAML; ServeContractTests checks that the two agree."""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "schemas/openapi.yaml").read_text(encoding="utf-8")
body = "\n".join(("        " + line) if line else "" for line in text.rstrip("\n").split("\n"))
swift = f'''/// The OpenAPI 3.1 description of the API, served at `/openapi.yaml` and printed by
/// `iatix serve --openapi`; written from `schemas/openapi.yaml` by `scripts/openapi-document.py`
/// (a test keeps them equal).
enum OpenAPIDocument {{
    static let text = #"""
{body}

        """#
}}
'''
(root / "Sources/Serve/OpenAPIDocument.swift").write_text(swift, encoding="utf-8")
