"""Read what the terminal shows, as text, for assertions on screen content."""

from __future__ import annotations

from typing import Any


def screen_lines(app: Any) -> list[str]:
    """The rendered lines of the whole terminal (screen plus any modal on top)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app: Any) -> str:
    return "\n".join(screen_lines(app))


def flat(app: Any) -> str:
    """All rendered text joined with single spaces (wrapped lines rejoined)."""
    return " ".join(" ".join(screen_lines(app)).split())


async def ready(pilot: Any, timeout: float = 15.0) -> None:
    """Wait until the app has left the splash screen (the scenario loads in a thread)."""
    from game.tui.screens.splash import SplashScreen

    waited = 0.0
    while isinstance(pilot.app.screen, SplashScreen) or len(pilot.app.screen_stack) < 2:
        if waited > timeout:
            raise AssertionError("the app did not finish loading")
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()


def text_in(app: Any, widget: Any, rows: int | None = None) -> str:
    """The text drawn inside one widget's region (its first `rows` rows, if given; wrapped
    lines rejoined), so that a column is read on its own, not interleaved with its neighbour."""
    region = widget.region
    bottom = region.bottom if rows is None else region.y + rows
    strips = app.screen._compositor.render_strips()[region.y:bottom]
    lines = ["".join(s.text for s in strip.crop(region.x, region.right)) for strip in strips]
    return " ".join(" ".join(lines).split())
