"""Checks MongoDB validator files: each collection's $jsonSchema must be a valid JSON Schema
(draft 4, MongoDB's dialect) and use only BSON type names MongoDB knows."""

import json
import sys

import jsonschema

BSON = {"double", "string", "object", "array", "binData", "objectId", "bool", "date", "null",
        "regex", "int", "timestamp", "long", "decimal", "minKey", "maxKey"}


def bson_types(node):
    if isinstance(node, dict):
        t = node.get("bsonType")
        for name in (t if isinstance(t, list) else [t] if t else []):
            yield name
        for value in node.values():
            yield from bson_types(value)
    elif isinstance(node, list):
        for value in node:
            yield from bson_types(value)


failed = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for collection in doc["collections"]:
        schema = collection["validator"]["$jsonSchema"]
        try:
            jsonschema.Draft4Validator.check_schema(schema)
            unknown = set(bson_types(schema)) - BSON
            if unknown:
                raise ValueError(f"unknown bsonType {sorted(unknown)}")
        except Exception as e:  # report every file
            failed = True
            print(f"FAIL mongodb  {path} {collection['name']}: {e}")
    if not failed:
        print(f"ok   mongodb  {path}")
sys.exit(1 if failed else 0)
