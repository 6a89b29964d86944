"""The dashboard: a read-only web face of `mogul serve` at `/dashboard`, beside the CLI and the `/v1`
routes. Its pages call the same domain functions as `/v1` (never mogul's own HTTP API), render on the
server with Jinja2 and draw their charts with the vendored uPlot; no build step.
"""

from mogul.web.app import PREFIX
from mogul.web.site import create

__all__ = ["PREFIX", "create"]
