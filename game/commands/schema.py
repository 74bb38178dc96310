"""`mediator schema`: print the JSON Schema (draft 2020-12) of scenario files; with `--guide`,
the field reference of the authoring guide (scenarios/README.md) instead."""

from __future__ import annotations

import argparse

from game.format.schema import render


def main(args: argparse.Namespace) -> int:
    if getattr(args, "guide", False):
        from game.format.guide import render as guide

        print(guide(), end="")
        return 0
    print(render(), end="")
    return 0
