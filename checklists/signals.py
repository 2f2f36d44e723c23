"""What happened to rounds, assessments and action items, announced for the portal's top level to act on
(emails: cjhp/notifications.py). The apps never import the top level, so they say what happened and let it listen.

Each signal is sent by a service function inside its transaction: a receiver that writes rows writes them in the
same transaction, and a rollback leaves none.
"""

from django.dispatch import Signal

# A round was opened: assessment_round, by (who opened it).
round_opened = Signal()

# An assessment moved from one status to another: transition (a checklists.models.Transition, whose `by` did it).
assessment_transitioned = Signal()

# An action item was given to a person other than the one it had: action_item, by (who assigned it).
action_item_assigned = Signal()
