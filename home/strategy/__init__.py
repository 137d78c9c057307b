"""The territory's digital strategy: its roadmap documents, their sections and actions (models
under the ``home`` app label), their blocks, outline, filters and exports, the open dataset of
actions, and the demo documents with their loader."""
