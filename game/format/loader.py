"""Load a scenario file: safe YAML to plain data (with positions), then models, then checks.

Only PyYAML's safe machinery is used, and only to *compose* a node tree; Python values are
built from the nodes here, so no tag can ever construct an object. Every problem is reported
as ``FILE:LINE:COL: path: message`` (1-based), all at once, through ``ScenarioError``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from game.format import limits
from game.format.errors import Problem, ScenarioError
from game.format.models import Scenario
from game.format.reading import InputError, read_input
from game.format.suggest import closest, quote_hint

MAX_BYTES = limits.MAX_FILE_BYTES
MAX_NODES = limits.MAX_YAML_NODES
MAX_ALIAS_SUBTREE = limits.MAX_ALIAS_SUBTREE
MAX_DEPTH = limits.MAX_YAML_DEPTH

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{t}" for t in ("null", "bool", "int", "float", "str", "timestamp")}
_MAP_TAG = f"{_YAML}map"
_SEQ_TAG = f"{_YAML}seq"
_MERGE_TAG = f"{_YAML}merge"
_ALLOWED = "!!str, !!int, !!float, !!bool, !!null, !!timestamp, !!map, !!seq"
EMPTY_MESSAGE = "file is empty: expected a mapping with meta, phases, issues, parties, " \
    "mediators, actions, events and outcomes"


# --------------------------------------------------------------------------- composing


class AliasNode(Node):
    """An alias (``*name``) in the composed tree: keeps the alias's own position."""

    id = "alias"

    def __init__(self, target: Node, anchor: str, start_mark: Any, end_mark: Any) -> None:
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.target = target
        self.anchor = anchor


class _LimitError(yaml.MarkedYAMLError):
    """A size guard tripped while composing."""


try:  # libyaml's parser is about 4x faster; the composing below is the same either way
    from yaml._yaml import CParser as _CParser

    _HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - pure-Python PyYAML
    _HAVE_LIBYAML = False


