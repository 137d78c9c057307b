"""The territory's digital strategy: its roadmap documents, their sections and actions (models
under the ``home`` app label), their blocks, outline, filters and exports, and the demo
documents with their loader."""
