"""`mediator schema`: print the JSON Schema (draft 2020-12) of scenario files."""

from __future__ import annotations

import argparse

from game.format.schema import render


def main(args: argparse.Namespace) -> int:
    print(render(), end="")
    return 0