class _Composer(Composer, SafeConstructor, Resolver):
    """Composer that keeps aliases visible and refuses deep or huge documents early."""

    if TYPE_CHECKING:
        # Supplied by the parser mixed in below (libyaml's CParser or PyYAML's Parser).
        # Composing only asks for an event while one is pending, so never None here.
        def peek_event(self) -> Event: ...
        def get_event(self) -> Event: ...

    def setup(self) -> None:
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _LimitError(problem=f"document has more than {MAX_NODES} nodes",
                              # libyaml's own Mark type: same line/column/snippet API
                              problem_mark=event.start_mark)  # type: ignore[arg-type]
        if (isinstance(event, AliasEvent) and event.anchor is not None
                and event.anchor in self.anchors):
            self.get_event()
            return AliasNode(self.anchors[event.anchor], event.anchor, event.start_mark,
                             event.end_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _LimitError(problem=f"nesting deeper than {MAX_DEPTH} levels",
                                  problem_mark=event.start_mark)  # type: ignore[arg-type]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if _HAVE_LIBYAML:

    class _Loader(_Composer, _CParser):
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            self.setup()

else:  # pragma: no cover

    # A second definition of the same name, chosen at import time.
    class _Loader(_Composer, Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            self.setup()


def _pos(node: Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


def dotted(path: Path_) -> str:
    """``('parties', 0, 'stakes')`` -> ``parties.0.stakes``; the root is ``(top level)``."""
    return ".".join(str(p) for p in path) if path else "(top level)"


# --------------------------------------------------------------------------- locating


class Locator:
    """Positions of the YAML nodes behind the data, by data path (YAML key names)."""

    def __init__(self) -> None:
        self.values: dict[Path_, Node] = {}
        self.keys: dict[Path_, Node] = {}

    def node(self, path: Path_) -> Node | None:
        """The node at path, or at its longest existing prefix."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path)

    def __call__(self, path: Path_, key: bool = False) -> Pos:
        """1-based (line, column) of the value (or the key) at path, or of its nearest parent."""
        path = tuple(path)
        if key and path in self.keys:
            return _pos(self.keys[path])
        node = self.node(path)
        return _pos(node) if node is not None else (1, 1)


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions and problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.locator = Locator()
        self.problems: list[Problem] = []
        self.count = 0
        self.sizes: dict[int, int] = {}
        self.constructor = SafeConstructor()

    def problem(self, node: Node, path: Path_, message: str) -> None:
        line, col = _pos(node)
        self.problems.append(Problem(self.file, line, col, f"{dotted(path)}: {message}"))

    def build(self, node: Node, path: Path_, stack: tuple[int, ...] = ()) -> Any:
        self.locator.values[path] = node
        if isinstance(node, AliasNode):
            target = node.target
            if id(target) in stack:
                self.problem(node, path, f"alias *{node.anchor} refers to a node that "
                             "contains it (recursive alias)")
                raise _Abort
            size = self.sizes.get(id(target))
            if size is not None and size > MAX_ALIAS_SUBTREE:
                self.problem(node, path, f"alias *{node.anchor} repeats {size} nodes "
                             f"(limit {MAX_ALIAS_SUBTREE}): alias expansion bomb?")
                raise _Abort
            value = self.build(target, path, stack)
            self.locator.values[path] = node
            return value
        self.count += 1
        if self.count > MAX_NODES:
            self.problem(node, path, f"document expands to more than {MAX_NODES} nodes "
                         "through aliases: alias expansion bomb?")
            raise _Abort
        if len(stack) >= MAX_DEPTH:
            self.problem(node, path, f"nesting deeper than {MAX_DEPTH} levels")
            raise _Abort
        before = self.count
        stack = (*stack, id(node))
        if isinstance(node, ScalarNode):
            value = self._scalar(node, path)
        elif isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._bad_tag(node, path)
            value = [self.build(child, (*path, i), stack) for i, child in enumerate(node.value)]
        elif isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                self._bad_tag(node, path)
            value = self._mapping(node, path, stack)
        else:  # pragma: no cover - the composer makes no other kind
            self.problem(node, path, "unexpected YAML node")
            value = None
        self.sizes[id(node)] = self.count - before + 1
        return value

    def _bad_tag(self, node: Node, path: Path_) -> None:
        self.problem(node, path, f"tag {_tag_name(node.tag)} is not allowed: scenario files "
                     f"are plain data (allowed tags: {_ALLOWED})")

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        if len(node.value) > limits.MAX_STRING:
            self.problem(node, path, f"text of {len(node.value)} characters (the limit is "
                         f"{limits.MAX_STRING})")
            return None
        try:
            return self.constructor.construct_object(node)
        except Exception:  # noqa: BLE001 - e.g. `!!int abc`
            self.problem(node, path, f"cannot read {node.value!r} as {_tag_name(node.tag)}")
            return None

    def _key(self, node: Node, path: Path_) -> str | None:
        if isinstance(node, AliasNode):
            node = node.target
        if not isinstance(node, ScalarNode):
            self.problem(node, path, "mapping keys must be plain names, not lists or mappings")
            return None
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        if len(node.value) > limits.MAX_STRING:
            self.problem(node, path, f"key of {len(node.value)} characters (the limit is "
                         f"{limits.MAX_STRING})")
            return None
        # Keys are names and ids: read them as written (`no:` is the id 'no', not false).
        return str(node.value)

    def _mapping(self, node: MappingNode, path: Path_, stack: tuple[int, ...]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Node] = {}
        merges: list[tuple[Node, Path_]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG and isinstance(key_node, ScalarNode):
                merges.append((value_node, path))
                continue
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in first:
                line = first[key].start_mark.line + 1
                self.problem(key_node, path, f"duplicate key '{key}' (first at line {line})")
                continue
            first[key] = key_node
            self.locator.keys[(*path, key)] = key_node
            result[key] = self.build(value_node, (*path, key), stack)
        for value_node, mpath in merges:  # `<<: *base` fills keys not given explicitly
            for source in self._merge_sources(value_node, mpath):
                merged = self.build(source, mpath, stack)
                self.locator.values[mpath] = node
                for key, value in merged.items():
                    if key not in result:
                        result[key] = value
                        first[key] = source
        return result

    def _merge_sources(self, node: Node, path: Path_) -> Iterator[Node]:
        real = node.target if isinstance(node, AliasNode) else node
        if isinstance(real, MappingNode):
            yield node
            return
        if isinstance(real, SequenceNode):
            items = [n.target if isinstance(n, AliasNode) else n for n in real.value]
            if all(isinstance(n, MappingNode) for n in items):
                yield from real.value
                return
        self.problem(node, path, "a merge key (<<) needs a mapping or a list of mappings")


class _Abort(Exception):
    """A size guard tripped: stop building."""


# --------------------------------------------------------------------------- errors


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    return str(value)


_EXPECTED = {
    "dict_type": "a mapping", "model_type": "a mapping", "model_attributes_type": "a mapping",
    "list_type": "a list", "string_type": "a string", "float_type": "a number",
    "float_parsing": "a number", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "finite_number": "a finite number",
}


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is not None and get_origin(annotation).__name__ == "Annotated":
        annotation = get_args(annotation)[0]
    return annotation


def _origin_name(tp: Any) -> str:
    origin = get_origin(tp)
    return getattr(origin, "__name__", str(origin)) if origin is not None else ""


def _is_union(tp: Any) -> bool:
    return get_origin(tp) is Union or _origin_name(tp) == "UnionType"


def _union_member(tp: Any, tag: Any) -> Any:
    """The member of a (possibly nested, possibly Optional) tagged union with this tag."""
    for arg in get_args(tp):
        if any(getattr(m, "tag", None) == tag for m in getattr(arg, "__metadata__", ())):
            return arg
        inner = _strip(arg)
        if _is_union(inner):
            found = _union_member(inner, tag)
            if found is not None:
                return found
    return None


def _model_at(loc: tuple[Any, ...], root: type[BaseModel] = Scenario
              ) -> type[BaseModel] | None:
    """The model class that pydantic was validating at loc (None if not a model)."""
    current: Any = root
    for element in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for n, f in current.model_fields.items()
                          if (f.alias or n) == element or n == element), None)
            if field is None:
                return None
            current = field.annotation
            continue
        origin = get_origin(current)
        args = get_args(current)
        if origin is list and isinstance(element, int):
            current = args[0]
        elif origin is dict:
            current = args[1]
        elif _is_union(current):
            chosen = _union_member(current, element)
            if chosen is None:
                return None
            current = chosen
        else:
            return None
    current = _strip(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    members = [_strip(a) for a in get_args(current) if a is not type(None)]
    if len(members) == 1 and isinstance(members[0], type) and issubclass(members[0], BaseModel):
        return members[0]
    return None


def _walk(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The data path behind a pydantic loc, skipping union tags (see module docs).

    Each element is either consumed (a key of the current mapping, an index of the current
    list) or skipped; the path consuming the most elements wins, later consumptions first.
    """
    best: tuple[int, tuple[int, ...], Path_] = (-1, (), ())

    def go(value: Any, i: int, path: Path_, used: tuple[int, ...]) -> None:
        nonlocal best
        if i == len(loc):
            score = (len(used), used)
            if score > best[:2]:
                best = (len(used), used, path)
            return
        element = loc[i]
        key = isinstance(value, dict) and isinstance(element, str) and element in value
        index = isinstance(value, list) and isinstance(element, int) and 0 <= element < len(value)
        if key or index:
            go(value[element], i + 1, (*path, element), (*used, i))
        go(value, i + 1, path, used)

    go(data, 0, (), ())
    return best[2]


def _problems_from_validation(error: ValidationError, data: Any, file: str,
                              locate: Locator, root: type[BaseModel] = Scenario
                              ) -> list[Problem]:
    grouped: dict[tuple[Path_, bool], list[ErrorDetails]] = {}
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        path = _walk(data, loc)
        is_key = err["type"] == "extra_forbidden" or (bool(loc) and loc[-1] == "[key]")
        grouped.setdefault((path, is_key), []).append(err)
    problems: list[Problem] = []
    for (path, is_key), errs in grouped.items():
        line, col = locate(path, key=is_key)
        for message_path, message in _messages(path, errs, locate, root):
            problems.append(Problem(file, line, col, f"{dotted(message_path)}: {message}"))
    return problems


def _messages(path: Path_, errs: list[ErrorDetails], locate: Locator,
              root: type[BaseModel] = Scenario) -> Iterator[tuple[Path_, str]]:
    expected = [err for err in errs if err["type"] in _EXPECTED]
    others = [err for err in errs if err["type"] not in _EXPECTED]
    if expected:
        kinds = list(dict.fromkeys(_EXPECTED[err["type"]] for err in expected))
        got = _describe(expected[0]["input"])
        hint = ""
        node = locate.node(path)
        if (isinstance(node, ScalarNode) and not node.style and "a string" in kinds
                and not isinstance(expected[0]["input"], str)):
            hint = f" (write '{node.value}' in quotes for the text)"
        yield path, f"expected {' or '.join(kinds)}, got {got}{hint}"
    seen: set[str] = set()
    for err in others:
        kind = err["type"]
        if kind == "missing":
            name = err["loc"][-1]
            message = f"missing required key '{name}'"
        elif kind == "extra_forbidden":
            name = path[-1] if path else err["loc"][-1]
            model = _model_at(tuple(err["loc"][:-1]), root)
            allowed = (", ".join(f.alias or n for n, f in model.model_fields.items())
                       if model else "")
            near = closest(str(name), allowed.split(", ")) if allowed else None
            message = f"unknown key '{name}'" + (
                f" (did you mean '{near}'? allowed: {allowed})" if near
                else f" (allowed: {allowed})" if allowed else "") + _comma_hint(path, locate)
            yield path[:-1], message
            continue
        elif kind == "string_pattern_mismatch" and "a-z0-9_" in str(err.get("ctx", {})):
            message = ("expected an id (lower-case letters, digits and underscores, starting "
                       f"with a letter), got {_describe(err['input'])}")
        elif kind == "literal_error":
            message = (f"expected {err['msg'].removeprefix('Input should be ')}, "
                       f"got {_describe(err['input'])}")
        elif kind == "too_short" and "min_length" in err.get("ctx", {}):
            count = err["ctx"]["min_length"]
            message = (f"expected at least {count} item{'s' if count != 1 else ''}, "
                       f"got {err['ctx'].get('actual_length', len(err['input']))}")
        elif kind in ("condition", "effect", "union_tag_invalid", "union_tag_not_found"):
            message = err["msg"]
        else:
            message = err["msg"]
            if not isinstance(err["input"], dict | list):
                message += f" (got {_describe(err['input'])})"
        if message not in seen:
            seen.add(message)
            yield path, message


# --------------------------------------------------------------------------- entry points


def _problem(file: str, line: int, col: int, message: str) -> ScenarioError:
    return ScenarioError([Problem(file, line, col, message)])


def validation_problems(error: ValidationError, data: Any, file: str, locate: Locator,
                        root: type[BaseModel]) -> list[Problem]:
    """FILE:LINE:COL problems of a pydantic error on `data` (validated as `root`) read from a
    YAML file: the same messages as the scenario loader's, for other YAML files."""
    return _problems_from_validation(error, data, file, locate, root)


def _decode(data: bytes, file: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        raise _problem(file, line, col, f"invalid UTF-8: byte 0x{data[start]:02x} cannot "
                       "start or continue a character (save the file as UTF-8)") from None
    return text.removeprefix("\ufeff")


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load and check a scenario file; raises ScenarioError listing every problem."""
    file = str(path)
    return load_scenario_bytes(_read(path), file)


def _read(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an input file (a regular file within the size limit), or ScenarioError."""
    try:
        return read_input(path, MAX_BYTES)
    except InputError as exc:
        raise _problem(str(path), 1, 1, str(exc)) from None


def load_scenario_bytes(data: bytes, filename: str) -> Scenario:
    """Load a scenario from raw bytes (UTF-8), as read from `filename`."""
    if len(data) > MAX_BYTES:
        raise _problem(filename, 1, 1, f"file is too large ({len(data)} bytes; the limit is "
                       f"{MAX_BYTES // (1024 * 1024)} MB)")
    return load_scenario_text(_decode(data, filename), filename)


def parse_yaml_document(text: str, filename: str, empty: str = "") -> tuple[Any, Locator]:
    """Safe YAML text (any top-level shape) to plain data plus a Locator, with every guard of
    the scenario loader; raises ScenarioError on any problem."""
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
        raise _problem(filename, 1, 1, f"file is too large (the limit is "
                       f"{MAX_BYTES // (1024 * 1024)} MB)")
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, text, filename) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        raise _reader_problem(exc, text, filename) from None
    except UnicodeEncodeError as exc:  # a lone surrogate in a Python string
        raise _at_index(text, exc.start, filename, "text is not valid Unicode") from None
    except RecursionError:
        raise _problem(filename, 1, 1, f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise _problem(filename, 1, 1, empty or EMPTY_MESSAGE)
    builder = _Builder(filename)
    try:
        data = builder.build(root, ())
    except _Abort:
        raise ScenarioError(builder.problems[-1:]) from None
    if builder.problems:
        raise ScenarioError(builder.problems)
    return data, builder.locator


def parse_yaml(text: str, filename: str) -> tuple[Any, Locator]:
    """Safe YAML text to plain data plus a Locator; raises ScenarioError on any problem."""
    data, locator = parse_yaml_document(text, filename)
    if not isinstance(data, dict):
        line, col = locator(())
        raise _problem(filename, line, col, f"(top level): expected a mapping with meta, "
                       f"phases, issues, ..., got {_describe(data)}")
    return data, locator


def read_yaml_file(path: str | os.PathLike[str], empty: str) -> tuple[Any, Locator]:
    """Read and parse any YAML file of the project (moves files too) with the same guards:
    size, UTF-8, duplicate keys, safe tags, alias bombs, depth."""
    file = str(path)
    return parse_yaml_document(_decode(_read(path), file), file, empty)


def load_scenario_text(text: str, filename: str) -> Scenario:
    """Load and check a scenario from YAML text; raises ScenarioError listing every problem."""
    from game.format.checks import check_scenario

    data, locator = parse_yaml(text, filename)
    over = _over_limits(data, filename, locator)
    if over:
        raise ScenarioError(over)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems_from_validation(exc, data, filename, locator)) from None
    problems = check_scenario(scenario, filename, locator)
    if problems:
        raise ScenarioError(problems)
    return scenario


def _over_limits(data: dict[str, Any], file: str, locate: Locator) -> list[Problem]:
    """The lists longer than their limit (game.format.limits), each at its first item over."""
    problems: list[Problem] = []

    def lists(value: Any, pattern: tuple[str, ...], path: Path_) -> Iterator[tuple[Path_, Any]]:
        if not pattern:
            yield path, value
        elif pattern[0] == "*":
            for n, item in enumerate(value if isinstance(value, list) else []):
                yield from lists(item, pattern[1:], (*path, n))
        elif isinstance(value, dict) and pattern[0] in value:
            yield from lists(value[pattern[0]], pattern[1:], (*path, pattern[0]))

    def over(path: Path_, count: int, limit: int, what: str) -> None:
        line, col = locate((*path, limit))
        problems.append(Problem(file, line, col, f"{dotted(path)}: {count} {what} (the limit "
                                f"is {limit})"))

    for limit in limits.LIMITS:
        for pattern in limit.paths:
            for path, value in lists(data, pattern, ()):
                if isinstance(value, list) and len(value) > limit.value:
                    over(path, len(value), limit.value, limit.what)
    def numbers(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                numbers(item, (*path, key))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                numbers(item, (*path, n))
        elif (isinstance(value, (int, float)) and not isinstance(value, bool)
              and math.isfinite(value) and abs(value) > limits.MAX_NUMBER):
            line, col = locate(path)
            problems.append(Problem(file, line, col, f"{dotted(path)}: the number {value:g} is "
                                    f"too large (the limit is {limits.MAX_NUMBER:,} either "
                                    "way)"))

    numbers(data, ())
    parties = data.get("parties")
    if isinstance(parties, list):
        principals = [n for n, p in enumerate(parties)
                      if isinstance(p, dict) and p.get("role") == "principal"]
        if len(principals) > limits.MAX_PRINCIPALS:
            line, col = locate(("parties", principals[limits.MAX_PRINCIPALS]))
            problems.append(Problem(file, line, col, f"parties: {len(principals)} principal "
                                    f"parties (the limit is {limits.MAX_PRINCIPALS})"))
    return problems


def _at_index(text: str, index: int, file: str, message: str) -> ScenarioError:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return _problem(file, line, col, message)


def _tab_at(text: str, line: int, col: int) -> bool:
    """Whether a tab at (or in the indentation before) a 0-based position caused an error."""
    lines = text.split("\n")
    if line >= len(lines):
        return False
    row = lines[line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[col: col + 1] == "\t"


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> ScenarioError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    if mark is not None and not isinstance(exc, _LimitError) and (
            _tab_at(text, mark.line, mark.column) or "'\\t'" in problem):
        message = "a tab character is used for indentation: YAML allows spaces only"
    elif isinstance(exc, _LimitError):
        message = f"{problem}: refused"
    else:
        message = f"invalid YAML: {problem}"
        if exc.context and problem.startswith("but "):
            message = f"invalid YAML: {exc.context}, {problem}"
        elif exc.context:
            message += f" ({exc.context}"
            if exc.context_mark is not None and exc.context_mark is not mark:
                message += f" at line {exc.context_mark.line + 1}"
            message += ")"
        if mark is not None and ("mapping values" in problem or "',' or '}'" in problem):
            message += quote_hint(text.split("\n")[mark.line] if mark.line < text.count(
                "\n") + 1 else "")
    return _problem(file, line, col, message)


def _comma_hint(path: Path_, locate: Locator) -> str:
    """For `{id: a, label: Talks first, then war}`: YAML read 'then war' as a key."""
    parent = locate.node(path[:-1])
    if not isinstance(parent, MappingNode) or not parent.flow_style:
        return ""
    pairs = [(k.value, v) for k, v in parent.value if isinstance(k, ScalarNode)]
    keys = [k for k, _ in pairs]
    if path[-1] not in keys or keys.index(path[-1]) == 0:
        return ""
    at = keys.index(path[-1])
    value = pairs[at][1]
    before, text = pairs[at - 1]
    if not (isinstance(value, ScalarNode) and value.tag.endswith(":null") and value.value == ""
            and isinstance(text, ScalarNode) and not text.style):
        return ""
    return (f"; a comma inside {{...}} ends a text: put it in quotes, e.g. {before}: "
            f"\"{text.value}, {path[-1]}\"")


def _reader_problem(exc: yaml.YAMLError, text: str, file: str) -> ScenarioError:
    found = Reader.NON_PRINTABLE.search(text)
    index = found.start() if found else getattr(exc, "position", 0)
    code = f"U+{ord(text[index]):04X}" if index < len(text) else "?"
    return _at_index(text, index, file, f"character {code} is not allowed in a YAML file "
                     "(control characters cannot appear, even in quotes)")
