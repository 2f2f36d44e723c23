"""Admin for rounds, assessments, answers and action items."""
