"""A scenario drawn as a graph (Mermaid or Graphviz dot): phases in order with what opens
each, issues with their options, and who blocks, links or must consent to which option.
Deterministic text: the same scenario gives the same bytes."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.conditions import describe
from game.format import models as m


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    style: str  # order, red_hard, red_soft, linkage, consent


def _option_nodes(scenario: m.Scenario, ref: m.TermRef) -> list[str]:
    """Node ids a term points at: its options, or the issue when it names none."""
    n = scenario.issue_order.get(ref.issue)
    if n is None:
        return []
    if ref.option is None:
        return [f"issue{n}_title"]
    wanted = [ref.option] if isinstance(ref.option, str) else ref.option
    return [f"issue{n}_{k}" for k, o in enumerate(scenario.issues[n].options) if o.id in wanted]


def edges(scenario: m.Scenario) -> list[Edge]:
    """Every edge, in file order."""
    out: list[Edge] = []
    for n in range(1, len(scenario.phases)):
        phase = scenario.phases[n]
        out.append(Edge(f"p{n - 1}", f"p{n}", describe(phase.requires), "order"))
    for p, party in enumerate(scenario.parties):
        for line in party.red_lines:
            style = "red_hard" if line.kind == "hard" else "red_soft"
            label = f"{line.kind} red line {line.id}" + (
                f" (moves when {describe(line.moves_when)})" if line.moves_when else "")
            for ref in line.options:
                for node in _option_nodes(scenario, ref):
                    out.append(Edge(f"party{p}", node, label, style))
        for link in party.linkages:
            for a in _option_nodes(scenario, link.if_):
                for b in _option_nodes(scenario, link.requires):
                    out.append(Edge(a, b, f"{party.name} requires ({link.id})", "linkage"))
        for consent in party.consents:
            label = f"consent {consent.id} ({describe(consent.when)})"
            for ref in consent.options:
                for node in _option_nodes(scenario, ref):
                    out.append(Edge(f"party{p}", node, label, "consent"))
    return out


def _mermaid_text(text: str) -> str:
    return '"' + text.replace('"', "#quot;").replace("|", "#124;") + '"'


def mermaid(scenario: m.Scenario) -> str:
    lines = ["flowchart LR", f"  %% {scenario.meta.title}: phases, issues, red lines, "
             "linkages and consents (mediator graph)", "  subgraph phases [Phases]",
             "    direction LR"]
    lines += [f"    p{n}[{_mermaid_text(p.title)}]" for n, p in enumerate(scenario.phases)]
    lines.append("  end")
    for n, issue in enumerate(scenario.issues):
        title = f"{issue.title} (from {issue.phase}" + (", deferrable)" if issue.deferrable
                                                       else ")")
        lines += [f"  subgraph issue{n} [{_mermaid_text(title)}]", "    direction TB",
                  f"    issue{n}_title{{{{{_mermaid_text(issue.title)}}}}}"]
        lines += [f"    issue{n}_{k}[{_mermaid_text(o.label)}]"
                  for k, o in enumerate(issue.options)]
        lines.append("  end")
    for p, party in enumerate(scenario.parties):
        shape = ("([", "])") if party.role == "principal" else ("[/", "/]")
        lines.append(f"  party{p}{shape[0]}{_mermaid_text(party.name)}{shape[1]}")
    arrows = {"order": "==>", "red_hard": "--x", "red_soft": "-.-x", "linkage": "-.->",
              "consent": "-->"}
    for edge in edges(scenario):
        lines.append(f"  {edge.source} {arrows[edge.style]}|{_mermaid_text(edge.label)}| "
                     f"{edge.target}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot(scenario: m.Scenario) -> str:
    lines = ["digraph scenario {", f"  label={_dot_text(scenario.meta.title)};",
             "  rankdir=LR;", "  node [shape=box, fontname=Helvetica];",
             "  edge [fontname=Helvetica, fontsize=10];",
             "  subgraph cluster_phases {", '    label="Phases";']
    lines += [f"    p{n} [label={_dot_text(p.title)}, shape=cds];"
              for n, p in enumerate(scenario.phases)]
    lines.append("  }")
    for n, issue in enumerate(scenario.issues):
        title = f"{issue.title} (from {issue.phase}" + (", deferrable)" if issue.deferrable
                                                       else ")")
        lines += [f"  subgraph cluster_issue{n} {{", f"    label={_dot_text(title)};",
                  f"    issue{n}_title [label={_dot_text(issue.title)}, shape=hexagon];"]
        lines += [f"    issue{n}_{k} [label={_dot_text(o.label)}];"
                  for k, o in enumerate(issue.options)]
        lines.append("  }")
    for p, party in enumerate(scenario.parties):
        shape = "ellipse" if party.role == "principal" else "parallelogram"
        lines.append(f"  party{p} [label={_dot_text(party.name)}, shape={shape}];")
    styles = {"order": "penwidth=2", "red_hard": "color=red, arrowhead=tee",
              "red_soft": "color=orange, style=dashed, arrowhead=tee",
              "linkage": "color=blue, style=dashed", "consent": "color=darkgreen"}
    for edge in edges(scenario):
        lines.append(f"  {edge.source} -> {edge.target} [label={_dot_text(edge.label)}, "
                     f"{styles[edge.style]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: m.Scenario, fmt: str) -> str:
    """The scenario as Mermaid (`mermaid`) or Graphviz (`dot`) text."""
    return mermaid(scenario) if fmt == "mermaid" else dot(scenario)
