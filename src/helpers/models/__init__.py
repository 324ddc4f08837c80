"""Trained models shipped with the package (arrays + JSON, each with a model card) and the code that trains them.

Training code imports its learners only when it runs, so importing this package needs no training extra.
"""
