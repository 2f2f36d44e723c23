"""Admin for checklist templates, recommendations, sections and items."""
