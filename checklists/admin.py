from checklists import assessment_admin, template_admin  # noqa: F401  (each registers its models)
