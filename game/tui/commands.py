"""Every key of the game, declared once: the owner (screen or widget) it belongs to, the key,
the action, the words shown in the footer, the command palette and the help screen, and a
tooltip. Screens and widgets take their BINDINGS from here; the palette and the help read
those, so nothing is declared twice."""

from __future__ import annotations

from textual.binding import Binding, BindingType

COMMANDS: dict[str, list[Binding]] = {
    "app": [
        Binding("f1", "help", "Help", id="help", tooltip="Rules, scoring formula and keys"),
        Binding("question_mark", "help", "Help", show=False, id="help_alt",
                tooltip="Rules, scoring formula and keys"),
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Quit (the game is autosaved)",
                priority=True),
    ],
    "briefing": [
        Binding("enter", "to_table", "To the table", id="to_table",
                tooltip="Go to the negotiating table"),
        Binding("escape", "to_table", "Back", show=False, id="briefing_back",
                tooltip="Back to the negotiating table"),
    ],
    "debrief": [
        Binding("j", "export('json')", "Export JSON", id="export_json",
                tooltip="Write the transcript (JSON, with its digest)"),
        Binding("m", "export('md')", "Export Markdown", id="export_md",
                tooltip="Write the game as Markdown"),
        Binding("h", "export('html')", "Export HTML", id="export_html",
                tooltip="Write the game as a web page"),
        Binding("ctrl+n", "new_game", "New game", id="new_game",
                tooltip="Start a new game"),
    ],
    "help": [
        Binding("escape", "close", "Close", id="help_close", tooltip="Close the help"),
    ],
    "class_instructions": [
        Binding("ctrl+s", "start", "To the briefing", id="class_start",
                tooltip="Done reading the class's instructions: on to the briefing"),
    ],
    "reflection": [
        Binding("ctrl+s", "hand_in", "Hand in", id="hand_in",
                tooltip="Hand in your game with these answers"),
    ],
    "viewer": [
        Binding("right", "step(1)", "Next turn", id="view_next", priority=True,
                tooltip="The next turn of the game"),
        Binding("left", "step(-1)", "Previous turn", id="view_prev", priority=True,
                tooltip="The turn before"),
        Binding("home", "jump(0)", "Start", id="view_start", show=False,
                tooltip="The start of the game"),
        Binding("end", "jump(-1)", "End", id="view_end", show=False,
                tooltip="The end of the game"),
        Binding("b", "better", "Better move", id="view_better",
                tooltip="Search for a better move at this turn (the plan search)"),
        Binding("q", "quit", "Quit", id="view_quit", tooltip="Close the viewer"),
    ],
    "new_game": [
        Binding("ctrl+s", "start", "Start", id="start",
                tooltip="Start a new game with this scenario, role and seed"),
        Binding("ctrl+o", "continue_game", "Continue", id="continue",
                tooltip="Continue the autosaved game"),
        Binding("ctrl+r", "reroll", "New seed", id="reroll", tooltip="Pick another random seed"),
        Binding("ctrl+t", "toggle_tutorial", "Tutorial", id="tutorial",
                tooltip="Switch the guided tutorial on or off"),
    ],
    "table": [
        Binding("s", "propose", "Propose", id="propose",
                tooltip="Put the framework in the composer on the table"),
        Binding("a", "focus_actions", "Actions", id="actions",
                tooltip="Choose one of your mediation actions"),
        Binding("c", "focus_composer", "Compose", id="compose", show=False,
                tooltip="Back to the framework composer"),
        Binding("w", "why", "Why?", id="why",
                tooltip="Show the rules and citations behind the latest answers"),
        Binding("u", "use_counter", "Use counter", id="use_counter",
                tooltip="Load the latest counter-proposal into the composer"),
        Binding("n", "pass_turn", "Pass", id="pass",
                tooltip="Let a turn go by without a move"),
        Binding("b", "briefing", "Briefing", id="briefing",
                tooltip="Read the briefing again (what you have learned included)"),
        Binding("1", "tab('responses')", "Responses", show=False, id="tab_responses",
                tooltip="Show the response log"),
        Binding("2", "tab('ledger')", "Ledger", show=False, id="tab_ledger",
                tooltip="Show every meter change and its cause"),
        Binding("3", "tab('events')", "Events", show=False, id="tab_events",
                tooltip="Show events and statements"),
        Binding("D", "debrief", "Debrief", id="debrief",
                tooltip="The game is over: see the debrief"),
        Binding("t", "tutorial_next", "Next tip", id="tutorial_next",
                tooltip="Next step of the tutorial"),
        Binding("escape", "tutorial_close", "Close tutorial", show=False, id="tutorial_close",
                tooltip="Close the tutorial"),
    ],
    "replace_game": [
        Binding("escape", "keep", "Keep it", id="replace_keep",
                tooltip="Keep the game in progress; no new game"),
    ],
    "target": [
        Binding("escape", "cancel", "Cancel", id="target_cancel", tooltip="Do not take the action"),
    ],
    "actions": [
        Binding("enter", "select", "Take action", id="action_take",
                tooltip="Take the highlighted action (asks for a target if it needs one)"),
    ],
    "composer": [
        Binding("left", "option(-1)", "Option ◀", id="composer_prev", show=False,
                tooltip="Previous option for this issue (or off the table)"),
        Binding("right", "option(1)", "Option ▶", id="composer_next", show=False,
                tooltip="Next option for this issue"),
        # Shown on the composer's border ("p d x"), not in the footer: at 80 columns the
        # footer keeps the table's keys, Help and Quit.
        Binding("p", "phase", "Phase", id="composer_phase", show=False,
                tooltip="Cycle the phase this term is placed in"),
        Binding("d", "defer", "Defer", id="composer_defer", show=False,
                tooltip="Freeze this issue for later (defer it)"),
        Binding("x", "remove", "Remove", id="composer_remove", show=False,
                tooltip="Take this issue off the table"),
        Binding("enter", "submit", "Propose", id="composer_submit",
                tooltip="Put this framework on the table", show=False),
    ],
}


def bindings(owner: str) -> list[BindingType]:
    """The bindings of one screen or widget (a fresh list: Textual may extend it)."""
    return list(COMMANDS[owner])


def keys(owner: str, *ids: str) -> str:
    """The keys of some of an owner's commands, for an on-screen hint ("p d x")."""
    by_id = {b.id: b.key for b in COMMANDS[owner]}
    return " ".join(by_id[i] for i in ids)
