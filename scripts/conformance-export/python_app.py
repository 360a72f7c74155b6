"""Imports a generated FastAPI app and compares its OpenAPI paths with the exported contract.

Usage (from the service folder): python python_app.py ../../api/<id>.openapi.yaml
Exits 1 when the paths or methods differ.
"""

import os
import sys

import yaml

sys.path.insert(0, os.getcwd())
from app.config import load_config  # noqa: E402
from app.main import create_app  # noqa: E402

contract = sys.argv[1] if len(sys.argv) > 1 else ""
app = create_app(load_config({}))
theirs = {
    (path, method)
    for path, item in app.openapi().get("paths", {}).items()
    for method in item
}
ours = set()
if contract and os.path.exists(contract):
    with open(contract, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    ours = {(path, method) for path, item in doc.get("paths", {}).items() for method in item}
if theirs != ours:
    print(f"FAIL {os.getcwd()}: FastAPI serves {sorted(theirs - ours)} beyond the contract, "
          f"and misses {sorted(ours - theirs)}")
    sys.exit(1)
print(f"ok   fastapi  {os.path.basename(os.getcwd())}: {len(ours)} operations match the contract")
