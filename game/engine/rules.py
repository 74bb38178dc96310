"""The rules by which principals answer a proposal. This module is the one place they live.

Value. A principal P values a package (the proposal's terms plus the agreed terms on issues the
proposal leaves out) as the weighted mean of its option values::

    V_P = sum(w_i * v_i) / sum(w_i)      over the package's issues
    v_i = stakes[i].values[option]       or stakes[i].deferred_value for a deferred issue
                                         (default: the mean of its option values)

An empty package, or one whose weights sum to 0, is worth 0.

Acceptability. P accepts a package when all of these hold:

1. red lines: no term of the proposal matches one of P's red lines, except soft lines whose
   ``moves_when`` condition holds now (the condition sees the proposal as ``on_table``);
2. linkages: for each linkage whose ``if`` term is in the package, the ``requires`` term is
   too (and, with ``same_or_earlier_phase``, placed in the same or an earlier phase);
3. value: ``V_P >= walkaway.P`` (the walk-away meter).

Response kind, in this order:

- acceptable: ``accept`` when ``V_P - walkaway >= behaviour.reservations_margin`` and no soft
  line had to move; otherwise ``accept_with_reservations``;
- not acceptable and trust.P < ``behaviour.walk_out_below`` and a hard red line is crossed:
  ``walk_out``;
- not acceptable and trust.P < ``behaviour.silence_below``: ``silence``;
- not acceptable, and a counter-proposal exists: ``counter_proposal``;
- otherwise ``reject``.

Counter-proposal: the smallest change to the proposal (fewest issues altered, at most
``behaviour.max_counter_changes``; then the least value given up by the other principals;
then scenario order) that P would accept. An alteration sets another option on an issue, defers
a deferrable issue, adds a term for an issue not on the table, or removes a term. Issues
agreed with an option are locked.

Stakeholder consent. A term that matches a stakeholder's ``consents`` entry needs that
stakeholder's consent: given when the player is the mediator with the stakeholder's id, or
when the entry's ``when`` holds. Without every consent the proposal cannot be agreed.

Agreement. When every principal accepts (with or without reservations) and every consent is
given, the proposal's terms are agreed. An issue agreed with an option is settled for good
(unless an event breaks it); an issue agreed as deferred may be proposed again later.

The general rules around it (tuned by the scenario's ``rules`` section) are applied in
``engine.py``: trust lost for crossing a hard red line, trust gained by accepting,
credibility and mutual trust gained by an agreement, credibility lost while talks stall,
diminishing returns on repeated actions.
"""
