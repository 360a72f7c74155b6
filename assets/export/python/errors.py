"""The service's error type and the HTTP status each error maps to."""

STATUS = {
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_many_requests": 429,
    "upstream": 502,
    "internal": 500,
}


class AppError(Exception):
    """Everything a request can fail with; ``status`` is the HTTP status it maps to."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = STATUS.get(code, 500)
