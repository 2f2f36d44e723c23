from checklists.assessments import admin as assessments_admin  # noqa: F401  (each registers its models)
from checklists.definition import admin as definition_admin  # noqa: F401
