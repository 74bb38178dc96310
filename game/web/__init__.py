"""The browser lab: `mediator serve` (one seat per student, each game in its own process)."""
