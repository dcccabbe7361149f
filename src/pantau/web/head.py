"""HEAD wherever GET: FastAPI's routes answer only the methods they name, and a monitor, a link
checker or `curl -I` asks with HEAD."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from fastapi.routing import APIRoute


class HeadRoute(APIRoute):
    """The HEAD twin of a GET route: the same parameters, checks and status, the GET answer's
    headers (its Content-Length included), no body. A file download answers HEAD itself."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def head(request: Request) -> Response:
            response = await handler(request)
            if isinstance(response, FileResponse):  # sends headers only for HEAD, then cleans up
                return response
            return Response(status_code=response.status_code, headers=dict(response.headers))

        return head


def add_head_routes(router: APIRouter) -> None:
    """A HEAD route beside each GET route of `router`; kept out of the OpenAPI schema, which would
    list every endpoint twice."""
    for route in list(router.routes):
        if isinstance(route, APIRoute) and "GET" in route.methods:
            router.add_api_route(route.path.removeprefix(router.prefix), route.endpoint, methods=["HEAD"],
                                 response_class=route.response_class, include_in_schema=False,
                                 route_class_override=HeadRoute, name=f"{route.name}_head")
