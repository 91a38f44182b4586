"""/api/v1/docs/: the API's reference, read from the same OpenAPI schema as
/api/v1/schema/, rendered on the server (no CDN; the strict CSP holds), with
a small same-origin script to try each call with a token."""

import json

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularJSONAPIView

from .views import KeepsTheSessionUser

METHODS = ("get", "post", "put", "patch", "delete")


@method_decorator(login_not_required, name="dispatch")
class ApiDocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        context = super().get_context_data(**kwargs)
        context["info"] = schema["info"]
        context["operations"] = list(_operations(schema))
        return context


class SchemaView(KeepsTheSessionUser, SpectacularJSONAPIView):
    """The OpenAPI schema, for anyone: it holds no one's data."""


def _operations(schema: dict):
    components = schema.get("components", {}).get("schemas", {})
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            body = op.get("requestBody", {}).get("content", {})
            body_schema = next(iter(body.values()), {}).get("schema")
            yield {
                "id": op["operationId"],
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": op.get("parameters", []),
                "fields": _fields(body_schema, components) if body_schema else [],
                "example": json.dumps(_example(body_schema, components), indent=2)
                if body_schema
                else "",
                "responses": [
                    (code, response.get("description", ""))
                    for code, response in op.get("responses", {}).items()
                ],
            }


def _resolve(node: dict, components: dict) -> dict:
    while node and "$ref" in node:
        node = components[node["$ref"].rsplit("/", 1)[-1]]
    if node and "allOf" in node and len(node["allOf"]) == 1:
        node = {**_resolve(node["allOf"][0], components), **node}
    return node or {}


def _fields(node: dict, components: dict, prefix: str = "") -> list[dict]:
    """Each field of a request body, nested objects flattened as person.x."""
    node = _resolve(node, components)
    rows = []
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        prop = _resolve(prop, components)
        if prop.get("type") == "object" and "properties" in prop:
            rows += _fields(prop, components, f"{prefix}{name}.")
            continue
        choices = prop.get("enum") or []
        rows.append(
            {
                "name": prefix + name,
                "type": prop.get("format") or prop.get("type", "string"),
                "required": name in required,
                "choices": [c for c in choices if c not in ("", None)],
                "description": prop.get("description", ""),
            }
        )
    return rows


def _example(node: dict, components: dict):
    node = _resolve(node, components)
    if node.get("type") == "object" or "properties" in node:
        return {
            name: _example(prop, components)
            for name, prop in node.get("properties", {}).items()
            if name in node.get("required", []) or prop.get("type") == "object"
        }
    if node.get("enum"):
        return next(c for c in node["enum"] if c not in ("", None))
    return {
        "date": "2026-01-01",
        "boolean": False,
        "integer": 0,
    }.get(node.get("format") or node.get("type"), "")
